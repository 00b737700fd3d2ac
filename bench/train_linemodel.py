"""Fit the line model of digest/importer/linemodel.py on the dev set's `tune` pages and write its numbers.

    python3 bench/train_linemodel.py ../shared/devset [--out digest/importer/linemodel.json] [--trees 200]
        [--depth 4] [--rate 0.1] [--folds 5] [--hold-out PERCENT]

Line labels come from the dev set's annotations, read at training time only:
  * pages with an annotated body (`body.value`): a line is article text when it is one of the body's
    paragraphs, or (25+ characters) a part of the body; every other line is not;
  * pages with must_contain / must_not_contain strings: a line holding (or held in) a must_contain
    string is article text, one holding a must_not_contain string is not; other lines are unlabelled.
What is fitted, in order: the word weights (per hash bucket, the log-ratio of the pages that have the
word in article text to those that have it in furniture); the first pass's trees, on word columns
fitted without the page's own fold; the second pass's trees, on the first pass's log-odds from trees
fitted without the page's own fold (`--folds`; 0 fits one pass only), so that both passes learn from
numbers as they look on pages never seen.  `--hold-out` leaves a share of the tune pages out of
fitting (chosen by hash of the id) to compare settings on them; the stored model uses all of them.
Only numbers are written (feature names, per tree the features tested, thresholds and leaf values,
the biases, word-bucket weights, label counts): no page text goes into the repository.  Only `tune`
pages are used; `check` is left for reporting.  Gradient-boosted trees, fitted with scikit-learn's
histogram boosting (needed here only; the importer evaluates the stored trees with numpy).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from digest.importer.dumppage import read_page  # noqa: E402
from digest.importer.headline import find_headline  # noqa: E402
from digest.importer.linemodel import (CONTEXT, FEATURES, MODEL_FILE, WORD_BUCKETS, WORDS, LineModel,  # noqa: E402
                                      StackedModel, context_matrix, word_buckets, word_stats)
from digest.importer.locate import page_features  # noqa: E402

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"',
                         "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-"})


def squash(text: str) -> str:
    """The scorer's comparison form: NFKC, quotes and dashes unified, case-folded, no whitespace."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", "", text.translate(_QUOTES).casefold())


