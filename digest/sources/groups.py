"""Same-story groups among the inbox's items, by the enrichment's own rule (digest/enrich/stories.py):
different sources, within STORY_DAYS, title-and-lede TF-IDF cosine at least STORY_COSINE.

Items become minimal `Article` values so that `candidates.find_candidates` and
`stories.group_stories` run unchanged.  Reads each item's file for its lede.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from digest.model import Article, Source
from digest.slug import slugify
from digest.sources.inbox import Item, body_of
from digest.enrich.stories import STORY_COSINE, STORY_DAYS, group_stories
from digest.terms import text_terms


def story_groups(items: Sequence[Item], folder: Path) -> list[list[Item]]:
    """The items in listing order, members of one story next to each other (at the place of the
    story's first member); every item is in exactly one group."""
    if len(items) < 2:
        return [[item] for item in items]
    from digest.enrich.candidates import find_candidates  # numpy and scipy, as in a build

    articles, terms = [], []
    for item in items:
        try:
            body = body_of((folder / item.file_name).read_text(encoding="utf-8"))
        except OSError:
            body = ""
        articles.append(Article(path=item.id, title=item.title, date=_when(item), body_key="", terms_key="",
                                body_line=1, slug=item.id,
                                source=Source(item.source, None, slugify(item.source) or item.source)))
        terms.append(text_terms(item.title, item.summary, body))
    stories = group_stories(articles, find_candidates(articles, terms, 1, STORY_COSINE, STORY_DAYS).story_pairs)
    story_of = {member: number for number, story in enumerate(stories) for member in story.members}
    by_id = {item.id: item for item in items}
    groups: list[list[Item]] = []
    placed: dict[int, list[Item]] = {}
    for item in items:
        number = story_of.get(item.id)
        if number is None:
            groups.append([item])
        elif number not in placed:
            placed[number] = [by_id[m] for m in sorted(stories[number].members,
                                                        key=lambda m: items.index(by_id[m]))]
            groups.append(placed[number])
    return groups


def _when(item: Item) -> datetime:
    for value in (item.date, item.fetched):
        if value:
            try:
                when = datetime.fromisoformat(value)
            except ValueError:
                continue
            return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    return datetime(1970, 1, 1, tzinfo=timezone.utc)
