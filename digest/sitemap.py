"""sitemap.xml and robots.txt as OutputFiles.

Lists every indexable page (home, articles, tag, source and archive pages; not the 404 page
or /page/N/ pagination) with its last modification from the content dates.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from digest.model import Entry, OutputFile, Site
from digest.pagekinds import ARCHIVE, EDITIONS, TAXONOMIES
from digest.views import Urls


def _newest(entries: tuple[Entry, ...]) -> datetime | None:
    return max((e.article.updated or e.article.date for e in entries), default=None)


MAX_URLS = 50_000  # per sitemap file, by the sitemaps.org protocol


def render_sitemap(site: Site, max_urls: int = MAX_URLS) -> list[OutputFile]:
    """sitemap.xml (sitemaps.org 0.9; an index of sitemap-N.xml files past `max_urls` URLs) and a
    robots.txt that points to it."""
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
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute('/sitemap.xml')}\n"
    robots_file = OutputFile("robots.txt", robots.encode("utf-8"))
    if len(pages) <= max_urls:
        return [OutputFile("sitemap.xml", _urlset(pages, urls)), robots_file]
    # sitemaps.org allows 50,000 URLs per file: sitemap.xml becomes an index of numbered files
    chunks = [pages[i:i + max_urls] for i in range(0, len(pages), max_urls)]
    index = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    outputs = []
    for number, chunk in enumerate(chunks, 1):
        name = f"sitemap-{number}.xml"
        outputs.append(OutputFile(name, _urlset(chunk, urls)))
        newest = max((m for _, m in chunk if m is not None), default=None)
        index.append(f"  <sitemap>\n    <loc>{escape(urls.absolute('/' + name))}</loc>")
        if newest is not None:
            index.append(f"    <lastmod>{newest.isoformat()}</lastmod>")
        index.append("  </sitemap>")
    index.append("</sitemapindex>")
    return [OutputFile("sitemap.xml", ("\n".join(index) + "\n").encode("utf-8")), *outputs, robots_file]


def _urlset(pages: list[tuple[str, datetime | None]], urls: Urls) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, modified in pages:
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(urls.absolute(path))}</loc>")
        if modified is not None:
            lines.append(f"    <lastmod>{modified.isoformat()}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
