"""How likely each line of a text dump is to be article text: small boosted trees over line features, in two passes.

Every line is described by a fixed vector of numbers (`FEATURES`): its own shape (length, words, the
share of stop words, sentence punctuation, digits, capitals, the jusText class linescore.py gave it,
furniture / teaser / list-item / link shapes), what its words tell (`WORDS`: hashed words weighted by
how often pages had them in article text rather than in furniture: "newsletter", "reply" or "cookies"
lean one way, "said" the other), where it sits (its distance to the headline in lines, its place in
the page, how much of the page's prose lies above and below it, the prose around it) and the same few
shape numbers for the three lines either side.  The first pass's log-odds of article text is a bias
plus one leaf value from each of 200 regression trees of depth 4 over that vector.  The second pass
reads the vector again with `CONTEXT`, what the first pass said of the lines around the line (their
log-odds up to five lines away, window means, the nearest sure line on each side, how many prose and
sure lines lie between it and the headline), and gives the log-odds `line_logodds` returns: a caption
or a teaser between sure paragraphs, or a lone paragraph among menus, reads differently from the same
line alone (stacking, as in a sequence model).

The trees and word weights are fitted by bench/train_linemodel.py on the dev set's tune pages (line
labels from the annotated article bodies and must / must-not strings) and stored as numbers only
(features tested, thresholds, leaf values, word-bucket weights) in linemodel.json next to this file;
no page text is stored.  Runtime needs numpy, nothing else.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from digest.importer.linescore import GOOD, NEAR, SHORT, LineFacts

MODEL_FILE = Path(__file__).with_name("linemodel.json")

_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁ]")
_LOWER_START = re.compile(r"^[\"“„«'‘(]?[a-zà-öø-ÿа-яё]")
_UPPER_START = re.compile(r"^[\"“„«'‘(]?[A-ZÀ-ÖØ-ÞА-ЯЁ]")
_PIPES = re.compile(r"\s[|•·»›]\s|\s[|•·]|[|•·]\s")
_COLON_END = re.compile(r":\s*$")
_QUOTE = re.compile(r"[\"“”„«»]")
_WORD = re.compile(r"[^\W\d_]{2,}")
WORD_BUCKETS = 1 << 15                    # words are hashed into this many buckets
WORD_LOW = -1.0                           # a word this telling of furniture counts in word_low

NEIGHBOURS = (-3, -2, -1, 1, 2, 3)      # lines whose shape goes into a line's vector
WINDOW = 5                                # prose characters counted this many lines either side

OWN = ("log_chars", "log_words", "stop", "terminal", "sentences", "title_case", "furniture", "truncated",
       "item", "short", "near", "good", "revised_good", "prose", "related", "digits", "upper", "lower_start",
       "upper_start", "colon_end", "pipes", "quote", "cjk", "no_stoplist")
PLACE = ("no_anchor", "is_anchor", "above", "below", "log_above", "log_below", "near_below", "position",
         "prose_before", "prose_after", "window_prose", "window_lines")
SHAPE = ("log_chars", "stop", "prose", "furniture", "revised_good")
WORDS = ("word_mean", "word_min", "word_max", "word_low")
FEATURES = OWN + WORDS + PLACE + tuple(f"{name}@{offset:+d}" for offset in NEIGHBOURS for name in SHAPE)
ODDS_NEIGHBOURS = (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)   # first-pass log-odds of the lines around a line
ODDS_WINDOWS = (2, 5, 10)                                 # mean first-pass log-odds this many lines either side
ODDS_CLIP = 6.0                                           # first-pass log-odds are clipped to this size
SURE = 1.0                                                # a first-pass line this likely is sure article text
CONTEXT = ("odds", *(f"odds@{offset:+d}" for offset in ODDS_NEIGHBOURS), *(f"mean@{w}" for w in ODDS_WINDOWS),
           "max_above", "max_below", "sure_share@5", "sure_before", "sure_after", "log_sure_gap_above",
           "log_sure_gap_below", "prose_from_anchor", "sure_from_anchor")


@dataclass(frozen=True)
class LineModel:
    """A sum of small regression trees over the features (gradient boosting).  Every tree is stored
    as a full binary tree of `depth` levels in heap order (node k has children 2k+1 and 2k+2): per
    inner node the feature tested and its threshold (a line goes right when its value is above it),
    per leaf its value.  The log-odds of a line is `bias` plus the values of the leaves it reaches."""

    feature: np.ndarray      # (trees, 2**depth - 1) int
    threshold: np.ndarray    # (trees, 2**depth - 1) float
    value: np.ndarray        # (trees, 2**depth) float
    bias: float
    depth: int

    def logodds(self, matrix: np.ndarray) -> np.ndarray:
        """The log-odds of article text for each row of a feature matrix (all trees at once; the root
        level reads whole columns, deeper levels gather from the matrix laid out feature by feature)."""
        rows = matrix.shape[0]
        trees, inner = self.feature.shape
        features, thresholds = self.feature.ravel(), self.threshold.ravel()
        tree_base = np.arange(trees) * inner
        by_feature = np.ascontiguousarray(matrix.T).ravel()
        row = np.arange(rows)[:, None]
        node = 1 + (matrix[:, features[tree_base]] > thresholds[tree_base])
        for _ in range(self.depth - 1):
            at = tree_base + node
            node = 2 * node + 1 + (by_feature[features[at] * rows + row] > thresholds[at])
        return self.value.ravel()[np.arange(trees) * (inner + 1) + node - inner].sum(axis=1) + self.bias


@dataclass(frozen=True)
class StackedModel:
    """Two passes: `first` scores each line from FEATURES; `second` scores it again from FEATURES plus
    CONTEXT, what the first pass said of the lines around it (see `context_matrix`)."""

    first: LineModel
    second: LineModel | None

    def logodds(self, matrix: np.ndarray) -> np.ndarray:
        odds = self.first.logodds(matrix)
        if self.second is None:
            return odds
        return self.second.logodds(np.hstack([matrix, context_matrix(matrix, odds)]))


@lru_cache(maxsize=1)
def load_model() -> StackedModel | None:
    """The fitted model from linemodel.json (None when there is none, or it was fitted on other features)."""
    if not MODEL_FILE.exists():
        return None
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        return None
    second = data.get("second")
    if second is not None and tuple(second["features"]) != FEATURES + CONTEXT:
        return None
    return StackedModel(_trees(data), None if second is None else _trees(second))


def _trees(data: dict) -> LineModel:
    return LineModel(np.array(data["feature"], dtype=np.int64), np.array(data["threshold"], dtype=float),
                     np.array(data["value"], dtype=float), float(data["bias"]), int(data["depth"]))


def line_logodds(matrix: np.ndarray) -> np.ndarray | None:
    """Article-text log-odds per line (None without a fitted model)."""
    model = load_model()
    return None if model is None else model.logodds(matrix)


def context_matrix(matrix: np.ndarray, odds: np.ndarray) -> np.ndarray:
    """One row of CONTEXT per line, from the first pass's log-odds: its own, its neighbours', their mean
    over windows, the likeliest line just above and just below, the share of sure lines around it and
    on each side of it in the page, how far the nearest sure line is on each side, and how many prose
    and sure lines lie between it and the headline (signed: negative above it)."""
    n = len(odds)
    clipped = np.clip(odds, -ODDS_CLIP, ODDS_CLIP)
    reach = max(max(ODDS_NEIGHBOURS), max(ODDS_WINDOWS))
    padded = np.concatenate([np.full(reach, -ODDS_CLIP), clipped, np.full(reach, -ODDS_CLIP)])
    shifted = {k: padded[reach + k: reach + k + n] for k in range(-reach, reach + 1)}
    cumulative = np.concatenate([[0.0], np.cumsum(padded)])
    index = np.arange(n)
    means = [(cumulative[index + reach + w + 1] - cumulative[index + reach - w]) / (2 * w + 1) for w in ODDS_WINDOWS]
    sure = (clipped > SURE).astype(float)
    sure_cum = np.concatenate([[0.0], np.cumsum(sure)])
    low, high = np.clip(index - 5, 0, n), np.clip(index + 6, 0, n)
    total = max(sure.sum(), 1.0)
    columns = [clipped, *(shifted[k] for k in ODDS_NEIGHBOURS), *means,
               np.max([shifted[k] for k in range(-5, 0)], axis=0), np.max([shifted[k] for k in range(1, 6)], axis=0),
               (sure_cum[high] - sure_cum[low]) / 11, sure_cum[:-1] / total, (total - sure_cum[1:]) / total,
               np.log1p(_gap_to(sure, -1)), np.log1p(_gap_to(sure, 1)),
               *_from_anchor(matrix, sure)]
    return np.column_stack(columns)


def _gap_to(flags: np.ndarray, step: int) -> np.ndarray:
    """Per line, how many lines away the nearest flagged line is on one side (the page's length if none)."""
    n = len(flags)
    index = np.arange(n)
    if step < 0:
        last = np.maximum.accumulate(np.where(flags > 0, index, -1))
        before = np.concatenate([[-1], last[:-1]])
        return np.where(before >= 0, index - before, n).astype(float)
    nxt = np.minimum.accumulate(np.where(flags > 0, index, n)[::-1])[::-1]
    after = np.concatenate([nxt[1:], [n]])
    return np.where(after < n, after - index, n).astype(float)


def _from_anchor(matrix: np.ndarray, sure: np.ndarray) -> list[np.ndarray]:
    """Signed log counts of prose lines and of sure lines between the headline and each line."""
    at = np.flatnonzero(matrix[:, FEATURES.index("is_anchor")] > 0.5)
    prose = matrix[:, FEATURES.index("prose")]
    out = []
    for flags in (prose, sure):
        if not len(at):
            out.append(np.zeros(len(flags)))
            continue
        counts = np.concatenate([[0.0], np.cumsum(flags)])
        anchor = int(at[0])
        index = np.arange(len(flags))
        between = np.where(index > anchor, counts[index] - counts[anchor + 1], counts[anchor] - counts[index + 1])
        out.append(np.sign(index - anchor) * np.log1p(np.maximum(between, 0)))
    return out


def feature_matrix(lines: tuple[str, ...], facts: list[LineFacts], classes: list[str], related: set[int],
                   anchor: int | None, has_stoplist: bool, words: np.ndarray | None = None) -> np.ndarray:
    """One row of FEATURES per line (`words`: the word weights, by default the fitted model's)."""
    n = len(lines)
    own = _own(lines, facts, classes, related, has_stoplist)
    place = _place(facts, own[:, OWN.index("prose")], anchor)
    shape = own[:, [OWN.index(name) for name in SHAPE]]
    padded = np.vstack([np.zeros((3, len(SHAPE))), shape, np.zeros((3, len(SHAPE)))])
    around = [padded[3 + offset: 3 + offset + n] for offset in NEIGHBOURS]
    return np.hstack([own, word_columns(lines, word_weights() if words is None else words), place, *around])


def word_buckets(line: str) -> np.ndarray:
    """The hash buckets of a line's words (letters only, two or more, case-folded), each once."""
    return np.array(sorted(_bucket_set(line)), dtype=np.int64)


def _bucket_set(line: str) -> set[int]:
    return {zlib.crc32(w.encode("utf-8")) % WORD_BUCKETS for w in _WORD.findall(line.casefold())}


def word_columns(lines: tuple[str, ...], weights: np.ndarray | None) -> np.ndarray:
    """The WORDS columns of each line (see `word_stats`)."""
    if weights is None:
        return np.zeros((len(lines), len(WORDS)))
    flat: list[int] = []
    counts = np.zeros(len(lines), dtype=np.int64)
    seen: dict[str, int] = {}            # a page repeats its words: hash each once
    for i, line in enumerate(lines):
        found = set()
        for w in _WORD.findall(line.casefold()):
            bucket = seen.get(w)
            if bucket is None:
                bucket = seen[w] = zlib.crc32(w.encode("utf-8")) % WORD_BUCKETS
            found.add(bucket)
        flat.extend(found)
        counts[i] = len(found)
    return _stats(np.array(flat, dtype=np.int64), counts, weights)


def word_stats(buckets: list[np.ndarray], weights: np.ndarray) -> np.ndarray:
    """The mean, lowest and highest weight of each line's words, and the share of its words under
    WORD_LOW (all 0 for a line without words).  A word's weight is the log-ratio of the pages on which
    it was seen in article text to those on which it was seen in furniture (learnt with the trees; 0
    for a word never seen, so a page in another language reads as neutral)."""
    counts = np.fromiter((len(b) for b in buckets), dtype=np.int64, count=len(buckets))
    flat = np.concatenate(buckets).astype(np.int64) if len(buckets) else np.zeros(0, dtype=np.int64)
    return _stats(flat, counts, weights)


def _stats(flat: np.ndarray, counts: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """word_stats over the lines' buckets laid end to end (`counts` per line)."""
    n = len(counts)
    out = np.zeros((n, len(WORDS)))
    if not len(flat):
        return out
    line = np.repeat(np.arange(n), counts)
    w = weights[flat]
    has = counts > 0
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])[has]
    out[has, 0] = np.bincount(line, weights=w, minlength=n)[has] / counts[has]
    out[has, 1] = np.minimum.reduceat(w, starts)
    out[has, 2] = np.maximum.reduceat(w, starts)
    out[has, 3] = np.bincount(line, weights=(w < WORD_LOW).astype(float), minlength=n)[has] / counts[has]
    return out


