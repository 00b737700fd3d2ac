"""Helpers for importer tests: run `digest import` as a user would, read written files back."""

from __future__ import annotations

import argparse
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from digest.importer.command import configure_parser, run

try:  # the lead's CLI; while the site builder is mid-change, fall back to the importer's own parser
    from digest.cli import main
except ImportError:  # pragma: no cover - depends on the state of the rest of the tree
    main = None


@dataclass
class ImportRun:
    """The exit code and what `digest import` printed."""

    code: int
    out: str
    err: str


def run_import(*argv: str | Path, stdin: bytes | None = None) -> ImportRun:
    """`digest import ARGV...` as the user types it (through cli.main); `stdin` feeds `-`."""
    out, err = io.StringIO(), io.StringIO()
    if stdin is None and main is not None:
        code = main(["import", *(str(a) for a in argv)], out, err)
    else:  # cli.main reads the real stdin; hand the bytes to the importer's run directly
        parser = argparse.ArgumentParser(prog="digest import")
        configure_parser(parser)
        code = run(parser.parse_args([str(a) for a in argv]), out, err, stdin=io.BytesIO(stdin))
    return ImportRun(code, out.getvalue(), err.getvalue())


def read_article(path: Path) -> tuple[dict, str]:
    """(front matter, body) of a written Markdown file."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    front, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(front), body.lstrip("\n")


def written(content: Path) -> list[Path]:
    """All Markdown files under a content dir, sorted."""
    return sorted(content.rglob("*.md"))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The --into directory of a test."""
    return tmp_path / "content"
