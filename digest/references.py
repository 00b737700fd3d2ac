"""READ MORE references resolved to the articles they name inside the digest.

A reference's title is matched against every article title: exactly, then normalised (case,
quotes, dashes, punctuation, Unicode forms), then fuzzily with rapidfuzz.  Owns title
matching only; ranking related coverage is related.py's job.

Fuzzy threshold: a match needs a similarity of at least 85 (the better of rapidfuzz's
`ratio` and `token_sort_ratio`, 0-100), must beat the runner-up by 3 points, and 80% of the
reference's words must appear in the title (a word counts when it is at least 80% similar, so
"delay" finds "delayed"): "Ferry strike ends" scores 89 against "Ferry strike begins" but is
the opposite news, and the word check refuses it.  Measured on
the sample digest, a title with one word swapped ("snap vote" for "snap election") scores 88,
while different stories about the same event score 67-70, so 85 sits between the two with room
on both sides; the margin keeps "Budget vote delayed" from picking one of two look-alikes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

from rapidfuzz import fuzz, process

from digest.model import Article, RelatedLink

FUZZY_THRESHOLD = 85.0
FUZZY_MARGIN = 3.0
WORDS_COVERED = 0.8
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"',
                         "»": '"', "–": "-", "—": "-", "‐": "-", "\u00a0": " "})
_PUNCT = re.compile(r"[^\w]+", re.UNICODE)


def normalise_title(title: str) -> str:
    """Case-, quote-, punctuation- and Unicode-insensitive form of a title."""
    text = unicodedata.normalize("NFKC", title).translate(_QUOTES).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


def _words_covered(reference: str, title: str) -> float:
    """Share of the reference's words that (nearly) appear in the title."""
    words = reference.split()
    candidates = title.split()
    if not words:
        return 0.0
    found = sum(1 for word in words if process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=80))
    return found / len(words)


def _fuzzy_score(a: str, b: str, *, score_cutoff: float = 0.0) -> float:
    return max(fuzz.ratio(a, b, score_cutoff=score_cutoff), fuzz.token_sort_ratio(a, b, score_cutoff=score_cutoff))


@dataclass(frozen=True)
class TitleIndex:
    """All article titles, exact and normalised, for matching references."""

    exact: dict[str, str]
    normalised: dict[str, str]
    keys: tuple[str, ...]
    paths: tuple[str, ...]
    normalised_of: dict[str, str]

    @classmethod
    def of(cls, articles: Sequence[Article]) -> "TitleIndex":
        exact: dict[str, str] = {}
        normalised: dict[str, str] = {}
        normalised_of: dict[str, str] = {}
        for article in articles:
            key = normalised_of[article.path] = normalise_title(article.title)
            exact.setdefault(article.title, article.path)
            normalised.setdefault(key, article.path)
        return cls(exact, normalised, tuple(normalised), tuple(normalised.values()), normalised_of)

    def find(self, title: str, exclude: str | None = None) -> tuple[str, str] | None:
        """(content path, how) of the article a title names, or None."""
        path = self.exact.get(title)
        if path and path != exclude:
            return path, "exact"
        key = normalise_title(title)
        path = self.normalised.get(key)
        if path and path != exclude:
            return path, "normalised"
        if not key:
            return None
        best = process.extract(key, self.keys, scorer=_fuzzy_score, limit=3, score_cutoff=FUZZY_THRESHOLD - FUZZY_MARGIN)
        best = [(score, self.paths[index]) for _, score, index in best if self.paths[index] != exclude]
        best = [(score, path) for score, path in best if _words_covered(key, self.normalised_of[path]) >= WORDS_COVERED]
        if not best or best[0][0] < FUZZY_THRESHOLD:
            return None
        if len(best) > 1 and best[0][0] - best[1][0] < FUZZY_MARGIN:
            return None  # ambiguous: two titles fit about equally well
        return best[0][1], "fuzzy"


def resolve_references(articles: Sequence[Article], index: TitleIndex | None = None
                       ) -> dict[str, tuple[RelatedLink, ...]]:
    """Map each article's content path to its READ MORE references, resolved where a title matches."""
    index = index or TitleIndex.of(articles)
    resolved = {}
    for article in articles:
        links = []
        for ref in article.related:
            found = index.find(ref.title, exclude=article.path)
            links.append(RelatedLink(title=ref.title, url=ref.url, target=found[0] if found else None,
                                     match=found[1] if found else None, line=ref.line))
        resolved[article.path] = tuple(links)
    return resolved
