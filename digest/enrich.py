"""Related links: READ MORE references resolved to the articles they name in the digest.

A reference matches an article whose title is the same once case, quotes, punctuation and
Unicode forms are normalised.  Owns title matching only; does not render anything.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from digest.model import Article, RelatedLink

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-"})
_PUNCT = re.compile(r"[^\w]+", re.UNICODE)


def normalise_title(title: str) -> str:
    """Case-, quote-, punctuation- and Unicode-insensitive form of a title."""
    text = unicodedata.normalize("NFKC", title).translate(_QUOTES).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


def resolve_related(articles: Iterable[Article]) -> dict[str, tuple[RelatedLink, ...]]:
    """Map each article's content path to its references, resolved where a title matches."""
    articles = list(articles)
    by_title: dict[str, str] = {}
    for article in articles:
        by_title.setdefault(normalise_title(article.title), article.path)
    resolved = {}
    for article in articles:
        links = []
        for ref in article.related:
            target = by_title.get(normalise_title(ref.title))
            if target == article.path:
                target = None
            links.append(RelatedLink(title=ref.title, url=ref.url, target=target))
        resolved[article.path] = tuple(links)
    return resolved
