"""The structured data of a page: Open Graph and Twitter card meta tags, and schema.org JSON-LD
(NewsArticle on article pages, CollectionPage with an ItemList on lists, BreadcrumbList).

Made only from the page's view context -- what its template gets (`site`, `page`, `article`,
`articles`, `edition`, `terms`, ...) -- and nothing else, so a page's key (a hash of that context)
covers it and incremental builds stay equal to clean ones.  Returns plain values; templates.py
offers `structured_data()` and the `ld_json` filter to templates and _head_meta.html renders them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from markupsafe import Markup

SCHEMA = "https://schema.org"
_SAFE = "/%:@!$&'()*+,;=-._~"  # what may stay as it is in a URL's path (RFC 3986)
_URI = re.compile(r"^[A-Za-z0-9" + re.escape(_SAFE + "?#[]") + r"]*$")
LIST_KINDS = ("home", "tag", "source", "author", "archive", "edition")  # pages listing articles


@dataclass(frozen=True)
class StructuredData:
    """A page's machine-readable description: meta tags as (attribute, name, content) triples,
    e.g. ("property", "og:title", "..."), and JSON-LD objects, one <script> each."""

    meta: tuple[tuple[str, str, str], ...]
    json_ld: tuple[dict[str, Any], ...]


def structured_data(context: Mapping[str, Any]) -> StructuredData:
    """The structured data of the page a template context describes; nothing for pages that ask
    not to be indexed (the 404 page) or contexts without `site` and `page`."""
    site, page = context.get("site"), context.get("page")
    if site is None or page is None or page.noindex:
        return StructuredData((), ())
    article = context.get("article")
    if page.kind == "article" and article is not None:
        return StructuredData(_article_meta(site, page, article),
                              (_news_article(site, article), _breadcrumbs(site, _article_trail(site, article))))
    return StructuredData(_website_meta(site, page), _collection(site, page, context))


def script_json(value: Any) -> Markup:
    """JSON for inside <script>: `<`, `>` and `&` written as \\u003c, \\u003e, \\u0026 (and the two
    line separators JavaScript dislikes escaped), so no string in it can close the script."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)


# -- URLs -------------------------------------------------------------------------------------------

def absolute(site: Any, url: str) -> str:
    """A site URL as pages link it (/base/tags/x/) made absolute, non-ASCII percent-encoded."""
    if url.startswith(("http://", "https://")):
        return url
    path = url[len(site.home):] if url.startswith(site.home) else url.lstrip("/")
    if not path.isascii():
        path = quote(path, safe=_SAFE)
    return site.base_url + path


def uri(url: str) -> str:
    """A URL given in content as a URI: characters a URL may not hold (spaces, `<`, non-ASCII)
    percent-encoded in its path, query and fragment; a valid URL is returned as it is."""
    if _URI.match(url):
        return url
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, quote(parts.path, _SAFE), quote(parts.query, _SAFE + "?"),
                       quote(parts.fragment, _SAFE + "?#")))


def image_url(site: Any, article: Any) -> str | None:
    """The article's `image` as an absolute http(s) URL: a URL as given, a path from the site's
    root (under the base path), or a path relative to the article's page; None otherwise."""
    image = (article.image or "").strip()
    if not image:
        return None
    if image.startswith("//"):
        image = urlsplit(site.base_url).scheme + ":" + image
    elif image.startswith("/"):
        image = absolute(site, image)
    elif not urlsplit(image).scheme:
        image = urljoin(article.permalink, image)
    parts = urlsplit(image)
    return uri(image) if parts.scheme in ("http", "https") and parts.netloc else None


def _home(site: Any) -> str:
    return absolute(site, site.home)


# -- Open Graph and Twitter -------------------------------------------------------------------------

_REGION = re.compile(r"^([a-z]{2,3})[-_]([a-z]{2})$", re.IGNORECASE)


def _locale(language: str) -> str | None:
    """og:locale wants language_TERRITORY (en_GB): given only when the language names a region."""
    match = _REGION.match(language)
    return f"{match.group(1).lower()}_{match.group(2).upper()}" if match else None


def _common(site: Any, kind: str, title: str, url: str, description: str, language: str
            ) -> list[tuple[str, str, str]]:
    meta = [("property", "og:type", kind), ("property", "og:site_name", site.title),
            ("property", "og:title", title), ("property", "og:url", url)]
    if description:
        meta.append(("property", "og:description", description))
    locale = _locale(language)
    if locale:
        meta.append(("property", "og:locale", locale))
    return meta


def _article_meta(site: Any, page: Any, article: Any) -> tuple[tuple[str, str, str], ...]:
    meta = _common(site, "article", article.title, article.permalink, article.summary or page.description,
                   article.language)
    image = image_url(site, article)
    if image:
        meta.append(("property", "og:image", image))
    meta.append(("property", "article:published_time", article.date_iso))
    meta.append(("property", "article:modified_time", article.updated_iso or article.date_iso))
    if article.tags:
        meta.append(("property", "article:section", article.tags[0].name))
    meta.extend(("property", "article:tag", tag.name) for tag in article.tags)
    meta.append(("name", "twitter:card", "summary_large_image" if image else "summary"))
    return tuple(meta)


