"""Labelled lines: tags, the article's URL and its source's name leave the body for the front matter."""

from __future__ import annotations

import pytest

from digest.importer.labels import Label, read_label


@pytest.mark.parametrize("line, label", [
    ("Tags: harbour, ferries; Vellmar", Label("tags", ("harbour", "ferries", "Vellmar"))),
    ("Schlagwörter: Hafen · Fähre", Label("tags", ("Hafen", "Fähre"))),
    ("https://news.example/2020/05/bridge", Label("url", ("https://news.example/2020/05/bridge",))),
    ("Originally published at <https://news.example/a>.", Label("url", ("https://news.example/a",))),
    ("Source: https://news.example/a.", Label("url", ("https://news.example/a",))),
    ("Source: Coastal Courier", Label("source", ("Coastal Courier",))),
    ("Quelle: Hafenbote", Label("source", ("Hafenbote",))),
    ("Source: officials who asked not to be named.", None),     # a sentence, not a label
    ("The tags were removed from the ferry overnight.", None),
])
def test_a_labelled_line_is_read_and_a_sentence_is_not(line, label):
    assert read_label(line) == label
