"""The terms of an article that related coverage compares: title (three times), summary and lede.

Kept apart from related.py so the cache can extract and store terms without importing numpy.
"""

from __future__ import annotations

import re
import sys
from collections import Counter

from digest.model import Article

LEDE_CHARACTERS = 1500
_TOKEN = re.compile(r"\w{3,}")

Terms = tuple[tuple[str, ...], tuple[int, ...]]
"""An article's distinct terms (interned, so 10,000 articles share one copy of each word) and counts."""


def article_terms(article: Article) -> Terms:
    """Term counts of title (weighted 3x), summary and the lede: the part that says what a story is about."""
    text = " ".join((article.title, article.title, article.title, article.summary or "",
                     article.body[:LEDE_CHARACTERS])).casefold()
    counts = Counter(_TOKEN.findall(text))
    return tuple(map(sys.intern, counts.keys())), tuple(counts.values())