@lru_cache(maxsize=1)
def _stored_words(path: Path) -> np.ndarray | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if "word_buckets" not in data:
        return None
    weights = np.zeros(WORD_BUCKETS)
    weights[np.array(data["word_buckets"], dtype=np.int64)] = np.array(data["word_values"], dtype=float)
    return weights


def word_weights() -> np.ndarray | None:
    """The fitted word weights (WORD_BUCKETS numbers), None without them."""
    return _stored_words(MODEL_FILE)


def _own(lines: tuple[str, ...], facts: list[LineFacts], classes: list[str], related: set[int],
         has_stoplist: bool) -> np.ndarray:
    """The OWN columns, built column by column (one pass over the lines per column)."""
    n = len(lines)
    length = np.array([max(len(line), 1) for line in lines], dtype=float)
    chars = np.array([f.chars for f in facts], dtype=float)
    is_related = np.array([i in related for i in range(n)], dtype=float)

    def column(values) -> np.ndarray:
        return np.fromiter(values, dtype=float, count=n)

    columns = [
        np.log1p(chars), np.log1p(column(f.words for f in facts)), column(f.stop for f in facts),
        column(f.terminal for f in facts), np.minimum(column(f.sentences for f in facts), 5) / 5,
        column(f.title_case for f in facts), column(f.furniture for f in facts), column(f.truncated for f in facts),
        column(f.item for f in facts), column(f.cls == SHORT for f in facts), column(f.cls == NEAR for f in facts),
        column(f.cls == GOOD for f in facts), column(c == GOOD for c in classes),
        column(f.prose for f in facts) * (1 - is_related), is_related,
        column(len(_DIGIT.findall(line)) for line in lines) / length,
        column(len(_UPPER.findall(line)) for line in lines) / length,
        column(_LOWER_START.match(line) is not None for line in lines),
        column(_UPPER_START.match(line) is not None for line in lines),
        column(_COLON_END.search(line) is not None for line in lines),
        column(_has_pipes(line) for line in lines),
        column(_QUOTE.search(line) is not None for line in lines),
        np.minimum((chars - column(len(line.strip()) for line in lines)) / length, 1.0),   # f.chars counts CJK twice
        np.full(n, float(not has_stoplist)),
    ]
    return np.column_stack(columns).reshape(n, len(OWN))


