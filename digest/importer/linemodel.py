"""How likely each line of a text dump is to be article text: small boosted trees over line features.

Every line is described by a fixed vector of numbers (`FEATURES`): its own shape (length, words, the
share of stop words, sentence punctuation, digits, capitals, the jusText class linescore.py gave it,
furniture / teaser / list-item / link shapes), where it sits (its distance to the headline in lines,
its place in the page, how much of the page's prose lies above and below it, the prose around it)
and the same few shape numbers for the three lines either side.  The article-text log-odds of a line
is a bias plus one leaf value from each of 200 regression trees of depth 4 over that vector
(`line_logodds`, gradient boosting).

The trees are fitted by bench/train_linemodel.py on the dev set's tune pages (line labels from the
annotated article bodies and must / must-not strings) and stored as numbers only (features tested,
thresholds, leaf values) in linemodel.json next to this file; no page text is stored.  Runtime needs
numpy, nothing else.
"""

from __future__ import annotations

import json
import re
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

NEIGHBOURS = (-3, -2, -1, 1, 2, 3)      # lines whose shape goes into a line's vector
WINDOW = 5                                # prose characters counted this many lines either side

OWN = ("log_chars", "log_words", "stop", "terminal", "sentences", "title_case", "furniture", "truncated",
       "item", "short", "near", "good", "revised_good", "prose", "related", "digits", "upper", "lower_start",
       "upper_start", "colon_end", "pipes", "quote", "cjk", "no_stoplist")
PLACE = ("no_anchor", "is_anchor", "above", "below", "log_above", "log_below", "near_below", "position",
         "prose_before", "prose_after", "window_prose", "window_lines")
SHAPE = ("log_chars", "stop", "prose", "furniture", "revised_good")
FEATURES = OWN + PLACE + tuple(f"{name}@{offset:+d}" for offset in NEIGHBOURS for name in SHAPE)


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
        """The log-odds of article text for each row of a feature matrix (all trees at once)."""
        rows, columns = matrix.shape
        trees, inner = self.feature.shape
        flat = matrix.ravel()
        features, thresholds = self.feature.ravel(), self.threshold.ravel()
        tree_base = np.arange(trees) * inner
        row_base = (np.arange(rows) * columns)[:, None]
        node = np.zeros((rows, trees), dtype=np.int64)
        for _ in range(self.depth):
            at = tree_base + node
            node = 2 * node + 1 + (flat[row_base + features[at]] > thresholds[at])
        return self.value.ravel()[np.arange(trees) * (inner + 1) + node - inner].sum(axis=1) + self.bias


@lru_cache(maxsize=1)
def load_model() -> LineModel | None:
    """The fitted model from linemodel.json (None when there is none, or it was fitted on other features)."""
    if not MODEL_FILE.exists():
        return None
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        return None
    return LineModel(np.array(data["feature"], dtype=np.int64), np.array(data["threshold"], dtype=float),
                     np.array(data["value"], dtype=float), float(data["bias"]), int(data["depth"]))


def line_logodds(matrix: np.ndarray) -> np.ndarray | None:
    """Article-text log-odds per line (None without a fitted model)."""
    model = load_model()
    return None if model is None else model.logodds(matrix)


def feature_matrix(lines: tuple[str, ...], facts: list[LineFacts], classes: list[str], related: set[int],
                   anchor: int | None, has_stoplist: bool) -> np.ndarray:
    """One row of FEATURES per line."""
    n = len(lines)
    own = _own(lines, facts, classes, related, has_stoplist)
    place = _place(facts, own[:, OWN.index("prose")], anchor)
    shape = own[:, [OWN.index(name) for name in SHAPE]]
    padded = np.vstack([np.zeros((3, len(SHAPE))), shape, np.zeros((3, len(SHAPE)))])
    around = [padded[3 + offset: 3 + offset + n] for offset in NEIGHBOURS]
    return np.hstack([own, place, *around])


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
