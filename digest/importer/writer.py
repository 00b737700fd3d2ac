"""ImportedArticle -> `content/<yyyy>/<mm>/<slug>.md`, never losing work.

Owns the front matter layout (the contract in the content-format spec), the index of what
`content/` already holds (to report `unchanged` and `duplicate of <file>` and to protect files
the curator edited since import) and the only file writes of the importer (atomic: temp file +
rename).  Does not extract anything.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import yaml

from digest.importer.article import ImportedArticle
from digest.importer.literal import render_blocks
from digest.slug import slugify

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n---[ \t]*(?:\n|\Z)", re.S)

Status = Literal["imported", "updated", "unchanged", "duplicate", "skipped"]


@dataclass(frozen=True)
class Rendered:
    """An article as the bytes it will be written as, and where (relative to the content dir)."""

    relative_path: Path
    text: str
    body_sha256: str
    title_key: str
    source_url: str | None


@dataclass
class Entry:
    """What the index knows about one Markdown file in the content dir."""

    path: Path
    text: str
    title_key: str | None = None
    source_url: str | None = None
    origin: str | None = None
    sha256: str | None = None
    recorded_body_sha256: str | None = None
    body_sha256: str | None = None

    @property
    def edited(self) -> bool:
        """True when the body no longer hashes to what the importer wrote (or no hash was recorded)."""
        return self.recorded_body_sha256 is None or self.recorded_body_sha256 != self.body_sha256


@dataclass
class ContentIndex:
    """The Markdown files under the content dir, keyed the ways the importer needs to look them up."""

    root: Path
    by_path: dict[Path, Entry] = field(default_factory=dict)
    by_input: dict[tuple[str, str], Entry] = field(default_factory=dict)
    by_url: dict[str, Entry] = field(default_factory=dict)
    by_title: dict[str, list[Entry]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> "ContentIndex":
        """Read the front matter of every `*.md` file under `root` (missing root: empty index)."""
        index = cls(root)
        if root.is_dir():
            for path in sorted(root.rglob("*.md")):
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    text = ""
                index.add(_entry_from_text(path, text))
        return index

    def add(self, entry: Entry) -> None:
        """Add or replace the entry for one file."""
        self.by_path[entry.path] = entry
        if entry.origin and entry.sha256:
            self.by_input[(entry.origin, entry.sha256)] = entry
        if entry.source_url:
            self.by_url.setdefault(_url_key(entry.source_url), entry)
        if entry.title_key:
            same = [e for e in self.by_title.get(entry.title_key, []) if e.path != entry.path]
            self.by_title[entry.title_key] = [*same, entry]


@dataclass(frozen=True)
class Decision:
    """What to do with one article: the status, the file concerned, and the text to write if any."""

    status: Status
    path: Path
    text: str | None = None
    reason: str | None = None


def render_article(article: ImportedArticle) -> Rendered:
    """Front matter + escaped body, and the path `<yyyy>/<mm>/<slug>.md` (or `undated/<slug>.md`)."""
    body = render_blocks(article.blocks)
    body_sha = hashlib.sha256(body.strip().encode("utf-8")).hexdigest()
    meta: dict[str, Any] = {"title": article.title}
    if article.date is not None:
        meta["date"] = article.date.isoformat()
    if article.updated is not None:
        meta["updated"] = article.updated.isoformat()
    if article.author:
        meta["author"] = article.author[0] if len(article.author) == 1 else list(article.author)
    if article.source_name:
        meta["source"] = {"name": article.source_name}
        if article.source_url:
            meta["source"]["url"] = article.source_url
    if article.tags:
        meta["tags"] = list(article.tags)
    if article.summary:
        meta["summary"] = article.summary
    if article.image:
        meta["image"] = article.image
    if article.language:
        meta["language"] = article.language
    if article.related:
        meta["related"] = [{"title": r.title, **({"url": r.url} if r.url else {})} for r in article.related]
    if article.review:
        meta["draft"] = True
        meta["review"] = list(article.review)
    meta["imported"] = {"from": article.origin, "format": article.format, "sha256": article.sha256,
                        "body_sha256": body_sha}
    front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000,
                      default_flow_style=False)
    slug = slugify(article.title, max_words=6) or article.sha256[:12]
    if isinstance(article.date, (datetime, date)):
        folder = Path(f"{article.date.year:04d}") / f"{article.date.month:02d}"
    else:
        folder = Path("undated")
    return Rendered(folder / f"{slug}.md", f"---\n{front}---\n\n{body}", body_sha,
                    title_key(article.title, article.date), article.source_url)


def decide(rendered: Rendered, article: ImportedArticle, index: ContentIndex, *, force: bool,
           reapply: bool = False) -> Decision:
    """Imported / updated / unchanged / duplicate / skipped, following the never-lose-work rules.

    The same input again is `unchanged`, unless `reapply` (options such as --source were given)
    changes what would be written and the file was not edited by hand.  Another input is a
    duplicate only when it names the same original URL, or has the same title, day and body."""
    same_input = index.by_input.get((article.origin, article.sha256))
    if same_input is not None:
        if same_input.text == rendered.text or not (force or reapply):
            return Decision("unchanged", same_input.path)
        if same_input.edited and not force:
            return Decision("skipped", same_input.path, reason="edited since import; use --force to overwrite")
        return Decision("updated", same_input.path, rendered.text)
    same_title = index.by_title.get(rendered.title_key, [])
    by_url = index.by_url.get(_url_key(rendered.source_url)) if rendered.source_url else None
    changed_input = next((e for e in ([by_url] if by_url else []) + same_title if e.origin == article.origin), None)
    target = index.root / rendered.relative_path
    if changed_input is not None:  # the raw file changed since it was imported
        if changed_input.edited and not force:
            return Decision("skipped", changed_input.path, reason="edited since import; use --force to overwrite")
        return Decision("updated", changed_input.path, rendered.text)
    twin = by_url or next((e for e in same_title if e.body_sha256 == rendered.body_sha256), None)
    if twin is not None:
        if force and twin.path == target:
            return Decision("updated", twin.path, rendered.text)
        return Decision("duplicate", twin.path)
    return Decision("imported", _free_path(target, index), rendered.text)


def entry_for(path: Path, text: str) -> Entry:
    """The index entry for a file the importer has just written."""
    return _entry_from_text(path, text)


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file in the same folder and a rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def title_key(title: str, when: object) -> str:
    """Same title on the same calendar day = the same article."""
    day = ""
    if isinstance(when, (datetime, date)):
        day = when.date().isoformat() if isinstance(when, datetime) else when.isoformat()
    elif isinstance(when, str):
        day = when.strip()[:10]
    return re.sub(r"\W+", " ", title.casefold()).strip() + "|" + day


def _free_path(target: Path, index: ContentIndex) -> Path:
    candidate, n = target, 2
    while candidate in index.by_path or candidate.exists():
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
        n += 1
    return candidate


def _url_key(url: str | None) -> str:
    if not url:
        return ""
    url = re.sub(r"^https?://(www\.)?", "", url.strip().lower())
    return url.split("#")[0].rstrip("/")


def _entry_from_text(path: Path, text: str) -> Entry:
    entry = Entry(path, text)
    match = _FRONT.match(text)
    if not match:
        return entry
    try:
        meta = yaml.load(match["yaml"], Loader=_Loader)
    except yaml.YAMLError:
        return entry
    if not isinstance(meta, dict):
        return entry
    body = text[match.end():]
    entry.body_sha256 = hashlib.sha256(body.strip().encode("utf-8")).hexdigest()
    if isinstance(meta.get("title"), str):
        entry.title_key = title_key(meta["title"], meta.get("date"))
    source = meta.get("source")
    if isinstance(source, dict) and isinstance(source.get("url"), str):
        entry.source_url = source["url"]
    imported = meta.get("imported")
    if isinstance(imported, dict):
        entry.origin = str(imported.get("from")) if imported.get("from") else None
        entry.sha256 = str(imported.get("sha256")) if imported.get("sha256") else None
        entry.recorded_body_sha256 = str(imported.get("body_sha256")) if imported.get("body_sha256") else None
    return entry
