"""Related coverage: for each article, the other articles a reader should see next.

Ranks candidates by a weighted sum of signals, computed for all articles at once with sparse
matrices (scipy) in row blocks, so 10,000 articles take about a second:

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
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
from scipy import sparse

from digest.model import Article, Reason, RelatedLink, Suggestion
from digest.terms import Terms

W_TEXT, W_TAGS, W_DATE, W_SOURCE, W_STORY = 4.0, 1.0, 0.5, 0.3, 2.0
MIN_COSINE = 0.05
SIMILAR_TEXT = 0.10
TERMS_PER_ARTICLE = 24
_BLOCK = 128  # rows per dense block: 128 x 10,000 float32 is 5 MB per array


def text_matrix(terms: Sequence[Terms]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows, each pruned to its strongest terms; common and unique terms dropped.

    Vectorised with numpy: one pass in Python to number the terms, the rest on arrays.
    """
    n = len(terms)
    vocab: defaultdict[str, int] = defaultdict(lambda: len(vocab))
    ids: list[np.ndarray] = []
    tfs: list[np.ndarray] = []
    lengths = np.empty(n, dtype=np.int64)
    for row, (words, counts) in enumerate(terms):
        # numpy arrays, not lists of ints: 2 million term ids cost 16 MB, not 70
        ids.append(np.fromiter(map(vocab.__getitem__, words), dtype=np.int32, count=len(words)))
        tfs.append(np.array(counts, dtype=np.float32))
        lengths[row] = len(words)
    if not vocab:
        return sparse.csr_matrix((n, 1), dtype=np.float32)
    term = np.concatenate(ids).astype(np.int64)
    tf = np.concatenate(tfs)
    del ids, tfs
    doc = np.repeat(np.arange(n), lengths)
    df = np.bincount(term)
    cap = max(10, int(n * 0.2))  # small digests: only words in (nearly) every article are noise
    d = df[term]
    valid = (d >= 2) & (d <= cap) & (d < n)  # a term in every article says nothing
    term, doc, d = term[valid], doc[valid], d[valid]
    weight = (1.0 + np.log(tf[valid].astype(np.float64))) * np.log(n / d + 1.0)
    # per document, strongest first (weights are below 100, so one float key orders both); a stable
    # sort keeps ties in the order the terms appear in the text, so the result is deterministic
    order = np.argsort(doc * 1000.0 - weight, kind="stable")
    term, doc, weight = term[order], doc[order], weight[order]
    first = np.searchsorted(doc, doc)  # index of each document's first kept term
    keep = (np.arange(len(doc)) - first) < TERMS_PER_ARTICLE
    term, doc, weight = term[keep], doc[keep], weight[keep]
    norm = np.sqrt(np.bincount(doc, weights=weight * weight, minlength=n))
    weight = weight / np.where(norm > 0, norm, 1.0)[doc]
    return sparse.csr_matrix((weight.astype(np.float32), (doc, term)), shape=(n, len(vocab)))


def tag_matrix(articles: Sequence[Article]) -> tuple[sparse.csr_matrix, dict[str, float]]:
    """Rows of sqrt(tag weight), so that row products sum the weights of shared tags."""
    n = len(articles)
    df: Counter[str] = Counter(t.slug for a in articles for t in a.tags)
    common = n // 10 if n >= 100 else n // 2  # a tag on a tenth of a big digest says little
    weights = {slug: math.log(n / d) / math.log(n) for slug, d in df.items()
               if n > 1 and d >= 2 and d <= max(2, common)}
    index = {slug: i for i, slug in enumerate(sorted(weights))}
    rows, cols, vals = [], [], []
    for row, article in enumerate(articles):
        for tag in article.tags:
            if tag.slug in index:
                rows.append(row)
                cols.append(index[tag.slug])
                vals.append(math.sqrt(weights[tag.slug]))
    return sparse.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)),
                             shape=(n, max(1, len(index)))), weights


@dataclass(frozen=True)
class Candidates:
    """For each article, its best candidates with their text and tag scores (pass 1 output)."""

    indices: list[np.ndarray]
    cosine: list[np.ndarray]
    story_pairs: list[tuple[int, int]]


