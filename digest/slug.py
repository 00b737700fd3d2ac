"""Slugs: the URL-safe names of articles, tags, sources and authors.

One rule for the whole program, so that the importer's file names, the build's permalinks and
the taxonomy pages agree.  Does not decide *where* a slug is used (see urls.py / assemble.py).
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[\u2019\u2018'`\u00b4]")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def slugify(text: str, max_words: int | None = None, max_length: int = 80) -> str:
    """Lower-case, accent-free, hyphen-separated slug; keeps non-Latin letters (e.g. Cyrillic).

    `max_words` cuts at a word boundary (the importer uses 6 for short, readable URLs);
    `max_length` is a hard cap, also cut at a word boundary where possible.
    """
    if not text.isascii():  # the common case skips the per-character work
        # NFC again after folding: a compatibility character can fold into decomposed letters
        text = unicodedata.normalize("NFC", "".join(_fold(ch) for ch in unicodedata.normalize("NFC", text)))
    text = _APOSTROPHES.sub("", text.lower())
    text = text.replace("&", " and ").replace("_", " ")
    words = [w for w in _NOT_WORD.split(text) if w]
    if max_words is not None:
        words = words[:max_words]
    slug = "-".join(words)
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug


def _fold(ch: str) -> str:
    """Drop accents from Latin letters (é -> e) but keep other scripts whole (й stays й)."""
    base = unicodedata.normalize("NFKD", ch)
    if base and base[0].isascii():
        return "".join(c for c in base if not unicodedata.combining(c))
    return ch
