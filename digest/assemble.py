"""Articles -> Site: which articles are published, their order, URLs and groupings.

Owns permalinks (and their collisions), draft/future filtering, and the tag, source and
archive indexes.  Takes whole collections; does no I/O and renders nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, datetime, tzinfo
from typing import Callable, Iterable, Mapping

from digest.config import SiteConfig
from digest.errors import ContentError, Diagnostic, SourceLocation
from digest.editions import Intro, edition_day, edition_title
from digest.enrich import Enrichment
from digest.model import Article, Edition, Entry, Group, RenderedMarkdown, Site, Term
from digest.pagekinds import RESERVED, TAXONOMIES



def is_published(article: Article, config: SiteConfig, now: datetime) -> bool:
    """Drafts and future-dated articles are left out unless the config asks for them."""
    if article.draft and (not config.drafts or article.undated):
        return False
    return config.future or article.date <= now


def tag_names(articles: Iterable[Article]) -> dict[str, str]:
    """The display name of each tag written in more than one way (`Syria`, `syria`): the spelling
    most articles use, a tie going to the first in sort order.  By slug; tags written one way
    keep it and are not listed."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for term in article.tags:
            spellings[term.slug][term.name] += 1
    return {slug: min(names, key=lambda name: (-names[name], name))
            for slug, names in sorted(spellings.items()) if len(names) > 1}


def with_tag_names(articles: list[Article], names: Mapping[str, str]) -> list[Article]:
    """The articles with each tag named as `tag_names` chose, so that a topic has one name on
    every page, feed and related-coverage reason."""
    if not names:
        return articles
    def named(article: Article) -> Article:
        tags = tuple(Term(names.get(t.slug, t.name), t.slug) for t in article.tags)
        return article if tags == article.tags else replace(article, tags=tags)
    return [named(article) for article in articles]


def permalink(article: Article, config: SiteConfig) -> str:
    """The article's site-relative URL from the permalink pattern, e.g. /2015/09/slug/."""
    when = article.date
    return config.permalink.format(year=f"{when.year:04d}", month=f"{when.month:02d}",
                                   day=f"{when.day:02d}", slug=article.slug)


def assemble_site(config: SiteConfig, articles: Iterable[Article],
                  rendered: Mapping[str, RenderedMarkdown], enrichment: Enrichment,
                  intros: Mapping[date, tuple[Intro, RenderedMarkdown]],
                  display_path: Callable[[Article], str]) -> Site:
    """Order published articles newest first, give each a URL, and build the indexes."""
    story_members = {path: story.members for story in enrichment.stories for path in story.members}
    zone = config.zone
    ordered = sorted(articles, key=lambda a: (-a.date.timestamp(), a.slug, a.path))
    entries = []
    claimed: dict[str, Article] = {}
    problems = []
    for article in ordered:
        url = permalink(article, config)
        first = url.strip("/").split("/", 1)[0]
        if first in RESERVED:
            problems.append(Diagnostic(SourceLocation(display_path(article), 1, 1),
                                       f"URL {url} is reserved for the site's own pages",
                                       hint="give the article another 'slug'"))
        elif url in claimed:
            problems.append(Diagnostic(SourceLocation(display_path(article), 1, 1),
                                       f"URL {url} is already taken by {display_path(claimed[url])}",
                                       hint="give one of them a different 'slug'"))
        else:
            claimed[url] = article
        entries.append(Entry(
            article=article, url=url, rendered=rendered[article.path],
            related=enrichment.references.get(article.path, ()), coverage=enrichment.coverage.get(article.path, ()),
            story=tuple(p for p in story_members.get(article.path, ()) if p != article.path),
            edition=_edition(article, zone, config.editions)))
    if problems:
        raise ContentError(problems)
    return Site(config=config, entries=tuple(entries), front=_front_page(entries),
                taxonomies={t.name: _group(entries, lambda e, t=t: t.terms(e.article)) for t in TAXONOMIES},
                editions=_editions(entries, intros, config.editions),
                years=_group(entries, lambda e: (Term(f"{e.article.date.year:04d}", f"{e.article.date.year:04d}"),),
                             newest_first=True),
                months=_group(entries, lambda e: (Term(e.article.date.strftime("%B %Y"),
                                                       e.article.date.strftime("%Y/%m")),), newest_first=True))


def _group(entries: list[Entry], terms_of: Callable[[Entry], Iterable[Term]], newest_first: bool = False
           ) -> tuple[Group, ...]:
    """Group entries (kept newest first) by term slug; the first spelling seen names the group."""
    names: dict[str, Term] = {}
    members: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for term in terms_of(entry):
            names.setdefault(term.slug, term)
            members[term.slug].append(entry)
    slugs = sorted(names, reverse=newest_first) if newest_first else sorted(names, key=lambda s: (names[s].name.casefold(), s))
    return tuple(Group(term=names[slug], entries=tuple(members[slug])) for slug in slugs)


def _front_page(entries: list[Entry]) -> tuple[Entry, ...]:
    """One entry per story: the newest report stands for the others."""
    shown: set[str] = set()
    front = []
    for entry in entries:
        if entry.article.path in shown:
            continue
        shown.update(entry.story)
        front.append(entry)
    return tuple(front)


def _editions(entries: list[Entry], intros: Mapping[date, tuple[Intro, RenderedMarkdown]], cadence: str
              ) -> tuple[Edition, ...]:
    """Editions newest first, each with its entries (newest first) and intro."""
    by_day: dict[date, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.edition is not None:
            by_day[entry.edition].append(entry)
    editions = []
    for day in sorted(by_day, reverse=True):
        intro = intros.get(day)
        editions.append(Edition(day=day, title=edition_title(day, cadence), entries=tuple(by_day[day]),
                                intro_title=intro[0].title if intro else None, intro=intro[1] if intro else None))
    return tuple(editions)


def _edition(article: Article, zone: tzinfo, cadence: str) -> date | None:
    """The edition of the article's date, or of the day the curator picked it for (`digest pick
    --edition DATE` writes `extra.edition`); None when editions are off."""
    if cadence == "off":
        return None
    chosen = article.extra.get("edition") if isinstance(article.extra, Mapping) else None
    if isinstance(chosen, str):
        try:
            chosen = date.fromisoformat(chosen)
        except ValueError:
            chosen = None
    if isinstance(chosen, date) and not isinstance(chosen, datetime):
        return edition_day(datetime(chosen.year, chosen.month, chosen.day, 12, tzinfo=zone), zone, cadence)
    return edition_day(article.date, zone, cadence)
