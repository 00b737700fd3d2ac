"""The build cache: per-file work kept between builds, keyed by content hash.

Parsed articles, rendered Markdown, the terms related coverage uses, the last enrichment
(with the fingerprint of its inputs) and the fingerprint of every output page.  In memory it is
a plain object the caller owns (the preview server keeps one); `load_cache` / `save_cache`
keep it in `.digest-cache/` between runs.  A cache written by another digest version, or one
that does not unpickle, is thrown away and rebuilt -- never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from digest import __version__
from digest.markdown import OPTIONS_KEY, MarkdownRenderer, new_renderer
from digest.model import Article, RenderedMarkdown
from digest.related import LEDE_CHARACTERS, Terms, article_terms

FORMAT = f"digest-cache 3 {__version__} {OPTIONS_KEY} python{sys.version_info[:2]}"
PARTS = ("articles", "markdown", "terms", "enrichment", "pages")


@dataclass
class BuildCache:
    """Everything worth keeping between builds, with counters so tests can assert how much was redone."""

    articles: dict[tuple[str, str, str], Article] = field(default_factory=dict)
    markdown: dict[str, RenderedMarkdown] = field(default_factory=dict)
    terms: dict[str, Terms] = field(default_factory=dict)
    enrichment: tuple[str, Any] | None = None
    pages: dict[str, str] = field(default_factory=dict)  # output path -> fingerprint of what made it
    parse_count: int = 0
    markdown_count: int = 0
    render_count: int = 0
    enrich_count: int = 0
    used: dict[str, set] = field(default_factory=lambda: {part: set() for part in PARTS})
    _renderer: MarkdownRenderer | None = None

    def renderer(self) -> MarkdownRenderer:
        """The Markdown renderer, created on first use (a no-op rebuild never needs one)."""
        if self._renderer is None:
            self._renderer = new_renderer()
        return self._renderer

    @staticmethod
    def markdown_key(body: str, summary: str | None, options: str) -> str:
        """Everything the rendered Markdown depends on."""
        digest = hashlib.sha256()
        for part in (options, summary or "", body):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()

    @staticmethod
    def terms_key(article: Article) -> str:
        """Related coverage reads the title, summary and lede only: an edit further down keeps the key."""
        text = "\x00".join((article.title, article.summary or "", article.body[:LEDE_CHARACTERS]))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def terms_of(self, article: Article) -> Terms:
        """Term counts for related coverage, cached by the text they come from."""
        key = self.terms_key(article)
        self.used["terms"].add(key)
        terms = self.terms.get(key)
        if terms is None:
            terms = self.terms[key] = article_terms(article)
        return terms


def cache_folder(root: Path) -> Path:
    return root / ".digest-cache"


def load_cache(folder: Path) -> tuple[BuildCache, str | None]:
    """The cache kept in `folder`, or a fresh one and a note saying why the old one was dropped."""
    cache = BuildCache()
    try:
        with open(folder / "cache.pickle", "rb") as handle:
            header = pickle.load(handle)
            if header != FORMAT:
                return cache, f"cache from another digest version ({header!r}) rebuilt"
            data = pickle.load(handle)
    except FileNotFoundError:
        return cache, None
    except Exception as exc:  # any unpickling failure means the file cannot be trusted
        return cache, f"unreadable cache ({type(exc).__name__}) rebuilt"
    if not isinstance(data, dict) or set(data) != set(PARTS):
        return cache, "unreadable cache (unexpected contents) rebuilt"
    cache.articles, cache.markdown, cache.terms = data["articles"], data["markdown"], data["terms"]
    cache.enrichment, cache.pages = data["enrichment"], data["pages"]
    return cache, None


def save_cache(cache: BuildCache, folder: Path) -> None:
    """Keep what this build used (older entries are dropped), atomically."""
    used = cache.used
    data = {
        "articles": {k: v for k, v in cache.articles.items() if k in used["articles"]},
        "markdown": {k: v for k, v in cache.markdown.items() if k in used["markdown"]},
        "terms": {k: v for k, v in cache.terms.items() if k in used["terms"]},
        "enrichment": cache.enrichment,
        "pages": cache.pages,
    }
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / "cache.pickle.tmp"
    with open(temp, "wb") as handle:
        pickle.dump(FORMAT, handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temp, folder / "cache.pickle")
