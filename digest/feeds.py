"""Site -> RSS 2.0 and Atom 1.0 OutputFiles, written with feedgen.

The whole digest (feed.xml, atom.xml), every tag, source and author (/tags/<t>/feed.xml ...),
and the editions feed (/editions/feed.xml), whose entries are whole editions -- the feed a
newsletter reader subscribes to.  Newest first, full content with absolute URLs, dates from
the content (never the build time) so the same input gives byte-identical feeds.  A feed's key
is a hash of its FeedView: everything its entries show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Iterator
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from digest import __version__
from digest.config import SiteConfig
from digest.markdown import rewrite_links
from digest.model import Edition, Entry, OutputFile, Site, pack_html, unpack_html
from digest.incremental import Digests, Job, Task
from digest.pagekinds import EDITIONS, TAXONOMIES
from digest.views import Urls


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

    @property
    def html(self) -> str:
        return unpack_html(self.html_z)


@dataclass(frozen=True)
class FeedView:
    """One feed pair (RSS and Atom) as it is written: its folder, titles and entries.  `now` is
    the feed's date only when it has no entries (else the newest entry's)."""

    folder: str  # site-relative, ending in /
    title: str
    subtitle: str
    items: tuple[FeedItem, ...]
    now: datetime | None


def absolutize_html(html: str, page_url: str, urls: Urls) -> str:
    """Make every href/src in `html` absolute (feed readers have no base URL)."""
    return rewrite_links(html, lambda url: urljoin(page_url, urls.in_site(url)))


class FeedJobs:
    """The job of every feed of the site: the whole digest, each tag, source and author, and
    the editions.  An article's entry is made and hashed once, however many feeds carry it."""

    def __init__(self, site: Site, now: datetime, digests: Digests) -> None:
        self.site, self.now, self.digests = site, now, digests
        self.config = site.config
        self.urls = Urls(site.config)
        self.items: dict[str, FeedItem] = {}

    def item(self, entry: Entry) -> FeedItem:
        found = self.items.get(entry.article.path)
        if found is None:
            found = self.items[entry.article.path] = self.digests.remember(_article_item(entry, self.urls))
        return found

    def job(self, folder: str, title: str, subtitle: str, items: tuple[FeedItem, ...]) -> Job:
        base = folder.lstrip("/")
        return Job((base + "feed.xml", base + "atom.xml"), "feed",
                   {"feed": FeedView(folder, title, subtitle, items, None if items else self.now)})

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
    """feed.xml (RSS 2.0) and atom.xml (Atom 1.0) of a feed job."""
    feed: FeedView = task.job.context["feed"]
    rss_path, atom_path = task.job.paths
    fg = _generator(config, feed, "feed.xml")
    rss = fg.rss_str(pretty=True)
    _set_links(fg, config, feed.folder, "atom.xml")
    return [OutputFile(rss_path, rss, task.key), OutputFile(atom_path, fg.atom_str(pretty=True), task.key)]


def _article_item(entry: Entry, urls: Urls) -> FeedItem:
    article = entry.article
    return FeedItem(url=urls.absolute(entry.url), title=article.title, published=article.date,
                    updated=article.updated or article.date, summary=entry.rendered.summary,
                    html_z=entry.rendered.html_z, authors=article.authors,
                    categories=tuple(t.name for t in article.tags))


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
    """The feed's page and its own URL: one generator serves as RSS, then (relinked) as Atom."""
    urls = Urls(config)
    fg.link([{"href": urls.absolute(folder), "rel": "alternate"},
             {"href": urls.absolute(folder + self_name), "rel": "self"}], replace=True)


def _generator(config: SiteConfig, feed: FeedView, self_name: str) -> FeedGenerator:
    urls = Urls(config)
    home = urls.absolute(feed.folder)
    newest = max((item.updated for item in feed.items), default=feed.now)
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(home)
    fg.title(feed.title)
    fg.subtitle(feed.subtitle)
    _set_links(fg, config, feed.folder, self_name)
    fg.language(config.language)
    fg.generator("digest", version=__version__, uri="https://pypi.org/project/digest/")
    fg.author({"name": config.author or config.title})  # Atom needs a feed author when entries have none
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for item in feed.items:
        fe = fg.add_entry(order="append")
        fe.id(item.url)
        fe.guid(item.url, permalink=True)
        fe.title(item.title)
        fe.link(href=item.url, rel="alternate")
        fe.published(item.published)
        fe.updated(item.updated)
        if item.summary:
            fe.summary(item.summary)
        fe.content(absolutize_html(item.html, item.url, urls), type="html")
        for author in item.authors:
            fe.author({"name": author})
            fe.dc.dc_creator(author)
        for category in item.categories:
            fe.category(term=category, label=category)
    return fg
