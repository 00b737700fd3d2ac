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
import re
from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
from scipy import sparse

from digest.model import Article, Reason, RelatedLink, Suggestion

W_TEXT, W_TAGS, W_DATE, W_SOURCE, W_STORY = 4.0, 1.0, 0.5, 0.3, 2.0
MIN_COSINE = 0.05
SIMILAR_TEXT = 0.10
TERMS_PER_ARTICLE = 24
LEDE_CHARACTERS = 2000
_TOKEN = re.compile(r"[^\W\d_]{3,}")
_BLOCK = 512


def article_terms(article: Article) -> Counter[str]:
    """Term counts of title (weighted 3x), summary and the lede: the part that says what a story is about."""
    text = " ".join((article.title, article.title, article.title, article.summary or "",
                     article.body[:LEDE_CHARACTERS])).casefold()
    return Counter(_TOKEN.findall(text))


def text_matrix(terms: Sequence[Counter[str]]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows, each pruned to its strongest terms; common and unique terms dropped."""
    n = len(terms)
    df: Counter[str] = Counter()
    for counts in terms:
        df.update(counts.keys())
    cap = max(2, int(n * 0.2)) if n >= 10 else n
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for row, counts in enumerate(terms):
        weighted = []
        for term, tf in counts.items():
            d = df[term]
            if d < 2 or d > cap:
                continue
            weighted.append(((1.0 + math.log(tf)) * math.log(n / d + 1.0), term))
        weighted.sort(reverse=True)
        top = weighted[:TERMS_PER_ARTICLE]
        norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
        for w, term in top:
            rows.append(row)
            cols.append(vocab.setdefault(term, len(vocab)))
            vals.append(w / norm)
    return sparse.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=(n, max(1, len(vocab))))


def tag_matrix(articles: Sequence[Article]) -> tuple[sparse.csr_matrix, dict[str, float]]:
    """Rows of sqrt(tag weight), so that row products sum the weights of shared tags."""
    n = len(articles)
    df: Counter[str] = Counter(t.slug for a in articles for t in a.tags)
    weights = {slug: math.log(n / d) / math.log(n) for slug, d in df.items()
               if n > 1 and d >= 2 and d <= max(2, n // 2)}
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


def find_candidates(articles: Sequence[Article], terms: Sequence[Counter[str]], limit: int,
                    story_cosine: float, story_days: float) -> Candidates:
    """Block-wise sparse products: top candidates per article, and same-story pairs."""
    n = len(articles)
    x = text_matrix(terms)
    w, _ = tag_matrix(articles)
    xt, wt = x.T.tocsr(), w.T.tocsr()
    days = np.array([a.date.timestamp() / 86400.0 for a in articles])
    source_ids: dict[str, int] = {}
    sources = np.array([source_ids.setdefault(a.source.slug, len(source_ids)) if a.source else -1 - i
                        for i, a in enumerate(articles)])
    indices, cosines, pairs = [], [], []
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        cos = (x[start:stop] @ xt).toarray()
        tags = np.minimum((w[start:stop] @ wt).toarray(), 2.0)
        gap = np.abs(days[start:stop, None] - days[None, :])
        same_source = sources[start:stop, None] == sources[None, :]
        score = W_TEXT * cos + W_TAGS * tags + W_DATE * np.exp(-gap / 30.0) + W_SOURCE * same_source
        score[(cos < MIN_COSINE) & (tags <= 0)] = 0.0
        rows = np.arange(stop - start)
        score[rows, rows + start] = 0.0
        story = (cos >= story_cosine) & (gap <= story_days) & ~same_source
        for r, c in zip(*np.nonzero(story)):
            if start + r < c:
                pairs.append((int(start + r), int(c)))
        take = min(limit, n - 1)
        if take <= 0:
            indices += [np.empty(0, dtype=int)] * (stop - start)
            cosines += [np.empty(0)] * (stop - start)
            continue
        best = np.argpartition(-score, take - 1, axis=1)[:, :take] if take < n else np.argsort(-score, axis=1)
        for r in range(stop - start):
            keep = best[r][score[r, best[r]] > 0]
            indices.append(keep)
            cosines.append(cos[r, keep])
    return Candidates(indices, cosines, pairs)


def rank_related(articles: Sequence[Article], terms: Sequence[Counter[str]],
                 references: Mapping[str, tuple[RelatedLink, ...]], story_of: Mapping[str, int],
                 count: int, story_cosine: float, story_days: float,
                 candidates: Candidates | None = None) -> dict[str, tuple[Suggestion, ...]]:
    """The top `count` related articles of each article, with reasons."""
    n = len(articles)
    if n < 2 or count <= 0:
        return {a.path: () for a in articles}
    candidates = candidates or find_candidates(articles, terms, count + 8, story_cosine, story_days)
    position = {a.path: i for i, a in enumerate(articles)}
    slug_of = {a.slug: a.path for a in articles}
    by_title = {a.title.casefold(): a.path for a in articles}
    _, tag_weights = tag_matrix(articles)
    result: dict[str, tuple[Suggestion, ...]] = {}
    for i, article in enumerate(articles):
        banned = {slug_of.get(x) or by_title.get(x.casefold()) for x in article.related_exclude}
        pinned = [link.target for link in references.get(article.path, ()) if link.target]
        scored: dict[int, tuple[float, list[Reason]]] = {}
        for j, cos in zip(candidates.indices[i].tolist(), candidates.cosine[i].tolist()):
            scored[j] = _score(article, articles[j], cos, tag_weights, story_of)
        for target in pinned:
            j = position[target]
            base, reasons = scored.get(j) or _score(article, articles[j], 0.0, tag_weights, story_of)
            scored[j] = (base + 100.0, [Reason("referenced")] + reasons)
        ranked = sorted(((round(score, 6), j, reasons) for j, (score, reasons) in scored.items()
                         if articles[j].path not in banned and j != i and reasons),
                        key=lambda item: (-item[0], -articles[item[1]].date.timestamp(), articles[item[1]].slug))
        result[article.path] = tuple(Suggestion(articles[j].path, score, tuple(reasons))
                                     for score, j, reasons in ranked[:count])
    return result


def _score(article: Article, other: Article, cos: float, tag_weights: Mapping[str, float],
           story_of: Mapping[str, int]) -> tuple[float, list[Reason]]:
    """The full score of one candidate, and the reasons a reader would recognise."""
    reasons: list[Reason] = []
    score = 0.0
    story = story_of.get(article.path)
    if story is not None and story_of.get(other.path) == story:
        score += W_STORY
        reasons.append(Reason("same story"))
    if cos >= MIN_COSINE:
        score += W_TEXT * cos
        if cos >= SIMILAR_TEXT:
            reasons.append(Reason("similar text"))
    mine = {t.slug: t.name for t in article.tags}
    shared = [mine[t.slug] for t in other.tags if t.slug in mine and t.slug in tag_weights]
    if shared:
        score += W_TAGS * min(2.0, sum(tag_weights[t.slug] for t in other.tags
                                       if t.slug in mine and t.slug in tag_weights))
        reasons.append(Reason("shared tags", ", ".join(shared)))
    if not reasons:
        return 0.0, []
    gap = abs(article.date.timestamp() - other.date.timestamp()) / 86400.0
    score += W_DATE * math.exp(-gap / 30.0)
    if article.source and other.source and article.source.slug == other.source.slug:
        score += W_SOURCE
        reasons.append(Reason("same source", article.source.name))
    return score, reasons
