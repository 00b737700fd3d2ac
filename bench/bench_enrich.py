"""Enrichment benchmark: READ MORE resolution, same-story groups and related coverage for N articles.

    python bench/bench_enrich.py --articles 10000

Generates N articles in memory (Zipf-distributed vocabulary, 200 tags, 30 sources, five years of
dates, READ MORE references for 30% of them, a tenth of those reworded) and times digest's
enrichment stage alone: term extraction (cold, then from the cache as a rebuild has it),
reference resolution, candidate search, story grouping and ranking.  Issue 4's target: <= 3 s
for 10,000 articles on the 2-core reference machine.

    python bench/bench_enrich.py --recall [--site FOLDER] [--articles 10000]

Recall of the candidate search (issue 20): the related lists of every article, ranked from the
indexed search (candidates.update) and from an exact search that scores every pair under the
same weights (candidates.exact_candidates, quadratic); prints the share of articles whose top-5
lists are identical, and checks every READ MORE link that resolves is listed, first, as
"referenced".  The articles are bench/run.py's corpus (corpus.py), parsed from FOLDER's
content/ (a digest site run.py generated) or generated afresh into a temporary folder.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from digest.content import ContentFile, body_key, parse_article  # noqa: E402
from digest.enrich import enrich  # noqa: E402
from digest.enrich.references import resolve_references  # noqa: E402
from digest.enrich.related import rank_related  # noqa: E402
from digest.model import Article, RelatedRef, Source, Term  # noqa: E402
from digest.terms import Terms, terms_key, text_terms  # noqa: E402


def make_articles(n: int, seed: int = 7) -> tuple[list[Article], list[str]]:
    rng = random.Random(seed)
    syllables = [a + b for a in "bcdfghklmnprstvz" for b in "aeiou"]
    vocab = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(22000)})[:20000]
    rng.shuffle(vocab)
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]
    tags = [Term(f"tag {i}", f"tag-{i}") for i in range(200)]
    sources = [Source(f"Outlet {i}", None, f"outlet-{i}") for i in range(30)]
    start = datetime(2015, 1, 1, tzinfo=timezone.utc)
    titles: list[str] = []
    articles = []
    bodies: list[str] = []
    for i in range(n):
        words = rng.choices(vocab, weights, k=rng.randint(300, 900))
        title = " ".join(rng.choices(vocab[200:5000], k=rng.randint(5, 10))).capitalize()
        related = ()
        if titles and rng.random() < 0.3:
            target = rng.choice(titles)
            if rng.random() < 0.1:
                target = target.replace(target.split()[-1], "changed")
            related = (RelatedRef(target),)
        titles.append(title)
        body = "\n\n".join(" ".join(words[k:k + 60]) + "." for k in range(0, len(words), 60))
        articles.append(Article(path=f"{i:05d}.md", title=title, date=start + timedelta(hours=4.4 * i),
                                body_key=body_key(body), terms_key=terms_key(title, None, body), body_line=8,
                                slug=f"a{i:05d}", source=sources[rng.randrange(30)],
                                tags=tuple(rng.sample(tags, rng.randint(2, 5))), related=related))
        bodies.append(body)
    return articles, bodies


def corpus_articles(site: Path | None, n: int) -> tuple[list[Article], list[Terms]]:
    """The published articles of a digest site (run.py's corpus), and their terms, parsed as a build does."""
    if site is None:
        import corpus  # bench/ is a folder of scripts
        folder = Path(tempfile.mkdtemp(prefix="digest-recall-"))
        corpus.write_corpus(folder / "corpus", n, 1, ("digest",))
        site = folder / "corpus" / "digest"
    articles, terms = [], []
    content = site / "content"
    for path in sorted(content.rglob("*.md")):
        stat = path.stat()
        rel = path.relative_to(content).as_posix()
        parsed = parse_article(ContentFile(rel, path, stat.st_size, stat.st_mtime_ns), rel, timezone.utc)
        if isinstance(parsed, list):
            raise SystemExit(f"{rel}: {parsed[0].message}")
        articles.append(parsed.article)
        terms.append(text_terms(parsed.article.title, parsed.article.summary, parsed.body))
    return articles, terms


def recall(site: Path | None, n: int, count: int) -> None:
    """Top-`count` related lists from the indexed search against the exact search, same weights."""
    from digest.enrich.candidates import exact_candidates, update
    from digest.enrich.stories import STORY_COSINE, STORY_DAYS, group_stories
    articles, terms = corpus_articles(site, n)
    limit = count + 5
    started = time.perf_counter()
    references = resolve_references(articles)
    matched = time.perf_counter()
    index = update(None, articles, terms.__getitem__, limit, STORY_COSINE, STORY_DAYS)
    searched = time.perf_counter()
    exact = exact_candidates(articles, terms, limit)
    done = time.perf_counter()
    found = index.candidates()
    stories = group_stories(articles, found.story_pairs)
    story_of = {path: story.members[0] for story in stories for path in story.members}
    ranked = rank_related(articles, references, story_of, count, found)
    print(f"recall of the indexed search, {len(articles):,} articles, top {count}:")
    for label, reference in (("exact search, same weights", exact),
                             ("exact search, common terms at any distance", exact_candidates(articles, terms, limit,
                                                                                             local=False))):
        truth = rank_related(articles, references, story_of, count, reference)
        same = sum(1 for a in articles if [s.target for s in ranked[a.path]] == [s.target for s in truth[a.path]])
        same_set = sum(1 for a in articles if {s.target for s in ranked[a.path]} == {s.target for s in truth[a.path]})
        print(f"  against the {label}: lists identical {same / len(articles):.2%}, same articles in any order "
              f"{same_set / len(articles):.2%}")
    internal = [(a.path, link.target) for a in articles for link in references[a.path] if link.target]
    listed = sum(1 for path, target in internal
                 if any(s.target == target and s.reasons[0].kind == "referenced" for s in ranked[path]))
    wanted = sum(min(count, len({l.target for l in references[a.path] if l.target})) for a in articles)
    print(f"  READ MORE links resolved: {len(internal):,}; listed first as referenced: {listed:,} of {wanted:,} "
          f"that fit in the top {count}")
    print(f"  seconds: references {matched - started:.2f}, indexed search {searched - matched:.2f}, "
          f"exact search {done - searched:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--related", type=int, default=5)
    parser.add_argument("--recall", action="store_true", help="measure the search's recall (see above)")
    parser.add_argument("--site", type=Path, help="with --recall: a digest site of run.py's corpus")
    args = parser.parse_args()
    if args.recall:
        recall(args.site, args.articles, args.related)
        return
    articles, bodies = make_articles(args.articles)
    cache: dict[str, Terms] = {}
    rows = []
    for label in ("cold (terms extracted)", "rebuild (terms cached)"):
        started = time.perf_counter()
        terms = [cache.get(a.terms_key) or cache.setdefault(a.terms_key, text_terms(a.title, a.summary, body))
                 for a, body in zip(articles, bodies)]
        extracted = time.perf_counter()
        result = enrich(articles, terms, args.related, lambda a: a.path)[0]
        done = time.perf_counter()
        rows.append((label, extracted - started, done - extracted, done - started))
    resolved = sum(1 for links in result.references.values() for link in links if link.internal)
    references = sum(len(links) for links in result.references.values())
    print(f"enrichment of {args.articles:,} articles (related_count={args.related}):")
    print(f"{'':24} {'terms s':>8} {'enrich s':>9} {'total s':>8}")
    for label, terms_s, enrich_s, total in rows:
        print(f"{label:24} {terms_s:8.2f} {enrich_s:9.2f} {total:8.2f}")
    print(f"references resolved: {resolved}/{references}; stories: {len(result.stories)}; "
          f"articles with related coverage: {sum(1 for c in result.coverage.values() if c)}")


if __name__ == "__main__":
    main()
