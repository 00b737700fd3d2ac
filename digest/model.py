"""The values that flow between build stages.  Frozen dataclasses; no I/O, no behaviour
beyond derived properties.

    content.py  -> Article          (one parsed content file)
    markdown.py -> RenderedMarkdown (HTML, summary, reading time of one body)
    enrich/     -> RelatedLink      (a READ MORE reference, resolved)
    assemble.py -> Site             (every published article, ordered and indexed)
    render.py / feeds.py -> Job -> (incremental.py, executor.py) -> OutputFile | KeptFile
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime
from typing import Any, Mapping

import lz4.block

from digest.config import SiteConfig


@dataclass(frozen=True)
class Source:
    """Where an article was first published."""

    name: str
    url: str | None
    slug: str


@dataclass(frozen=True)
class RelatedRef:
    """A READ MORE style reference as written in front matter."""

    title: str
    url: str | None = None
    line: int | None = None  # file line of the entry, for messages


@dataclass(frozen=True)
class Term:
    """A tag, source or author: display name (as written, case kept) and URL slug."""

    name: str
    slug: str


@dataclass(frozen=True)
class Article:
    """One content file, parsed and validated.  `path` is relative to the content folder.

    The Markdown body is not kept: it is rendered (and its terms counted) as soon as it is parsed,
    so a build holds 10,000 articles' metadata, not their text.  `body_key` and `terms_key` stand
    for the body and for the part of it related coverage reads."""

    path: str
    title: str
    date: datetime
    body_key: str
    terms_key: str
    body_line: int
    slug: str
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    source: Source | None = None
    tags: tuple[Term, ...] = ()
    summary: str | None = None
    image: str | None = None
    language: str | None = None
    draft: bool = False
    review: tuple[str, ...] = ()     # what the curator must still fill in or check (imported drafts)
    undated: bool = False            # a draft without a date: never built
    sample: bool = False
    related: tuple[RelatedRef, ...] = ()
    related_exclude: tuple[str, ...] = ()
    imported: Mapping[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)


def pack_html(html: str) -> bytes:
    """HTML as a build holds it in memory: LZ4-compressed (see RenderedMarkdown)."""
    return lz4.block.compress(html.encode("utf-8"))


def unpack_html(data: bytes) -> str:
    return lz4.block.decompress(data).decode("utf-8")


@dataclass(frozen=True)
class RenderedMarkdown:
    """The result of rendering one body: cached by content hash.

    The HTML is kept LZ4-compressed (half the size): a build holds every article's HTML but needs
    it only for the pages and feeds it re-renders.  LZ4 rather than zlib: five times quicker both
    ways (10 and 4 microseconds for a 4 KB article), which is a second of CPU at 10,000 articles."""

    html_z: bytes
    summary: str
    word_count: int
    key: str = ""  # the cache key it was rendered from: stands for the whole value in page fingerprints
    standfirst: str = ""  # the front matter's summary when it does not repeat the body's first paragraph

    @classmethod
    def of(cls, html: str, summary: str, word_count: int, key: str = "", standfirst: str = "") -> "RenderedMarkdown":
        return cls(pack_html(html), summary, word_count, key, standfirst)

    @property
    def html(self) -> str:
        return unpack_html(self.html_z)

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / 230))


@dataclass(frozen=True)
class RelatedLink:
    """A resolved reference: `target` is the article it names inside the digest, if any."""

    title: str
    url: str | None
    target: str | None  # content path of the matched article
    match: str | None = None  # exact | normalised | fuzzy
    line: int | None = None

    @property
    def internal(self) -> bool:
        return self.target is not None


@dataclass(frozen=True)
class Reason:
    """Why an article is related: kind is referenced | same story | similar text | shared tags | same source."""

    kind: str
    detail: str = ""


@dataclass(frozen=True)
class Suggestion:
    """One related article (by content path) with its score and reasons."""

    target: str
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Entry:
    """A published article with everything derived from it: URL, HTML, links, coverage."""

    article: Article
    url: str  # site-relative path, e.g. /2015/09/slug/
    rendered: RenderedMarkdown
    related: tuple[RelatedLink, ...]
    coverage: tuple[Suggestion, ...] = ()
    story: tuple[str, ...] = ()  # content paths of the other reports of the same story, newest first
    edition: date | None = None


@dataclass(frozen=True)
class Group:
    """A taxonomy term (tag, source, year...) with its entries, newest first."""

    term: Term
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Edition:
    """One daily or weekly issue of the digest: its articles and the curator's intro."""

    day: date
    title: str
    entries: tuple[Entry, ...]
    intro_title: str | None = None
    intro: RenderedMarkdown | None = None

    @property
    def slug(self) -> str:
        return self.day.isoformat()


@dataclass(frozen=True)
class Site:
    """Everything the renderers need; entries newest first."""

    config: SiteConfig
    entries: tuple[Entry, ...]
    taxonomies: Mapping[str, tuple[Group, ...]]  # by taxonomy name (pagekinds.TAXONOMIES): tags, sources, authors
    years: tuple[Group, ...]
    months: tuple[Group, ...]  # term.slug is 'yyyy/mm'
    editions: tuple[Edition, ...] = ()
    front: tuple[Entry, ...] = ()  # the home page list: one entry per story

    @property
    def tags(self) -> tuple[Group, ...]:
        return self.taxonomies["tags"]

    @property
    def sources(self) -> tuple[Group, ...]:
        return self.taxonomies["sources"]

    @property
    def authors(self) -> tuple[Group, ...]:
        return self.taxonomies["authors"]

    def entry(self, path: str) -> Entry:
        return self._by_path[path]

    @cached_property
    def _by_path(self) -> dict[str, Entry]:
        return {e.article.path: e for e in self.entries}


@dataclass(frozen=True)
class OutputFile:
    """One file of the built site: path relative to the output folder, its bytes, and the key of
    what made it (see incremental.py)."""

    path: str
    data: bytes
    key: str = ""


@dataclass(frozen=True)
class KeptFile:
    """An output made from exactly what made it last time: the file in the output folder stays."""

    path: str
    key: str
