"""Site -> RSS 2.0, Atom 1.0 (written with feedgen) and JSON Feed 1.1 (jsonfeed.py) OutputFiles.

The whole digest (feed.xml, atom.xml, feed.json), every tag, source and author
(/tags/<t>/feed.xml ...), and the editions feed (/editions/feed.xml), whose entries are whole
editions -- the feed a newsletter reader subscribes to.  Newest first, full content with absolute
URLs, dates from the content (never the build time) so the same input gives byte-identical feeds.
Each feed's page (RSS channel <link>, Atom rel=alternate, JSON Feed home_page_url) is the HTML
page it belongs to.  Every article entry credits the outlet that first published it (Credit):
RSS <source>, Atom rel="via" and <source>, JSON Feed external_url, and a closing paragraph of
its HTML.  A feed's key is a hash of its FeedView: everything its entries show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Collection, Iterator
from urllib.parse import urljoin, urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from digest import __version__, jsonfeed
from digest.config import SiteConfig
from digest.markdown import new_renderer, rewrite_links
from digest.model import Edition, Entry, OutputFile, Site, Source, pack_html, unpack_html
from digest.incremental import Digests, Job, Task
from digest.pagekinds import EDITIONS, SOURCES, TAXONOMIES
from digest.slug import slugify
from digest.views import Urls

FEED_FILES = ("feed.xml", "atom.xml", "feed.json")  # the files of one feed: RSS, Atom, JSON Feed
# The feeds' image, from the theme's static files (a site's own templates/static/ overrides them):
# a square PNG of at most 144 px (RSS <image>'s limit; also Atom <icon>/<logo> and JSON Feed's
# favicon) and a 512 px one (JSON Feed's icon).  Without them, the SVG favicon for Atom and JSON.
ICON, LARGE_ICON, FAVICON = "static/feed-icon.png", "static/feed-icon-512.png", "static/favicon.svg"


@dataclass(frozen=True)
class Credit:
    """The outlet that first published an article, as its feed entries credit it.

    `original` is the article at the outlet (front matter `source.url`); `site` the outlet's home
    page (its subscription's `site`, else the original's scheme and host); `feed` the outlet's own
    feed when digest follows it (`subscriptions:`); `own_feed` this digest's feed of the outlet."""

    name: str
    original: str | None
    site: str | None
    feed: str | None
    own_feed: str

    @property
    def rss_url(self) -> str:
        """What RSS's <source url> names.  RSS 2.0 says: the outlet's feed.  When digest does not
        follow the outlet, its home page (where readers find its feed) is the honest next best;
        for a source given by name only, this digest's feed of that outlet."""
        return self.feed or self.site or self.own_feed

    def html(self) -> str:
        """The paragraph that ends the entry's HTML."""
        name = escape(self.name)
        if not self.original:
            return f'<p class="credit">Originally published by {name}</p>\n'
        return (f'<p class="credit">Originally published by {name} — '
                f'<a href="{escape(self.original)}">read the original</a></p>\n')


@dataclass(frozen=True)
class FeedImages:
    """Absolute URLs of the feed's images (None: the theme has none)."""

    icon: str | None  # small and square: RSS <image> (when PNG, GIF or JPEG), Atom <icon>, JSON Feed favicon
    large: str | None  # JSON Feed icon


def feed_images(static: Collection[str], urls: Urls) -> FeedImages:
    """The feeds' images from the names of the theme's static files (static/...)."""
    icon = next((name for name in (ICON, FAVICON) if name in static), None)
    large = LARGE_ICON if LARGE_ICON in static else icon
    return FeedImages(urls.absolute(icon) if icon else None, urls.absolute(large) if large else None)


@dataclass(frozen=True)
class FeedItem:
    """One feed entry, whatever it stands for (an article or an edition): everything the entry
    shows.  `html_z` is the content as rendered (LZ4-compressed, shared with the page), its links
    made absolute against `url` when the feed is written."""

    url: str  # absolute
    title: str
    published: datetime
    updated: datetime
    summary: str
    html_z: bytes
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    credit: Credit | None = None  # the outlet that first published it (articles with a source)

    @property
    def html(self) -> str:
        """The entry's HTML as rendered, ending with the credit paragraph when it has one."""
        html = unpack_html(self.html_z)
        return html + self.credit.html() if self.credit else html


@dataclass(frozen=True)
class FeedView:
    """One feed (RSS, Atom and JSON Feed) as it is written: its folder -- also the page it
    belongs to --, titles, images and entries.  `now` is the feed's date only when it has no
    entries (else the newest entry's)."""

    folder: str  # site-relative, ending in /
    title: str
    subtitle: str
    items: tuple[FeedItem, ...]
    now: datetime | None
    images: FeedImages = FeedImages(None, None)


