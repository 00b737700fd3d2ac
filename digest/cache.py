"""The build cache: per-file work kept between builds, keyed by content hash.

Parsed articles, rendered Markdown, the terms related coverage uses, the last enrichment
(with the fingerprint of its inputs) and the fingerprint of every output page.  In memory it is
a plain object the caller owns (the preview server keeps one); a CacheStore keeps it in
`.digest-cache/` between runs.  Every part file ends with a checksum of its bytes: a part
written by another digest version, one that does not unpickle, or one whose checksum does not
match (a flipped byte) is thrown away and rebuilt -- never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from digest import __version__
from digest.markdown import OPTIONS_KEY, MarkdownRenderer, new_renderer
from digest.model import Article, RenderedMarkdown
from digest.terms import Terms

FORMAT = f"digest-cache 12 {__version__} {OPTIONS_KEY} python{sys.version_info[:2]}"
PARTS = ("articles", "markdown", "terms", "enrichment", "search", "pages", "views", "files", "templates")


@dataclass
class BuildCache:
    """Everything worth keeping between builds, with counters so tests can assert how much was redone."""

    articles: dict[tuple[str, str, str], Article] = field(default_factory=dict)
    markdown: dict[str, RenderedMarkdown] = field(default_factory=dict)
    enrichment: tuple[str, Any] | None = None  # (key, Enrichment)
    enrichment_state: Any = None  # enrich.EnrichmentState: what the next enrichment starts from
    files: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # rel -> size, mtime_ns, sha256
    pages: dict[str, str] = field(default_factory=dict)  # output path -> key of what made it (incremental.py)
    views: dict[str, Any] = field(default_factory=dict)  # digests of article views (incremental.MadeDigests)
    templates: dict[str, bytes] = field(default_factory=dict)  # compiled templates (templates.CompiledTemplates)
    parse_count: int = 0
    markdown_count: int = 0
    render_count: int = 0
    enrich_count: int = 0
    compile_count: int = 0
    used: dict[str, set] = field(default_factory=lambda: {part: set() for part in PARTS})
    _renderer: MarkdownRenderer | None = None
    _shared: dict[Any, Any] = field(default_factory=dict)
    _terms: dict[str, Terms] | None = None
    _terms_folder: Path | None = None
    _fresh_terms: dict[str, Terms] = field(default_factory=dict)
    _saved: set[str] = field(default_factory=set)  # parts this build has written already
    _search: bytes | None = None  # the pickled candidate-search index (candidates.SearchIndex)
    _search_folder: Path | None = None
    _search_changed: bool = False

    def search_index(self) -> bytes | None:
        """The candidate search's index, read from disk on first use (only when enrichment runs
        again: it holds every article's terms, so a build that reuses the enrichment never reads it)."""
        if self._search is None and self._search_folder is not None:
            try:
                loaded = _read_part(self._search_folder, "search")
                # only the index made with the enrichment kept beside it (a build that failed after
                # saving its index early leaves a newer one: then the search starts afresh)
                state = self.enrichment_state
                if (isinstance(loaded, tuple) and state is not None
                        and loaded[0] == f"{state.token}:{state.generation}"):
                    self._search = loaded[1]
            except Exception:  # a missing or bad index only costs a whole search
                pass
            self._search_folder = None
        return self._search

    def set_search_index(self, index: bytes) -> None:
        self._search, self._search_folder, self._search_changed = index, None, True

    @property
    def terms(self) -> dict[str, Terms]:
        """Cached term counts, read from disk on first use (only when enrichment runs again)."""
        if self._terms is None:
            self._terms = {}
            if self._terms_folder is not None:
                try:
                    loaded = _read_part(self._terms_folder, "terms")
                    if isinstance(loaded, dict):
                        self._terms = loaded
                except Exception:  # a missing or bad terms file only costs recounting the terms
                    pass
            self._terms.update(self._fresh_terms)
            self._fresh_terms.clear()
        return self._terms

    def release_terms(self, folder: Path) -> None:
        """Let go of the term counts once this build has saved them to `folder` and enriched: the
        pages never need them (13 MB at 10,000 articles), and a later use reads them back."""
        if "terms" in self._saved:
            self._terms, self._fresh_terms, self._terms_folder = None, {}, folder

    def add_terms(self, key: str, terms: Terms) -> None:
        """Terms of a freshly parsed article, kept without reading the stored ones: a build whose
        enrichment is reused never needs them, and then its stored terms file already holds them."""
        if self._terms is not None:
            self._terms[key] = terms
        else:
            self._fresh_terms[key] = terms

    def share(self, article: Article) -> Article:
        """The article with its tags and source replaced by shared equal objects: thousands of
        articles then hold one object per tag and source, and the cache loads faster."""
        tags = tuple(self._shared.setdefault(tag, tag) for tag in article.tags)
        source = self._shared.setdefault(article.source, article.source) if article.source else None
        return replace(article, tags=tags, source=source)

    def renderer(self) -> MarkdownRenderer:
        """The Markdown renderer, created on first use (a no-op rebuild never needs one)."""
        if self._renderer is None:
            self._renderer = new_renderer()
        return self._renderer

    @staticmethod
    def markdown_key(body_key: str, summary: str | None, options: str) -> str:
        """Everything the rendered Markdown depends on (`body_key` stands for the body)."""
        digest = hashlib.sha256()
        for part in (options, summary or "", body_key):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()

    def terms_of(self, article: Article) -> Terms | None:
        """Term counts for related coverage, cached by the text they come from (None: not stored)."""
        self.used["terms"].add(article.terms_key)
        if self._terms is None and article.terms_key in self._fresh_terms:
            return self._fresh_terms[article.terms_key]  # just counted: no need to read the stored ones
        return self.terms.get(article.terms_key)


