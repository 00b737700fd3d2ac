"""Candidate search for related coverage and same-story pairs: an inverted index over terms and tags.

Each article's text is a TF-IDF vector of its strongest terms; each meaningful tag is a feature
too.  Two articles are compared only where they share a feature: a rare one (held by at most
`RARE` articles) at any distance in time, a common one only within `WINDOW_DAYS` (blocking by
time window).  That is also the definition of the score: the text cosine and shared-tag weight of
two articles count common terms and tags only when the two are that close in time -- "council" or
"ferry" say two reports belong together in the same week, not five years apart; names and rare
words say it at any distance.  So the search is exact under its own weights, and its work grows
with the articles times the holders of a common feature within a week of each (near-linear for
an archive that grows in time), not with the square of the articles.  Each article keeps its best
`limit` candidates (related.py ranks them) and the pairs similar enough to be one story
(stories.py groups them).  bench/bench_enrich.py --recall compares it with an exact search of
every pair, with and without the time window.

Weights are local, so that one changed article changes few results: a term's IDF (and a tag's
weight) comes from its document frequency rounded down to a bucket (exact up to 16, then four
buckets per doubling), and the corpus size likewise.  A term's weight changes only when its
count crosses a bucket boundary, and then only the articles holding it are searched again
(`update`): every result is a function of an article and the articles it shares a feature
with, so searching only the rows a change can reach gives what a clean search gives.
Imported only where enrichment runs (numpy and scipy stay out of a no-op build).
"""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import chain
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np
from scipy import sparse

from digest.model import Article
from digest.enrich.related import W_DATE, W_SOURCE, W_TEXT, Candidates, search_inputs
from digest.terms import Terms

TERMS_PER_ARTICLE = 24
RARE = 48  # a feature held by at most this many articles (bucketed) pairs all its holders
WINDOW_DAYS = 3.0  # a common feature pairs only articles this close in time (>= STORY_DAYS)
_CHUNK = 1_000_000  # shared postings expanded at once (about 40 MB of arrays)


def bucket(counts: np.ndarray | int) -> np.ndarray:
    """Counts rounded down to a bucket: exact up to 16, then four buckets per doubling."""
    d = np.asarray(counts, dtype=np.float64)
    step = np.floor(4.0 * np.log2(np.maximum(d, 16.0) / 16.0) + 1e-9) / 4.0
    return np.where(d <= 16, d, np.floor(16.0 * np.exp2(step)))


def term_signature(df: np.ndarray, n_bucket: float) -> np.ndarray:
    """Per term, its bucketed document frequency if it counts (-1 if not): weights and rarity
    depend on this alone (and on the corpus bucket)."""
    d = bucket(df)
    cap = max(10.0, math.floor(n_bucket * 0.2))  # small digests: words in (nearly) every article are noise
    valid = (d >= 2) & (d <= cap) & (d < n_bucket)
    return np.where(valid, d, -1.0)


def tag_weights_of(articles: Sequence[Article], n_bucket: float) -> dict[str, float]:
    """Each meaningful tag's weight, log(N/df)/log(N) over bucketed counts: rare tags say more."""
    df: dict[str, int] = {}
    for article in articles:
        for tag in article.tags:
            df[tag.slug] = df.get(tag.slug, 0) + 1
    if not df or n_bucket <= 1:
        return {}
    common = n_bucket // 10 if n_bucket >= 100 else n_bucket // 2  # a tag on a tenth of a big digest says little
    slugs = sorted(df)
    d = bucket(np.array([df[s] for s in slugs]))
    return {slug: math.log(n_bucket / b) / math.log(n_bucket) for slug, b in zip(slugs, d.tolist())
            if b >= 2 and b <= max(2, common) and b < n_bucket}