def tune_ids(devset: Path) -> list[str]:
    rows = (devset / "splits.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [r.split("\t")[0].strip() for r in rows if r.split("\t")[1].strip() == "tune"]


def line_labels(lines: tuple[str, ...], truth: dict) -> list[float | None]:
    """1 article text, 0 not, None unknown (see the module docstring)."""
    body = (truth.get("body") or {}).get("value")
    keys = [squash(line) for line in lines]
    if body:
        whole = squash(body)
        paragraphs = {squash(p) for p in body.split("\n") if p.strip()}
        return [1.0 if k and (k in paragraphs or (len(k) >= 25 and k in whole)) else 0.0 for k in keys]
    must = [squash(s) for s in truth.get("must_contain") or []]
    must_not = [squash(s) for s in truth.get("must_not_contain") or []]
    labels: list[float | None] = []
    for k in keys:
        if k and any(m in k or (len(k) >= 25 and k in m) for m in must):
            labels.append(1.0)
        elif k and any(m in k or (len(k) >= 10 and k in m) for m in must_not):
            labels.append(0.0)
        else:
            labels.append(None)
    return labels


@dataclass(frozen=True)
class Page:
    """One tune page: its feature matrix (every line) and its line labels (NaN: unknown), its weight."""

    page_id: str
    matrix: np.ndarray
    labels: np.ndarray
    weight: float
    buckets: tuple = ()        # per line, the hash buckets of its words


def pages(devset: Path, partial_weight: float = 1.0) -> list[Page]:
    """The feature matrices and labels of the tune pages that have a labelled line (lines of pages with
    only must / must-not strings weigh `partial_weight`)."""
    found = []
    for page_id in tune_ids(devset):
        text = (devset / "pages" / f"{page_id}.txt").read_text(encoding="utf-8", errors="replace")
        truth = json.loads((devset / "pages" / f"{page_id}.truth.json").read_text(encoding="utf-8"))
        page = read_page(text)
        if not page.lines:
            continue
        labels = np.array([np.nan if v is None else v for v in line_labels(page.lines, truth)], dtype=float)
        if np.isnan(labels).all():
            continue
        weight = 1.0 if (truth.get("body") or {}).get("value") else partial_weight
        found.append(Page(page_id, page_features(page, find_headline(page), NO_WORDS), labels, weight,
                          tuple(word_buckets(line) for line in page.lines)))
    return found


NO_WORDS = np.zeros(WORD_BUCKETS)
WORD_PRIOR = 3.0       # pages added to both sides of a word's count
WORD_CLIP = 4.0


def fit_words(found: list[Page]) -> np.ndarray:
    """Per word bucket, the log-ratio of the share of pages that have it in article text to the share
    that have it in furniture (each page counts a word once per side, so one site's words weigh little)."""
    text, furniture = np.zeros(WORD_BUCKETS), np.zeros(WORD_BUCKETS)
    text_pages = furniture_pages = 0
    for page in found:
        for side, label in ((text, 1.0), (furniture, 0.0)):
            lines = [b for b, y in zip(page.buckets, page.labels) if y == label and len(b)]
            if lines:
                side[np.unique(np.concatenate(lines))] += 1
        text_pages += bool((page.labels == 1).any())
        furniture_pages += bool((page.labels == 0).any())
    ratio = np.log((text + WORD_PRIOR) / (text_pages + 2 * WORD_PRIOR)) \
        - np.log((furniture + WORD_PRIOR) / (furniture_pages + 2 * WORD_PRIOR))
    return np.clip(ratio - np.median(ratio), -WORD_CLIP, WORD_CLIP) * ((text + furniture) > 0)


def with_words(found: list[Page], folds: int) -> list[Page]:
    """The pages with their WORDS columns filled from word weights fitted without the page's own fold."""
    columns = [FEATURES.index(name) for name in WORDS]
    out = list(found)
    for fold in range(folds):
        weights = fit_words([p for i, p in enumerate(found) if i % folds != fold])
        for i, page in enumerate(found):
            if i % folds == fold:
                matrix = page.matrix.copy()
                matrix[:, columns] = word_stats(list(page.buckets), weights)
                out[i] = Page(page.page_id, matrix, page.labels, page.weight, page.buckets)
    return out


def held_out(page_id: str, share: int) -> bool:
    """Is this tune page held out for model selection (`share` % of tune pages, by hash of the id)?"""
    return int(hashlib.sha256(page_id.encode()).hexdigest()[8:16], 16) % 100 < share


def stack(found: list[Page], columns) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, labels and weights of the labelled lines; `columns(page)` gives a page's feature rows."""
    rows, labels, weights = [], [], []
    for page in found:
        known = ~np.isnan(page.labels)
        rows.append(columns(page)[known])
        labels.append(page.labels[known])
        weights.append(np.full(int(known.sum()), page.weight))
    return np.vstack(rows), np.concatenate(labels), np.concatenate(weights)


def fit_stacked(found: list[Page], trees: int, depth: int, rate: float, folds: int, learner=None) -> dict:
    """The first pass on all pages; the second pass on FEATURES + CONTEXT, its context built from the
    first-pass log-odds of a first pass fitted without the page's own fold (so the second pass learns
    from log-odds as they look on unseen pages)."""
    learner = learner or fit_hist
    x, y, w = stack(found, lambda page: page.matrix)
    first = learner(x, y, trees, depth, rate, w)
    oof: dict[str, np.ndarray] = {}
    for fold in range(folds):
        inside = [p for i, p in enumerate(found) if i % folds != fold]
        xi, yi, wi = stack(inside, lambda page: page.matrix)
        model = as_model(learner(xi, yi, trees, depth, rate, wi))
        for i, page in enumerate(found):
            if i % folds == fold:
                oof[page.page_id] = model.logodds(page.matrix)
    x2, y2, w2 = stack(found, lambda page: np.hstack([page.matrix, context_matrix(page.matrix, oof[page.page_id])]))
    second = learner(x2, y2, trees, depth, rate, w2)
    return {**first, "second": {"features": list(FEATURES + CONTEXT), **second}}


def fit_model(found: list[Page], trees: int, depth: int, rate: float, folds: int) -> dict:
    """Word weights and trees: the trees learn from word columns fitted without the page's own fold
    (as they will look on unseen pages); the stored word weights are fitted on all pages."""
    words = fit_words(found)
    found = with_words(found, max(folds, 2))
    if folds:
        fitted = fit_stacked(found, trees, depth, rate, folds)
    else:
        x, y, weight = stack(found, lambda page: page.matrix)
        fitted = fit_hist(x, y, trees, depth, rate, weight)
    kept = np.flatnonzero(words)
    return {**fitted, "word_buckets": kept.tolist(), "word_values": _round(words[kept])}


def as_model(trees: dict) -> LineModel:
    return LineModel(np.array(trees["feature"]), np.array(trees["threshold"]), np.array(trees["value"]),
                     trees["bias"], trees["depth"])


def fit(x: np.ndarray, y: np.ndarray, trees: int, depth: int, rate: float, weight: np.ndarray | None = None) -> dict:
    """Gradient-boosted regression trees (scikit-learn, training only), each laid out as a full binary
    tree in heap order, the arrays linemodel.LineModel evaluates with numpy."""
    from sklearn.ensemble import GradientBoostingClassifier  # training only

    model = GradientBoostingClassifier(n_estimators=trees, max_depth=depth, learning_rate=rate, subsample=0.8,
                                       random_state=0).fit(x, y, sample_weight=weight)
    inner = 2 ** depth - 1
    feature = np.zeros((trees, inner), dtype=int)
    threshold = np.full((trees, inner), NEVER)
    value = np.zeros((trees, inner + 1))
    for number, estimator in enumerate(model.estimators_[:, 0]):
        _place(estimator.tree_, 0, 0, 0, depth, rate, feature[number], threshold[number], value[number])
    bias = float(model.decision_function(x[:1])[0] - value[np.arange(trees), _leaves(feature, threshold, x[0], depth)].sum())
    return {"feature": feature.tolist(), "threshold": _round(threshold), "value": _round(value),
            "bias": round(bias, 8), "depth": depth}


def fit_hist(x: np.ndarray, y: np.ndarray, trees: int, depth: int, rate: float,
             weight: np.ndarray | None = None) -> dict:
    """The same trees, fitted by scikit-learn's histogram gradient boosting (much faster; leaf values
    come already scaled by the learning rate)."""
    from sklearn.ensemble import HistGradientBoostingClassifier  # training only

    model = HistGradientBoostingClassifier(max_iter=trees, max_depth=depth, learning_rate=rate, max_leaf_nodes=None,
                                           early_stopping=False, random_state=0).fit(x, y, sample_weight=weight)
    inner = 2 ** depth - 1
    feature = np.zeros((trees, inner), dtype=int)
    threshold = np.full((trees, inner), NEVER)
    value = np.zeros((trees, inner + 1))
    for number, (predictor,) in enumerate(model._predictors):
        _place_hist(predictor.nodes, 0, 0, 0, depth, feature[number], threshold[number], value[number])
    bias = float(np.ravel(model._baseline_prediction)[0])
    # thresholds kept exact: a histogram threshold is often a value lines really have (x <= t goes left)
    return {"feature": feature.tolist(), "threshold": threshold.tolist(), "value": _round(value),
            "bias": round(bias, 8), "depth": depth}


def _place_hist(nodes, node: int, slot: int, level: int, depth: int, feature, threshold, value) -> None:
    """As `_place`, for a histogram-boosting predictor's node array."""
    inner = 2 ** depth - 1
    if level == depth:
        value[slot - inner] = nodes["value"][node]
        return
    leaf = bool(nodes["is_leaf"][node])
    if not leaf:
        feature[slot], threshold[slot] = nodes["feature_idx"][node], nodes["num_threshold"][node]
    left = node if leaf else nodes["left"][node]
    right = node if leaf else nodes["right"][node]
    _place_hist(nodes, left, 2 * slot + 1, level + 1, depth, feature, threshold, value)
    _place_hist(nodes, right, 2 * slot + 2, level + 1, depth, feature, threshold, value)


NEVER = 1e30     # the threshold of a padding node: every line goes left


def _place(tree, node: int, slot: int, level: int, depth: int, rate: float, feature, threshold, value) -> None:
    """Copy sklearn's node `node` into heap slot `slot`; a leaf above the last level fills its whole subtree."""
    inner = 2 ** depth - 1
    if level == depth:
        value[slot - inner] = tree.value[node, 0, 0] * rate
        return
    leaf = tree.children_left[node] < 0
    if not leaf:
        feature[slot], threshold[slot] = tree.feature[node], tree.threshold[node]
    left = node if leaf else tree.children_left[node]
    right = node if leaf else tree.children_right[node]
    _place(tree, left, 2 * slot + 1, level + 1, depth, rate, feature, threshold, value)
    _place(tree, right, 2 * slot + 2, level + 1, depth, rate, feature, threshold, value)


def _leaves(feature: np.ndarray, threshold: np.ndarray, row: np.ndarray, depth: int) -> np.ndarray:
    """The leaf each tree sends one row to (plain loop, to check the bias)."""
    leaves = []
    for number in range(feature.shape[0]):
        slot = 0
        for _ in range(depth):
            slot = 2 * slot + 1 + int(row[feature[number, slot]] > threshold[number, slot])
        leaves.append(slot - feature.shape[1])
    return np.array(leaves)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("devset", type=Path, nargs="?", default=REPO.parent / "shared" / "devset")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--trees", type=int, default=200)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--rate", type=float, default=0.1)
    parser.add_argument("--folds", type=int, default=5, help="folds for the second pass's context (0: one pass)")
    parser.add_argument("--partial-weight", type=float, default=1.0,
                        help="weight of the lines of pages labelled by must / must-not strings only")
    parser.add_argument("--hold-out", type=int, default=0, metavar="PERCENT",
                        help="leave this share of the tune pages out of fitting, to choose settings on them")
    args = parser.parse_args(argv)
    found = [p for p in pages(args.devset.resolve(), args.partial_weight) if not held_out(p.page_id, args.hold_out)]
    fitted = fit_model(found, args.trees, args.depth, args.rate, args.folds)
    x, y, _ = stack(found, lambda page: page.matrix)
    note = "dev set tune split, labelled lines" + (f", {args.hold_out}% held out" if args.hold_out else "")
    model = {"features": list(FEATURES), **fitted, "trained_on": note, "lines": int(len(y)), "positives": int(y.sum())}
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    second = fitted.get("second")
    scores = StackedModel(as_model(fitted), None if second is None else as_model(second))
    words = np.zeros(WORD_BUCKETS)
    words[fitted["word_buckets"]] = fitted["word_values"]
    columns = [FEATURES.index(name) for name in WORDS]
    accuracy = []
    for page in found:
        matrix = page.matrix.copy()
        matrix[:, columns] = word_stats(list(page.buckets), words)
        known = ~np.isnan(page.labels)
        accuracy.append(((scores.logodds(matrix) > 0) == (page.labels > 0.5))[known].mean())
    accuracy = float(np.mean(accuracy))
    print(f"{len(y)} labelled lines ({int(y.sum())} article text) on {len(found)} pages, "
          f"mean training accuracy per page {accuracy:.3f} -> {args.out}")
    return 0


def _round(values: np.ndarray) -> list:
    return np.round(values, 8).tolist()


if __name__ == "__main__":
    sys.exit(main())
