"""Related coverage: for each article, the other articles a reader should see next.

Ranks the candidates that candidates.py finds (with sparse matrices, in row blocks) by a
weighted sum of signals:

    referenced (a READ MORE reference or a pinned `related` entry)   always first
    same story (stories.py)                                           +2.0
    similar text: TF-IDF cosine of title and lede                     +4.0 x cosine
    shared tags, each weighted by rarity log(N/df)/log(N)             +1.0 x sum (at most 2)
    date proximity exp(-days/30)                                      +0.5 x proximity
    same source                                                       +0.3

Date and source only re-rank: an article needs similar text, a shared tag, a reference or the
same story to be related at all.  Terms in more than a fifth of the articles (and tags on more than
half) are ignored as meaningless.  Ties are broken by date (newer first) then slug, so the result
is deterministic.  `related_exclude` bans an article.  Owns ranking; not the title matching
(references.py) nor clustering (stories.py).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

from digest.model import Article, Reason, RelatedLink, Suggestion

W_TEXT, W_TAGS, W_DATE, W_SOURCE, W_STORY = 4.0, 1.0, 0.5, 0.3, 2.0
MIN_COSINE = 0.05
SIMILAR_TEXT = 0.10


@dataclass(frozen=True)
class Candidates:
    """For each article (by position), its best candidates and their text cosines, best first;
    and the pairs of positions similar enough to be one story.  Plain lists: ranking runs without numpy."""

    indices: list[list[int]]
    cosine: list[list[float]]
    story_pairs: list[tuple[int, int, float]]  # (i, j, cosine)


def tag_weights(articles: Sequence[Article]) -> dict[str, float]:
    """Each meaningful tag's weight, log(N/df)/log(N): rare tags say more than common ones."""
    n = len(articles)
    df: Counter[str] = Counter(t.slug for a in articles for t in a.tags)
    common = n // 10 if n >= 100 else n // 2  # a tag on a tenth of a big digest says little
    return {slug: math.log(n / d) / math.log(n) for slug, d in df.items()
            if n > 1 and d >= 2 and d <= max(2, common)}


@dataclass(frozen=True)
class _Profile:
    """What scoring needs of one article, computed once."""

    stamp: float
    tags: dict[str, str]  # meaningful tag slug -> name
    source: str | None
    source_name: str | None


def rank_related(articles: Sequence[Article], references: Mapping[str, tuple[RelatedLink, ...]],
                 story_of: Mapping[str, int],
                 count: int, candidates: Candidates) -> dict[str, tuple[Suggestion, ...]]:
    """The top `count` related articles of each article, with reasons."""
    n = len(articles)
    if n < 2 or count <= 0:
        return {a.path: () for a in articles}
    position = {a.path: i for i, a in enumerate(articles)}
    slug_of = {a.slug: a.path for a in articles}
    by_title = {a.title.casefold(): a.path for a in articles}
    weights = tag_weights(articles)
    profiles = [_Profile(a.date.timestamp(), {t.slug: t.name for t in a.tags if t.slug in weights},
                         a.source.slug if a.source else None, a.source.name if a.source else None)
                for a in articles]
    stories = [story_of.get(a.path) for a in articles]
    # ties go to the newer article, then the lower slug: one number per article stands for both
    tiebreak = [0] * n
    for place, j in enumerate(sorted(range(n), key=lambda j: (-profiles[j].stamp, articles[j].slug))):
        tiebreak[j] = place
    pool: dict[tuple[str, str], Reason] = {}
    result: dict[str, tuple[Suggestion, ...]] = {}
    for i, article in enumerate(articles):
        scored: dict[int, tuple[float, list[Reason]]] = {}
        for j, cos in zip(candidates.indices[i], candidates.cosine[i]):
            scored[j] = _score(i, j, cos, profiles, stories, weights, pool)
        for link in references.get(article.path, ()):
            if link.target:
                j = position[link.target]
                base, reasons = scored.get(j) or _score(i, j, 0.0, profiles, stories, weights, pool)
                scored[j] = (base + 100.0, [_reason(pool, "referenced")] + reasons)
        scored.pop(i, None)
        if article.related_exclude:
            for x in article.related_exclude:
                banned = slug_of.get(x) or by_title.get(x.casefold())
                if banned is not None:
                    scored.pop(position[banned], None)
        ranked = sorted((-round(score, 6), tiebreak[j], j, reasons) for j, (score, reasons) in scored.items()
                        if reasons)
        result[article.path] = tuple(Suggestion(articles[j].path, -score, tuple(reasons))
                                     for score, _, j, reasons in ranked[:count])
    return result


def _reason(pool: dict[tuple[str, str], Reason], kind: str, detail: str = "") -> Reason:
    """One shared Reason per distinct value: 50,000 suggestions hold a few thousand reasons,
    which keeps the cached enrichment small and quick to load."""
    key = (kind, detail)
    found = pool.get(key)
    if found is None:
        found = pool[key] = Reason(kind, detail)
    return found


def _score(i: int, j: int, cos: float, profiles: Sequence[_Profile], stories: Sequence[int | None],
           tag_weights: Mapping[str, float], pool: dict[tuple[str, str], Reason]) -> tuple[float, list[Reason]]:
    """The full score of candidate j for article i, and the reasons a reader would recognise."""
    mine, other = profiles[i], profiles[j]
    reasons: list[Reason] = []
    score = 0.0
    if stories[i] is not None and stories[i] == stories[j]:
        score += W_STORY
        reasons.append(_reason(pool, "same story"))
    if cos >= MIN_COSINE:
        score += W_TEXT * cos
        if cos >= SIMILAR_TEXT:
            reasons.append(_reason(pool, "similar text"))
    shared = [slug for slug in other.tags if slug in mine.tags]
    if shared:
        score += W_TAGS * min(2.0, sum(tag_weights[slug] for slug in shared))
        reasons.append(_reason(pool, "shared tags", ", ".join(mine.tags[slug] for slug in shared)))
    if not reasons:
        return 0.0, []
    score += W_DATE * math.exp(-abs(mine.stamp - other.stamp) / 86400.0 / 30.0)
    if mine.source is not None and mine.source == other.source:
        score += W_SOURCE
        reasons.append(_reason(pool, "same source", mine.source_name or ""))
    return score, reasons
