"""The `subscriptions:` option of digest.yaml: one `Subscription` per followed outlet.

Validated like every other option, each problem located at its line and column; rendered back
as the YAML block `digest subscriptions import` and a permanent redirect write.  Named
`subscriptions` so as not to clash with an article's `source` and the /sources/ pages.  Does no
network access and knows nothing of the inbox.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from digest.errors import Diagnostic, SourceLocation
from digest.slug import slugify

KEY = "subscriptions"
FIELDS = ("name", "feed", "site", "tags", "timezone", "include", "exclude", "max_age", "full_text")
FULL_TEXT = ("feed", "fetch")


@dataclass(frozen=True)
class Subscription:
    """One followed outlet.  `include` / `exclude`: words an entry's title or summary must (not)
    contain; `max_age`: days after which an entry is too old to take (None: no limit);
    `full_text`: `fetch` fetches the article page when the feed carries only a summary."""

    name: str
    feed: str
    site: str | None = None
    tags: tuple[str, ...] = ()
    timezone: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_age: int | None = None
    full_text: str = "feed"

    @property
    def key(self) -> str:
        """The name as a file-safe key (state and stored feeds are kept under it)."""
        return slugify(self.name) or "source"


def parse_subscriptions(text: str, path: str) -> tuple[Subscription, ...] | list[Diagnostic]:
    """The subscriptions of a digest.yaml text, or every problem found (each with its line and column)."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return ()  # the config loader reports YAML syntax errors
    finally:
        loader.dispose()
    if not isinstance(root, yaml.MappingNode):
        return ()
    node = next((value for key, value in root.value if isinstance(key, yaml.ScalarNode) and key.value == KEY), None)
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        return ()
    problems: list[Diagnostic] = []

    def at(n: yaml.Node, message: str, hint: str | None = None) -> None:
        problems.append(Diagnostic(SourceLocation(path, n.start_mark.line + 1, n.start_mark.column + 1), message, hint))

    if not isinstance(node, yaml.SequenceNode):
        at(node, "'subscriptions' must be a list of sources", "each item: name: ..., feed: https://...")
        return problems
    found: list[Subscription] = []
    names: dict[str, int] = {}
    for number, item in enumerate(node.value, 1):
        sub = _subscription(item, number, at, yaml.SafeLoader(""))
        if sub is None:
            continue
        if sub.key in names:
            at(item, f"subscription {number}: the name {sub.name!r} is already used by subscription "
                     f"{names[sub.key]}", "give each source its own name")
            continue
        names[sub.key] = number
        found.append(sub)
    return problems if problems else tuple(found)


def _subscription(item: yaml.Node, number: int, at: Callable[..., None], constructor: yaml.SafeLoader) -> Subscription | None:
    """One list item -> Subscription, reporting each bad field at its value."""
    if not isinstance(item, yaml.MappingNode):
        at(item, f"subscription {number} must be a mapping with 'name' and 'feed'")
        return None
    values: dict[str, Any] = {}
    ok = True
    for key_node, value_node in item.value:
        key = key_node.value
        if key not in FIELDS:
            close = [f for f in FIELDS if f[:3] == str(key)[:3]]
            at(key_node, f"subscription {number}: unknown key '{key}'",
               f"did you mean '{close[0]}'?" if close else "keys are " + ", ".join(FIELDS))
            ok = False
            continue
        value = constructor.construct_object(value_node, deep=True)
        problem = check_field(key, value)
        if problem:
            at(value_node, f"subscription {number}: {problem[0]}", problem[1])
            ok = False
            continue
        values[key] = value
    for required in ("name", "feed"):
        if required not in values and ok:
            at(item, f"subscription {number} has no '{required}'",
               "e.g. name: Harbour Wire" if required == "name" else "e.g. feed: https://wire.example/feed.xml")
            ok = False
    if not ok:
        return None
    return Subscription(
        name=values["name"].strip(), feed=values["feed"], site=values.get("site"),
        tags=tuple(values.get("tags") or ()), timezone=values.get("timezone"),
        include=tuple(values.get("include") or ()), exclude=tuple(values.get("exclude") or ()),
        max_age=values.get("max_age"), full_text=values.get("full_text", "feed"))


def check_field(key: str, value: Any) -> tuple[str, str | None] | None:
    """(message, hint) when `value` is not acceptable for field `key` of a subscription."""
    if key == "name":
        if not isinstance(value, str) or not value.strip():
            return f"'name' must be some text, not {value!r}", None
    elif key in ("feed", "site"):
        if not isinstance(value, str) or not is_http_url(value):
            return f"'{key}' must be an absolute http(s) URL, not {value!r}", "e.g. https://wire.example/feed.xml"
    elif key in ("tags", "include", "exclude"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return f"'{key}' must be a list of words, not {value!r}", f"e.g. {key}: [transport, ports]"
    elif key == "timezone":
        try:
            ZoneInfo(str(value))
            known = isinstance(value, str)
        except (ZoneInfoNotFoundError, ValueError):
            known = False
        if not known:
            return f"unknown timezone {value!r}", "use an IANA name such as Europe/London or UTC"
    elif key == "max_age":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            return f"'max_age' must be a whole number of days, at least 1, not {value!r}", None
    elif key == "full_text":
        if value not in FULL_TEXT:
            return f"'full_text' must be fetch or feed, not {value!r}", \
                "fetch: the article page is fetched when the feed has only a summary"
    return None


def is_http_url(value: str) -> bool:
    """An absolute http(s) URL with a host."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def render_block(subscriptions: tuple[Subscription, ...]) -> str:
    """The `subscriptions:` block of digest.yaml (strings as JSON, which YAML reads as written)."""
    if not subscriptions:
        return f"{KEY}: []\n"
    lines = [f"{KEY}:"]
    for sub in subscriptions:
        lines.append(f"  - name: {_scalar(sub.name)}")
        lines.append(f"    feed: {_scalar(sub.feed)}")
        if sub.site:
            lines.append(f"    site: {_scalar(sub.site)}")
        for name in ("tags", "include", "exclude"):
            words = getattr(sub, name)
            if words:
                lines.append(f"    {name}: [{', '.join(_scalar(w) for w in words)}]")
        if sub.timezone:
            lines.append(f"    timezone: {_scalar(sub.timezone)}")
        if sub.max_age is not None:
            lines.append(f"    max_age: {sub.max_age}")
        if sub.full_text != "feed":
            lines.append(f"    full_text: {sub.full_text}")
    return "\n".join(lines) + "\n"


def replace_block(config_text: str, subscriptions: tuple[Subscription, ...]) -> str:
    """digest.yaml's text with its `subscriptions:` block replaced (or appended), the rest untouched."""
    lines = config_text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(rf"{KEY}\s*:", line)), None)
    block = render_block(subscriptions)
    if start is None:
        prefix = config_text if not config_text or config_text.endswith("\n") else config_text + "\n"
        return prefix + ("\n" if prefix.strip() else "") + block
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t-"):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines after the block stay where they were
    return "".join(lines[:start]) + block + "".join(lines[end:])


def _scalar(text: str) -> str:
    plain = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ._/-]*", text) is not None and text == text.strip() \
        and text.lower() not in ("yes", "no", "on", "off", "true", "false", "null") and not text[0].isdigit()
    return text if plain else json.dumps(text, ensure_ascii=False)
