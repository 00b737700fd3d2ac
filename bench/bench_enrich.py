"""Enrichment benchmark: READ MORE resolution, same-story groups and related coverage for N articles.

    python bench/bench_enrich.py --articles 10000

Generates N articles in memory (Zipf-distributed vocabulary, 200 tags, 30 sources, five years of
dates, READ MORE references for 30% of them, a tenth of those reworded) and times digest's
enrichment stage alone: term extraction (cold, then from the cache as a rebuild has it),
reference resolution, candidate search, story grouping and ranking.  Issue 4's target: <= 3 s
for 10,000 articles on the 2-core reference machine.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import datetime, timedelta, timezone

from digest.content import body_key
from digest.enrich import enrich
from digest.model import Article, RelatedRef, Source, Term
from digest.terms import Terms, terms_key, text_terms


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--related", type=int, default=5)
    args = parser.parse_args()
    articles, bodies = make_articles(args.articles)
    cache: dict[str, Terms] = {}
    rows = []
    for label in ("cold (terms extracted)", "rebuild (terms cached)"):
        started = time.perf_counter()
        terms = [cache.get(a.terms_key) or cache.setdefault(a.terms_key, text_terms(a.title, a.summary, body))
                 for a, body in zip(articles, bodies)]
        extracted = time.perf_counter()
        result = enrich(articles, terms, args.related, lambda a: a.path)
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
