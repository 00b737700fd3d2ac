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
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

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
    tag_weights: dict[str, float]  # each meaningful tag's weight (candidates.tag_weights_of)


def search_inputs(article: Article) -> tuple:
    """What the candidate search reads of an article (beyond its terms, named by terms_key): an
    article whose inputs are unchanged need not be searched again for its own sake."""
    return (article.terms_key, article.date.timestamp(), article.source.slug if article.source else None,
            tuple(t.slug for t in article.tags))


@dataclass(frozen=True)
class _Profile:
    """What scoring needs of one article, computed once."""

    stamp: float
    tags: dict[str, str]  # meaningful tag slug -> name
    source: str | None
    source_name: str | None


def rank_related(articles: Sequence[Article], references: Mapping[str, tuple[RelatedLink, ...]],
                 story_of: Mapping[str, int],
                 count: int, candidates: Candidates, rows: Iterable[int] | None = None,
                 pool: dict[tuple[str, str], Reason] | None = None) -> dict[str, tuple[Suggestion, ...]]:
    """The top `count` related articles of each article (of `rows` only, if given), with reasons.

    `story_of` names each article's story by anything equal for its members alone."""
    n = len(articles)
    if n < 2 or count <= 0:
        return {articles[i].path: () for i in (range(n) if rows is None else rows)}
    position = {a.path: i for i, a in enumerate(articles)}
    slug_of = {a.slug: a.path for a in articles}
    by_title = {a.title.casefold(): a.path for a in articles}
    weights = candidates.tag_weights
    profiles = _Profiles(articles, weights)
    stories = [story_of.get(a.path) for a in articles]
    pool = {} if pool is None else pool
    result: dict[str, tuple[Suggestion, ...]] = {}
    for i in (range(n) if rows is None else rows):
        article = articles[i]
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
        # ties go to the newer article, then the lower slug
        ranked = sorted((-round(score, 6), -profiles[j].stamp, articles[j].slug, j, reasons)
                        for j, (score, reasons) in scored.items() if reasons)
        result[article.path] = tuple(Suggestion(articles[j].path, -score, tuple(reasons))
                                     for score, _, _, j, reasons in ranked[:count])
    return result


class _Profiles:
    """Each article's profile, made when first asked for (an incremental ranking asks for few)."""

    def __init__(self, articles: Sequence[Article], weights: Mapping[str, float]) -> None:
        self.articles, self.weights, self.made = articles, weights, {}

    def __getitem__(self, j: int) -> _Profile:
        found = self.made.get(j)
        if found is None:
            a = self.articles[j]
            found = self.made[j] = _Profile(a.date.timestamp(), {t.slug: t.name for t in a.tags
                                                                 if t.slug in self.weights},
                                            a.source.slug if a.source else None, a.source.name if a.source else None)
        return found


def _reason(pool: dict[tuple[str, str], Reason], kind: str, detail: str = "") -> Reason:
    """One shared Reason per distinct value: 50,000 suggestions hold a few thousand reasons,
    which keeps the cached enrichment small and quick to load."""
    key = (kind, detail)
    found = pool.get(key)
    if found is None:
        found = pool[key] = Reason(kind, detail)
    return found


def _score(i: int, j: int, cos: float, profiles: Any, stories: Sequence[Any],
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
