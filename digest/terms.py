"""The terms of an article that related coverage compares: title (three times), summary and lede.

Counted where a file is parsed (often a worker process), so nothing here imports numpy;
candidates.py turns the terms of every article into TF-IDF vectors.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter

LEDE_CHARACTERS = 1500
_TOKEN = re.compile(r"\w{3,}")

Terms = tuple[tuple[str, ...], tuple[int, ...]]
"""An article's distinct terms (interned, so 10,000 articles share one copy of each word) and counts."""


def text_terms(title: str, summary: str | None, body: str) -> Terms:
    """Term counts of title (weighted 3x), summary and the lede: the part that says what a story is about."""
    text = " ".join((title, title, title, summary or "", body[:LEDE_CHARACTERS])).casefold()
    counts = Counter(_TOKEN.findall(text))
    return tuple(map(sys.intern, counts.keys())), tuple(counts.values())


def terms_key(title: str, summary: str | None, body: str) -> str:
    """Everything the terms are made of: an edit below the lede keeps the key."""
    text = "\x00".join((title, summary or "", body[:LEDE_CHARACTERS]))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
