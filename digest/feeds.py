"""Site -> RSS 2.0 and Atom 1.0 OutputFiles, written with feedgen.

The whole digest (feed.xml, atom.xml), every tag, source and author (/tags/<t>/feed.xml ...),
and the editions feed (/editions/feed.xml), whose entries are whole editions -- the feed a
newsletter reader subscribes to.  Newest first, full content with absolute URLs, dates from
the content (never the build time) so the same input gives byte-identical feeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any, Callable, Iterator, Sequence
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from digest import __version__
from digest.config import SiteConfig
from digest.markdown import rewrite_links
from digest.model import Edition, Entry, OutputFile, Site, pack_html, unpack_html
from digest.pagekeys import SHARED, PageKeys
from digest.views import Urls


@dataclass(frozen=True)
class FeedItem:
    """One feed entry, whatever it stands for (an article or an edition)."""

    url: str  # absolute
    title: str
    published: datetime
    updated: datetime
    summary: str
    html_z: bytes  # the content, LZ4-compressed: a worker keeps the items of thousands of feeds
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()

    @property
    def html(self) -> str:
        return unpack_html(self.html_z)


def absolutize_html(html: str, page_url: str, urls: Urls) -> str:
    """Make every href/src in `html` absolute (feed readers have no base URL)."""
    return rewrite_links(html, lambda url: urljoin(page_url, urls.in_site(url)))


def render_feeds(site: Site, now: datetime, keys: PageKeys) -> Iterator[OutputFile]:
    """Every feed of the site; a feed whose entries did not change is kept (data None)."""
    config = site.config
    urls = Urls(config)
    items: dict[str, FeedItem] = {}

    def item(entry: Entry) -> FeedItem:
        found = items.get(entry.article.path)
        if found is None:
            found = items[entry.article.path] = _article_item(entry, urls)
        return found

    def feed_pair(folder: str, title: str, subtitle: str, entries: Sequence[Entry]) -> list[OutputFile]:
        entries = entries[:config.feed_size]
        key = (title, subtitle, tuple(_entry_key(e) for e in entries))
        return write_feed_pair(config, folder, title, subtitle, lambda: [item(e) for e in entries], now, keys, key)

    yield from feed_pair("/", config.title, config.description or config.title, site.entries)
    for prefix, groups, label in (("/tags/", site.tags, "Topic: {}"), ("/sources/", site.sources, "From {}"),
                                  ("/authors/", site.authors, "By {}")):
        for group in groups:
            title = f"{config.title}: {label.format(group.term.name)}"
            yield from feed_pair(f"{prefix}{group.term.slug}/", title, title, group.entries)
    if site.editions:
        editions = site.editions[:config.feed_size]
        key = tuple((e.day, e.title, e.intro_title, e.intro.key if e.intro else None,
                     tuple((x.url, x.article.title, x.article.date.isoformat(), x.article.updated,
                            x.article.source, x.rendered.summary) for x in e.entries)) for e in editions)
        yield from write_feed_pair(config, "/editions/", f"{config.title}: editions",
                                   f"Every edition of {config.title}, whole.",
                                   lambda: [_edition_item(edition, config, urls) for edition in editions],
                                   now, keys, key)


def _entry_key(entry: Entry) -> tuple:
    """What a feed shows of an entry, small (the Markdown key stands for body and summary)."""
    a = entry.article
    return (entry.url, a.path, a.title, a.date.isoformat(), a.updated and a.updated.isoformat(), a.authors,
            tuple(t.name for t in a.tags), entry.rendered.key)


def write_feed_pair(config: SiteConfig, folder: str, title: str, subtitle: str,
                    make_items: Callable[[], Sequence[FeedItem]], now: datetime, keys: PageKeys, key: Any
                    ) -> list[OutputFile]:
    """feed.xml (RSS 2.0) and atom.xml (Atom 1.0) in `folder` (site-relative, ending in /)."""
    base = folder.lstrip("/")
    rss_kept, atom_kept = keys.can_keep_together((base + "feed.xml", base + "atom.xml"), key, lane=SHARED)
    if rss_kept and atom_kept:
        return [OutputFile(base + "feed.xml", None), OutputFile(base + "atom.xml", None)]
    fg = _generator(config, folder, title, subtitle, make_items(), "feed.xml", now)
    rss = None if rss_kept else fg.rss_str(pretty=True)
    if not atom_kept:
        _set_links(fg, config, folder, "atom.xml")
    return [OutputFile(base + "feed.xml", rss),
            OutputFile(base + "atom.xml", None if atom_kept else fg.atom_str(pretty=True))]


def _article_item(entry: Entry, urls: Urls) -> FeedItem:
    article = entry.article
    link = urls.absolute(entry.url)
    return FeedItem(url=link, title=article.title, published=article.date, updated=article.updated or article.date,
                    summary=entry.rendered.summary,
                    html_z=pack_html(absolutize_html(entry.rendered.html, link, urls)),
                    authors=article.authors, categories=tuple(t.name for t in article.tags))


def _edition_item(edition: Edition, config: SiteConfig, urls: Urls) -> FeedItem:
    """A whole edition as one feed entry: intro, then every article with its summary."""
    link = urls.absolute(f"/editions/{edition.slug}/")
    parts = []
    if edition.intro:
        parts.append(absolutize_html(edition.intro.html, link, urls))
    for entry in edition.entries:
        article = entry.article
        source = f" <em>({escape(article.source.name)})</em>" if article.source else ""
        parts.append(f'<h2><a href="{escape(urls.absolute(entry.url))}">{escape(article.title)}</a>{source}</h2>\n'
                     f"<p>{escape(entry.rendered.summary)}</p>\n")
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


def _generator(config: SiteConfig, folder: str, title: str, subtitle: str, items: Sequence[FeedItem],
               self_name: str, now: datetime) -> FeedGenerator:
    urls = Urls(config)
    home = urls.absolute(folder)
    newest = max((item.updated for item in items), default=now)
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(home)
    fg.title(title)
    fg.subtitle(subtitle)
    _set_links(fg, config, folder, self_name)
    fg.language(config.language)
    fg.generator("digest", version=__version__, uri="https://pypi.org/project/digest/")
    fg.author({"name": config.author or config.title})  # Atom needs a feed author when entries have none
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for item in items:
        fe = fg.add_entry(order="append")
        fe.id(item.url)
        fe.guid(item.url, permalink=True)
        fe.title(item.title)
        fe.link(href=item.url, rel="alternate")
        fe.published(item.published)
        fe.updated(item.updated)
        if item.summary:
            fe.summary(item.summary)
        fe.content(item.html, type="html")
        for author in item.authors:
            fe.author({"name": author})
            fe.dc.dc_creator(author)
        for category in item.categories:
            fe.category(term=category, label=category)
    return fg
