"""Same story across outlets: articles about one event from different sources, grouped.

Two articles are the same story when they come from different sources, were published within
`STORY_DAYS` of each other, and their title-and-lede TF-IDF vectors have a cosine of at least
`STORY_COSINE` (pairs are found by candidates.find_candidates in the same pass as related
coverage).  Groups grow from the most similar pairs first, and two groups join only while the
result spans at most `STORY_DAYS` from its first report to its last and has at most `MAX_STORY`
members: without those limits a topic reported every day chains into one endless "story"
(100,000 synthetic articles made one of tens of thousands of members, and the members' "also
covered by" lists then took memory quadratic in its size).  Owns grouping only.

0.30 measured on the sample digest: the three reports of the Brennhaven ferry strike pair at
0.31-0.47; the closest pairs of different events score 0.42 (one outlet's election call and
its result, three months apart) and 0.25 (two climate stories, months apart) -- the date
window and the different-source rule keep those apart too.  Tuned on 19 articles; a larger
labelled set would tune it better.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from digest.model import Article

STORY_COSINE = 0.30
STORY_DAYS = 3.0
MAX_STORY = 12  # reports of one story; more are shown as related coverage, not as "also covered by"


@dataclass(frozen=True)
class Story:
    """One event covered by several outlets: member content paths, newest first."""

    members: tuple[str, ...]


def group_stories(articles: Sequence[Article], pairs: Iterable[tuple[int, int, float]]) -> tuple[Story, ...]:
    """Same-story groups from (i, j, cosine) pairs of indices into `articles`, in a stable order."""
    parent = list(range(len(articles)))
    first = [a.date.timestamp() for a in articles]  # per group root: earliest and latest report, size
    last = list(first)
    size = [1] * len(articles)
    limit = STORY_DAYS * 86400.0

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b, _ in sorted(pairs, key=lambda pair: (-pair[2], pair[0], pair[1])):
        ra, rb = root(a), root(b)
        if ra == rb or size[ra] + size[rb] > MAX_STORY or max(last[ra], last[rb]) - min(first[ra], first[rb]) > limit:
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        first[keep], last[keep] = min(first[ra], first[rb]), max(last[ra], last[rb])
        size[keep] += size[gone]
    groups: dict[int, list[Article]] = {}
    for i, article in enumerate(articles):
        groups.setdefault(root(i), []).append(article)
    stories = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda a: (-a.date.timestamp(), a.slug))
        stories.append(Story(tuple(a.path for a in members)))
    stories.sort(key=lambda s: s.members)
    return tuple(stories)
