"""Site -> HTML pages as OutputFile values (article, home, tag, source, archive, 404 pages).

Decides which template renders which page and what context it gets; returns values and
never writes.  Feeds, sitemap and robots.txt live in feeds.py and sitemap.py.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator

from markupsafe import Markup

from digest.config import SiteConfig
from digest.pagekeys import ARTICLE, MAIN, PageKeys
from digest.model import Edition, Entry, Group, OutputFile, Site
from digest.templates import Templates
from digest.views import (ArticleView, CoverageViews, EditionView, Link, Pager, SiteView, Urls, article_view,
                          group_links, site_view)


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


def render_pages(site: Site, templates: Templates, year: int, keys: PageKeys, articles_only: bool = False
                 ) -> Iterator[OutputFile]:
    """Every HTML page of the site (or only the article pages), one at a time; pages whose
    fingerprint is unchanged, or that another process renders, come back with data None."""
    renderer = _Renderer(site, templates, site_view(site.config, year), keys)
    return renderer.article_pages() if articles_only else renderer.pages()


def card_key(entry: Entry, by_path: dict[str, Entry]) -> str:
    """A short hash of everything an article card shows: stands for the article in list-page
    fingerprints (the body is not on a card, so an edit below the summary keeps the key)."""
    article = entry.article
    source = article.source
    return _short_hash(repr((entry.url, article.path, article.title, article.date.isoformat(),
                 article.updated.isoformat() if article.updated else None, source and (source.name, source.url),
                 article.authors, tuple((t.name, t.slug) for t in article.tags), article.sample, article.image,
                 article.language, entry.rendered.summary, entry.edition and entry.edition.isoformat(),
                 tuple((by_path[p].url, by_path[p].article.source.name if by_path[p].article.source else None)
                       for p in entry.story))))


def _short_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


class _Renderer:
    def __init__(self, site: Site, templates: Templates, site_ctx: SiteView, keys: PageKeys) -> None:
        self.site = site
        self.config: SiteConfig = site.config
        self.templates = templates
        self.site_ctx = site_ctx
        self.keys = keys
        self.urls = Urls(site.config)
        self.by_path = {e.article.path: e for e in site.entries}
        self.cards = {e.article.path: card_key(e, self.by_path) for e in site.entries}
        self.views: dict[str, ArticleView] = {}
        self.card_macro = templates.macro("_macros.html", "card")
        self.coverage = CoverageViews(self.by_path, self.urls)

    def view(self, entry: Entry) -> ArticleView:
        """The card view of an entry, built once, when first needed, with its card HTML rendered once
        by the theme's `card` macro: an article is on about ten list pages, its card is made once."""
        path = entry.article.path
        view = self.views.get(path)
        if view is None:
            view = article_view(entry, self.config, self.by_path, body=False)
            if self.card_macro is not None:
                view = replace(view, card_html=Markup(self.templates.call(self.card_macro, view)))
            self.views[path] = view
        return view

    def cards_of(self, entries: Iterable[Entry]) -> str:
        return " ".join([self.cards[e.article.path] for e in entries])

    def page(self, url: str, template: str, meta: PageMeta, key: Any, context: Callable[[], dict[str, Any]],
             *, file: str | None = None, lane: str = MAIN) -> OutputFile:
        path = file or output_path(url)
        if self.keys.can_keep(path, (template, meta.title, meta.description, meta.kind, key), lane):
            return OutputFile(path, None)
        html = self.templates.render(template, {"site": self.site_ctx, "page": meta, **context()})
        return OutputFile(path, html.encode("utf-8"))

    def meta(self, url: str, title: str, kind: str, description: str | None = None) -> PageMeta:
        return PageMeta(title=title, description=description or self.config.description,
                        canonical=self.urls.absolute(url), kind=kind)

    def pages(self) -> Iterator[OutputFile]:
        yield from self.article_pages()
        yield from self.list_pages("/", self.site.front, "index.html", self.config.title, "home")
        yield from self.group_pages(self.site.tags, "/tags/", "Topics", "tag", "Articles tagged “{}”")
        yield from self.group_pages(self.site.sources, "/sources/", "Sources", "source", "Articles from {}")
        yield from self.group_pages(self.site.authors, "/authors/", "Authors", "author", "Articles by {}")
        yield from self.archive_pages()
        if self.config.editions != "off":
            yield from self.edition_pages()
        yield self.page("/404.html", "404.html",
                        PageMeta("Page not found", self.config.description, self.urls.absolute("/404.html"),
                                 "404", noindex=True), (), dict, file="404.html")

    def article_pages(self) -> Iterator[OutputFile]:
        entries = self.site.entries
        for index, entry in enumerate(entries):
            newer = self._link(entries[index - 1]) if index > 0 else None
            older = self._link(entries[index + 1]) if index + 1 < len(entries) else None
            key = (self.cards[entry.article.path], entry.rendered.key, newer and newer.url, newer and newer.name,
                   older and older.url, older and older.name,
                   tuple((link.title, link.url, link.target and self.cards[link.target]) for link in entry.related),
                   tuple((tuple(r.kind + r.detail for r in s.reasons), self.cards[s.target]) for s in entry.coverage))
            meta = self.meta(entry.url, entry.article.title, "article", entry.rendered.summary)
            yield self.page(entry.url, "article.html", meta, key,
                            lambda entry=entry, newer=newer, older=older: {
                                "article": article_view(entry, self.config, self.by_path, coverage=self.coverage),
                                "newer": newer, "older": older}, lane=ARTICLE)

    def _link(self, entry: Entry) -> Link:
        return Link(entry.article.title, self.urls.local(entry.url))

    def list_pages(self, base: str, entries: tuple[Entry, ...], template: str, heading: str, kind: str,
                   description: str | None = None, feeds: Link | None = None) -> Iterator[OutputFile]:
        for list_page in paginate(entries, self.config.per_page, base, self.urls):
            title = heading if list_page.pager.number == 1 else f"{heading} (page {list_page.pager.number})"
            pager = list_page.pager
            key = (heading, pager.number, pager.total, pager.newer, pager.older, feeds and feeds.url,
                   self.cards_of(list_page.entries))
            yield self.page(list_page.path, template, self.meta(list_page.path, title, kind, description), key,
                            lambda list_page=list_page: {
                                "heading": heading, "articles": [self.view(e) for e in list_page.entries],
                                "pager": list_page.pager, "feeds": feeds})

    def feed_links(self, folder: str, title: str) -> Link:
        """A group's feeds: name is the title, url the RSS feed; the Atom feed sits beside it."""
        return Link(title, self.urls.local(folder + "feed.xml"))

    def group_pages(self, groups: tuple[Group, ...], prefix: str, title: str, kind: str, heading: str
                    ) -> Iterator[OutputFile]:
        links = group_links(groups, prefix, self.config)
        yield self.page(prefix, "terms.html", self.meta(prefix, title, f"{kind}-index"), links,
                        lambda: {"heading": title, "terms": links})
        for group in groups:
            folder = f"{prefix}{group.term.slug}/"
            name = heading.format(group.term.name)
            yield from self.list_pages(folder, group.entries, "list.html", name, kind,
                                       f"{name} in {self.config.title}.", feeds=self.feed_links(folder, name))

    def archive_pages(self) -> Iterator[OutputFile]:
        months_by_year: dict[str, list[Link]] = {}
        for link, group in zip(group_links(self.site.months, "/archive/", self.config), self.site.months):
            months_by_year.setdefault(group.term.slug[:4], []).append(link)
        years = tuple(
            (Link(g.term.name, self.urls.local(f"/archive/{g.term.slug}/"), len(g.entries)),
             tuple(months_by_year.get(g.term.slug, ())))
            for g in self.site.years)
        yield self.page("/archive/", "archive.html", self.meta("/archive/", "Archive", "archive-index"), years,
                        lambda: {"heading": "Archive", "years": years})
        for group in self.site.years + self.site.months:
            yield from self.list_pages(f"/archive/{group.term.slug}/", group.entries, "list.html",
                                       f"Archive: {group.term.name}", "archive")

    def edition_pages(self) -> Iterator[OutputFile]:
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
            yield self.page(paths[index], "editions.html", self.meta(paths[index], "Editions", "edition-index"),
                            (chunk, pager, feeds),
                            lambda chunk=chunk, pager=pager: {"heading": "Editions", "editions": chunk,
                                                              "pager": pager, "feeds": feeds})
        for index, edition in enumerate(editions):
            url = f"/editions/{edition.slug}/"
            newer = links[index - 1] if index else None
            older = links[index + 1] if index + 1 < len(links) else None
            key = (edition.day, edition.title, edition.intro_title, edition.intro.key if edition.intro else None,
                   self.cards_of(edition.entries), newer, older)
            meta = self.meta(url, edition.intro_title or edition.title, "edition",
                             f"{len(edition.entries)} articles in the {edition.title} edition of {self.config.title}.")
            yield self.page(url, "edition.html", meta, key,
                            lambda edition=edition, newer=newer, older=older: {
                                "edition": self.edition_view(edition), "newer": newer, "older": older,
                                "feeds": feeds})

    def edition_view(self, edition: Edition) -> EditionView:
        """Articles grouped by their first tag, biggest section first; untagged ones last under 'More news'."""
        sections: dict[str, list[ArticleView]] = {}
        for entry in edition.entries:
            name = entry.article.tags[0].name if entry.article.tags else ""
            sections.setdefault(name, []).append(self.view(entry))
        order = sorted(sections, key=lambda name: (name == "", -len(sections[name]), name))
        return EditionView(
            title=edition.intro_title or edition.title, date_title=edition.title, day=edition.day.isoformat(),
            intro=Markup(self.urls.content_html(edition.intro.html)) if edition.intro else None,
            count=len(edition.entries),
            sections=tuple((name or "More news", tuple(sections[name])) for name in order))
