"""Candidate search for related coverage and same-story pairs: sparse TF-IDF and tag products.

For every article at once, in dense row blocks of sparse products (numpy and scipy), so 10,000
articles take about a second: each article's shortlist of candidates by text and tag score
(re-ranked by date and source), and the pairs similar enough to be one story.  related.py
ranks the shortlist; stories.py groups the pairs.  Imported only where enrichment runs (a
forked process on cold builds), so a build's main process never loads numpy or scipy.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Sequence

import numpy as np
from scipy import sparse

from digest.model import Article
from digest.related import W_DATE, W_SOURCE, W_TEXT, Candidates, tag_weights
from digest.terms import Terms

TERMS_PER_ARTICLE = 24
_BLOCK = 64  # rows per dense block: 64 x 10,000 float32 is 2.5 MB per array


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


def tag_matrix(articles: Sequence[Article]) -> sparse.csr_matrix:
    """Rows of sqrt(tag weight), so that row products sum the weights of shared tags."""
    n = len(articles)
    weights = tag_weights(articles)
    index = {slug: i for i, slug in enumerate(sorted(weights))}
    rows, cols, vals = [], [], []
    for row, article in enumerate(articles):
        for tag in article.tags:
            if tag.slug in index:
                rows.append(row)
                cols.append(index[tag.slug])
                vals.append(math.sqrt(weights[tag.slug]))
    return sparse.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)),
                             shape=(n, max(1, len(index))))


def find_candidates(articles: Sequence[Article], terms: Sequence[Terms], limit: int,
                    story_cosine: float, story_days: float) -> Candidates:
    """Sparse products in dense row blocks: the best candidates of each article, and same-story pairs.

    Text and tags pick a shortlist of three times `limit` per article (one argpartition over the
    block); date and source, which only re-rank, are scored on the shortlist alone.
    """
    n = len(articles)
    x = text_matrix(terms)
    w = tag_matrix(articles)
    xt, wt = x.T.tocsr(), w.T.tocsr()
    days = np.array([a.date.timestamp() / 86400.0 for a in articles])
    source_ids: dict[str, int] = {}
    sources = np.array([source_ids.setdefault(a.source.slug, len(source_ids)) if a.source else -1 - i
                        for i, a in enumerate(articles)])
    shortlist = min(3 * limit, n - 1)
    take = min(limit, n - 1)
    indices: list[list[int]] = []
    cosines: list[list[float]] = []
    pairs: list[tuple[int, int]] = []
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        rows = np.arange(stop - start)
        product = x[start:stop] @ xt
        cos = product.toarray()
        score = (w[start:stop] @ wt).toarray()
        np.minimum(score, 2.0, out=score)
        score += W_TEXT * cos  # weak text alone may shortlist; _score drops what has no reason
        score[rows, rows + start] = 0.0
        # same-story pairs from the product's stored values: a third of the dense block's cells
        hits = product.data >= story_cosine
        r = np.repeat(rows, np.diff(product.indptr))[hits] + start
        c = product.indices[hits]
        same = (r < c) & (np.abs(days[r] - days[c]) <= story_days) & (sources[r] != sources[c])
        pairs.extend(zip(r[same].tolist(), c[same].tolist(), product.data[hits][same].tolist()))
        if take <= 0:
            indices += [[] for _ in range(stop - start)]
            cosines += [[] for _ in range(stop - start)]
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
            indices.append(best[r][keep[r]].tolist())
            cosines.append(best_cos[r][keep[r]].tolist())
    return Candidates(indices, cosines, pairs)


def _row_order(score: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Per row, positions sorted by score (high first), then column (low first)."""
    tie = columns / (columns.max() + 1.0) if columns.size else columns
    return np.argsort(-np.round(score, 6) + tie * 1e-7, axis=1, kind="stable")
