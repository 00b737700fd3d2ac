"""linemodel: the two-pass line model (first-pass trees, word weights, second pass over the first pass's context)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from digest.importer.linemodel import (CONTEXT, FEATURES, MODEL_FILE, WORD_BUCKETS, WORDS, LineModel, StackedModel,
                                       context_matrix, load_model, word_buckets, word_stats, word_weights)

REPO = Path(__file__).resolve().parents[2]


def _train_module():
    spec = importlib.util.spec_from_file_location("train_linemodel", REPO / "bench" / "train_linemodel.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_linemodel", module)
    spec.loader.exec_module(module)
    return sys.modules["train_linemodel"]


def _rows(n: int, anchor: int | None = None, prose=()) -> np.ndarray:
    matrix = np.zeros((n, len(FEATURES)))
    if anchor is not None:
        matrix[anchor, FEATURES.index("is_anchor")] = 1.0
    for i in prose:
        matrix[i, FEATURES.index("prose")] = 1.0
    return matrix


def test_the_stored_model_has_both_passes_and_word_weights_as_numbers_only() -> None:
    model = load_model()
    assert model is not None and model.second is not None
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert tuple(data["second"]["features"]) == FEATURES + CONTEXT
    assert all(isinstance(v, float) for v in data["word_values"])
    assert all(isinstance(b, int) and 0 <= b < WORD_BUCKETS for b in data["word_buckets"])
    weights = word_weights()
    assert weights is not None and weights.shape == (WORD_BUCKETS,) and np.isfinite(weights).all()


def test_context_reads_the_first_pass_around_each_line() -> None:
    odds = np.array([-4.0, -4.0, 3.0, 3.0, -2.0, 3.0, -4.0])
    context = context_matrix(_rows(7, anchor=4, prose=(2, 3, 5)), odds)
    column = {name: context[:, i] for i, name in enumerate(CONTEXT)}
    assert context.shape == (7, len(CONTEXT))
    assert column["odds@-1"][4] == 3.0 and column["odds@+1"][4] == 3.0      # a line between two sure paragraphs
    assert column["max_above"][4] == 3.0 and column["max_below"][6] == -6.0  # past the page's end: clipped floor
    assert column["log_sure_gap_above"][4] == pytest.approx(np.log(2))       # the nearest sure line is one up
    assert column["prose_from_anchor"][0] == pytest.approx(-np.log(3))      # two prose lines up to the headline
    assert column["prose_from_anchor"][6] == pytest.approx(np.log(2))       # one below it
    assert column["sure_before"][0] == 0.0 and column["sure_after"][6] == 0.0


def test_context_without_a_headline_has_no_anchor_counts() -> None:
    context = context_matrix(_rows(4, prose=(1, 2)), np.array([-1.0, 2.0, 2.0, -1.0]))
    assert not context[:, CONTEXT.index("prose_from_anchor")].any()


def test_the_second_pass_reads_the_first_passs_context() -> None:
    """A hand-made second pass that says "article text" when the line above was sure article text."""
    first = LineModel(np.array([[FEATURES.index("prose")]]), np.array([[0.5]]), np.array([[-2.0, 2.0]]), 0.0, 1)
    above = len(FEATURES) + CONTEXT.index("odds@-1")
    second = LineModel(np.array([[above]]), np.array([[1.0]]), np.array([[-3.0, 3.0]]), 0.0, 1)
    odds = StackedModel(first, second).logodds(_rows(3, prose=(0,)))
    assert list(odds) == [-3.0, 3.0, -3.0]
    assert list(StackedModel(first, None).logodds(_rows(3, prose=(0,)))) == [2.0, -2.0, -2.0]


def test_words_hash_the_same_whatever_the_case_and_count_once() -> None:
    assert list(word_buckets("Subscribe to our NEWSLETTER, subscribe now!")) == \
        list(word_buckets("subscribe to our newsletter now"))
    assert len(word_buckets("12 34 - !")) == 0


def test_word_stats_give_mean_low_high_and_share_of_furniture_words() -> None:
    weights = np.zeros(WORD_BUCKETS)
    newsletter, said = word_buckets("newsletter")[0], word_buckets("said")[0]
    weights[newsletter], weights[said] = -2.0, 1.0
    stats = word_stats([word_buckets("newsletter said"), np.array([], dtype=np.int64)], weights)
    assert list(stats[0]) == [-0.5, -2.0, 1.0, 0.5] and not stats[1].any()
    assert WORDS == ("word_mean", "word_min", "word_max", "word_low")


def test_word_weights_lean_to_the_side_a_word_is_seen_on_across_pages() -> None:
    train = _train_module()
    text = "the council said the bridge will be repaired"
    chrome = "sign up for our newsletter"
    found = []
    for number in range(6):
        lines = (text, chrome, "reply")
        labels = np.array([1.0, 0.0, np.nan])
        found.append(train.Page(f"p{number}", np.zeros((3, len(FEATURES))), labels, 1.0,
                                tuple(word_buckets(line) for line in lines)))
    weights = train.fit_words(found)
    assert weights[word_buckets("council")[0]] > 0 > weights[word_buckets("newsletter")[0]]
    assert weights[word_buckets("reply")[0]] == 0.0          # only on an unlabelled line: not learnt
    filled = train.with_words(found, 3)
    columns = [FEATURES.index(name) for name in WORDS]
    assert filled[0].matrix[0, columns[0]] > 0 > filled[0].matrix[1, columns[0]]