def find_candidates(articles: Sequence[Article], terms: Sequence[Terms], limit: int,
                    story_cosine: float, story_days: float) -> Candidates:
    """Sparse products in dense row blocks: the best candidates of each article, and same-story pairs.

    Text and tags pick a shortlist of three times `limit` per article (one argpartition over the
    block); date and source, which only re-rank, are scored on the shortlist alone.
    """
    n = len(articles)
    x = text_matrix(terms)
    w, _ = tag_matrix(articles)
    xt, wt = x.T.tocsr(), w.T.tocsr()
    days = np.array([a.date.timestamp() / 86400.0 for a in articles])
    source_ids: dict[str, int] = {}
    sources = np.array([source_ids.setdefault(a.source.slug, len(source_ids)) if a.source else -1 - i
                        for i, a in enumerate(articles)])
    shortlist = min(3 * limit, n - 1)
    take = min(limit, n - 1)
    indices: list[np.ndarray] = []
    cosines: list[np.ndarray] = []
    pairs: list[tuple[int, int]] = []
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        rows = np.arange(stop - start)
        cos = (x[start:stop] @ xt).toarray()
        score = (w[start:stop] @ wt).toarray()
        np.minimum(score, 2.0, out=score)
        score += W_TEXT * cos  # weak text alone may shortlist; _score drops what has no reason
        score[rows, rows + start] = 0.0
        r, c = np.nonzero(cos >= story_cosine)
        r += start
        same = (r < c) & (np.abs(days[r] - days[c]) <= story_days) & (sources[r] != sources[c])
        pairs.extend(zip(r[same].tolist(), c[same].tolist()))
        if take <= 0:
            indices += [np.empty(0, dtype=np.int64)] * (stop - start)
            cosines += [np.empty(0)] * (stop - start)
            continue
        short = np.argpartition(-score, shortlist - 1, axis=1)[:, :shortlist] if shortlist < n else \
            np.tile(np.arange(n), (stop - start, 1))
        base = np.take_along_axis(score, short, axis=1)
        gap = np.abs(days[start:stop, None] - days[short])
        full = base + (base > 0) * (W_DATE * np.exp(-gap / 30.0)
                                    + W_SOURCE * (sources[start:stop, None] == sources[short]))
        # best first; equal scores in column order, so the result never depends on argpartition's order
        order = _row_order(full, short)[:, :take]
        best = np.take_along_axis(short, order, axis=1)
        best_cos = np.take_along_axis(cos, best, axis=1)
        keep = np.take_along_axis(full, order, axis=1) > 0
        for r in range(stop - start):
            indices.append(best[r][keep[r]])
            cosines.append(best_cos[r][keep[r]])
    return Candidates(indices, cosines, pairs)


def _row_order(score: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Per row, positions sorted by score (high first), then column (low first)."""
    tie = columns / (columns.max() + 1.0) if columns.size else columns
    return np.argsort(-np.round(score, 6) + tie * 1e-7, axis=1, kind="stable")


@dataclass(frozen=True)
class _Profile:
    """What scoring needs of one article, computed once."""

    stamp: float
    tags: dict[str, str]  # meaningful tag slug -> name
    source: str | None
    source_name: str | None


def rank_related(articles: Sequence[Article], terms: Sequence[Terms],
                 references: Mapping[str, tuple[RelatedLink, ...]], story_of: Mapping[str, int],
                 count: int, story_cosine: float, story_days: float,
                 candidates: Candidates | None = None) -> dict[str, tuple[Suggestion, ...]]:
    """The top `count` related articles of each article, with reasons."""
    n = len(articles)
    if n < 2 or count <= 0:
        return {a.path: () for a in articles}
    candidates = candidates or find_candidates(articles, terms, count + 5, story_cosine, story_days)
    position = {a.path: i for i, a in enumerate(articles)}
    slug_of = {a.slug: a.path for a in articles}
    by_title = {a.title.casefold(): a.path for a in articles}
    _, tag_weights = tag_matrix(articles)
    profiles = [_Profile(a.date.timestamp(), {t.slug: t.name for t in a.tags if t.slug in tag_weights},
                         a.source.slug if a.source else None, a.source.name if a.source else None)
                for a in articles]
    stories = [story_of.get(a.path) for a in articles]
    pool: dict[tuple[str, str], Reason] = {}
    result: dict[str, tuple[Suggestion, ...]] = {}
    for i, article in enumerate(articles):
        banned = {slug_of.get(x) or by_title.get(x.casefold()) for x in article.related_exclude}
        scored: dict[int, tuple[float, list[Reason]]] = {}
        for j, cos in zip(candidates.indices[i].tolist(), candidates.cosine[i].tolist()):
            scored[j] = _score(i, j, cos, profiles, stories, tag_weights, pool)
        for link in references.get(article.path, ()):
            if link.target:
                j = position[link.target]
                base, reasons = scored.get(j) or _score(i, j, 0.0, profiles, stories, tag_weights, pool)
                scored[j] = (base + 100.0, [_reason(pool, "referenced")] + reasons)
        ranked = sorted(((round(score, 6), j, reasons) for j, (score, reasons) in scored.items()
                         if reasons and j != i and articles[j].path not in banned),
                        key=lambda item: (-item[0], -profiles[item[1]].stamp, articles[item[1]].slug))
        result[article.path] = tuple(Suggestion(articles[j].path, score, tuple(reasons))
                                     for score, j, reasons in ranked[:count])
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
