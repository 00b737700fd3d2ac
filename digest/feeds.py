"""Site -> RSS 2.0 (feed.xml) and Atom 1.0 (atom.xml) OutputFiles, written with feedgen.

Newest first, full content with absolute URLs, dates from the content (never the build
time) so the same input gives byte-identical feeds.  Knows nothing about HTML pages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Sequence
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from digest import __version__
from digest.config import SiteConfig
from digest.markdown import rewrite_links
from digest.model import Entry, OutputFile, Site
from digest.views import Urls



def absolutize_html(html: str, page_url: str, urls: Urls) -> str:
    """Make every href/src in `html` absolute (feed readers have no base URL)."""
    return rewrite_links(html, lambda url: urljoin(page_url, urls.in_site(url)))


def render_feeds(site: Site, now: datetime) -> list[OutputFile]:
    """feed.xml and atom.xml for the whole digest."""
    entries = site.entries[:site.config.feed_size]
    return [
        OutputFile("feed.xml", _generator(site.config, entries, "/feed.xml", now).rss_str(pretty=True)),
        OutputFile("atom.xml", _generator(site.config, entries, "/atom.xml", now).atom_str(pretty=True)),
    ]


def _generator(config: SiteConfig, entries: Sequence[Entry], self_path: str, now: datetime) -> FeedGenerator:
    urls = Urls(config)
    home = urls.absolute("/")
    newest = max((e.article.updated or e.article.date for e in entries), default=now)
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(home)
    fg.title(config.title)
    fg.subtitle(config.description or config.title)
    fg.link(href=home, rel="alternate")
    fg.link(href=urls.absolute(self_path), rel="self")
    fg.language(config.language)
    fg.generator("digest", version=__version__, uri="https://pypi.org/project/digest/")
    fg.author({"name": config.author or config.title})  # Atom needs a feed author when entries have none
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for entry in entries:
        article = entry.article
        link = urls.absolute(entry.url)
        fe = fg.add_entry(order="append")
        fe.id(link)
        fe.guid(link, permalink=True)
        fe.title(article.title)
        fe.link(href=link, rel="alternate")
        fe.published(article.date)
        fe.updated(article.updated or article.date)
        if entry.rendered.summary:
            fe.summary(entry.rendered.summary)
        fe.content(absolutize_html(entry.rendered.html, link, urls), type="html")
        for author in article.authors:
            fe.author({"name": author})
            fe.dc.dc_creator(author)
        for tag in article.tags:
            fe.category(term=tag.name, label=tag.name)
    return fg
