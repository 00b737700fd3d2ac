"""The importer fixtures suite: import each raw input in fixtures/, compare with its .expected.yaml.

Used by test_fixtures.py, and runnable as a script that prints per-field accuracy:

    python tests/importer/fixture_accuracy.py
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIELDS = ("title", "date", "author", "source", "related", "tags", "language", "first", "last")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»’)]*\s+(?=[\"“‘«(]?[A-ZÀ-ÖØ-ÞА-ЯЁ0-9])")


def fixture_inputs() -> list[Path]:
    """Every raw input that has an expectation file."""
    return sorted(p for p in FIXTURES.iterdir()
                  if not p.name.endswith(".expected.yaml") and p.with_name(p.stem + ".expected.yaml").exists())


def expectation(raw: Path) -> dict:
    """The parsed .expected.yaml of a raw input."""
    return yaml.safe_load(raw.with_name(raw.stem + ".expected.yaml").read_text(encoding="utf-8"))


def import_fixture(raw: Path, into: Path) -> list[dict]:
    """Import one fixture into `into`; the written articles as {front matter..., first, last}, in input order."""
    from digest.importer.command import configure_parser, run

    parser = argparse.ArgumentParser()
    configure_parser(parser)
    args = parser.parse_args([str(raw), "--into", str(into), *expectation(raw).get("args", [])])
    out, err = io.StringIO(), io.StringIO()
    code = run(args, out, err)
    if code != 0:
        raise AssertionError(f"import failed ({code}):\n{out.getvalue()}{err.getvalue()}")
    written = re.findall(r"-> (.+\.md)$", out.getvalue(), re.M)
    articles = []
    for name in written:
        path = Path(name) if Path(name).is_absolute() else Path.cwd() / name
        text = path.read_text(encoding="utf-8")
        front, body = text[4:].split("\n---\n", 1)
        meta = yaml.safe_load(front)
        sentences = [s for s in _sentences(_unescape(body)) if s]
        meta["first"], meta["last"] = (sentences[0], sentences[-1]) if sentences else (None, None)
        meta["body"] = body
        articles.append(meta)
    return articles


def compare(expected: dict, actual: dict) -> dict[str, bool]:
    """Per field: does the imported article match? (Only fields the expectation names.)"""
    result = {}
    for field in FIELDS:
        if field in expected:
            result[field] = _normal(actual.get(field)) == _normal(expected[field])
    for snippet in expected.get("body_contains", ()):
        result[f"body has {snippet!r}"] = snippet in actual.get("body", "")
    return result


def accuracy() -> tuple[Counter, Counter, list[str]]:
    """(right, total, mismatch descriptions) over the whole suite."""
    right: Counter = Counter()
    total: Counter = Counter()
    problems: list[str] = []
    for raw in fixture_inputs():
        with tempfile.TemporaryDirectory() as tmp:
            try:
                got = import_fixture(raw, Path(tmp) / "content")
            except AssertionError as exc:
                got = []
                problems.append(f"{raw.name}: {exc}")
            for n, want in enumerate(expectation(raw)["articles"]):
                have = got[n] if n < len(got) else {}
                for field, ok in compare(want, have).items():
                    total[field] += 1
                    right[field] += ok
                    if not ok:
                        problems.append(f"{raw.name}[{n}] {field}: want {want[field]!r}, got {have.get(field)!r}")
    return right, total, problems


def _sentences(body: str) -> list[str]:
    sentences: list[str] = []
    for line in body.splitlines():
        line = re.sub(r"^(?:[->] |\d+\. )", "", line.strip())
        if line:
            sentences.extend(s.strip() for s in _SENTENCE_END.split(line))
    return sentences


def _unescape(markdown: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def _normal(value: object) -> object:
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        return value[0]
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def main() -> int:
    right, total, problems = accuracy()
    inputs = fixture_inputs()
    print(f"{len(inputs)} raw inputs, {total['title']} articles")
    for field in FIELDS:
        if total[field]:
            print(f"  {field:9} {right[field]:3}/{total[field]:<3} {100 * right[field] / total[field]:5.1f}%")
    for problem in problems:
        print("  MISMATCH", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    raise SystemExit(main())
