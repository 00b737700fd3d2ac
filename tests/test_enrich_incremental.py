"""Incremental enrichment equals a clean one: after editing, adding or deleting one article, the
related lists and story groups an incremental build makes (searching only the rows the change can
reach) are the ones a clean build makes, and so are the pages -- also when a term's document
frequency crosses a bucket boundary and every article holding it is weighed again."""

from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

from conftest import article, snapshot
from digest.cache import load_cache
from digest.cli import main

CONFIG = "title: T\nbase_url: https://news.example.net/\ntimezone: UTC\nper_page: 10\nrelated_count: 4\n"
WORDS = ("harbour ferry strike council budget school flood storm election court trial bridge tram rail "
         "museum festival hospital nurses teachers farmers fishing quota wind turbine port cranes mayor "
         "housing rents market bakery river dam drought wildfire orchestra library stadium derby").split()


def corpus(n: int, seed: int = 3, rare: int = 0) -> dict[str, str]:
    """n articles over two months, in threes from different outlets on one story (shared words,
    within a day), with tags; the first `rare` hold the word 'zephyrine'."""
    files = {}
    for i in range(n):
        group = random.Random(seed * 1000 + i // 3)
        words = group.sample(WORDS, 6) + [random.Random(i).choice(WORDS)] + (["zephyrine"] if i < rare else [])
        title = f"{words[0].capitalize()} {words[1]} {i}"
        body = " ".join(words * 3) + ".\n"
        day = (i // 3) * 2 % 58
        files[f"content/a{i:03d}.md"] = article(
            title, f"2015-{9 + day // 29:02d}-{1 + day % 29:02d}T{i % 3 * 5 + 6:02d}:00:00Z", body,
            tags=group.sample(["port", "city", "sport", "weather", "courts", "culture"], 2),
            source={"name": f"Outlet {i % 4}"})
    return files


def build(root: Path) -> None:
    err = io.StringIO()
    assert main(["build", "--root", str(root), "-q"], io.StringIO(), err) == 0, err.getvalue()


def clean_build(root: Path, tmp_path: Path) -> Path:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    clean.mkdir()
    shutil.copy(root / "digest.yaml", clean / "digest.yaml")
    shutil.copytree(root / "content", clean / "content")
    shutil.copytree(root / "templates", clean / "templates")
    build(clean)
    return clean


def enrichment(root: Path):
    cache, note = load_cache(root / ".digest-cache")
    assert note is None
    return cache.enrichment[1], cache.enrichment_state


def assert_same_as_clean(root: Path, tmp_path: Path) -> int:
    """The incremental build's related lists, stories and pages equal a clean build's; returns how
    many articles its search went through again."""
    clean = clean_build(root, tmp_path)
    mine, state = enrichment(root)
    theirs, _ = enrichment(clean)
    assert mine.coverage == theirs.coverage
    assert mine.stories == theirs.stories
    assert mine.references == theirs.references
    assert snapshot(root / "site") == snapshot(clean / "site")
    return len(state.search.rows)


def test_edit_add_and_delete_one_article_equal_a_clean_build(make_site, tmp_path):
    root = make_site(corpus(40), config=CONFIG)
    build(root)
    first, _ = enrichment(root)
    assert any(first.coverage.values()) and first.stories  # the corpus has related coverage and stories
    a007 = root / "content/a007.md"
    steps = [
        lambda: a007.write_text(a007.read_text().replace("harbour", "derby")),  # the lede: terms change
        lambda: (root / "content/new.md").write_text(article(
            "Harbour ferry strike spreads", "2015-09-08T09:00:00Z", "harbour ferry strike council " * 4 + "\n",
            tags=["port"], source={"name": "Outlet 9"})),
        lambda: (root / "content/a012.md").unlink(),
        lambda: (root / "content/a020.md").write_text((root / "content/a020.md").read_text().replace(
            "tags:", "related:\n- title: Harbour ferry strike spreads\ntags:")),
    ]
    for step in steps:
        step()
        build(root)
        assert_same_as_clean(root, tmp_path)


def test_a_term_crossing_a_bucket_boundary_weighs_its_holders_again(make_site, tmp_path):
    """120 articles (corpus bucket 107: terms on up to 21 count); 'zephyrine' on 19 is in the
    bucket of 16, and a 20th article moves it to the bucket of 19, changing its weight in all."""
    from digest.candidates import bucket

    assert bucket(19) == bucket(16) != bucket(20) and bucket(120) == bucket(121)
    root = make_site(corpus(120, rare=19), config=CONFIG)
    build(root)
    _, before = enrichment(root)
    zeph = list(before.search.vocab).index("zephyrine")
    assert before.search.signature[zeph] == 16
    (root / "content/b.md").write_text(article("Zephyrine winds close the port", "2015-10-03T08:00:00Z",
                                               "zephyrine harbour cranes port " * 3 + "\n", tags=["port"]))
    build(root)
    assert_same_as_clean(root, tmp_path)
    _, after = enrichment(root)
    assert after.search.signature[list(after.search.vocab).index("zephyrine")] == 19
    holders = [i for i, p in enumerate(after.search.paths) if p < "a019" or p == "b.md"]
    assert set(holders) <= set(after.search.rows.tolist())  # every holder was searched again


def test_an_edit_below_the_lede_reuses_the_enrichment_whole(make_site, tmp_path):
    files = corpus(30)
    files["content/a003.md"] += "\n" + "A long paragraph on the harbour. " * 60 + "\n"  # past the lede
    root = make_site(files, config=CONFIG)
    build(root)
    mine, state = enrichment(root)
    path = root / "content/a003.md"
    path.write_text(path.read_text() + "\nA correction at the end.\n")
    build(root)
    again, state_again = enrichment(root)
    assert state_again.generation == state.generation and again.stamps == mine.stamps