def absolutize_html(html: str, page_url: str, urls: Urls) -> str:
    """Make every href/src in `html` absolute (feed readers have no base URL)."""
    return rewrite_links(html, lambda url: urljoin(page_url, urls.in_site(url)))


class FeedJobs:
    """The job of every feed of the site: the whole digest, each tag, source and author, and
    the editions.  An article's entry is made and hashed once, however many feeds carry it."""

    def __init__(self, site: Site, now: datetime, digests: Digests, static: Collection[str] = ()) -> None:
        self.site, self.now, self.digests = site, now, digests
        self.config = site.config
        self.urls = Urls(site.config)
        self.images = digests.remember(feed_images(static, self.urls))
        self.items: dict[str, FeedItem] = {}
        self.credits: dict[Source, Credit] = {}
        self.followed = {slugify(s.name): s for s in site.config.subscriptions}
        self.typography = new_renderer()  # headlines as pages show them (curly quotes, dashes)

    def item(self, entry: Entry) -> FeedItem:
        found = self.items.get(entry.article.path)
        if found is None:
            source = entry.article.source
            found = self.items[entry.article.path] = self.digests.remember(
                _article_item(entry, self.urls, self.credit(source) if source else None,
                              self.typography.smarten(entry.article.title)))
        return found

    def credit(self, source: Source) -> Credit:
        found = self.credits.get(source)
        if found is None:
            followed = self.followed.get(source.slug)
            site = (followed.site if followed else None) or _origin(source.url)
            found = self.credits[source] = self.digests.remember(Credit(
                source.name, source.url, site, followed.feed if followed else None,
                self.urls.absolute(f"{SOURCES.prefix}{source.slug}/feed.xml")))
        return found

    def job(self, folder: str, title: str, subtitle: str, items: tuple[FeedItem, ...]) -> Job:
        base = folder.lstrip("/")
        return Job(tuple(base + name for name in FEED_FILES), "feed",
                   {"feed": FeedView(folder, title, subtitle, items, None if items else self.now, self.images)})

    def jobs(self) -> Iterator[Job]:
        config, size = self.config, self.config.feed_size
        yield self.job("/", config.title, config.description or config.title,
                       tuple(self.item(e) for e in self.site.entries[:size]))
        for taxonomy in TAXONOMIES:
            for group in self.site.taxonomies[taxonomy.name]:
                title = f"{config.title}: {taxonomy.feed_label.format(group.term.name)}"
                yield self.job(f"{taxonomy.prefix}{group.term.slug}/", title, title,
                               tuple(self.item(e) for e in group.entries[:size]))
        if self.site.editions:
            yield self.job(EDITIONS, f"{config.title}: editions", f"Every edition of {config.title}, whole.",
                           tuple(_edition_item(edition, config, self.urls) for edition in self.site.editions[:size]))


def make_feed(task: Task, config: SiteConfig) -> list[OutputFile]:
    """feed.xml (RSS 2.0), atom.xml (Atom 1.0) and feed.json (JSON Feed 1.1) of a feed job."""
    feed: FeedView = task.job.context["feed"]
    rss_path, atom_path, json_path = task.job.paths
    urls = Urls(config)
    contents = [absolutize_html(item.html, item.url, urls) for item in feed.items]
    fg = _generator(config, feed, contents, "feed.xml")
    rss = fg.rss_str(pretty=True)
    _set_links(fg, config, feed.folder, "atom.xml")
    return [OutputFile(rss_path, rss, task.key), OutputFile(atom_path, fg.atom_str(pretty=True), task.key),
            OutputFile(json_path, jsonfeed.render(feed, contents, config, urls), task.key)]


def _origin(url: str | None) -> str | None:
    """https://www.rt.com/usa/316795-x/ -> https://www.rt.com/"""
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme in ("http", "https") and parts.netloc else None


def _article_item(entry: Entry, urls: Urls, credit: Credit | None, title: str) -> FeedItem:
    article = entry.article
    return FeedItem(url=urls.absolute(entry.url), title=title, published=article.date,
                    updated=article.updated or article.date, summary=entry.rendered.summary or title,
                    html_z=entry.rendered.html_z, authors=article.authors,
                    categories=tuple(t.name for t in article.tags), credit=credit)


