"""sitemap.xml and robots.txt as OutputFiles.

Lists every indexable page (home, articles, tag, source and archive pages; not the 404 page
or /page/N/ pagination) with its last modification from the content dates.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from digest.model import Entry, OutputFile, Site
from digest.views import Urls


def _newest(entries: tuple[Entry, ...]) -> datetime | None:
    return max((e.article.updated or e.article.date for e in entries), default=None)


def render_sitemap(site: Site) -> list[OutputFile]:
    """sitemap.xml (sitemaps.org 0.9) and a robots.txt that points to it."""
    urls = Urls(site.config)
    pages: list[tuple[str, datetime | None]] = [("/", _newest(site.entries))]
    pages += [(e.url, e.article.updated or e.article.date) for e in site.entries]
    for prefix, groups in (("/tags/", site.tags), ("/sources/", site.sources), ("/authors/", site.authors),
                           ("/archive/", site.years + site.months)):
        pages.append((prefix, _newest(site.entries)))
        pages += [(f"{prefix}{g.term.slug}/", _newest(g.entries)) for g in groups]
    if site.config.editions != "off":
        pages.append(("/editions/", _newest(site.entries)))
        pages += [(f"/editions/{e.slug}/", _newest(e.entries)) for e in site.editions]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, modified in pages:
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(urls.absolute(path))}</loc>")
        if modified is not None:
            lines.append(f"    <lastmod>{modified.isoformat()}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute('/sitemap.xml')}\n"
    return [OutputFile("sitemap.xml", ("\n".join(lines) + "\n").encode("utf-8")),
            OutputFile("robots.txt", robots.encode("utf-8"))]
