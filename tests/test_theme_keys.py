"""Incremental == clean for any theme: page keys come from what templates see, not from a list of
fields the default theme happens to show.  Built through the real CLI on a copy of the sample."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from conftest import NOW, REPO, clean_copy, copy_inputs, snapshot
from digest.build import build as run_build
from digest.cache import BuildCache
from digest.cli import main
from digest.config import load_config

THEME = Path(__file__).resolve().parent / "data" / "allfields-theme"
KELLMOOR = "content/2015/08/kellmoor-cannery-to-close.md"


def cli_build(root: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["build", "--root", str(root), "-q"], out, err) == 0, err.getvalue()


def clean_build(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """The same inputs built from scratch in another folder, with no cache: the reference."""
    return snapshot(clean_copy(root, tmp_path) / "site")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the shipped sample digest (content, settings, default theme)."""
    return copy_inputs(REPO, tmp_path / "sample")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def assert_same_as_clean(root: Path, tmp_path: Path) -> None:
    built, clean = snapshot(root / "site"), clean_build(root, tmp_path)
    assert built.keys() == clean.keys()
    stale = sorted(path for path in built if built[path] != clean[path])
    assert not stale, stale


def test_a_theme_showing_an_extra_field_follows_front_matter_edits(sample, tmp_path):
    """Issue 15, first reproduction: article.html shows `article.extra.mood`."""
    edit(sample / "templates/article.html", "{% block main %}",
         '{% block main %}\n<p class="mood">{{ article.extra.mood | default("") }}</p>')
    cli_build(sample)
    article = sample / KELLMOOR
    edit(article, "sample: true\n", "sample: true\nextra:\n  mood: calm\n")
    cli_build(sample)
    page = (sample / "site/2015/08/kellmoor-cannery-to-close/index.html").read_text(encoding="utf-8")
    assert '<p class="mood">calm</p>' in page
    assert_same_as_clean(sample, tmp_path)
    edit(article, "mood: calm", "mood: stormy")
    cli_build(sample)
    assert_same_as_clean(sample, tmp_path)


def test_a_theme_showing_reading_time_on_cards_follows_body_growth(sample, tmp_path):
    """Issue 15, second reproduction: cards show `reading_minutes`; the body grows below its lede."""
    edit(sample / "templates/_macros.html", '<article class="card">',
         '<article class="card"><span class="minutes">{{ article.reading_minutes }} min</span>')
    cli_build(sample)
    article = sample / KELLMOOR
    article.write_text(article.read_text(encoding="utf-8") + "\nThe harbour waits for news. " * 300,
                       encoding="utf-8")
    cli_build(sample)
    assert_same_as_clean(sample, tmp_path)
    minutes = re.findall(r'<span class="minutes">(\d+) min</span>', (sample / "site/archive/2015/08/index.html")
                         .read_text(encoding="utf-8"))
    assert max(map(int, minutes)) >= 5  # it was 1 before the body grew


# one edit at a time to every front matter field and to the body; each build equals a clean build
FIELD_EDITS = [
    ("title", lambda t: t.replace("title: \"‘We were not consulted’: Kellmoor cannery to close after 61 years\"",
                                  "title: Kellmoor cannery to close")),
    ("date", lambda t: t.replace("date: 2015-08-12T18:45:00+02:00", "date: 2015-08-12T19:45:00+02:00")),
    ("updated", lambda t: t.replace("author: Ingrid Fallow", "updated: 2015-08-13T08:00:00+02:00\n"
                                                              "author: Ingrid Fallow")),
    ("author", lambda t: t.replace("author: Ingrid Fallow", "author: [Ingrid Fallow, Per Lanning]")),
    ("source name", lambda t: t.replace("name: Eastreach Radio", "name: Eastreach Radio News")),
    ("source url", lambda t: t.replace("url: https://eastreachradio.example/news/2015/08/kellmoor-cannery-closure",
                                       "url: https://eastreachradio.example/kellmoor")),
    ("tags", lambda t: t.replace("tags: [economy, labour, fishing]", "tags: [economy, fishing, harbours]")),
    ("summary", lambda t: t.replace("summary: \"Halvard Foods will close", "summary: \"Halvard Foods is to close")),
    ("image", lambda t: t.replace("sample: true", "sample: true\nimage: /static/kellmoor.jpg")),
    ("language", lambda t: t.replace("sample: true", "sample: true\nlanguage: en-GB")),
    ("sample", lambda t: t.replace("sample: true", "sample: false")),
    ("related", lambda t: t.replace("sample: true", "sample: true\nrelated:\n  - title: Ferry crews walk out\n"
                                                    "  - title: Elsewhere\n    url: https://other.example/x")),
    ("extra", lambda t: t.replace("sample: true", "sample: true\nextra:\n  mood: calm\n  weight: 3")),
    ("body above the lede", lambda t: t.replace("KELLMOOR — The Kellmoor Canning Company",
                                                "KELLMOOR — The old Kellmoor Canning Company")),
    ("body below the lede", lambda t: t + "\nA correction was added at the end.\n"),
    ("slug", lambda t: t.replace("sample: true", "sample: true\nslug: kellmoor-closure")),
]


