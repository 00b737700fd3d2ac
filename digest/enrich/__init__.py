"""Enrichment: what the digest knows about how its articles connect.

Runs the three analyses in order -- READ MORE references (references.py), same-story groups
(stories.py) and related coverage (related.py, over candidates.py's search) -- and reports
references that name nothing in the digest.  Takes whole collections; does no I/O.

Given the enrichment of an earlier build and what it was made from (`EnrichmentState`), it
redoes only what a change can reach: the search rows candidates.update finds, the references of
articles whose READ MORE list changed (all of them when a title changed), and the ranking of
articles whose candidates, references, stories or neighbours changed.  Every result is a
function of those inputs alone, so the result equals a clean enrichment (tests/test_enrich_incremental.py).
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from digest.errors import Diagnostic, SourceLocation
from digest.model import Article, RelatedLink, Suggestion
from digest.enrich.references import TitleIndex, resolve_references
from digest.enrich.related import Candidates, rank_related, search_inputs
from digest.terms import Terms
from digest.enrich.stories import MAX_STORY, STORY_COSINE, STORY_DAYS, Story, group_stories
from digest.workers import run_shares


@dataclass(frozen=True)
class Enrichment:
    """References resolved, stories grouped, related coverage ranked, and what did not resolve."""

    references: Mapping[str, tuple[RelatedLink, ...]]
    coverage: Mapping[str, tuple[Suggestion, ...]]
    stories: tuple[Story, ...]
    unresolved: tuple[Diagnostic, ...]
    # per article: a key that changes whenever its references or coverage change (render.py
    # lets it stand for them in page keys, so that pages whose enrichment held are not remade)
    stamps: Mapping[str, str]


@dataclass(frozen=True)
class EnrichmentState:
    """What an enrichment was made from, kept beside it for the next one (performance machinery)."""

    settings: tuple
    search_inputs: tuple  # what the search read of each article (related.search_inputs)
    searched: tuple[int, ...]  # the rows the last search went through
    titles: tuple[tuple[str, str], ...]  # (path, title): references are reused while these hold
    refs: Mapping[str, tuple]  # path -> the READ MORE list it was resolved from
    profiles: Mapping[str, tuple]  # path -> what ranking reads of the article
    token: str  # names this chain of enrichments in stamps; a clean enrichment starts a new one
    generation: int


def _profile(article: Article) -> tuple:
    return (article.slug, article.title, article.date.timestamp(),
            (article.source.slug, article.source.name) if article.source else None,
            tuple((t.slug, t.name) for t in article.tags), article.related_exclude)


def enrich(articles: Sequence[Article], terms: Sequence[Terms] | Callable[[int], Terms], related_count: int,
           display_path: Callable[[Article], str], parallel: bool = False,
           meanwhile: Callable[[], None] | None = None,
           previous: tuple[Enrichment, EnrichmentState] | None = None,
           settings: tuple = (), search_index: Callable[[], bytes | None] = lambda: None
           ) -> tuple[Enrichment, EnrichmentState, bytes | None]:
    """Connect the published articles; `terms` gives the term counts of articles[i] (a list, or a
    function asked only for the articles a search reads afresh).

    `previous`: the enrichment and state of an earlier build, whose unchanged parts are kept;
    `search_index()` its pickled candidates.SearchIndex (kept apart: only a search reads it).
    Returns the enrichment, its state and the new pickled index (None when nothing changed).
    `parallel` (cold builds): the candidate search runs in a forked process -- numpy, scipy and
    the sparse matrices live and die there -- while this one matches READ MORE titles and then
    runs `meanwhile` (other work of the caller's that would otherwise wait)."""
    settings = (related_count, STORY_COSINE, STORY_DAYS, MAX_STORY) + tuple(settings)
    if previous is not None and previous[1].settings != settings:
        previous = None
    old, state = previous if previous is not None else (None, None)
    terms_of = terms if callable(terms) else terms.__getitem__
    inputs = tuple(map(search_inputs, articles))
    titles = tuple((a.path, a.title) for a in articles)
    refs = {a.path: a.related for a in articles}
    profiles = {a.path: _profile(a) for a in articles}

    if old is not None and state is not None and state.titles == titles and state.refs == refs \
            and state.profiles == profiles and state.search_inputs == inputs:
        if meanwhile is not None:
            meanwhile()
        return old, state, None  # nothing enrichment reads has changed (an edit below a lede, say)
    blob = search_index() if state is not None else None
    if blob is None:
        old = state = None  # no index to start from: search (and rank) everything

    def search() -> tuple[Candidates, tuple[int, ...], bytes]:
        from digest.enrich.candidates import update  # numpy and scipy: only where enrichment runs
        found = update(pickle.loads(blob) if blob else None, articles, terms_of, related_count + 5,
                       STORY_COSINE, STORY_DAYS)
        return found.candidates(), tuple(found.rows.tolist()), pickle.dumps(found, pickle.HIGHEST_PROTOCOL)

    def match() -> dict[str, tuple[RelatedLink, ...]]:
        if old is None or state is None:
            found = resolve_references(articles)
        elif state.titles != titles:  # a title came, went or changed: any reference may name it now
            found = resolve_references(articles)
        else:
            redo = [a for a in articles if state.refs.get(a.path) != a.related]
            found = dict(old.references)
            if redo:
                found.update(resolve_references(redo, TitleIndex.of(articles)))
        if meanwhile is not None:
            meanwhile()
        return found

    if parallel:
        done = run_shares(lambda share, _: search() if share else match(), 2)
        references = done[0]
        candidates, searched, index = done[1] if len(done) > 1 else search()
    else:  # the search first: it asks for the terms `meanwhile` (saving the cache) lets go of
        candidates, searched, index = search()
        references = match()
    stories = group_stories(articles, candidates.story_pairs)
    story_of = {path: story.members[0] for story in stories for path in story.members}
    rows = None if old is None else _rows_to_rank(articles, searched, candidates, references, story_of, profiles,
                                                 old, state)
    ranked = rank_related(articles, references, story_of, related_count, candidates, rows) if related_count \
        else {a.path: () for a in (articles if rows is None else (articles[i] for i in rows))}
    coverage = ranked if old is None else {a.path: ranked[a.path] if a.path in ranked else old.coverage[a.path]
                                           for a in articles}
    unresolved = tuple(
        Diagnostic(SourceLocation(display_path(article), link.line), f"READ MORE reference not found in the digest: "
                   f"{link.title!r}", hint="it links to its url" if link.url else "it is shown as plain text",
                   severity="warning")
        for article in articles for link in references[article.path] if not link.internal)
    token = state.token if state is not None else os.urandom(8).hex()
    generation = state.generation + 1 if state is not None else 0
    stamp = f"{token}:{generation}"
    if old is None:
        stamps = {a.path: stamp for a in articles}
    else:
        stamps = {a.path: old.stamps[a.path] if a.path in old.stamps and old.coverage.get(a.path) == coverage[a.path]
                  and old.references.get(a.path) == references[a.path] else stamp for a in articles}
    return (Enrichment(references, coverage, stories, unresolved, stamps),
            EnrichmentState(settings, inputs, searched, titles, refs, profiles,
                            token, generation), index)


def _rows_to_rank(articles: Sequence[Article], searched_rows: Sequence[int], candidates: Candidates,
                  references: Mapping[str, tuple[RelatedLink, ...]], story_of: Mapping[str, str],
                  profiles: Mapping[str, tuple], old: Enrichment, state: EnrichmentState) -> list[int]:
    """The articles whose ranking a change can reach: those searched again, those whose own
    references, story or profile changed, those with a candidate or reference target whose story
    or profile changed, and those that ban others (a ban names a slug or title anyone may take)."""
    old_story = {path: story.members[0] for story in old.stories for path in story.members}
    moved = {a.path for a in articles if state.profiles.get(a.path) != profiles[a.path]
             or old_story.get(a.path) != story_of.get(a.path)}
    searched = set(searched_rows)
    rows = []
    for i, article in enumerate(articles):
        path = article.path
        if (i in searched or path in moved or article.related_exclude or path not in old.coverage
                or old.references.get(path) != references[path]
                or any(articles[j].path in moved for j in candidates.indices[i])
                or any(link.target in moved for link in references[path] if link.target)):
            rows.append(i)
    return rows