def _edition_item(edition: Edition, config: SiteConfig, urls: Urls) -> FeedItem:
    """A whole edition as one feed entry: intro, then every article with its summary, and links
    to the edition as an e-mail when the build writes it (newsletter.py)."""
    link = urls.absolute(f"{EDITIONS}{edition.slug}/")
    parts = []
    if edition.intro:
        parts.append(edition.intro.html)
    for entry in edition.entries:
        article = entry.article
        source = f" <em>({escape(article.source.name)})</em>" if article.source else ""
        parts.append(f'<h2><a href="{escape(urls.absolute(entry.url))}">{escape(article.title)}</a>{source}</h2>\n'
                     f"<p>{escape(entry.rendered.summary)}</p>\n")
    from digest.newsletter import email_links  # only the editions feed needs it

    email = email_links(config, edition.slug)
    if email:
        parts.append(f'<p>This edition as an e-mail: <a href="{escape(email[0])}">HTML</a> · '
                     f'<a href="{escape(email[1])}">plain text</a></p>\n')
    newest = max(e.article.updated or e.article.date for e in edition.entries)
    count = len(edition.entries)
    return FeedItem(url=link, title=f"{config.title}: {edition.intro_title or edition.title}",
                    published=max(e.article.date for e in edition.entries), updated=newest,
                    summary=f"{count} article{'s' if count != 1 else ''}: "
                            + "; ".join(e.article.title for e in edition.entries),
                    html_z=pack_html("".join(parts)))


def _set_links(fg: FeedGenerator, config: SiteConfig, folder: str, self_name: str) -> None:
    """The feed's own URL and its page: one generator serves as RSS, then (relinked) as Atom.
    The page comes last: feedgen makes the last link the RSS channel's <link>."""
    urls = Urls(config)
    fg.link([{"href": urls.absolute(folder + self_name), "rel": "self"},
             {"href": urls.absolute(folder), "rel": "alternate"}], replace=True)


class _CreditFeed(BaseExtension):
    """feedgen wants a feed-level class for every extension; the credit has nothing to add there."""


class _CreditEntry(BaseEntryExtension):
    """An entry's credit to its outlet (feedgen's own source() cannot give RSS and Atom different
    URLs, and its entry links lose their rel): RSS <source url="...">Outlet</source>; Atom
    <link rel="via" href="original" title="Outlet"/> and <source> with the outlet's title, home
    page and (when followed) feed -- what readers show as "via Outlet"."""

    def __init__(self) -> None:
        self.credit: Credit | None = None

    def extend_rss(self, item):  # type: ignore[no-untyped-def]
        if self.credit is not None:
            xml_elem("source", item, url=self.credit.rss_url).text = self.credit.name
        return item

    def extend_atom(self, entry):  # type: ignore[no-untyped-def]
        credit = self.credit
        if credit is not None:
            if credit.original:
                xml_elem("link", entry, rel="via", href=credit.original, title=credit.name)
            source = xml_elem("source", entry)
            xml_elem("title", source).text = credit.name
            if credit.site:
                xml_elem("link", source, rel="alternate", href=credit.site)
            if credit.feed:
                xml_elem("link", source, rel="self", href=credit.feed)
        return entry


def _generator(config: SiteConfig, feed: FeedView, contents: list[str], self_name: str) -> FeedGenerator:
    urls = Urls(config)
    home = urls.absolute(feed.folder)
    newest = max((item.updated for item in feed.items), default=feed.now)
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.register_extension("credit", _CreditFeed, _CreditEntry)
    fg.id(home)
    fg.title(feed.title)
    fg.subtitle(feed.subtitle)
    _set_links(fg, config, feed.folder, self_name)
    fg.language(config.language)
    fg.generator("digest", version=__version__, uri="https://pypi.org/project/digest/")
    fg.author({"name": config.author or config.title})  # Atom needs a feed author when entries have none
    fg.updated(newest)
    fg.lastBuildDate(newest)
    if feed.images.icon:
        fg.icon(feed.images.icon)
        if feed.images.icon.endswith((".png", ".gif", ".jpg", ".jpeg")):  # what RSS 2.0 allows; also Atom's logo
            fg.image(url=feed.images.icon, title=feed.title, link=home)
    for item, content in zip(feed.items, contents):
        fe = fg.add_entry(order="append")
        fe.id(item.url)
        fe.guid(item.url, permalink=True)
        fe.title(item.title)
        fe.link(href=item.url, rel="alternate")
        fe.published(item.published)
        fe.updated(item.updated)
        if item.summary:
            fe.summary(item.summary)
        fe.content(content, type="html")
        fe.credit.credit = item.credit
        for author in item.authors:
            fe.author({"name": author})
            fe.dc.dc_creator(author)
        for category in item.categories:
            fe.category(term=category, label=category)
    return fg
