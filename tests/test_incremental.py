"""Incremental builds through the real CLI and its persistent cache equal clean builds, byte for byte."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from conftest import SMALL_SITE, article, clean_copy, snapshot
from digest.cache import BuildCache, load_cache
from digest.cli import main


def build(root: Path, *args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert main(["build", "--root", str(root), "-q", *args], out, err) == 0, err.getvalue()
    return out.getvalue()


def clean_copy_build(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """Build a fresh copy of root's inputs with no cache: the reference output."""
    return snapshot(clean_copy(root, tmp_path) / "site")


def test_edits_adds_renames_deletes_and_template_changes_match_a_clean_build(make_site, tmp_path):
    files = dict(SMALL_SITE)
    for i in range(6):
        files[f"content/2015/11/extra-{i}.md"] = article(
            f"Harbour story {i}", f"2015-11-{i + 1:02d}T10:00:00Z",
            "Ferry crews and the harbour strike in Brennhaven.\n" * (i + 1), tags=["transport", f"t{i % 2}"],
            source={"name": f"Outlet {i % 3}"}, author=f"Writer {i % 2}")
    root = make_site(files)
    build(root)
    steps = [
        # edit a body below the lede, then a title (which changes lists, feeds and related coverage)
        lambda: (root / "content/2015/11/extra-2.md").write_text(
            (root / "content/2015/11/extra-2.md").read_text() + "\nA correction at the end.\n"),
        lambda: (root / "content/2015/11/extra-3.md").write_text(
            (root / "content/2015/11/extra-3.md").read_text().replace("Harbour story 3", "Harbour story three")),
        # add, rename, delete
        lambda: (root / "content/2015/12").mkdir(),
        lambda: (root / "content/2015/12/new.md").write_text(article("A new story", "2015-12-01", tags=["new"],
                                                                      related=[{"title": "Harbour story 1"}])),
        lambda: (root / "content/2015/11/extra-4.md").rename(root / "content/2015/11/renamed.md"),
        lambda: (root / "content/2015/11/extra-5.md").unlink(),
        # a template and a stylesheet
        lambda: (root / "templates/_macros.html").write_text(
            (root / "templates/_macros.html").read_text().replace('class="card"', 'class="card story-card"')),
        lambda: (root / "templates/static/style.css").write_text("body { color: black; }\n"),
        # settings
        lambda: (root / "digest.yaml").write_text((root / "digest.yaml").read_text().replace("per_page: 2",
                                                                                           "per_page: 3")),
    ]
    for step in steps:
        step()
        build(root)
        assert snapshot(root / "site") == clean_copy_build(root, tmp_path), step


def test_one_change_renders_only_the_pages_that_show_it(make_site, build_site):
    files = {f"content/a{i:02d}.md": article(f"Story {i}", f"2015-01-{i + 1:02d}", f"Body {i}.\n" * 3,
                                             tags=[f"tag{i % 3}"]) for i in range(20)}
    root = make_site(files)
    cache = BuildCache()
    first = build_site(root, cache=cache)
    total, keys = cache.render_count, dict(cache.pages)
    path = root / "content/a05.md"
    path.write_text(path.read_text() + "\nAn added last line.\n")
    result = build_site(root, cache=cache)
    # its page, the list pages its card is on (the card's word count changed, though the default
    # theme does not show it), and the feeds that carry its full text: nothing else is made
    shows_it = {"2015/01/a05/index.html", "page/8/index.html", "tags/tag2/page/3/index.html",
                "archive/2015/page/8/index.html", "archive/2015/01/page/8/index.html", "editions/2015-01-06/index.html",
                "feed.xml", "atom.xml", "feed.json", "tags/tag2/feed.xml", "tags/tag2/atom.xml", "tags/tag2/feed.json"}
    assert {p for p in cache.pages if cache.pages[p] != keys.get(p)} == shows_it
    assert cache.render_count - total == len(shows_it)
    assert (result.parsed, result.rendered) == (1, 1)
    # of those, the bytes changed only where the body is shown
    assert set(result.report.written) == {"2015/01/a05/index.html", "feed.xml", "atom.xml", "feed.json",
                                          "tags/tag2/feed.xml", "tags/tag2/atom.xml", "tags/tag2/feed.json"}
    assert first.pages == result.pages


def test_corrupt_or_foreign_cache_is_rebuilt_not_trusted(make_site, tmp_path):
    root = make_site(SMALL_SITE)
    build(root)
    expected = snapshot(root / "site")
    pickle_file = root / ".digest-cache/articles.pickle"
    assert load_cache(root / ".digest-cache")[1] is None
    pickle_file.write_bytes(b"not a pickle at all")
    (root / "content/2015/10/budget.md").write_text((root / "content/2015/10/budget.md").read_text())  # touch
    out, err = io.StringIO(), io.StringIO()
    assert main(["build", "--root", str(root)], out, err) == 0
    assert "note: unreadable cache (UnpicklingError) rebuilt" in err.getvalue()
    assert snapshot(root / "site") == expected
    import pickle
    with open(pickle_file, "wb") as handle:
        pickle.dump("digest-cache 0 0.0.1", handle)
        pickle.dump(None, handle)
        pickle.dump({}, handle)
    assert load_cache(root / ".digest-cache")[1] == "cache from another digest version ('digest-cache 0 0.0.1') rebuilt"


