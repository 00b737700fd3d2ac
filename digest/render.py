"""Site -> HTML pages as OutputFile values (article, home, tag, source, archive, 404 pages).

Decides which template renders which page and what context it gets; returns values and
never writes.  Feeds, sitemap and robots.txt live in feeds.py and sitemap.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from digest.config import SiteConfig
from markupsafe import Markup

from digest.markdown import rewrite_links
from digest.model import Edition, Entry, Group, OutputFile, Site
from digest.templates import Templates
from digest.views import (ArticleView, EditionView, Link, Pager, SiteView, Urls, article_view, group_links,
                          site_view)


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


def render_pages(site: Site, templates: Templates, year: int) -> Iterator[OutputFile]:
    """Every HTML page of the site, one at a time."""
    return _Renderer(site, templates, site_view(site.config, year)).pages()


class _Renderer:
    def __init__(self, site: Site, templates: Templates, site_ctx: SiteView) -> None:
        self.site = site
        self.config: SiteConfig = site.config
        self.templates = templates
        self.site_ctx = site_ctx
        self.urls = Urls(site.config)
        by_path = {e.article.path: e for e in site.entries}
        self.views = {e.article.path: article_view(e, self.config, by_path) for e in site.entries}

    def page(self, url: str, template: str, meta: PageMeta, *, file: str | None = None, **context: Any
             ) -> OutputFile:
        html = self.templates.render(template, {"site": self.site_ctx, "page": meta, **context})
        return OutputFile(file or output_path(url), html.encode("utf-8"))

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
                                 "404", noindex=True), file="404.html")

    def article_pages(self) -> Iterator[OutputFile]:
        entries = self.site.entries
        for index, entry in enumerate(entries):
            view = self.views[entry.article.path]
            newer = self._link(entries[index - 1]) if index > 0 else None
            older = self._link(entries[index + 1]) if index + 1 < len(entries) else None
            yield self.page(entry.url, "article.html", self.meta(entry.url, view.title, "article", view.summary),
                            article=view, newer=newer, older=older)

    def _link(self, entry: Entry) -> Link:
        return Link(entry.article.title, self.urls.local(entry.url))

    def list_pages(self, base: str, entries: tuple[Entry, ...], template: str, heading: str, kind: str,
                   description: str | None = None, feeds: Link | None = None, **context: Any
                   ) -> Iterator[OutputFile]:
        for list_page in paginate(entries, self.config.per_page, base, self.urls):
            title = heading if list_page.pager.number == 1 else f"{heading} (page {list_page.pager.number})"
            yield self.page(list_page.path, template, self.meta(list_page.path, title, kind, description),
                            heading=heading, articles=[self.views[e.article.path] for e in list_page.entries],
                            pager=list_page.pager, feeds=feeds, **context)

    def feed_links(self, folder: str, title: str) -> Link:
        """A group's feeds: name is the title, url the RSS feed; the Atom feed sits beside it."""
        return Link(title, self.urls.local(folder + "feed.xml"))

    def group_pages(self, groups: tuple[Group, ...], prefix: str, title: str, kind: str, heading: str
                    ) -> Iterator[OutputFile]:
        links = group_links(groups, prefix, self.config)
        yield self.page(prefix, "terms.html", self.meta(prefix, title, f"{kind}-index"), heading=title, terms=links)
        for group in groups:
            folder = f"{prefix}{group.term.slug}/"
            title = heading.format(group.term.name)
            yield from self.list_pages(folder, group.entries, "list.html", title, kind,
                                       f"{title} in {self.config.title}.", feeds=self.feed_links(folder, title))

    def archive_pages(self) -> Iterator[OutputFile]:
        months_by_year: dict[str, list[Link]] = {}
        for link, group in zip(group_links(self.site.months, "/archive/", self.config), self.site.months):
            months_by_year.setdefault(group.term.slug[:4], []).append(link)
        years = tuple(
            (Link(g.term.name, self.urls.local(f"/archive/{g.term.slug}/"), len(g.entries)),
             tuple(months_by_year.get(g.term.slug, ())))
            for g in self.site.years)
        yield self.page("/archive/", "archive.html", self.meta("/archive/", "Archive", "archive-index"),
                        heading="Archive", years=years)
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
        for index, chunk in enumerate(chunks):
            pager = Pager(index + 1, len(chunks), self.urls.local(paths[index - 1]) if index else None,
                          self.urls.local(paths[index + 1]) if index + 1 < len(chunks) else None)
            yield self.page(paths[index], "editions.html", self.meta(paths[index], "Editions", "edition-index"),
                            heading="Editions", editions=chunk, pager=pager,
                            feeds=self.feed_links("/editions/", "Editions"))
        for index, edition in enumerate(editions):
            url = f"/editions/{edition.slug}/"
            yield self.page(url, "edition.html",
                            self.meta(url, edition.intro_title or edition.title, "edition",
                                      f"{len(edition.entries)} articles in the {edition.title} edition of "
                                      f"{self.config.title}."),
                            edition=self.edition_view(edition),
                            newer=links[index - 1] if index else None,
                            older=links[index + 1] if index + 1 < len(links) else None,
                            feeds=self.feed_links("/editions/", "Editions"))

    def edition_view(self, edition: Edition) -> EditionView:
        """Articles grouped by their first tag, biggest section first; untagged ones last under 'More news'."""
        sections: dict[str, list[ArticleView]] = {}
        for entry in edition.entries:
            name = entry.article.tags[0].name if entry.article.tags else ""
            sections.setdefault(name, []).append(self.views[entry.article.path])
        order = sorted(sections, key=lambda name: (name == "", -len(sections[name]), name))
        return EditionView(
            title=edition.intro_title or edition.title, date_title=edition.title, day=edition.day.isoformat(),
            intro=Markup(rewrite_links(edition.intro.html, self.urls.in_site)) if edition.intro else None,
            count=len(edition.entries),
            sections=tuple((name or "More news", tuple(sections[name])) for name in order))
