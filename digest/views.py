"""What templates see: small read-only views of the site, articles and pages.

Templates never get the build's internal objects, so internals can change without breaking
themes.  Every URL in a view is ready to use: `url` is site-relative with the base path,
`permalink` is absolute.  Does no rendering itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from markupsafe import Markup

from digest.config import SiteConfig
from digest.markdown import rewrite_links
from digest.model import Entry, Group


@dataclass(frozen=True)
class Link:
    """A named link: tag, source page, newer/older article, pager page."""

    name: str
    url: str
    count: int = 0


@dataclass(frozen=True)
class RelatedView:
    """A READ MORE reference: internal when it names an article of the digest."""

    title: str
    url: str | None
    internal: bool


@dataclass(frozen=True)
class SourceView:
    """The outlet an article came from: its name, our page for it, and the original URL."""

    name: str
    page: str
    url: str | None


@dataclass(frozen=True)
class ArticleView:
    """An article as templates see it."""

    title: str
    url: str
    permalink: str
    date: datetime
    date_iso: str
    date_text: str
    updated: datetime | None
    updated_iso: str | None
    updated_text: str | None
    authors: tuple[str, ...]
    source: SourceView | None
    tags: tuple[Link, ...]
    summary: str
    html: Markup
    reading_minutes: int
    word_count: int
    related: tuple[RelatedView, ...]
    sample: bool
    image: str | None
    language: str
    extra: dict


@dataclass(frozen=True)
class Pager:
    """Where a paginated list page is: number, total, and neighbours."""

    number: int
    total: int
    newer: str | None
    older: str | None


@dataclass(frozen=True)
class SiteView:
    """Site-wide values every template gets as `site`."""

    title: str
    description: str
    base_url: str
    language: str
    author: str
    home: str
    rss: str
    atom: str
    tags_index: str
    sources_index: str
    archive_index: str
    static: str
    year: int


@dataclass(frozen=True)
class Urls:
    """Turns site-relative paths into the URLs pages use (base path aware) and absolute ones."""

    config: SiteConfig

    def local(self, path: str) -> str:
        return self.config.base_path + path.lstrip("/")

    def in_site(self, url: str) -> str:
        """A root-relative link written in content (/2015/09/x/) moved under the base path."""
        base = self.config.base_path
        if url.startswith("/") and not url.startswith(("//", base)):
            return self.local(url)
        return url

    def absolute(self, path: str) -> str:
        return urljoin(self.config.base_url, path.lstrip("/"))


def format_when(when: datetime) -> str:
    """'29 September 2015, 23:35 UTC+03:00': the date as written, with its zone."""
    zone = when.tzname() or ""
    return f"{when.day} {when:%B %Y, %H:%M} {zone}".strip()


def site_view(config: SiteConfig, year: int) -> SiteView:
    urls = Urls(config)
    return SiteView(title=config.title, description=config.description, base_url=config.base_url,
                    language=config.language, author=config.author, home=urls.local("/"),
                    rss=urls.local("/feed.xml"), atom=urls.local("/atom.xml"), tags_index=urls.local("/tags/"),
                    sources_index=urls.local("/sources/"), archive_index=urls.local("/archive/"),
                    static=urls.local("/static/"), year=year)


def article_view(entry: Entry, config: SiteConfig, url_of: dict[str, str]) -> ArticleView:
    """The view of one entry; `url_of` maps content paths to site-relative URLs (for related links)."""
    urls = Urls(config)
    article = entry.article
    source = None
    if article.source:
        source = SourceView(name=article.source.name, page=urls.local(f"/sources/{article.source.slug}/"),
                            url=article.source.url)
    related = tuple(
        RelatedView(title=link.title, url=urls.local(url_of[link.target]), internal=True)
        if link.target in url_of else RelatedView(title=link.title, url=link.url, internal=False)
        for link in entry.related)
    return ArticleView(
        title=article.title, url=urls.local(entry.url), permalink=urls.absolute(entry.url), date=article.date,
        date_iso=article.date.isoformat(), date_text=format_when(article.date), updated=article.updated,
        updated_iso=article.updated.isoformat() if article.updated else None,
        updated_text=format_when(article.updated) if article.updated else None,
        authors=article.authors, source=source,
        tags=tuple(Link(t.name, urls.local(f"/tags/{t.slug}/")) for t in article.tags),
        summary=entry.rendered.summary, html=Markup(rewrite_links(entry.rendered.html, urls.in_site)),
        reading_minutes=entry.rendered.reading_minutes, word_count=entry.rendered.word_count,
        related=related, sample=article.sample, image=article.image,
        language=article.language or config.language, extra=dict(article.extra))


def group_links(groups: tuple[Group, ...], prefix: str, config: SiteConfig) -> tuple[Link, ...]:
    """Links to each group's page under `prefix` (e.g. /tags/), with article counts."""
    urls = Urls(config)
    return tuple(Link(g.term.name, urls.local(f"{prefix}{g.term.slug}/"), len(g.entries)) for g in groups)