def test_lost_terms_and_markdown_are_recomputed_from_the_files(make_site, tmp_path):
    """The cache keeps no article bodies: terms or HTML missing from it are made again from the files."""
    root = make_site(SMALL_SITE)
    build(root)
    (root / ".digest-cache/terms.pickle").unlink()
    budget = root / "content/2015/10/budget.md"
    budget.write_text(budget.read_text().replace("title: ", "title: Revised ", 1))  # related coverage runs again
    build(root)
    assert snapshot(root / "site") == clean_copy_build(root, tmp_path)
    cache, note = load_cache(root / ".digest-cache")
    assert note is None and cache.terms  # the recounted terms are stored again
    cache.markdown.clear()  # articles without their HTML are parsed again, not shown empty
    cache.used = {part: set() for part in cache.used}
    from digest.build import build as run_build
    from digest.config import load_config
    result = run_build(load_config(root), cache=cache, write=False)
    assert result.parsed == len(cache.articles) and result.rendered == result.parsed


def test_noop_build_reads_nothing_and_clean_ignores_the_cache(make_site):
    root = make_site(SMALL_SITE)
    build(root)
    assert build(root, "-v") == ""  # quiet wins
    out, err = io.StringIO(), io.StringIO()
    main(["build", "--root", str(root)], out, err)
    assert out.getvalue().endswith("(nothing changed)\n")
    (root / "site/index.html").unlink()
    out = io.StringIO()
    main(["build", "--root", str(root), "--clean"], out, io.StringIO())
    assert "(1 written, 67 unchanged, 0 removed)" in out.getvalue()
    assert (root / "site/index.html").exists()


def test_a_deleted_output_manifest_forces_a_real_build(make_site):
    root = make_site(SMALL_SITE)
    build(root)
    (root / "site/.digest-manifest").unlink()
    # without its manifest the folder can no longer be told from one holding the user's own files
    out, err = io.StringIO(), io.StringIO()
    assert main(["build", "--root", str(root)], out, err) == 1
    assert "files digest did not write" in err.getvalue() and "--force" in err.getvalue()
    out = io.StringIO()
    assert main(["build", "--root", str(root), "--force"], out, io.StringIO()) == 0
    assert "nothing changed" not in out.getvalue()
    assert (root / "site/.digest-manifest").exists()


def test_parallel_build_equals_single_process_build(make_site, build_site, tmp_path):
    from conftest import NOW
    from digest.build import build as run_build
    from digest.config import load_config

    files = {f"content/{i // 100}/a{i:03d}.md": article(
        f"Harbour story number {i}", f"2015-{1 + i % 12:02d}-{1 + i % 27:02d}T{i % 24:02d}:00:00Z",
        f"Ferry crews in harbour {i % 17} and the strike. Word{i % 13} appears.\n\nMore text {i}.\n",
        tags=[f"tag{i % 7}", f"topic{i % 5}"], source={"name": f"Outlet {i % 4}"}, author=f"Writer {i % 9}",
        related=[{"title": f"Harbour story number {i - 1}"}] if i else [])
        for i in range(320)}
    root = make_site(files)
    parallel = run_build(load_config(root), now=NOW, workers=2, page_workers=2)
    assert parallel.rendered == 320
    first = snapshot(root / "site")
    single_root = tmp_path / "single"
    shutil.copytree(root, single_root, ignore=shutil.ignore_patterns("site", ".digest-cache"))
    run_build(load_config(single_root), now=NOW, workers=1, page_workers=1)
    assert snapshot(single_root / "site") == first
    assert not (root / ".site.staging").exists()


def test_a_failing_worker_leaves_site_untouched(make_site, tmp_path):
    from conftest import NOW
    from digest.build import build as run_build
    from digest.config import load_config
    import pytest

    files = {f"content/a{i:03d}.md": article(f"Story {i}", f"2015-01-{1 + i % 27:02d}", tags=["x"])
             for i in range(310)}
    root = make_site(files)
    run_build(load_config(root), now=NOW, workers=2, page_workers=2)
    before = snapshot(root / "site")
    template = root / "templates/article.html"
    # breaks only on one article's page, which either worker may own
    template.write_text(template.read_text().replace(
        "{{ article.title }}</h1>", "{{ article.title }}{% if article.title == 'Story 201' %}{{ nope.x }}{% endif %}</h1>"))
    with pytest.raises(Exception) as info:
        run_build(load_config(root), now=NOW, workers=2, page_workers=2)
    assert "'nope' is undefined" in str(info.value)
    assert snapshot(root / "site") == before
    assert not (root / ".site.staging").exists()


