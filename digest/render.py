"""Site -> page jobs (article, home, tag, source, author, archive, edition, 404 pages), and
the maker that renders a job's template.

Decides which template renders which page and what context -- frozen views -- it gets; the key
of a page is a hash of that context (incremental.py), so this module never says what a page
depends on.  Returns values and never writes.  Feeds, sitemap and robots.txt: feeds.py, sitemap.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterator, Mapping

from markupsafe import Markup

from digest.config import SiteConfig
from digest.incremental import Digests, Job, Task
from digest.model import Edition, Entry, Group, OutputFile, Site
from digest.templates import Templates
from digest.views import (ArticleView, EditionView, Link, Pager, Urls, ViewParts, article_view, card_view,
                          group_links, site_view)

CARDS = "_macros.html"  # its `card` macro renders each article's card_html on list pages


@dataclass(frozen=True)
class PageMeta:
    """The page itself: <title>, meta description, canonical URL, and what kind of page it is."""

    title: str
    description: str
    canonical: str
    kind: str
    noindex: bool = False


@dataclass(frozen=True)
class ListPage:
    """One page of a paginated list of articles."""

    path: str  # site-relative URL of this page, e.g. /tags/syria/page/2/
    entries: tuple[Entry, ...]
    pager: Pager


def paginate(entries: tuple[Entry, ...], per_page: int, base: str, urls: Urls) -> Iterator[ListPage]:
    """Split entries into pages at base, base/page/2/, ...; an empty list still gets page 1."""
    chunks = [entries[i:i + per_page] for i in range(0, len(entries), per_page)] or [()]
    paths = [base] + [f"{base}page/{n}/" for n in range(2, len(chunks) + 1)]
    for index, chunk in enumerate(chunks):
        newer = urls.local(paths[index - 1]) if index > 0 else None
        older = urls.local(paths[index + 1]) if index + 1 < len(chunks) else None
        yield ListPage(paths[index], chunk, Pager(index + 1, len(chunks), newer, older))


def output_path(url: str) -> str:
    """Pretty URL -> file: /2015/09/slug/ -> 2015/09/slug/index.html."""
    return url.strip("/") + "/index.html" if url.strip("/") else "index.html"


class PageJobs:
    """The job of every HTML page.  Article pages stand alone (`articles`); list pages share
    article cards (`lists`), each card built and hashed once per build: an article is on about
    ten list pages.  A card's `card_html` is left empty here: it is made from the card by the
    `card` macro (PageMaker), so the card and the macro's template, both in the key, decide it."""

    def __init__(self, site: Site, year: int, digests: Digests) -> None:
        self.site = site
        self.config: SiteConfig = site.config
        self.digests = digests
        self.site_ctx = digests.remember(site_view(site.config, year))
        self.urls = Urls(site.config)
        self.by_path = {e.article.path: e for e in site.entries}
        self.cards: dict[str, ArticleView] = {}
        self.parts = ViewParts(self.by_path, site.config, digests.remember)

    def card(self, entry: Entry) -> ArticleView:
        """The card view of an entry (no body), built and hashed once, when first needed."""
        path = entry.article.path
        view = self.cards.get(path)
        if view is None:
            view = self.cards[path] = self.digests.remember(card_view(entry, self.parts))
        return view

    def job(self, url: str, template: str, meta: PageMeta, context: Mapping[str, Any], file: str | None = None
            ) -> Job:
        return Job((file or output_path(url),), template, {"site": self.site_ctx, "page": meta, **context})

    def meta(self, url: str, title: str, kind: str, description: str | None = None) -> PageMeta:
        return PageMeta(title=title, description=description or self.config.description,
                        canonical=self.urls.absolute(url), kind=kind)

    def articles(self) -> Iterator[Job]:
        entries = self.site.entries
        for index, entry in enumerate(entries):
            newer = self._link(entries[index - 1]) if index > 0 else None
            older = self._link(entries[index + 1]) if index + 1 < len(entries) else None
            meta = self.meta(entry.url, entry.article.title, "article", entry.rendered.summary)
            yield self.job(entry.url, "article.html", meta, {
                "article": article_view(entry, self.parts, self.cards.get(entry.article.path)),
                "newer": newer, "older": older})

    def lists(self) -> Iterator[Job]:
        yield from self.list_pages("/", self.site.front, "index.html", self.config.title, "home")
        yield from self.group_pages(self.site.tags, "/tags/", "Topics", "tag", "Articles tagged “{}”")
        yield from self.group_pages(self.site.sources, "/sources/", "Sources", "source", "Articles from {}")
        yield from self.group_pages(self.site.authors, "/authors/", "Authors", "author", "Articles by {}")
        yield from self.archive_pages()
        if self.config.editions != "off":
            yield from self.edition_pages()
        yield self.job("/404.html", "404.html",
                       PageMeta("Page not found", self.config.description, self.urls.absolute("/404.html"),
                                "404", noindex=True), {}, file="404.html")

    def _link(self, entry: Entry) -> Link:
        return Link(entry.article.title, self.urls.local(entry.url))

    def list_pages(self, base: str, entries: tuple[Entry, ...], template: str, heading: str, kind: str,
                   description: str | None = None, feeds: Link | None = None) -> Iterator[Job]:
        for list_page in paginate(entries, self.config.per_page, base, self.urls):
            title = heading if list_page.pager.number == 1 else f"{heading} (page {list_page.pager.number})"
            yield self.job(list_page.path, template, self.meta(list_page.path, title, kind, description), {
                "heading": heading, "articles": [self.card(e) for e in list_page.entries],
                "pager": list_page.pager, "feeds": feeds})

    def feed_links(self, folder: str, title: str) -> Link:
        """A group's feeds: name is the title, url the RSS feed; the Atom feed sits beside it."""
        return Link(title, self.urls.local(folder + "feed.xml"))

    def group_pages(self, groups: tuple[Group, ...], prefix: str, title: str, kind: str, heading: str
                    ) -> Iterator[Job]:
        links = group_links(groups, prefix, self.config)
        yield self.job(prefix, "terms.html", self.meta(prefix, title, f"{kind}-index"),
                       {"heading": title, "terms": links})
        for group in groups:
            folder = f"{prefix}{group.term.slug}/"
            name = heading.format(group.term.name)
            yield from self.list_pages(folder, group.entries, "list.html", name, kind,
                                       f"{name} in {self.config.title}.", feeds=self.feed_links(folder, name))

    def archive_pages(self) -> Iterator[Job]:
        months_by_year: dict[str, list[Link]] = {}
        for link, group in zip(group_links(self.site.months, "/archive/", self.config), self.site.months):
            months_by_year.setdefault(group.term.slug[:4], []).append(link)
        years = tuple(
            (Link(g.term.name, self.urls.local(f"/archive/{g.term.slug}/"), len(g.entries)),
             tuple(months_by_year.get(g.term.slug, ())))
            for g in self.site.years)
        yield self.job("/archive/", "archive.html", self.meta("/archive/", "Archive", "archive-index"),
                       {"heading": "Archive", "years": years})
        for group in self.site.years + self.site.months:
            yield from self.list_pages(f"/archive/{group.term.slug}/", group.entries, "list.html",
                                       f"Archive: {group.term.name}", "archive")

    def edition_pages(self) -> Iterator[Job]:
        editions = self.site.editions
        links = [Link(e.intro_title or e.title, self.urls.local(f"/editions/{e.slug}/"), len(e.entries))
                 for e in editions]
        size = self.config.per_page * 3
        chunks = [links[i:i + size] for i in range(0, len(links), size)] or [[]]
        paths = ["/editions/"] + [f"/editions/page/{n}/" for n in range(2, len(chunks) + 1)]
        feeds = self.feed_links("/editions/", "Editions")
        for index, chunk in enumerate(chunks):
            pager = Pager(index + 1, len(chunks), self.urls.local(paths[index - 1]) if index else None,
                          self.urls.local(paths[index + 1]) if index + 1 < len(chunks) else None)
            yield self.job(paths[index], "editions.html", self.meta(paths[index], "Editions", "edition-index"),
                           {"heading": "Editions", "editions": chunk, "pager": pager, "feeds": feeds})
        for index, edition in enumerate(editions):
            url = f"/editions/{edition.slug}/"
            meta = self.meta(url, edition.intro_title or edition.title, "edition",
                             f"{len(edition.entries)} articles in the {edition.title} edition of {self.config.title}.")
            yield self.job(url, "edition.html", meta, {
                "edition": self.edition_view(edition), "newer": links[index - 1] if index else None,
                "older": links[index + 1] if index + 1 < len(links) else None, "feeds": feeds})

    def edition_view(self, edition: Edition) -> EditionView:
        """Articles grouped by their first tag, biggest section first; untagged ones last under 'More news'."""
        sections: dict[str, list[ArticleView]] = {}
        for entry in edition.entries:
            name = entry.article.tags[0].name if entry.article.tags else ""
            sections.setdefault(name, []).append(self.card(entry))
        order = sorted(sections, key=lambda name: (name == "", -len(sections[name]), name))
        return EditionView(
            title=edition.intro_title or edition.title, date_title=edition.title, day=edition.day.isoformat(),
            intro=Markup(self.urls.content_html(edition.intro.html)) if edition.intro else None,
            count=len(edition.entries),
            sections=tuple((name or "More news", tuple(sections[name])) for name in order))


