"""The per-file work cache: parsed articles and rendered Markdown, keyed by content hash.

A build given the same cache object again redoes only files whose bytes changed; global
stages (indexes, feeds, pages) are always recomputed from the cached values.  The caller
owns the cache (the preview server keeps one across rebuilds); nothing here is global.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from digest.markdown import MarkdownRenderer, new_renderer
from digest.model import Article, RenderedMarkdown
from digest.related import article_terms


@dataclass
class BuildCache:
    """In-memory cache with counters, so tests can assert how much a rebuild redid."""

    articles: dict[tuple[str, str, str], Article] = field(default_factory=dict)
    markdown: dict[str, RenderedMarkdown] = field(default_factory=dict)
    terms: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    parse_count: int = 0
    markdown_count: int = 0
    _renderer: MarkdownRenderer | None = None

    def renderer(self) -> MarkdownRenderer:
        """The Markdown renderer, created on first use (a no-op rebuild never needs one)."""
        if self._renderer is None:
            self._renderer = new_renderer()
        return self._renderer

    def terms_of(self, article: Article) -> Counter[str]:
        """Term counts for related coverage, cached by the text they come from."""
        key = (article.title + "\x00" + (article.summary or ""), article.body)
        counts = self.terms.get(key)
        if counts is None:
            counts = self.terms[key] = article_terms(article)
        return counts

    @staticmethod
    def markdown_key(body: str, summary: str | None, options: str) -> str:
        """Everything the rendered Markdown depends on."""
        digest = hashlib.sha256()
        for part in (options, summary or "", body):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()