@dataclass(frozen=True)
class SearchIndex:
    """What a search leaves for the next one: per article (content-path order) what it read, its
    terms, its best candidates and story pairs; the weights in force."""

    paths: tuple[str, ...]
    inputs: tuple[Any, ...]  # what the search reads of each article: a change means searching again
    vocab: np.ndarray  # sorted terms (str array)
    indptr: np.ndarray  # all terms of each article: ids into vocab, counts
    ids: np.ndarray
    counts: np.ndarray
    n_bucket: float
    signature: np.ndarray  # term_signature per vocab id
    tag_weights: Mapping[str, float]
    limit: int
    best: np.ndarray  # (n, limit) positions of each article's candidates, -1 where none
    cosine: np.ndarray  # (n, limit)
    pairs: np.ndarray  # (p, 2) positions i < j of same-story pairs
    pair_cosine: np.ndarray
    rows: np.ndarray  # the rows the search that made this index searched

    def candidates(self) -> Candidates:
        keep = self.best >= 0
        return Candidates([row[k].tolist() for row, k in zip(self.best, keep)],
                          [row[k].tolist() for row, k in zip(self.cosine, keep)],
                          list(zip(self.pairs[:, 0].tolist(), self.pairs[:, 1].tolist(), self.pair_cosine.tolist())),
                          dict(self.tag_weights))


def find_candidates(articles: Sequence[Article], terms: Sequence[Terms], limit: int,
                    story_cosine: float, story_days: float) -> Candidates:
    """Search every article (a clean search): the best candidates of each and the same-story pairs."""
    return update(None, articles, lambda i: terms[i], limit, story_cosine, story_days).candidates()


