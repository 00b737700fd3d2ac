"""Fit the line model of digest/importer/linemodel.py on the dev set's `tune` pages and write its numbers.

    python3 bench/train_linemodel.py ../shared/devset [--out digest/importer/linemodel.json] [--trees 200] [--depth 4] [--rate 0.1]

Line labels come from the dev set's annotations, read at training time only:
  * pages with an annotated body (`body.value`): a line is article text when it is one of the body's
    paragraphs, or (25+ characters) a part of the body; every other line is not;
  * pages with must_contain / must_not_contain strings: a line holding (or held in) a must_contain
    string is article text, one holding a must_not_contain string is not; other lines are unlabelled.
Only numbers are written (feature names, per tree the features tested, thresholds and leaf values,
the bias, label counts): no page text goes into the repository.  Only `tune` pages are used; `check` is left for reporting.
Gradient-boosted trees, fitted with scikit-learn (needed here only; the importer evaluates the stored
trees with numpy).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from digest.importer.dumppage import read_page  # noqa: E402
from digest.importer.headline import find_headline  # noqa: E402
from digest.importer.linemodel import FEATURES, MODEL_FILE, LineModel  # noqa: E402
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


def dataset(devset: Path, partial_weight: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows, labels and weights of every labelled line of the tune pages (lines of pages with
    only must / must-not strings weigh `partial_weight`)."""
    rows, labels, weights = [], [], []
    for number, page_id in enumerate(tune_ids(devset)):
        text = (devset / "pages" / f"{page_id}.txt").read_text(encoding="utf-8", errors="replace")
        truth = json.loads((devset / "pages" / f"{page_id}.truth.json").read_text(encoding="utf-8"))
        page = read_page(text)
        if not page.lines:
            continue
        matrix = page_features(page, find_headline(page))
        for index, label in enumerate(line_labels(page.lines, truth)):
            if label is not None:
                rows.append(matrix[index])
                labels.append(label)
                weights.append(1.0 if (truth.get("body") or {}).get("value") else partial_weight)
    return np.array(rows), np.array(labels), np.array(weights)


def fit(x: np.ndarray, y: np.ndarray, trees: int, depth: int, rate: float, weight: np.ndarray | None = None) -> dict:
    """Gradient-boosted regression trees (scikit-learn, training only), each laid out as a full binary
    tree in heap order, the arrays linemodel.LineModel evaluates with numpy."""
    from sklearn.ensemble import GradientBoostingClassifier

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
    parser.add_argument("--partial-weight", type=float, default=1.0,
                        help="weight of the lines of pages labelled by must / must-not strings only")
    args = parser.parse_args(argv)
    x, y, weight = dataset(args.devset.resolve(), args.partial_weight)
    model = {"features": list(FEATURES), **fit(x, y, args.trees, args.depth, args.rate, weight),
             "trained_on": "dev set tune split, labelled lines", "lines": int(len(y)), "positives": int(y.sum())}
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    scores = LineModel(np.array(model["feature"]), np.array(model["threshold"]), np.array(model["value"]),
                       model["bias"], model["depth"]).logodds(x)
    accuracy = float(((scores > 0) == (y > 0.5)).mean())
    print(f"{len(y)} labelled lines ({int(y.sum())} article text), training accuracy {accuracy:.3f} -> {args.out}")
    return 0


def _round(values: np.ndarray) -> list:
    return np.round(values, 8).tolist()


if __name__ == "__main__":
    sys.exit(main())