class PageMaker:
    """Renders page jobs: the job's context, its cards given their card_html, through the template."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates
        self.card_macro = templates.macro(CARDS, "card")
        self._carded: dict[int, tuple[ArticleView, ArticleView]] = {}

    def make(self, task: Task) -> list[OutputFile]:
        job = task.job
        html = self.templates.render(job.maker, self.with_card_html(job.context))
        return [OutputFile(job.paths[0], html.encode("utf-8"), task.key)]

    def with_card_html(self, context: Mapping[str, Any]) -> dict[str, Any]:
        context = dict(context)
        if self.card_macro is None:
            return context
        if isinstance(context.get("articles"), list):
            context["articles"] = [self.carded(card) for card in context["articles"]]
        edition = context.get("edition")
        if isinstance(edition, EditionView):
            context["edition"] = replace(edition, sections=tuple(
                (name, tuple(self.carded(card) for card in cards)) for name, cards in edition.sections))
        return context

    def carded(self, card: ArticleView) -> ArticleView:
        """The card with its card_html, rendered once per card by the theme's `card` macro."""
        hit = self._carded.get(id(card))
        if hit is None or hit[0] is not card:
            hit = self._carded[id(card)] = (card, replace(card, card_html=Markup(
                self.templates.call(self.card_macro, card))))
        return hit[1]
