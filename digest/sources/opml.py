"""OPML 2.0 in and out: the list of followed sources as feed readers exchange it.

Export writes one `<outline type="rss">` per subscription (text, title, xmlUrl, htmlUrl, the tags as
`category`) and the options OPML has no attribute for in digest's own namespace, so export, import
and export again give the same bytes.  Import reads any reader's OPML: nested folder outlines
give their name as a tag.  The file is parsed without a DTD, entities or network (no XXE, no
billion laughs); problems are errors located at the file's line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from digest.errors import ConfigError, Diagnostic, SourceLocation
from digest.sources.subscriptions import Subscription, check_field, is_http_url

NAMESPACE = "https://digest.invalid/ns/opml-subscriptions/1"
_OWN = ("timezone", "include", "exclude", "max_age", "full_text")


def render_opml(subscriptions: Iterable[Subscription], title: str) -> str:
    """OPML 2.0 text, one outline per subscription, attributes in a fixed order."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<opml version="2.0" xmlns:digest="{NAMESPACE}">',
             "  <head>", f"    <title>{_escape(title)}</title>", "  </head>", "  <body>"]
    for sub in subscriptions:
        attributes = [("type", "rss"), ("text", sub.name), ("title", sub.name), ("xmlUrl", sub.feed)]
        if sub.site:
            attributes.append(("htmlUrl", sub.site))
        if sub.tags:
            attributes.append(("category", ",".join(sub.tags)))
        if sub.timezone:
            attributes.append(("digest:timezone", sub.timezone))
        if sub.include:
            attributes.append(("digest:include", ",".join(sub.include)))
        if sub.exclude:
            attributes.append(("digest:exclude", ",".join(sub.exclude)))
        if sub.max_age is not None:
            attributes.append(("digest:max_age", str(sub.max_age)))
        if sub.full_text != "feed":
            attributes.append(("digest:full_text", sub.full_text))
        lines.append("    <outline " + " ".join(f'{name}="{_escape(value)}"' for name, value in attributes) + "/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def read_opml(path: Path) -> tuple[Subscription, ...]:
    """The feed outlines of an OPML file; raises ConfigError with every problem located."""
    from lxml import etree

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError.at(path, f"cannot read the OPML file: {exc.strerror or exc}") from None
    if b"<!ENTITY" in data[:65536].upper():
        raise ConfigError.at(path, "the OPML file declares XML entities; refused (entities are never expanded)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        raise ConfigError.at(path, f"not well-formed XML: {exc.msg}", line=line, column=column) from None
    if root.tag != "opml" or root.find("body") is None:
        raise ConfigError.at(path, "not an OPML file: no <opml> with a <body>", line=root.sourceline)
    problems: list[Diagnostic] = []
    found: list[Subscription] = []
    for outline, folders in _outlines(root.find("body"), ()):
        sub = _subscription(outline, folders, path, problems)
        if sub is not None:
            found.append(sub)
    if problems:
        raise ConfigError(problems)
    return tuple(found)


def merge(current: tuple[Subscription, ...], imported: tuple[Subscription, ...]
          ) -> tuple[tuple[Subscription, ...], tuple[Subscription, ...], tuple[Subscription, ...]]:
    """(all subscriptions after the import, the ones added, the ones already followed by feed URL);
    an added name already in use gets ' (2)'."""
    feeds = {sub.feed for sub in current}
    keys = {sub.key for sub in current}
    added, present = [], []
    for sub in imported:
        if sub.feed in feeds:
            present.append(sub)
            continue
        name, n = sub.name, 2
        while Subscription(name, sub.feed).key in keys:
            name, n = f"{sub.name} ({n})", n + 1
        sub = Subscription(**{**sub.__dict__, "name": name})
        feeds.add(sub.feed)
        keys.add(sub.key)
        added.append(sub)
    return (*current, *added), tuple(added), tuple(present)


def _outlines(node: Any, folders: tuple[str, ...]) -> Iterator[tuple[Any, tuple[str, ...]]]:
    """(outline element, names of the folders it sits in) for every outline with an xmlUrl."""
    for child in node:
        if not isinstance(child.tag, str) or child.tag != "outline":
            continue
        if child.get("xmlUrl") is not None:
            yield child, folders
        else:
            name = (child.get("text") or child.get("title") or "").strip()
            yield from _outlines(child, (*folders, name) if name else folders)


def _subscription(outline: Any, folders: tuple[str, ...], path: Path,
                  problems: list[Diagnostic]) -> Subscription | None:
    """One feed outline (an lxml element) -> Subscription, or None with its problem recorded."""
    where = SourceLocation(path, outline.sourceline)
    feed = (outline.get("xmlUrl") or "").strip()
    if not is_http_url(feed):
        problems.append(Diagnostic(where, f"outline xmlUrl must be an absolute http(s) URL, not {feed!r}"))
        return None
    name = (outline.get("text") or outline.get("title") or "").strip() or feed
    site = (outline.get("htmlUrl") or "").strip() or None
    if site is not None and not is_http_url(site):
        site = None  # readers write odd things here; the feed is what matters
    tags = [t.strip() for t in (outline.get("category") or "").split(",") if t.strip().strip("/")]
    tags = [t.strip("/").split("/")[-1] for t in tags] + list(folders)
    values: dict[str, object] = {}
    for field in _OWN:
        raw = outline.get(f"{{{NAMESPACE}}}{field}")
        if raw is None:
            continue
        value: object = raw
        if field in ("include", "exclude"):
            value = [w.strip() for w in raw.split(",") if w.strip()]
        elif field == "max_age":
            value = int(raw) if raw.strip().isdigit() else raw
        problem = check_field(field, value)
        if problem:
            problems.append(Diagnostic(where, f"outline {name!r}: {problem[0]}", problem[1]))
            return None
        values[field] = tuple(value) if isinstance(value, list) else value
    return Subscription(name=name, feed=feed, site=site, tags=tuple(dict.fromkeys(tags)), **values)  # type: ignore[arg-type]


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\t", "&#9;"))