def _website_meta(site: Any, page: Any) -> tuple[tuple[str, str, str], ...]:
    meta = _common(site, "website", page.title, page.canonical, page.description, site.language)
    meta.append(("name", "twitter:card", "summary"))
    return tuple(meta)


# -- schema.org -------------------------------------------------------------------------------------

def _publisher(site: Any) -> dict[str, Any]:
    """The digest itself, which publishes the page."""
    return {"@type": "Organization", "name": site.title, "url": _home(site),
            "logo": {"@type": "ImageObject", "url": absolute(site, site.static + "favicon.svg")}}


def _authors(site: Any, article: Any) -> list[dict[str, Any]]:
    """The byline as people, or the outlet as an organization when there is no byline."""
    if article.author_links:
        return [{"@type": "Person", "name": link.name, "url": absolute(site, link.url)}
                for link in article.author_links]
    if article.source:
        return [{"@type": "Organization", "name": article.source.name, "url": absolute(site, article.source.page)}]
    return []


def _news_article(site: Any, article: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"@context": SCHEMA, "@type": "NewsArticle", "headline": article.title,
                            "url": article.permalink,
                            "mainEntityOfPage": {"@type": "WebPage", "@id": article.permalink}}
    if article.summary:
        data["description"] = article.summary
    data["datePublished"] = article.date_iso
    data["dateModified"] = article.updated_iso or article.date_iso
    authors = _authors(site, article)
    if authors:
        data["author"] = authors
    data["publisher"] = _publisher(site)
    if article.source:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.source.name}
    image = image_url(site, article)
    if image:
        data["image"] = [image]
    if article.source and article.source.url:
        data["isBasedOn"] = uri(article.source.url)
    data["inLanguage"] = article.language
    if article.tags:
        data["articleSection"] = article.tags[0].name
        data["keywords"] = [tag.name for tag in article.tags]
    data["wordCount"] = article.word_count
    return data


def _breadcrumbs(site: Any, trail: Iterable[tuple[str, str]]) -> dict[str, Any]:
    return {"@context": SCHEMA, "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": position, "name": name, "item": url}
        for position, (name, url) in enumerate(trail, 1)]}


def _article_trail(site: Any, article: Any) -> list[tuple[str, str]]:
    """Home > the article's first topic > the article."""
    trail = [(site.title, _home(site))]
    if article.tags:
        trail.append((article.tags[0].name, absolute(site, article.tags[0].url)))
    trail.append((article.title, article.permalink))
    return trail


def _sections(site: Any) -> list[tuple[str, str]]:
    """The index pages group pages sit under: every taxonomy's, the archive's, the editions'."""
    sections = [(link.name, absolute(site, link.url)) for link in site.indexes]
    sections.append(("Archive", absolute(site, site.archive_index)))
    if site.editions_index:
        sections.append(("Editions", absolute(site, site.editions_index)))
    return sections


def _page_trail(site: Any, page: Any) -> list[tuple[str, str]] | None:
    """Home > section index > this page, for pages inside a section; None elsewhere."""
    for name, url in _sections(site):
        if page.canonical == url:
            return [(site.title, _home(site)), (name, url)]
        if page.canonical.startswith(url):
            return [(site.title, _home(site)), (name, url), (page.title, page.canonical)]
    return None


def _items(site: Any, context: Mapping[str, Any]) -> list[tuple[str, str]] | None:
    """(name, absolute URL) of what the page lists, in page order; None for pages listing nothing."""
    kind = context["page"].kind
    if kind in LIST_KINDS:
        edition = context.get("edition")
        if edition is not None:
            articles = [a for _, section in edition.sections for a in section]
        else:
            articles = list(context.get("articles") or ())
        return [(a.title, a.permalink) for a in articles]
    for name in ("terms", "editions"):  # index pages: their terms, their editions
        links = context.get(name)
        if links is not None:
            return [(link.name, absolute(site, link.url)) for link in links]
    years = context.get("years")
    if years is not None:
        return [(year.name, absolute(site, year.url)) for year, _ in years]
    return None


def _collection(site: Any, page: Any, context: Mapping[str, Any]) -> tuple[dict[str, Any], ...]:
    found: list[dict[str, Any]] = []
    if page.kind == "home":
        found.append({"@context": SCHEMA, "@type": "WebSite", "name": site.title, "url": _home(site),
                      "description": site.description, "inLanguage": site.language, "publisher": _publisher(site)})
    items = _items(site, context)
    if items is not None:
        data: dict[str, Any] = {"@context": SCHEMA, "@type": "CollectionPage", "name": page.title,
                                "url": page.canonical}
        if page.description:
            data["description"] = page.description
        data["inLanguage"] = site.language
        data["isPartOf"] = {"@type": "WebSite", "name": site.title, "url": _home(site)}
        data["mainEntity"] = {"@type": "ItemList", "numberOfItems": len(items), "itemListElement": [
            {"@type": "ListItem", "position": position, "url": url, "name": name}
            for position, (name, url) in enumerate(items, 1)]}
        found.append(data)
    trail = _page_trail(site, page)
    if trail is not None:
        found.append(_breadcrumbs(site, trail))
    return tuple(found)
