"""Shared fixtures: a small site written into tmp_path with the shipped default theme."""

from __future__ import annotations

import shutil
import textwrap
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pytest

from digest.build import BuildResult, build
from digest.cache import BuildCache
from digest.config import load_config

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)

CONFIG = """\
title: Test Digest
description: A digest for tests.
base_url: https://news.example.net/
language: en
timezone: Europe/London
author: Test Editors
per_page: 2
"""


def article(title: str, date: str, body: str = "Body text.", **fields: object) -> str:
    """The text of a content file with the given front matter."""
    import yaml

    matter = {"title": title, "date": date, **fields}
    return "---\n" + yaml.safe_dump(matter, allow_unicode=True, sort_keys=False) + "---\n" + textwrap.dedent(body)


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """make_site({"content/a.md": "...", ...}, config=...) -> the site root, with the default theme.

    Unless `config` says otherwise it ends with `search: false` (after every other line, so line
    numbers stay): the search index has its own tests (test_search.py), and the other tests' file
    lists and counts stay digest's own."""

    def make(files: dict[str, str], config: str = CONFIG) -> Path:
        root = tmp_path / "site-root"
        root.mkdir(exist_ok=True)
        if "search:" not in config:
            config = config.rstrip("\n") + "\nsearch: false\n"
        (root / "digest.yaml").write_text(config, encoding="utf-8")
        if not (root / "templates").exists():
            shutil.copytree(REPO / "templates", root / "templates")
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return make


@pytest.fixture
def build_site() -> Callable[..., BuildResult]:
    """build_site(root, cache=None, **overrides) builds with a fixed clock."""

    def run(root: Path, cache: BuildCache | None = None, **overrides: object) -> BuildResult:
        return build(load_config(root, overrides), now=NOW, cache=cache)

    return run


def copy_inputs(source: Path, target: Path) -> Path:
    """A site's inputs (digest.yaml, content/, templates/) copied into `target`, without its cache."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy(source / "digest.yaml", target / "digest.yaml")
    shutil.copytree(source / "content", target / "content")
    shutil.copytree(source / "templates", target / "templates")
    return target


def clean_copy(root: Path, tmp_path: Path) -> Path:
    """root's inputs built from scratch in tmp_path/clean through the CLI, with no cache: the
    reference an incremental build must equal.  Returns that folder."""
    import io

    from digest.cli import main

    clean = copy_inputs(root, tmp_path / "clean")
    err = io.StringIO()
    assert main(["build", "--root", str(clean), "-q"], io.StringIO(), err) == 0, err.getvalue()
    return clean


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below folder, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


SMALL_SITE = {
    "content/2015/09/pentagon.md": article(
        "Pentagon to open ‘lines of communication’", "2015-09-29T23:35:00+03:00",
        "The US will open lines.\n\nSee [the tram story](/2015/08/tram/) too.\n",
        author="Ann Writer", source={"name": "RT", "url": "https://www.rt.com/"}, tags=["Syria", "military"],
        related=[{"title": "Northgate tram line opens"}, {"title": "Elsewhere", "url": "https://other.example/x"},
                 {"title": "Unknown story"}]),
    "content/2015/08/tram.md": article(
        "Northgate tram line opens", "2015-08-14T09:00:00+02:00", "Trams run.\n\n## Timetable\n\nEvery ten minutes.\n",
        source={"name": "Northgate Wire"}, tags=["transport"], summary="The new line opens."),
    "content/2015/10/budget.md": article(
        "Budget vote delayed", "2015-10-02 18:00", "Parliament waits.\n", tags=["politics", "syria"],
        author=["A One", "B Two"]),
}