def update(previous: SearchIndex | None, articles: Sequence[Article], terms_of: Any, limit: int,
           story_cosine: float, story_days: float) -> SearchIndex:
    """The search of `articles` (content-path order), reusing `previous` where no change can reach.

    `terms_of(i)` gives the terms of articles[i]; it is asked only for articles that changed."""
    n = len(articles)
    paths = tuple(a.path for a in articles)
    inputs = tuple(search_inputs(a) for a in articles)
    n_bucket = float(bucket(n))
    if previous is not None and (previous.n_bucket != n_bucket or previous.limit != limit):
        previous = None  # the weights of every term changed: search everything
    old_position = {p: i for i, p in enumerate(previous.paths)} if previous is not None else {}
    # each article's row in the previous index, or -1 when it is new or what the search reads changed
    old_row = np.array([old_position.get(p, -1) for p in paths], dtype=np.int64)
    if previous is not None:
        same = [o >= 0 and previous.inputs[o] == inputs[i] for i, o in enumerate(old_row.tolist())]
        old_row = np.where(same, old_row, -1)
    changed = np.flatnonzero(old_row < 0)

    # all terms of every article: kept ones from the previous index, counted ones for the changed
    fresh = [terms_of(int(i)) for i in changed]
    number: defaultdict[str, int] = defaultdict(lambda: len(number))  # in order of appearance
    local = np.fromiter(map(number.__getitem__, chain.from_iterable(ws for ws, _ in fresh)), dtype=np.int64)
    words = list(number)
    old_vocab = previous.vocab if previous is not None else np.array([], dtype=str)
    vocab = np.union1d(old_vocab, np.array(words, dtype=str)) if words else old_vocab
    lengths = np.zeros(n, dtype=np.int64)
    kept = old_row >= 0
    if previous is not None:
        lengths[kept] = np.diff(previous.indptr)[old_row[kept]]
    for i, (ws, _) in zip(changed.tolist(), fresh):
        lengths[i] = len(ws)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    ids = np.empty(indptr[-1], dtype=np.int32)
    counts = np.empty(indptr[-1], dtype=np.uint16)  # a count past 65,535 is kept at that
    if previous is not None and kept.any():
        remap = np.searchsorted(vocab, previous.vocab).astype(np.int32)
        src = _ranges(previous.indptr[old_row[kept]], lengths[kept])
        dst = _ranges(indptr[:-1][kept], lengths[kept])
        ids[dst] = remap[previous.ids[src]]
        counts[dst] = previous.counts[src]
    if fresh:  # numbered through a dict, then renumbered in sorted order at once
        where = np.searchsorted(vocab, np.array(words, dtype=str)).astype(np.int32)
        at = _ranges(indptr[:-1][changed], lengths[changed])
        ids[at] = where[local]
        counts[at] = np.minimum(np.fromiter(chain.from_iterable(cs for _, cs in fresh), dtype=np.int64,
                                             count=len(at)), 65535)
    df = np.bincount(ids, minlength=len(vocab))
    present = df > 0
    if not present.all():  # terms no article holds any more
        renumber = np.cumsum(present) - 1
        vocab, ids, df = vocab[present], renumber[ids].astype(np.int32), df[present]
    signature = term_signature(df, n_bucket)
    tag_weights = tag_weights_of(articles, n_bucket)

    # the rows to search: changed articles, holders of terms and tags whose weight changed, every
    # article sharing a feature with those, and every article that had one of them as a candidate
    dirty = np.zeros(n, dtype=bool)
    dirty[changed] = True
    if previous is not None:
        old_sig = np.full(len(vocab), -2.0)
        where = np.searchsorted(vocab, previous.vocab)
        found = (where < len(vocab))
        found[found] &= vocab[where[found]] == previous.vocab[found]
        old_sig[where[found]] = previous.signature[found]
        moved = old_sig != signature
        doc = np.repeat(np.arange(n), lengths)
        dirty[doc[moved[ids]]] = True
        moved_tags = {s for s in set(tag_weights) | set(previous.tag_weights)
                      if tag_weights.get(s) != previous.tag_weights.get(s)}
        if moved_tags:
            dirty |= np.array([any(t.slug in moved_tags for t in a.tags) for a in articles])
    ctx = _Context(articles, vocab, indptr, ids, counts, signature, tag_weights, n_bucket, limit,
                   story_cosine, story_days)
    best = np.full((n, limit), -1, dtype=np.int32)
    cosine = np.zeros((n, limit), dtype=np.float64)
    if previous is None:
        rows = np.arange(n)
    else:
        seeds = np.flatnonzero(dirty)
        reach = ctx.partners(seeds)
        gone = np.ones(len(previous.paths), dtype=bool)  # previous rows no longer valid
        gone[old_row[old_row >= 0]] = False
        stale_old = np.flatnonzero(gone)
        new_of_old = np.full(len(previous.paths), -1, dtype=np.int64)
        new_of_old[old_row[old_row >= 0]] = np.flatnonzero(old_row >= 0)
        dirty_old = np.zeros(len(previous.paths), dtype=bool)
        dirty_old[stale_old] = True
        dirty_old[old_row[dirty & (old_row >= 0)]] = True
        holds_stale = (dirty_old[np.where(previous.best >= 0, previous.best, 0)] & (previous.best >= 0)).any(axis=1)
        mark = dirty.copy()
        mark[reach] = True
        mark[new_of_old[holds_stale & (new_of_old >= 0)]] = True
        rows = np.flatnonzero(mark)
        keep_rows = np.flatnonzero(~mark)
        old_best = previous.best[old_row[keep_rows]]
        best[keep_rows] = np.where(old_best >= 0, new_of_old[np.maximum(old_best, 0)], -1)
        cosine[keep_rows] = previous.cosine[old_row[keep_rows]]
        # story pairs between two rows not searched again are as they were
        a, b = new_of_old[previous.pairs[:, 0]], new_of_old[previous.pairs[:, 1]]
        stay = (a >= 0) & (b >= 0)
        stay[stay] &= ~mark[a[stay]] & ~mark[b[stay]]
        old_pairs = np.stack([a[stay], b[stay]], axis=1)
        old_pair_cos = previous.pair_cosine[stay]
    found_best, found_cos, pairs, pair_cos = ctx.search(rows)
    best[rows], cosine[rows] = found_best, found_cos
    if previous is not None:
        pairs = np.concatenate([old_pairs.reshape(-1, 2), pairs])
        pair_cos = np.concatenate([old_pair_cos, pair_cos])
    _, first = np.unique(pairs[:, 0].astype(np.int64) * max(n, 1) + pairs[:, 1], return_index=True)
    return SearchIndex(paths, inputs, vocab, indptr, ids, counts, n_bucket, signature, tag_weights, limit,
                       best, cosine, pairs[first].reshape(-1, 2), pair_cos[first], rows)


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenated aranges: starts[k], ..., starts[k] + lengths[k] - 1 for every k."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.array([], dtype=np.int64)
    offsets = np.repeat(np.asarray(starts, dtype=np.int64) - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return offsets + np.arange(total)


@dataclass
class _Context:
    """The weighted vectors and the postings of one search."""

    articles: Sequence[Article]
    vocab: np.ndarray
    indptr: np.ndarray
    ids: np.ndarray
    counts: np.ndarray
    signature: np.ndarray
    tag_weights: Mapping[str, float]
    n_bucket: float
    limit: int
    story_cosine: float
    story_days: float
    x: Any = field(init=False)

    def __post_init__(self) -> None:
        n = len(self.articles)
        self.days = np.array([a.date.timestamp() / 86400.0 for a in self.articles])
        source_ids: dict[str, int] = {}
        self.sources = np.array([source_ids.setdefault(a.source.slug, len(source_ids)) if a.source else -1 - i
                                 for i, a in enumerate(self.articles)], dtype=np.int64)
        self.x = self._text(n)
        slugs = sorted(self.tag_weights)
        tag_id = {s: i for i, s in enumerate(slugs)}
        rows, cols = [], []
        for row, article in enumerate(self.articles):
            for tag in article.tags:
                if tag.slug in tag_id:
                    rows.append(row)
                    cols.append(tag_id[tag.slug])
        tags = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, max(1, len(slugs))))
        tags.sum_duplicates()
        tags.data[:] = 1.0
        tag_w = np.array([self.tag_weights[s] for s in slugs] or [0.0])
        self.tags = tags.multiply(np.sqrt(tag_w)).tocsr()  # row products: the weights of shared tags
        tag_df = np.diff(tags.tocsc().indptr) if len(slugs) else np.zeros(1, dtype=np.int64)
        # features: terms (value: weight) then tags (value: 1, the product takes the tag's weight)
        self.features = sparse.hstack([self.x, tags], format="csr")
        self.features.sort_indices()
        V = self.x.shape[1]
        self.is_tag = np.concatenate([np.zeros(V, dtype=bool), np.ones(tags.shape[1], dtype=bool)])
        self.feature_weight = np.concatenate([np.ones(V), tag_w])
        text_df = np.where(self.signature > 0, self.signature, 0.0)
        self.rare = np.concatenate([text_df, bucket(tag_df)]) <= RARE
        csc = self.features.tocsc()
        col = np.repeat(np.arange(csc.shape[1]), np.diff(csc.indptr))
        order = np.lexsort((csc.indices, self.days[csc.indices], col))
        self.post_article = csc.indices[order].astype(np.int64)
        self.post_value = csc.data[order]
        self.post_start = csc.indptr.astype(np.int64)
        d0 = self.days.min() if n else 0.0
        self.span = float(self.days.max() - d0 + 4 * WINDOW_DAYS + 1) if n else 1.0
        self.d0 = d0
        self.post_key = col[order] * self.span + (self.days[self.post_article] - d0)

    def _text(self, n: int) -> sparse.csr_matrix:
        """L2-normalised TF-IDF rows of the terms that count, each pruned to its strongest."""
        V = len(self.vocab)
        if V == 0 or n == 0:
            return sparse.csr_matrix((n, max(V, 1)), dtype=np.float64)
        doc = np.repeat(np.arange(n), np.diff(self.indptr))
        term, tf = self.ids.astype(np.int64), self.counts
        d = self.signature[term]
        valid = d > 0
        term, doc, d, tf = term[valid], doc[valid], d[valid], tf[valid]
        weight = (1.0 + np.log(tf.astype(np.float64))) * np.log(self.n_bucket / d + 1.0)
        # per document, strongest first; a stable sort keeps ties in the order the terms appear
        order = np.lexsort((-weight, doc))
        term, doc, weight = term[order], doc[order], weight[order]
        first = np.searchsorted(doc, doc)
        keep = (np.arange(len(doc)) - first) < TERMS_PER_ARTICLE
        term, doc, weight = term[keep], doc[keep], weight[keep]
        norm = np.sqrt(np.bincount(doc, weights=weight * weight, minlength=n))
        weight = weight / np.where(norm > 0, norm, 1.0)[doc]
        x = sparse.csr_matrix((weight, (doc, term)), shape=(n, V))
        x.sort_indices()
        return x

    def _expand(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The shared postings of `rows`: (row, other article, text contribution, tag contribution)."""
        f = self.features
        lengths = np.diff(f.indptr)[rows]
        at = _ranges(f.indptr[rows], lengths)
        feature = f.indices[at].astype(np.int64)
        value = f.data[at]
        row = np.repeat(rows, lengths)
        rare = self.rare[feature]
        base = feature * self.span + (self.days[row] - self.d0)
        lo = np.where(rare, self.post_start[feature],
                      np.searchsorted(self.post_key, base - WINDOW_DAYS, side="left"))
        hi = np.where(rare, self.post_start[feature + 1],
                      np.searchsorted(self.post_key, base + WINDOW_DAYS, side="right"))
        n = hi - lo
        post = _ranges(lo, n)
        row, feature, value = np.repeat(row, n), np.repeat(feature, n), np.repeat(value, n)
        other = self.post_article[post]
        contribution = value * self.post_value[post] * self.feature_weight[feature]
        tag = self.is_tag[feature]
        mine = other != row
        return row[mine], other[mine], np.where(tag, 0.0, contribution)[mine], np.where(tag, contribution, 0.0)[mine]

    def _batches(self, rows: np.ndarray) -> list[np.ndarray]:
        """`rows` cut so that each batch expands to about _CHUNK shared postings."""
        f = self.features
        cost = np.zeros(len(rows))
        lengths = np.diff(f.indptr)[rows]
        at = _ranges(f.indptr[rows], lengths)
        feature = f.indices[at]
        per = np.where(self.rare[feature], np.diff(self.post_start)[feature],
                       np.minimum(np.diff(self.post_start)[feature], 64))
        np.add.at(cost, np.repeat(np.arange(len(rows)), lengths), per)
        batches, start, total = [], 0, 0.0
        for k, c in enumerate(cost.tolist()):
            total += c
            if total > _CHUNK and k > start:
                batches.append(rows[start:k])
                start, total = k, c
        batches.append(rows[start:])
        return batches

    def partners(self, rows: np.ndarray) -> np.ndarray:
        """Every article sharing a feature (within the window, unless rare) with one of `rows`."""
        found = [np.unique(self._expand(batch)[1]) for batch in self._batches(rows) if len(batch)]
        return np.unique(np.concatenate(found)) if found else np.array([], dtype=np.int64)

    def search(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """For `rows`: best candidates and their cosines (limit per row), and story pairs (i < j)."""
        n, limit = len(self.articles), self.limit
        best = np.full((len(rows), limit), -1, dtype=np.int32)
        cosine = np.zeros((len(rows), limit))
        pairs, pair_cos = [np.zeros((0, 2), dtype=np.int64)], [np.zeros(0)]
        slot = np.full(n, -1, dtype=np.int64)
        slot[rows] = np.arange(len(rows))
        for batch in self._batches(rows):
            if not len(batch):
                continue
            row, other, text, tag = self._expand(batch)
            key, inverse = np.unique(row * n + other, return_inverse=True)
            i, j = key // n, key % n
            cos = np.round(np.bincount(inverse, weights=text, minlength=len(key)), 9)
            tags = np.minimum(np.bincount(inverse, weights=tag, minlength=len(key)), 2.0)
            gap = np.abs(self.days[i] - self.days[j])
            # from either end: a pair is found again when either of its articles is searched
            story = (gap <= self.story_days) & (cos >= self.story_cosine) & (self.sources[i] != self.sources[j])
            pairs.append(np.stack([np.minimum(i, j)[story], np.maximum(i, j)[story]], axis=1))
            pair_cos.append(cos[story])
            if limit <= 0:
                continue
            score = self._score(i, j, cos, tags, gap)
            i, j, cos = _top(i, j, score, limit, (cos,))
            start = np.searchsorted(i, i)
            place = np.arange(len(i)) - start
            best[slot[i], place] = j
            cosine[slot[i], place] = cos
        return best, cosine, np.concatenate(pairs), np.concatenate(pair_cos)

    def _score(self, i: np.ndarray, j: np.ndarray, cos: np.ndarray, tags: np.ndarray,
               gap: np.ndarray) -> np.ndarray:
        base = W_TEXT * cos + tags
        return np.round(base + (base > 0) * (W_DATE * np.exp(-gap / 30.0)
                                             + W_SOURCE * (self.sources[i] == self.sources[j])), 6)


def _top(i: np.ndarray, j: np.ndarray, score: np.ndarray, count: int,
         more: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
    """Per row i, the `count` best by score (high first), then by j (low first): rows ascending."""
    # rows ascending, then score descending (8 - score is in (0, 9), and scores are rounded to
    # 1e-6, far above the float spacing); a stable sort keeps j ascending within equal scores
    order = np.argsort(i * 16.0 + (8.0 - score), kind="stable")
    i, j = i[order], j[order]
    start = np.searchsorted(i, i)
    keep = (np.arange(len(i)) - start) < count
    return (i[keep], j[keep]) + tuple(m[order][keep] for m in more)


def exact_candidates(articles: Sequence[Article], terms: Sequence[Terms], limit: int,
                     local: bool = True) -> Candidates:
    """Every pair scored (dense row blocks; quadratic): the reference bench_enrich.py measures the
    search's recall against.  Same weights, score and order; `local=False` lets common terms and
    tags count at any distance in time (the cosine of every shared term, as before issue 20)."""
    n = len(articles)
    index = update(None, articles, lambda i: terms[i], 0, 1.0, 0.0)
    ctx = _Context(articles, index.vocab, index.indptr, index.ids, index.counts, index.signature,
                   index.tag_weights, index.n_bucket, limit, 1.0, 0.0)
    V = ctx.x.shape[1]
    rare_text = sparse.diags(ctx.rare[:V].astype(np.float64))
    rare_tags = sparse.diags(ctx.rare[V:].astype(np.float64))
    parts = [(ctx.x @ rare_text, ctx.x @ (sparse.identity(V) - rare_text), ctx.tags @ rare_tags,
              ctx.tags @ (sparse.identity(ctx.tags.shape[1]) - rare_tags))]
    xr, xc, tr, tc = (m.tocsr() for m in parts[0])
    indices, cosines = [], []
    for start in range(0, n, 256):
        stop = min(n, start + 256)
        i = np.repeat(np.arange(start, stop), n)
        j = np.tile(np.arange(n), stop - start)
        gap = np.abs(ctx.days[i] - ctx.days[j])
        near = (gap <= WINDOW_DAYS) | (not local)
        c = (xr[start:stop] @ xr.T).toarray().ravel() + near * (xc[start:stop] @ xc.T).toarray().ravel()
        t = (tr[start:stop] @ tr.T).toarray().ravel() + near * (tc[start:stop] @ tc.T).toarray().ravel()
        c, t = np.round(c, 9), np.minimum(t, 2.0)
        ok = (i != j) & (W_TEXT * c + t > 0)
        score = ctx._score(i[ok], j[ok], c[ok], t[ok], gap[ok])
        i, j, c = _top(i[ok], j[ok], score, limit, (c[ok],))
        for r in range(start, stop):
            lo, hi = np.searchsorted(i, r), np.searchsorted(i, r, side="right")
            indices.append(j[lo:hi].tolist())
            cosines.append(c[lo:hi].tolist())
    return Candidates(indices, cosines, [], dict(index.tag_weights))