def _has_pipes(line: str) -> bool:
    """A separator character next to a space ("Home | News", "Sport • Live")."""
    return any(c in line for c in "|•·»›") and _PIPES.search(line) is not None


def _place(facts: list[LineFacts], prose: np.ndarray, anchor: int | None) -> np.ndarray:
    n = len(facts)
    index = np.arange(n, dtype=float)
    mass = np.array([f.chars for f in facts], dtype=float) * prose
    total = max(mass.sum(), 1.0)
    before = np.cumsum(mass) - mass
    cumulative = np.concatenate([[0.0], np.cumsum(mass)])
    low = np.clip(np.arange(n) - WINDOW, 0, n)
    high = np.clip(np.arange(n) + WINDOW + 1, 0, n)
    window = cumulative[high] - cumulative[low]
    cum_prose = np.concatenate([[0.0], np.cumsum(prose)])
    window_lines = (cum_prose[high] - cum_prose[low]) / (2 * WINDOW + 1)
    if anchor is None:
        distance = np.zeros(n)
        no_anchor = np.ones(n)
    else:
        distance = index - anchor
        no_anchor = np.zeros(n)
    above = (distance < 0).astype(float)
    below = (distance > 0).astype(float)
    return np.column_stack([
        no_anchor, ((distance == 0) & (no_anchor == 0)).astype(float), above, below,
        np.log1p(np.maximum(-distance, 0)), np.log1p(np.maximum(distance, 0)),
        ((distance > 0) & (distance <= 5)).astype(float), index / max(n - 1, 1),
        before / total, (total - before - mass) / total, np.log1p(window), window_lines,
    ])
