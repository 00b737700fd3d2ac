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
        quick = self.find_quick(title, exclude)
        if quick is not None or not normalise_title(title):
            return quick
        return self.find_fuzzy([normalise_title(title)], [exclude])[0]

    def find_quick(self, title: str, exclude: str | None = None) -> tuple[str, str] | None:
        """Exact, then normalised title match."""
        path = self.exact.get(title)
        if path and path != exclude:
            return path, "exact"
        path = self.normalised.get(normalise_title(title))
        if path and path != exclude:
            return path, "normalised"
        return None

    def find_fuzzy(self, keys: list[str], excludes: list[str | None]) -> list[tuple[str, str] | None]:
        """Fuzzy matches for many normalised titles at once.

        A match must share most of its words with the reference, so only titles that share one of
        the reference's less common words are compared (all titles when it has none).
        """
        if not keys or not self.keys:
            return [None] * len(keys)
        postings: dict[str, list[int]] = {}
        for number, title in enumerate(self.keys):
            for word in set(title.split()):
                postings.setdefault(word, []).append(number)
        common = max(50, len(self.keys) // 50)
        cutoff = FUZZY_THRESHOLD - FUZZY_MARGIN
        found: list[tuple[str, str] | None] = []
        for key, exclude in zip(keys, excludes):
            lists = [postings[w] for w in set(key.split()) if w in postings and len(postings[w]) <= common]
            columns = sorted(set().union(*lists)) if lists else range(len(self.keys))
            choices = [self.keys[c] for c in columns]
            scores: dict[int, float] = {}
            for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
                for _, score, at in process.extract(key, choices, scorer=scorer, processor=None, limit=5,
                                                    score_cutoff=cutoff):
                    scores[columns[at]] = max(score, scores.get(columns[at], 0.0))
            best = sorted(((score, self.paths[c]) for c, score in scores.items()
                           if self.paths[c] != exclude and _words_covered(key, self.keys[c]) >= WORDS_COVERED),
                          key=lambda item: (-item[0], item[1]))
            if not best or best[0][0] < FUZZY_THRESHOLD or (len(best) > 1 and best[0][0] - best[1][0] < FUZZY_MARGIN):
                found.append(None)  # nothing close enough, or two titles fit about equally well
            else:
                found.append((best[0][1], "fuzzy"))
        return found


def resolve_references(articles: Sequence[Article], index: TitleIndex | None = None
                       ) -> dict[str, tuple[RelatedLink, ...]]:
    """Map each article's content path to its READ MORE references, resolved where a title matches."""
    index = index or TitleIndex.of(articles)
    quick = {(a.path, n): index.find_quick(ref.title, a.path) for a in articles for n, ref in enumerate(a.related)}
    pending = [(a.path, n, normalise_title(ref.title)) for a in articles for n, ref in enumerate(a.related)
               if quick[(a.path, n)] is None and normalise_title(ref.title)]
    fuzzy = dict(zip(((path, n) for path, n, _ in pending),
                     index.find_fuzzy([key for _, _, key in pending], [path for path, _, _ in pending])))
    resolved = {}
    for article in articles:
        links = []
        for n, ref in enumerate(article.related):
            found = quick[(article.path, n)] or fuzzy.get((article.path, n))
            links.append(RelatedLink(title=ref.title, url=ref.url, target=found[0] if found else None,
                                     match=found[1] if found else None, line=ref.line))
        resolved[article.path] = tuple(links)
    return resolved
