"""sitemap.xml, news-sitemap.xml and robots.txt as OutputFiles.

sitemap.xml lists every indexable page (home, articles, tag, source and archive pages; not the
404 page or /page/N/ pagination) with its last modification from the content dates.
news-sitemap.xml is the Google News sitemap: the articles of the two days up to the newest
article -- a window from the content, not the clock, so the same input gives the same bytes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from digest.model import Entry, OutputFile, Site
from digest.pagekinds import ARCHIVE, EDITIONS, TAXONOMIES
from digest.views import Urls


def _newest(entries: tuple[Entry, ...]) -> datetime | None:
    return max((e.article.updated or e.article.date for e in entries), default=None)


MAX_URLS = 50_000  # per sitemap file, by the sitemaps.org protocol
MAX_NEWS_URLS = 1_000  # per news sitemap file, by Google News
NEWS_WINDOW = timedelta(days=2)  # Google News wants the articles of the last two days
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def render_sitemap(site: Site, max_urls: int = MAX_URLS, max_news_urls: int = MAX_NEWS_URLS) -> list[OutputFile]:
    """sitemap.xml (sitemaps.org 0.9; an index of sitemap-N.xml files past `max_urls` URLs),
    news-sitemap.xml (see render_news_sitemap) and a robots.txt that points to both."""
    urls = Urls(site.config)
    pages: list[tuple[str, datetime | None]] = [("/", _newest(site.entries))]
    pages += [(e.url, e.article.updated or e.article.date) for e in site.entries]
    for prefix, groups in ([(t.prefix, site.taxonomies[t.name]) for t in TAXONOMIES]
                           + [(ARCHIVE, site.years + site.months)]):
        pages.append((prefix, _newest(site.entries)))
        pages += [(f"{prefix}{g.term.slug}/", _newest(g.entries)) for g in groups]
    if site.config.editions != "off":
        pages.append((EDITIONS, _newest(site.entries)))
        pages += [(f"{EDITIONS}{e.slug}/", _newest(e.entries)) for e in site.editions]
    outputs = _split("sitemap", [_url(path, modified, urls) for path, modified in pages], max_urls, urls)
    news = render_news_sitemap(site, max_news_urls)
    listed = ["sitemap.xml"] + (["news-sitemap.xml"] if news else [])
    robots = "User-agent: *\nAllow: /\n\n" + "".join(f"Sitemap: {urls.absolute('/' + name)}\n" for name in listed)
    return [*outputs, *news, OutputFile("robots.txt", robots.encode("utf-8"))]


def news_entries(site: Site) -> list[Entry]:
    """The articles of the two days up to the newest one, newest first."""
    newest = max((e.article.date for e in site.entries), default=None)
    if newest is None:
        return []
    return [e for e in site.entries if e.article.date >= newest - NEWS_WINDOW]


def render_news_sitemap(site: Site, max_urls: int = MAX_NEWS_URLS) -> list[OutputFile]:
    """news-sitemap.xml (Google News: each article's publication -- the site's title and the
    article's language --, publication date and title); past `max_urls` articles an index of
    news-sitemap-N.xml files.  No file when there is no article."""
    urls = Urls(site.config)
    entries = [(_news_url(e, site.config.title, site.config.language, urls), e.article.date)
               for e in news_entries(site)]
    return _split("news-sitemap", entries, max_urls, urls, f' xmlns:news="{NEWS_NS}"') if entries else []


def _news_url(entry: Entry, publication: str, language: str, urls: Urls) -> str:
    article = entry.article
    news = "\n".join([
        "    <news:news>",
        "      <news:publication>",
        f"        <news:name>{escape(publication)}</news:name>",
        f"        <news:language>{news_language(article.language or language)}</news:language>",
        "      </news:publication>",
        f"      <news:publication_date>{article.date.isoformat()}</news:publication_date>",
        f"      <news:title>{escape(article.title)}</news:title>",
        "    </news:news>"])
    return _url(entry.url, None, urls, news)[0]


def news_language(tag: str) -> str:
    """A BCP 47 tag as Google News wants it: the ISO 639 code, except zh-cn and zh-tw."""
    parts = tag.lower().replace("_", "-").split("-")
    if parts[0] == "zh":
        return "zh-tw" if {"hant", "tw", "hk", "mo"} & set(parts[1:]) else "zh-cn"
    return parts[0]


def _url(path: str, modified: datetime | None, urls: Urls, extra: str = "") -> tuple[str, datetime | None]:
    """One <url> element (its lines) and its date, for the index."""
    lines = ["  <url>", f"    <loc>{escape(urls.absolute(path))}</loc>"]
    if modified is not None:
        lines.append(f"    <lastmod>{modified.isoformat()}</lastmod>")
    if extra:
        lines.append(extra)
    lines.append("  </url>")
    return "\n".join(lines), modified


def _split(stem: str, entries: list[tuple[str, datetime | None]], max_urls: int, urls: Urls,
           namespaces: str = "") -> list[OutputFile]:
    """<stem>.xml holding `entries`, or, past `max_urls` of them, <stem>.xml as an index of
    numbered files <stem>-N.xml (sitemaps.org allows 50,000 URLs per file, Google News 1,000)."""
    if len(entries) <= max_urls:
        return [OutputFile(f"{stem}.xml", _urlset(entries, namespaces))]
    chunks = [entries[i:i + max_urls] for i in range(0, len(entries), max_urls)]
    index = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    outputs = []
    for number, chunk in enumerate(chunks, 1):
        name = f"{stem}-{number}.xml"
        outputs.append(OutputFile(name, _urlset(chunk, namespaces)))
        newest = max((m for _, m in chunk if m is not None), default=None)
        index.append(f"  <sitemap>\n    <loc>{escape(urls.absolute('/' + name))}</loc>")
        if newest is not None:
            index.append(f"    <lastmod>{newest.isoformat()}</lastmod>")
        index.append("  </sitemap>")
    index.append("</sitemapindex>")
    return [OutputFile(f"{stem}.xml", ("\n".join(index) + "\n").encode("utf-8")), *outputs]


def _urlset(entries: list[tuple[str, datetime | None]], namespaces: str = "") -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}"{namespaces}>']
    lines += [text for text, _ in entries]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