class CorruptCache(Exception):
    """A cache part whose checksum does not match its bytes."""


class _Summed:
    """A file wrapper that hashes every byte read or written through it."""

    def __init__(self, handle: Any) -> None:
        self.handle, self.sum = handle, hashlib.blake2b(digest_size=16)

    def write(self, data: bytes) -> int:
        self.sum.update(data)
        return self.handle.write(data)

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.sum.update(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self.handle.readline(size)
        self.sum.update(data)
        return data


def _read_part(folder: Path, part: str) -> Any:
    """One part file; FileNotFoundError when absent, ValueError when foreign, CorruptCache when its
    checksum does not match, anything else when it does not unpickle."""
    with open(folder / f"{part}.pickle", "rb") as raw:
        handle = _Summed(raw)
        header = pickle.load(handle)  # type: ignore[arg-type]
        if header != FORMAT:
            raise ValueError(header)
        chunks = pickle.load(handle)  # type: ignore[arg-type]
        if chunks is None:
            value = pickle.load(handle)  # type: ignore[arg-type]
        else:
            value = {}
            for _ in range(chunks):
                value.update(pickle.load(handle))  # type: ignore[arg-type]
        if pickle.load(raw) != handle.sum.hexdigest() or raw.read(1):
            raise CorruptCache(part)
        return value


_CHUNK = 2000


def _write_part(folder: Path, part: str, value: Any) -> None:
    """Atomically; big mappings in chunks, so pickling never holds a memo of every object at once."""
    temp = folder / f"{part}.pickle.tmp"
    with open(temp, "wb") as raw:
        handle: Any = _Summed(raw)
        pickle.dump(FORMAT, handle, protocol=pickle.HIGHEST_PROTOCOL)
        if isinstance(value, dict) and len(value) > _CHUNK:
            items = list(value.items())
            pickle.dump(-(-len(items) // _CHUNK), handle, protocol=pickle.HIGHEST_PROTOCOL)
            for start in range(0, len(items), _CHUNK):
                pickle.dump(dict(items[start:start + _CHUNK]), handle, protocol=pickle.HIGHEST_PROTOCOL)
        else:
            pickle.dump(None, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(handle.sum.hexdigest(), raw, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temp, folder / f"{part}.pickle")


def load_cache(folder: Path) -> tuple[BuildCache, str | None]:
    """The cache kept in `folder`, or a fresh one and a note saying why the old one was dropped.

    The terms and search parts are read only if enrichment has to run again (see BuildCache.terms)."""
    cache = BuildCache()
    data = {}
    try:
        for part in ("articles", "markdown", "enrichment", "pages", "views", "files", "templates"):
            data[part] = _read_part(folder, part)
    except FileNotFoundError:
        return cache, None
    except ValueError as exc:
        return cache, f"cache from another digest version ({exc.args[0]!r}) rebuilt"
    except Exception as exc:  # any unpickling failure means the file cannot be trusted
        return cache, f"unreadable cache ({type(exc).__name__}) rebuilt"
    if not (isinstance(data["articles"], dict) and isinstance(data["markdown"], dict)
            and isinstance(data["pages"], dict) and isinstance(data["views"], dict)
            and isinstance(data["files"], dict) and isinstance(data["templates"], dict)):
        return cache, "unreadable cache (unexpected contents) rebuilt"
    cache.articles, cache.markdown = data["articles"], data["markdown"]
    if not (isinstance(data["enrichment"], tuple) and len(data["enrichment"]) == 2):
        return cache, "unreadable cache (unexpected contents) rebuilt"
    (cache.enrichment, cache.enrichment_state), cache.pages, cache.files = data["enrichment"], data["pages"], data["files"]
    cache.views, cache.templates = data["views"], data["templates"]
    cache._terms_folder = cache._search_folder = folder
    for article in cache.articles.values():
        for tag in article.tags:
            cache._shared.setdefault(tag, tag)
        if article.source:
            cache._shared.setdefault(article.source, article.source)
    return cache, None


FINAL_AFTER_PARSING = ("articles", "markdown", "files", "terms")  # parts no later stage changes


def save_cache(cache: BuildCache, folder: Path, only: tuple[str, ...] = PARTS) -> None:
    """Write the parts this build changed, each atomically, keeping only entries it used.

    `only` limits the write to some parts (a build saves FINAL_AFTER_PARSING early, while a forked
    process searches related coverage); a part written once in a build is not written again."""
    used = cache.used
    wanted = [part for part in only if part not in cache._saved]
    values: dict[str, Any] = {}
    for part in wanted:
        if part == "articles" and (cache.parse_count or set(cache.articles) != used["articles"]):
            values[part] = {k: v for k, v in cache.articles.items() if k in used["articles"]}
        elif part == "markdown" and (cache.markdown_count or set(cache.markdown) != used["markdown"]):
            values[part] = {k: v for k, v in cache.markdown.items() if k in used["markdown"]}
        elif part == "terms" and (cache._terms is not None or (cache._fresh_terms and (
                cache._terms_folder is None or not (folder / "terms.pickle").exists()))):
            # a new cache's terms; or all of them, once read (the enrichment state holds the terms
            # an incremental search counted afresh, and a lost one is counted again from its file)
            values[part] = {k: v for k, v in cache.terms.items() if k in used["terms"]}
        elif part == "enrichment" and (cache.enrich_count or not (folder / "enrichment.pickle").exists()):
            values[part] = (cache.enrichment, cache.enrichment_state)
        elif part == "search" and cache._search_changed and cache.enrichment_state is not None:
            state = cache.enrichment_state
            values[part] = (f"{state.token}:{state.generation}", cache._search)
        elif part == "pages":
            values[part] = cache.pages
        elif part == "views":
            values[part] = cache.views
        elif part == "files":
            values[part] = cache.files
        elif part == "templates" and (cache.compile_count or set(cache.templates) != used["templates"]):
            values[part] = {k: v for k, v in cache.templates.items() if k in used["templates"]}
    folder.mkdir(parents=True, exist_ok=True)
    for part, value in values.items():
        _write_part(folder, part, value)
    if "search" in values:
        cache._search_changed = False
    if set(only) == set(PARTS):
        cache._saved.clear()  # the build is saved: the next build (same cache object) starts afresh
    else:
        cache._saved.update(wanted)


@dataclass(frozen=True)
class CacheStore:
    """The build cache on disk: the one place it is read and written.  Whoever runs builds owns
    it (the CLI; a preview server would keep its BuildCache in memory and save it the same way):
    load, hand the cache to build(), save.  A build may also hand back the parts no later stage
    changes early (`save_parsed`), while a forked process searches related coverage."""

    folder: Path

    def load(self) -> tuple[BuildCache, str | None]:
        """The stored cache, or a fresh one and a note saying why the old one was dropped."""
        return load_cache(self.folder)

    def save_parsed(self, cache: BuildCache) -> None:
        """Save what parsing made (no later stage changes it) and let go of the term counts."""
        save_cache(cache, self.folder, FINAL_AFTER_PARSING)
        cache.release_terms(self.folder)

    def save_search(self, cache: BuildCache) -> None:
        """Save a new candidate-search index now and let go of it: the pages never need it (and
        the page workers forked later would each hold it)."""
        if cache._search_changed:
            save_cache(cache, self.folder, ("search",))
            cache._search, cache._search_folder = None, self.folder

    def save(self, cache: BuildCache) -> None:
        """Save every part this build changed (those saved early are not written twice)."""
        save_cache(cache, self.folder)
