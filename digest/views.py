"""What templates see: small read-only views of the site, articles and pages.

Templates never get the build's internal objects, so internals can change without breaking
themes.  Every URL in a view is ready to use: `url` is site-relative with the base path,
`permalink` is absolute.  Does no rendering itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from typing import Any, Callable, Mapping
from urllib.parse import quote

from markupsafe import Markup

from digest.config import SiteConfig
from digest.markdown import new_renderer, rewrite_links
from digest.editions import edition_title
from digest.model import Entry, Group, Reason, RelatedLink, Source, Suggestion, Term
from digest.pagekinds import ARCHIVE, AUTHORS, EDITIONS, SOURCES, TAGS, TAXONOMIES, author_term


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
class CoverageView:
    """A related article with the reasons it was chosen (kinds: referenced, same story, similar text,
    shared tags, same source); `reason_text` is a ready-made phrase for readers."""

    title: str
    url: str
    source: str | None
    date_text: str
    date_iso: str
    reasons: tuple[str, ...]
    reason_text: str


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
    author_links: tuple[Link, ...]
    source: SourceView | None
    tags: tuple[Link, ...]
    summary: str
    html: Markup
    reading_minutes: int
    word_count: int
    related: tuple[RelatedView, ...]
    coverage: tuple[CoverageView, ...]
    also_covered_by: tuple[Link, ...]
    edition: Link | None
    sample: bool
    image: str | None
    language: str
    extra: dict
    card_html: Markup = Markup("")  # on list pages: this article's card, rendered once by _macros.html's card()
    standfirst: str = ""  # the curator's summary, unless it repeats the body's first paragraph ("" then)


@dataclass(frozen=True)
class EditionView:
    """One edition: its title, intro and articles in sections (pairs of section name and articles)."""

    title: str
    date_title: str
    day: str
    intro: Markup | None
    count: int
    sections: tuple[tuple[str, tuple[ArticleView, ...]], ...]


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
    authors_index: str
    editions_index: str | None
    editions_rss: str | None
    editions_atom: str | None
    static: str
    year: int
    indexes: tuple[Link, ...] = ()  # every taxonomy's index page (pagekinds.TAXONOMIES): name and url
    json_feed: str = ""  # the digest's JSON Feed (beside rss and atom)
    editions_json_feed: str | None = None


@dataclass(frozen=True)
class Urls:
    """Turns site-relative paths into the URLs pages use (base path aware) and absolute ones."""

    config: SiteConfig
    base_path: str = field(init=False)  # config.base_path, worked out once: pages ask for it 250,000 times

    def __post_init__(self) -> None:
        object.__setattr__(self, "base_path", self.config.base_path)

    def local(self, path: str) -> str:
        return self.base_path + path.lstrip("/")

    def in_site(self, url: str) -> str:
        """A root-relative link written in content (/2015/09/x/) moved under the base path."""
        base = self.base_path
        if url.startswith("/") and not url.startswith(("//", base)):
            return self.local(url)
        return url

    def absolute(self, path: str) -> str:
        """The full URL, non-ASCII path characters percent-encoded (a URI, as feeds, sitemaps and
        feed readers compare them; the page links themselves stay readable IRIs)."""
        path = path.lstrip("/")
        if not path.isascii():
            path = quote(path, safe="/%:@!$&'()*+,;=-._~")
        return self.config.base_url + path  # base_url always ends in /

    def content_html(self, html: str) -> str:
        """Rendered content with its root-relative links moved under the base path (a site served
        at the root of its host has nothing to move)."""
        return html if self.base_path == "/" else rewrite_links(html, self.in_site)


def format_when(when: datetime, zone: tzinfo) -> str:
    """'29 September 2015, 21:35 BST': the instant in the site's zone, with that zone's
    abbreviation for the instant (zoneinfo's tzname: GMT/BST, CET/CEST, EST/EDT, UTC).  Zones
    whose abbreviation is a bare offset ('+04') show it as 'UTC+04:00'.  Pages keep the ISO value
    with its own offset in <time datetime>."""
    local = when.astimezone(zone)
    return f"{local.day} {local:%B %Y, %H:%M} {zone_name(local)}"


def zone_name(local: datetime) -> str:
    """The zone abbreviation of an aware datetime, an offset-only name written as UTC+hh:mm."""
    name = local.tzname() or "UTC"
    if name[:1] in "+-" and name[1:].isdigit():
        hours, minutes = name[1:3], name[3:5] or "00"
        return f"UTC{name[0]}{hours}:{minutes}"
    return name


def site_view(config: SiteConfig, year: int) -> SiteView:
    urls = Urls(config)
    editions = config.editions != "off"
    return SiteView(title=config.title, description=config.description, base_url=config.base_url,
                    language=config.language, author=config.author, home=urls.local("/"),
                    rss=urls.local("/feed.xml"), atom=urls.local("/atom.xml"), tags_index=urls.local(TAGS.prefix),
                    sources_index=urls.local(SOURCES.prefix), archive_index=urls.local(ARCHIVE),
                    authors_index=urls.local(AUTHORS.prefix),
                    editions_index=urls.local(EDITIONS) if editions else None,
                    editions_rss=urls.local(f"{EDITIONS}feed.xml") if editions else None,
                    editions_atom=urls.local(f"{EDITIONS}atom.xml") if editions else None,
                    static=urls.local("/static/"), year=year,
                    indexes=tuple(Link(t.index_title, urls.local(t.prefix)) for t in TAXONOMIES),
                    json_feed=urls.local("/feed.json"),
                    editions_json_feed=urls.local(f"{EDITIONS}feed.json") if editions else None)


REASON_WORDS = {"referenced": "Referenced", "same story": "Same story", "similar text": "Similar reporting",
                "shared tags": "Also in", "same source": "Also from"}


def _reason_text(reasons: tuple[Reason, ...]) -> str:
    """'Referenced · Also in transport, labour'; same-source only shows when nothing else does."""
    shown = [r for r in reasons if r.kind != "same source"] or list(reasons)
    return " · ".join(f"{REASON_WORDS[r.kind]} {r.detail}".strip() for r in shown)


class ViewParts:
    """The parts many views share, each made once per build: links to tags, authors, sources,
    editions and other articles, and what related-coverage items show (an article is on five
    others' lists, and the same reasons recur thousands of times).  `share` sees each new tag,
    author, source and edition link, which hundreds of cards hold: the build hashes it once
    (incremental.Digests.remember)."""

    def __init__(self, entries: Mapping[str, Entry], config: SiteConfig,
                 share: Callable[[Any], Any] = lambda part: part) -> None:
        self.entries = entries
        self.config = config
        self.urls = Urls(config)
        self.share = share
        self.zone = config.zone
        self._typography = new_renderer()
        self._titles: dict[str, str] = {}
        self._parts: dict[Any, Any] = {}
        self._targets: dict[str, tuple[str, str, str | None, str, str]] = {}
        self._reasons: dict[tuple[Reason, ...], tuple[tuple[str, ...], str]] = {}
        self.reads: list[str] = []  # the other articles views have read, in order (see render.PageJobs)

    def _part(self, key: Any, make: Callable[[], Any], share: bool = True) -> Any:
        part = self._parts.get(key)
        if part is None:
            part = self._parts[key] = self.share(make()) if share else make()
        return part

    def title(self, text: str) -> str:
        """A headline with the typography of bodies (curly quotes, dashes), made once per build."""
        shown = self._titles.get(text)
        if shown is None:
            shown = self._titles[text] = self._typography.smarten(text)
        return shown

    def when(self, moment: datetime) -> str:
        return format_when(moment, self.zone)

    def tag(self, term: Term) -> Link:
        return self._part(("tag", term.slug, term.name),
                          lambda: Link(term.name, self.urls.local(f"{TAGS.prefix}{term.slug}/")))

    def author(self, name: str) -> Link:
        return self._part(("author", name),
                          lambda: Link(name, self.urls.local(f"{AUTHORS.prefix}{author_term(name).slug}/")))

    def source(self, source: Source) -> SourceView:
        return self._part(("source", source.name, source.url, source.slug), lambda: SourceView(
            name=source.name, page=self.urls.local(f"{SOURCES.prefix}{source.slug}/"), url=source.url))

    def edition(self, day: date) -> Link:
        return self._part(("edition", day), lambda: Link(edition_title(day, self.config.editions),
                                                         self.urls.local(f"{EDITIONS}{day}/")))

    def story(self, path: str) -> Link:
        """Another report of the same story: named by its source (or title)."""
        self.reads.append(path)
        def make() -> Link:
            other = self.entries[path]
            return Link(other.article.source.name if other.article.source else self.title(other.article.title),
                        self.urls.local(other.url))
        return self._part(("story", path), make, share=False)

    def related(self, link: RelatedLink) -> RelatedView:
        if link.target:
            self.reads.append(link.target)  # read, found or not
        if link.target in self.entries:
            target = self.entries[link.target]
            return self._part(("related", link.target), lambda: RelatedView(
                title=self.title(target.article.title), url=self.urls.local(target.url), internal=True), share=False)
        return RelatedView(title=self.title(link.title), url=link.url, internal=False)

    def coverage(self, suggestion: Suggestion) -> CoverageView:
        self.reads.append(suggestion.target)
        target = self._targets.get(suggestion.target)
        if target is None:
            other = self.entries[suggestion.target]
            article = other.article
            local = article.date.astimezone(self.zone)
            target = self._targets[suggestion.target] = (
                self.title(article.title), self.urls.local(other.url), article.source.name if article.source else None,
                f"{local.day} {local:%b %Y}", article.date.isoformat())
        reasons = self._reasons.get(suggestion.reasons)
        if reasons is None:
            reasons = self._reasons[suggestion.reasons] = (tuple(r.kind for r in suggestion.reasons),
                                                           _reason_text(suggestion.reasons))
        title, url, source, date_text, date_iso = target
        return CoverageView(title=title, url=url, source=source, date_text=date_text, date_iso=date_iso,
                            reasons=reasons[0], reason_text=reasons[1])


def card_view(entry: Entry, parts: ViewParts) -> ArticleView:
    """An article as list pages show it: no body, READ MORE or related coverage (thousands of
    cards need not carry them)."""
    config, urls = parts.config, parts.urls
    article = entry.article
    return ArticleView(
        title=parts.title(article.title), url=urls.local(entry.url), permalink=urls.absolute(entry.url),
        date=article.date, date_iso=article.date.isoformat(), date_text=parts.when(article.date),
        updated=article.updated, updated_iso=article.updated.isoformat() if article.updated else None,
        updated_text=parts.when(article.updated) if article.updated else None,
        authors=article.authors, source=parts.source(article.source) if article.source else None,
        author_links=tuple(parts.author(name) for name in article.authors), coverage=(),
        also_covered_by=tuple(parts.story(p) for p in entry.story),
        edition=parts.edition(entry.edition) if entry.edition else None,
        tags=tuple(parts.tag(t) for t in article.tags), summary=entry.rendered.summary, html=Markup(""),
        reading_minutes=entry.rendered.reading_minutes, word_count=entry.rendered.word_count,
        related=(), sample=article.sample, image=article.image,
        language=article.language or config.language, extra=dict(article.extra),
        standfirst=entry.rendered.standfirst)


def article_view(entry: Entry, parts: ViewParts, card: ArticleView | None = None) -> ArticleView:
    """An article as its own page shows it: its card (made here unless given) with the body,
    READ MORE links and related coverage.  The page shows each link once: READ MORE as the
    curator wrote it, "Also covered by" without the READ MORE links, related coverage without
    either."""
    card = card if card is not None else card_view(entry, parts)
    related = tuple(parts.related(link) for link in entry.related)
    shown = {link.url for link in related if link.internal}
    also = tuple(link for link in card.also_covered_by if link.url not in shown)
    shown.update(link.url for link in also)
    return replace(card, html=Markup(parts.urls.content_html(entry.rendered.html)), related=related,
                   also_covered_by=also,
                   coverage=tuple(c for c in (parts.coverage(s) for s in entry.coverage) if c.url not in shown))


def group_links(groups: tuple[Group, ...], prefix: str, config: SiteConfig) -> tuple[Link, ...]:
    """Links to each group's page under `prefix` (e.g. /tags/), with article counts."""
    urls = Urls(config)
    return tuple(Link(g.term.name, urls.local(f"{prefix}{g.term.slug}/"), len(g.entries)) for g in groups)