def test_a_build_failing_after_its_early_cache_save_leaves_a_usable_cache(make_site, tmp_path):
    """Cold builds save the parsed articles while related coverage is searched: a build that fails
    later (here in a template) must leave a cache the next build can trust."""
    files = {f"content/a{i:03d}.md": article(f"Story {i}", f"2015-01-{1 + i % 27:02d}", f"Body {i}.\n",
                                             tags=[f"t{i % 5}"]) for i in range(310)}
    root = make_site(files)
    template = root / "templates/article.html"
    good = template.read_text()
    template.write_text(good.replace("{{ article.title }}</h1>", "{{ nope.x }}</h1>"))
    out, err = io.StringIO(), io.StringIO()
    assert main(["build", "--root", str(root), "-q"], out, err) == 1
    assert "'nope' is undefined" in err.getvalue() and not (root / "site").exists()
    assert (root / ".digest-cache/articles.pickle").exists()  # saved before the pages failed
    template.write_text(good)
    (root / "content/a007.md").write_text(article("Story seven, revised", "2015-01-08", "New body.\n", tags=["t2"]))
    build(root)
    assert snapshot(root / "site") == clean_copy_build(root, tmp_path)


def test_parallel_parsing_reports_errors_like_one_process(make_site):
    from conftest import NOW
    from digest.build import build as run_build
    from digest.config import load_config
    from digest.errors import ContentError
    import pytest

    files = {f"content/a{i:03d}.md": article(f"Story {i}", f"2015-01-{1 + i % 27:02d}") for i in range(310)}
    files["content/a150.md"] = "---\ntitle: Broken\ndate: 29/09\n---\nBody\n"
    root = make_site(files)
    messages = []
    for workers in (2, 1):
        with pytest.raises(ContentError) as info:
            run_build(load_config(root), now=NOW, workers=workers)
        messages.append(str(info.value))
    assert messages[0] == messages[1]
    assert messages[0].endswith("content/a150.md:3:7: error: 'date' is not a date: '29/09' "
                                "(hint: use ISO 8601, e.g. 2015-09-29T23:35:00+03:00)")
    assert not (root / "site").exists()


def test_a_parallel_cold_build_leaves_a_cache_the_next_build_reuses_whole(make_site):
    """With page workers, the first one saves the enrichment part of the cache while the main
    process renders lists, and each worker fingerprints the pages it renders: the next build
    must find both and redo nothing."""
    from datetime import datetime, timezone
    from digest.build import build as run_build
    from digest.cache import load_cache
    from digest.config import load_config

    files = {f"content/a{i:03d}.md": article(f"Harbour story {i}", f"2015-01-{1 + i % 27:02d}",
                                             f"Ferry crews in harbour {i % 11} strike.\n", tags=[f"t{i % 5}"])
             for i in range(310)}
    root = make_site(files)
    assert main(["build", "--root", str(root), "-q", "-j", "2"], io.StringIO(), io.StringIO()) == 0
    cache, note = load_cache(root / ".digest-cache")
    assert note is None and cache.enrichment is not None
    before = snapshot(root / "site")
    result = run_build(load_config(root), now=datetime.now(timezone.utc), cache=cache)
    assert result.cache.enrich_count == 0  # reused, not computed again
    assert result.cache.parse_count == 0
    assert result.cache.render_count == 0  # every page's fingerprint was saved, the workers' too
    assert snapshot(root / "site") == before


def test_changing_an_articles_source_changes_its_feed_entries_incrementally(make_site, tmp_path):
    """The credit is part of every feed that carries the article (RSS <source>, Atom rel=via, JSON
    Feed external_url, the closing paragraph): an incremental build remakes those feeds and equals
    a clean build."""
    root = make_site(SMALL_SITE)
    build(root)
    path = root / "content/2015/09/pentagon.md"
    original = "https://www.rt.com/usa/316795-pentagon-russia-syria/"
    steps = [
        ("https://www.rt.com/", original, original),  # the original article's URL
        ("name: RT", "name: Russia Today", "Russia Today"),  # the outlet's name
    ]
    for old, new, expected in steps:
        before = snapshot(root / "site")
        path.write_text(path.read_text().replace(old, new))
        build(root)
        after = snapshot(root / "site")
        assert after == clean_copy_build(root, tmp_path), new
        for name in ("feed.xml", "atom.xml", "feed.json", "tags/syria/feed.xml", "tags/military/atom.xml",
                     "authors/ann-writer/feed.json"):
            assert after[name] != before[name] and expected in after[name].decode(), (new, name)
        assert after["tags/transport/feed.xml"] == before["tags/transport/feed.xml"]  # does not carry it
