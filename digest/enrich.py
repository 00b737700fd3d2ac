"""Enrichment: what the digest knows about how its articles connect.

Runs the three analyses in order -- READ MORE references (references.py), same-story groups
(stories.py) and related coverage (related.py) -- and reports references that name nothing in
the digest.  Takes whole collections; does no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from digest.errors import Diagnostic, SourceLocation
from digest.model import Article, RelatedLink, Suggestion
from digest.references import resolve_references
from digest.related import Candidates, rank_related
from digest.terms import Terms
from digest.stories import STORY_COSINE, STORY_DAYS, Story, group_stories
from digest.workers import run_shares


@dataclass(frozen=True)
class Enrichment:
    """References resolved, stories grouped, related coverage ranked, and what did not resolve."""

    references: Mapping[str, tuple[RelatedLink, ...]]
    coverage: Mapping[str, tuple[Suggestion, ...]]
    stories: tuple[Story, ...]
    unresolved: tuple[Diagnostic, ...]


def enrich(articles: Sequence[Article], terms: Sequence[Terms], related_count: int,
           display_path: Callable[[Article], str], parallel: bool = False,
           meanwhile: Callable[[], None] | None = None) -> Enrichment:
    """Connect the published articles; `terms[i]` are the cached term counts of `articles[i]`.

    `parallel` (cold builds): the candidate search runs in a forked process -- numpy, scipy and
    the sparse matrices live and die there -- while this one matches READ MORE titles and then
    runs `meanwhile` (other work of the caller's that would otherwise wait)."""

    def search() -> Candidates:
        from digest.candidates import find_candidates  # numpy and scipy: only where enrichment runs
        return find_candidates(articles, terms, related_count + 5, STORY_COSINE, STORY_DAYS)

    def match() -> Mapping[str, tuple[RelatedLink, ...]]:
        found = resolve_references(articles)
        if meanwhile is not None:
            meanwhile()
        return found

    if parallel:
        found = run_shares(lambda share, _: search() if share else match(), 2)
        references = found[0]
        candidates = found[1] if len(found) > 1 else search()
    else:
        references = match()
        candidates = search()
    stories = group_stories(articles, candidates.story_pairs)
    story_of = {path: number for number, story in enumerate(stories) for path in story.members}
    coverage = rank_related(articles, references, story_of, related_count, candidates) if related_count \
        else {a.path: () for a in articles}
    unresolved = tuple(
        Diagnostic(SourceLocation(display_path(article), link.line), f"READ MORE reference not found in the digest: "
                   f"{link.title!r}", hint="it links to its url" if link.url else "it is shown as plain text",
                   severity="warning")
        for article in articles for link in references[article.path] if not link.internal)
    return Enrichment(references, coverage, stories, unresolved)
