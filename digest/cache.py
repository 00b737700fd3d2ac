"""The per-file work cache: parsed articles and rendered Markdown, keyed by content hash.

A build given the same cache object again redoes only files whose bytes changed; global
stages (indexes, feeds, pages) are always recomputed from the cached values.  The caller
owns the cache (the preview server keeps one across rebuilds); nothing here is global.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from digest.model import Article, RenderedMarkdown


@dataclass
class BuildCache:
    """In-memory cache with counters, so tests can assert how much a rebuild redid."""

    articles: dict[tuple[str, str, str], Article] = field(default_factory=dict)
    markdown: dict[str, RenderedMarkdown] = field(default_factory=dict)
    parse_count: int = 0
    markdown_count: int = 0

    @staticmethod
    def markdown_key(body: str, summary: str | None, options: str) -> str:
        """Everything the rendered Markdown depends on."""
        digest = hashlib.sha256()
        for part in (options, summary or "", body):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()
