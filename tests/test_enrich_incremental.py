"""Incremental enrichment equals a clean one: after editing, adding or deleting one article, the
related lists and story groups an incremental build makes (searching only the rows the change can
reach) are the ones a clean build makes, and so are the pages -- also when a term's document
frequency crosses a bucket boundary and every article holding it is weighed again."""

from __future__ import annotations

import io
import pickle
import random
from pathlib import Path

from conftest import article, clean_copy, snapshot
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


def enrichment(root: Path):
    cache, note = load_cache(root / ".digest-cache")
    assert note is None
    return cache.enrichment[1], cache.enrichment_state


def index(root: Path):
    """The candidate search's index kept in the cache."""
    cache, _ = load_cache(root / ".digest-cache")
    return pickle.loads(cache.search_index())


def assert_same_as_clean(root: Path, tmp_path: Path) -> int:
    """The incremental build's related lists, stories and pages equal a clean build's; returns how
    many articles its search went through again."""
    clean = clean_copy(root, tmp_path)
    mine, state = enrichment(root)
    theirs, _ = enrichment(clean)
    assert mine.coverage == theirs.coverage
    assert mine.stories == theirs.stories
    assert mine.references == theirs.references
    assert snapshot(root / "site") == snapshot(clean / "site")
    return len(state.searched)


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
    from digest.enrich.candidates import bucket

    assert bucket(19) == bucket(16) != bucket(20) and bucket(120) == bucket(121)
    root = make_site(corpus(120, rare=19), config=CONFIG)
    build(root)
    _, before = enrichment(root)
    zeph = list(index(root).vocab).index("zephyrine")
    assert index(root).signature[zeph] == 16
    (root / "content/b.md").write_text(article("Zephyrine winds close the port", "2015-10-03T08:00:00Z",
                                               "zephyrine harbour cranes port " * 3 + "\n", tags=["port"]))
    build(root)
    assert_same_as_clean(root, tmp_path)
    _, after = enrichment(root)
    assert index(root).signature[list(index(root).vocab).index("zephyrine")] == 19
    holders = [i for i, p in enumerate(index(root).paths) if p < "a019" or p == "b.md"]
    assert set(holders) <= set(after.searched)  # every holder was searched again


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


def _articles(n: int, seed: int = 5):
    """n articles over two years with a wide vocabulary, a third in same-story threes."""
    from datetime import datetime, timedelta, timezone

    from digest.content import body_key
    from digest.model import Article, RelatedRef, Source, Term
    from digest.terms import terms_key, text_terms

    rng = random.Random(seed)
    vocab = [f"w{k}x" for k in range(20000)]
    weights = [1.0 / (k + 1) for k in range(20000)]
    tags = [Term(f"Tag {k}", f"tag-{k}") for k in range(40)]
    articles, terms = [], []
    start = datetime(2015, 1, 1, tzinfo=timezone.utc)
    for i in range(n):
        story = random.Random(i // 3) if (i // 3) % 3 == 0 else rng
        words = story.choices(vocab, weights, k=60) + rng.choices(vocab, weights, k=10)
        title = " ".join(words[:6])
        body = " ".join(words)
        day = (i // 3) * 2.1 if (i // 3) % 3 == 0 else rng.uniform(0, 730)
        related = (RelatedRef(articles[rng.randrange(i)].title),) if i and rng.random() < 0.2 else ()
        article = Article(path=f"a{i:04d}.md", title=title, date=start + timedelta(days=day, hours=i % 3),
                          body_key=body_key(body), terms_key=terms_key(title, None, body), body_line=5,
                          slug=f"a{i:04d}", source=Source(f"Outlet {i % 5}", None, f"outlet-{i % 5}"),
                          tags=tuple(rng.sample(tags, 2)), related=related)
        articles.append(article)
        terms.append(text_terms(title, None, body))
    return articles, terms


def test_incremental_enrichment_searches_only_what_a_change_reaches_and_equals_a_clean_one():
    """At the level of enrich(): 1,500 articles over two years; each change is applied to the last
    enrichment and compared with a clean enrichment of the same articles.  An edit that changes no
    term's weight (one new word) or a date reaches few articles; adding or deleting an article
    changes the counts of all its words, and all their holders are searched again."""
    from dataclasses import replace

    from digest.enrich import enrich

    articles, terms = _articles(1500)
    show = lambda a: a.path  # noqa: E731
    first = enrich(articles, terms, 5, show)
    done, blob = first[:2], first[2]
    assert done[0].stories and any(done[0].coverage.values())
    edited = replace(articles[300], terms_key="edited", title=articles[300].title + " revised")
    words, counts = terms[300]
    new_terms = (words + ("neverseenbefore",), counts + (1,))
    steps = [
        ("edit", [edited if a.path == edited.path else a for a in articles],
         [new_terms if a.path == edited.path else t for a, t in zip(articles, terms)]),
        ("add", articles + [replace(articles[3], path="z.md", slug="z", title="A new one")], terms + [terms[3]]),
        ("delete", articles[:3] + articles[4:], terms[:3] + terms[4:]),
        ("move in time", [replace(a, date=a.date.replace(year=2017)) if a.path == "a0010.md" else a
                          for a in articles], terms),
    ]
    for name, changed, changed_terms in steps:
        incremental, state, later = enrich(changed, changed_terms, 5, show, previous=done, search_index=lambda: blob)
        clean, _, _ = enrich(changed, changed_terms, 5, show)
        assert incremental.coverage == clean.coverage, name
        assert incremental.stories == clean.stories, name
        assert incremental.references == clean.references, name
        if name in ("edit", "move in time"):
            assert len(state.searched) < len(changed) // 5, name  # the search went over few rows again
        # and a second change on top of this one
        again, _, _ = enrich(articles, terms, 5, show, previous=(incremental, state), search_index=lambda: later)
        assert again.coverage == done[0].coverage and again.stories == done[0].stories, name


def test_a_build_failing_after_saving_its_search_index_leaves_a_cache_equal_to_clean(make_site, tmp_path):
    """An incremental build saves its new search index before making pages; if it then fails (here
    in a template), the next build must not pair that index with the older enrichment."""
    root = make_site(corpus(40), config=CONFIG)
    build(root)
    template = root / "templates/article.html"
    good = template.read_text()
    template.write_text(good.replace("{{ article.title }}</h1>", "{{ nope.x }}</h1>"))
    a005 = root / "content/a005.md"
    a005.write_text(a005.read_text().replace("Outlet 1", "Outlet 3") + "harbour ferry strike\n")
    err = io.StringIO()
    assert main(["build", "--root", str(root), "-q"], io.StringIO(), err) == 1
    assert "'nope' is undefined" in err.getvalue()
    assert load_cache(root / ".digest-cache")[0].search_index() is None  # a newer index than the enrichment
    template.write_text(good)
    build(root)
    assert_same_as_clean(root, tmp_path)
