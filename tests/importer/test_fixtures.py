"""The fixtures suite: every raw input in fixtures/ imports to its expected front matter and sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from .fixture_accuracy import compare, expectation, fixture_inputs, import_fixture


@pytest.mark.parametrize("raw", fixture_inputs(), ids=lambda p: p.name)
def test_fixture(raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    got = import_fixture(raw, tmp_path / "content")
    want = expectation(raw)["articles"]
    assert len(got) == len(want)
    for expected, actual in zip(want, got):
        wrong = {f: (expected[f], actual.get(f)) for f, ok in compare(expected, actual).items() if not ok}
        assert wrong == {}


def test_suite_is_big_and_varied() -> None:
    inputs = fixture_inputs()
    assert len(inputs) >= 25
    suffixes = {p.suffix for p in inputs}
    assert {".txt", ".html", ".json", ".xml"} <= suffixes
    languages = {a.get("language") for p in inputs for a in expectation(p)["articles"]}
    assert len(languages - {None}) >= 3
