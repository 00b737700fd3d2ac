"""Site -> HTML pages as OutputFile values (article, home, tag, source, archive, 404 pages).

Decides which template renders which page and what context it gets; returns values and
never writes.  Feeds, sitemap and robots.txt live in feeds.py and sitemap.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from digest.config import SiteConfig
from digest.model import Entry, Group, OutputFile, Site
from digest.templates import Templates
from digest.views import (ArticleView, Link, Pager, SiteView, Urls, article_view, group_links, site_view)


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


def render_pages(site: Site, templates: Templates, year: int) -> list[OutputFile]:
    """Every HTML page of the site."""
    return _Renderer(site, templates, site_view(site.config, year)).pages()


class _Renderer:
    def __init__(self, site: Site, templates: Templates, site_ctx: SiteView) -> None:
        self.site = site
        self.config: SiteConfig = site.config
        self.templates = templates
        self.site_ctx = site_ctx
        self.urls = Urls(site.config)
        self.url_of = {e.article.path: e.url for e in site.entries}
        self.views = {e.article.path: article_view(e, self.config, self.url_of) for e in site.entries}

    def page(self, url: str, template: str, meta: PageMeta, *, file: str | None = None, **context: Any
             ) -> OutputFile:
        html = self.templates.render(template, {"site": self.site_ctx, "page": meta, **context})
        return OutputFile(file or output_path(url), html.encode("utf-8"))

    def meta(self, url: str, title: str, kind: str, description: str | None = None) -> PageMeta:
        return PageMeta(title=title, description=description or self.config.description,
                        canonical=self.urls.absolute(url), kind=kind)

    def pages(self) -> list[OutputFile]:
        out = list(self.article_pages())
        out += self.list_pages("/", self.site.entries, "index.html", self.config.title, "home")
        out += self.group_pages(self.site.tags, "/tags/", "Tags", "tag", "Articles tagged “{}”")
        out += self.group_pages(self.site.sources, "/sources/", "Sources", "source", "Articles from {}")
        out += self.archive_pages()
        out.append(self.page("/404.html", "404.html",
                             PageMeta("Page not found", self.config.description, self.urls.absolute("/404.html"),
                                      "404", noindex=True), file="404.html"))
        return out

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
                   description: str | None = None, **context: Any) -> Iterator[OutputFile]:
        for list_page in paginate(entries, self.config.per_page, base, self.urls):
            title = heading if list_page.pager.number == 1 else f"{heading} (page {list_page.pager.number})"
            yield self.page(list_page.path, template, self.meta(list_page.path, title, kind, description),
                            heading=heading, articles=[self.views[e.article.path] for e in list_page.entries],
                            pager=list_page.pager, **context)

    def group_pages(self, groups: tuple[Group, ...], prefix: str, title: str, kind: str, heading: str
                    ) -> Iterator[OutputFile]:
        links = group_links(groups, prefix, self.config)
        yield self.page(prefix, "terms.html", self.meta(prefix, title, f"{kind}-index"), heading=title, terms=links)
        for group in groups:
            yield from self.list_pages(f"{prefix}{group.term.slug}/", group.entries, "list.html",
                                       heading.format(group.term.name), kind,
                                       f"{heading.format(group.term.name)} in {self.config.title}.")

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