def test_a_theme_printing_every_view_field_follows_every_edit(sample, tmp_path):
    """The all-fields theme prints every field of every view (site, page, article, card, list,
    pager, edition); feeds are compared too.  Each edit, one at a time, builds to exactly what a
    clean build makes."""
    shutil.rmtree(sample / "templates")
    shutil.copytree(THEME, sample / "templates")
    cli_build(sample)
    article = sample / KELLMOOR
    for name, change in FIELD_EDITS:
        text = article.read_text(encoding="utf-8")
        assert change(text) != text, name
        article.write_text(change(text), encoding="utf-8")
        cli_build(sample)
        built, clean = snapshot(sample / "site"), clean_build(sample, tmp_path)
        assert built.keys() == clean.keys(), name
        assert [p for p in built if built[p] != clean[p]] == [], name
        article.write_text(text, encoding="utf-8")  # back, so each edit is tested alone
        cli_build(sample)


def test_a_template_change_renders_again_only_the_pages_using_it(sample, tmp_path):
    """A partial included by article.html changes: every article page is made again, no list page."""
    (sample / "templates/_stamp.html").write_text('<p class="stamp">one</p>\n', encoding="utf-8")
    edit(sample / "templates/article.html", "{% block main %}", '{% block main %}\n{% include "_stamp.html" %}')
    cache = BuildCache()
    config = load_config(sample)
    first = run_build(config, now=NOW, cache=cache)
    before = cache.render_count
    (sample / "templates/_stamp.html").write_text('<p class="stamp">two</p>\n', encoding="utf-8")
    second = run_build(config, now=NOW, cache=cache)
    assert cache.render_count - before == len(first.site.entries)
    assert {p for p in second.report.written if p.endswith(".html")} == {
        e.url.strip("/") + "/index.html" for e in first.site.entries}
    before = cache.render_count
    edit(sample / "templates/_macros.html", '<article class="card">', '<article class="card teaser">')
    run_build(config, now=NOW, cache=cache)
    assert cache.render_count - before > len(first.site.entries)  # cards are on lists, bylines on articles
    assert snapshot(sample / "site") == clean_build(sample, tmp_path)


def test_an_unchanged_rebuild_renders_nothing(sample):
    cache = BuildCache()
    config = load_config(sample)
    run_build(config, now=NOW, cache=cache)
    before = cache.render_count
    result = run_build(config, now=NOW, cache=cache)
    assert cache.render_count == before and result.report.written == ()


def test_every_field_of_a_view_or_feed_entry_is_in_its_digest(make_site, build_site):
    """No list of fields to keep up to date: change any one field of any view or feed entry and
    its digest changes, so a field added tomorrow is covered without a second edit."""
    import dataclasses

    from conftest import SMALL_SITE
    from digest.feeds import FeedItem, FeedView
    from digest.incremental import Digests
    from digest.views import ArticleView, EditionView, Link, Pager, SiteView, ViewParts, article_view

    result = build_site(make_site(SMALL_SITE))
    entries = {e.article.path: e for e in result.site.entries}
    digests = Digests()
    view = article_view(result.site.entries[0], ViewParts(entries, result.site.config, digests.remember))
    values = [view, Link("a", "/a/", 1), Pager(1, 2, None, "/page/2/"),
              EditionView("t", "d", "2015-10-12", None, 1, (("News", (view,)),)),
              SiteView(*(["x"] * 16), 2015), FeedItem("u", "t", view.date, view.date, "s", b"z", ("a",), ("c",)),
              FeedView("/", "t", "s", (), view.date)]
    for value in values:
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = {str: lambda v: v + "!", int: lambda v: v + 1, bool: lambda v: not v, bytes: lambda v: v + b"!",
                   tuple: lambda v: v + v[:1] if v else ("x",), dict: lambda v: {**v, "mood": "calm"},
                   type(None): lambda v: "x"}.get(type(old), lambda v: None)(old)
            if type(old).__name__ in ("Markup",):
                new = old + "!"
            elif type(old).__name__ == "datetime":
                new = old.replace(year=old.year + 1)
            elif dataclasses.is_dataclass(old):
                new = None
            assert new != old, (type(value).__name__, field.name)
            changed = dataclasses.replace(value, **{field.name: new})
            assert Digests().of(changed) != Digests().of(value), (type(value).__name__, field.name)


def test_page_keys_are_the_same_in_every_process(sample):
    """Keys are stable across processes and hash seeds: a second build in another interpreter
    (another PYTHONHASHSEED) keeps every page."""
    import os
    import subprocess
    import sys

    from digest.cache import load_cache

    def build_in(seed: str) -> str:
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=os.pathsep.join(sys.path))
        done = subprocess.run([sys.executable, "-m", "digest", "build", "--root", str(sample)], env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    build_in("1")
    keys = load_cache(sample / ".digest-cache")[0].pages
    article = sample / KELLMOOR
    article.write_text(article.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # not a no-op build
    assert "(0 written," in build_in("2")
    assert load_cache(sample / ".digest-cache")[0].pages == keys
