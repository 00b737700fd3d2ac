"""Saved HTML pages -> ImportedArticle, with trafilatura for the main text and metadata.

Page metadata the extractor flattens (full publication datetimes, JSON-LD authors, article:tag)
is read here from the page head first; our own related-link and boilerplate rules then run over
the extracted paragraphs.  Also turns small HTML fragments (feed entries, JSON bodies) into blocks.
"""

from __future__ import annotations

import json
import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from digest.importer.article import Block, ExtractionError, ImportedArticle, Related
from digest.importer.context import ReadContext
from digest.importer.dates import parse_iso
from digest.importer.language import guess_language
from digest.importer.related import parse_related_line, related_from_text
from digest.importer.sources import source_name_for
from digest.importer.linefacts import LineFacts, body_blocks, dedupe_related, scan_units, settle_dates

_WS = re.compile(r"\s+")
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "figcaption"}


def read_html(text: str, ctx: ReadContext, fmt: str = "html") -> ImportedArticle:
    """Extract the article of a saved HTML page; raises ExtractionError."""
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"HTML does not parse: {exc}") from exc
    meta = _page_metadata(tree)
    doc = trafilatura.bare_extraction(tree, url=ctx.url, with_metadata=True, include_comments=False,
                                      include_links=True, include_tables=False, include_images=False,
                                      favor_precision=True)
    if doc is None or doc.body is None:
        raise ExtractionError("no article text found", "the extractor found no main text in the page")

    facts = LineFacts()
    blocks, title_from_body = _body_from_xml(doc.body, facts, ctx)
    url = meta.get("url") or doc.url or ctx.url
    source_name = ctx.source_name or meta.get("site_name") or doc.sitename or source_name_for(url)
    title = _clean_title(meta.get("title") or doc.title or title_from_body or "", source_name)
    if not title:
        raise ExtractionError("no title found", "the page has no <title>, og:title or headline")
    key = _key(title)
    blocks = [b for b in blocks if not (b.kind in ("heading", "paragraph") and _key(" ".join(b.lines)) == key)]
    if not any(b.kind != "heading" for b in blocks):
        raise ExtractionError("no article text found")

    # A full datetime from the page head, else a date line in the text, else the extractor's day.
    date_value = parse_iso(meta.get("published", "")) if meta.get("published") else None
    warnings: list[str] = []
    if date_value is None and (facts.dates or not doc.date):
        date_value, updated, warnings = settle_dates(facts, ctx, source_name, url)
    else:
        date_value = date_value or parse_iso(doc.date)
        date_value = ctx.localize(date_value, source_name, url)
        updated = parse_iso(meta["modified"]) if meta.get("modified") else None
        updated = ctx.localize(updated, source_name, url)
        if updated == date_value or not hasattr(updated, "hour"):
            updated = None
    authors = meta.get("authors") or tuple(a.strip() for a in (doc.author or "").split(";") if a.strip()) \
        or facts.authors
    tags = [*meta.get("tags", ()), *facts.tags, *ctx.tags]
    return ImportedArticle(
        title=title,
        blocks=tuple(blocks),
        origin=ctx.origin,
        format=fmt,  # type: ignore[arg-type]
        sha256=ctx.sha256,
        date=date_value,
        updated=updated,  # type: ignore[arg-type]
        author=tuple(authors),
        source_name=source_name,
        source_url=url,
        tags=tuple(dict.fromkeys(t for t in tags if t)),
        summary=meta.get("description") or doc.description or None,
        language=meta.get("language") or doc.language or guess_language(" ".join(l for b in blocks for l in b.lines)),
        image=meta.get("image") or doc.image or None,
        related=tuple(dedupe_related(facts.related)),
        warnings=tuple(warnings),
    )


def blocks_from_fragment(html: str, ctx: ReadContext, facts: LineFacts) -> list[Block]:
    """An HTML fragment (feed content, a JSON `content` field) -> blocks, with our line rules applied."""
    if "<" not in html:
        return body_blocks([u for _, u in scan_units([_WS.sub(" ", html).strip()], ctx, facts)[0]])
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    units: list[tuple[str, str, str | None]] = []  # kind, text, link
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in _BLOCK_TAGS and not any(isinstance(c.tag, str) and c.tag.lower() in _BLOCK_TAGS for c in el):
            text = _WS.sub(" ", el.text_content()).strip()
            link = next((a.get("href") for a in el.iter("a") if a.get("href")), None)
            if text:
                kind = "item" if tag == "li" else "quote" if el.getparent() is not None and el.getparent().tag == "blockquote" or tag == "blockquote" else "heading" if tag[0] == "h" and len(tag) == 2 else "paragraph"
                units.append((kind, text, link))
    if not units:
        text = _WS.sub(" ", root.text_content()).strip()
        units = [("paragraph", text, None)] if text else []
    return _assemble(units, facts, ctx)


def _body_from_xml(body: Any, facts: LineFacts, ctx: ReadContext) -> tuple[list[Block], str | None]:
    units: list[tuple[str, str, str | None]] = []
    for el in body:
        tag = el.tag
        text = _WS.sub(" ", "".join(el.itertext())).strip()
        link = next((r.get("target") for r in el.iter("ref") if r.get("target")), None)
        if tag == "list":
            for item in el.iter("item"):
                item_text = _WS.sub(" ", "".join(item.itertext())).strip()
                if item_text:
                    units.append(("item", item_text, None))
            units.append(("end", "", None))
        elif tag == "quote":
            units.append(("quote", text, link))
        elif tag == "head":
            units.append(("heading", text, link))
        elif text:
            units.append(("paragraph", text, link))
    first_heading = next((t for k, t, _ in units if k == "heading"), None)
    return _assemble(units, facts, ctx), first_heading


def _assemble(units: list[tuple[str, str, str | None]], facts: LineFacts, ctx: ReadContext) -> list[Block]:
    """Apply the text-dump line rules to extracted units, then group list items into list blocks."""
    blocks: list[Block] = []
    items: list[str] = []
    texts = [text for kind, text, _ in units]
    kept, _ = scan_units(texts, ctx, facts)
    kept_index = {i for i, _ in kept}
    # A related line whose link the scan could not see: attach the URL from the markup.
    for i, (kind, text, link) in enumerate(units):
        if i not in kept_index and link and parse_related_line(text):
            entry = parse_related_line(text)
            for n, existing in enumerate(facts.related):
                if entry and existing.title == entry.title and existing.url is None:
                    facts.related[n] = Related(existing.title, link)
    paragraphs: list[tuple[str, str]] = []
    for i, (kind, text, _link) in enumerate(units):
        if kind == "end" or i not in kept_index:
            if kind == "end" and items:
                blocks.extend(_flush(paragraphs))
                paragraphs = []
                blocks.append(Block("list", tuple(items)))
                items = []
            continue
        if kind == "item":
            items.append(text)
            continue
        if items:
            blocks.extend(_flush(paragraphs))
            paragraphs = []
            blocks.append(Block("list", tuple(items)))
            items = []
        paragraphs.append((kind, text))
    blocks.extend(_flush(paragraphs))
    if items:
        blocks.append(Block("list", tuple(items)))
    return blocks


def _flush(paragraphs: list[tuple[str, str]]) -> list[Block]:
    if not paragraphs:
        return []
    trimmed = body_blocks([t for _, t in paragraphs])
    kinds = {t: k for k, t in paragraphs}
    out: list[Block] = []
    for block in trimmed:
        kind = kinds.get(block.lines[0], "paragraph") if block.kind == "paragraph" else block.kind
        out.append(Block(kind if kind in ("quote", "heading") else block.kind, block.lines))  # type: ignore[arg-type]
    return out


def _page_metadata(tree: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}

    def content(*xpaths: str) -> str | None:
        for xp in xpaths:
            for value in tree.xpath(xp):
                value = _WS.sub(" ", str(value)).strip()
                if value:
                    return value
        return None

    meta["title"] = content('//meta[@property="og:title"]/@content', '//meta[@name="twitter:title"]/@content')
    meta["published"] = content('//meta[@property="article:published_time"]/@content',
                                '//meta[@itemprop="datePublished"]/@content', '//meta[@name="date"]/@content',
                                '//meta[@name="pubdate"]/@content', '//time[@itemprop="datePublished"]/@datetime',
                                '//article//time/@datetime', '//time[@pubdate]/@datetime',
                                '//time[@datetime]/@datetime')
    meta["modified"] = content('//meta[@property="article:modified_time"]/@content',
                               '//meta[@itemprop="dateModified"]/@content')
    meta["url"] = content('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content')
    if meta["url"] and not meta["url"].startswith(("http://", "https://")):
        meta["url"] = None
    meta["site_name"] = content('//meta[@property="og:site_name"]/@content')
    meta["description"] = content('//meta[@name="description"]/@content', '//meta[@property="og:description"]/@content')
    meta["image"] = content('//meta[@property="og:image"]/@content')
    lang = content("/html/@lang", '//meta[@http-equiv="content-language"]/@content')
    meta["language"] = lang.split("-")[0].split("_")[0].lower() if lang else None
    author = content('//meta[@name="author"]/@content', '//meta[@property="article:author"]/@content')
    meta["authors"] = tuple(a.strip() for a in re.split(r"\s*(?:;|,| and )\s*", author) if a.strip()) \
        if author and not author.startswith("http") else ()
    meta["tags"] = tuple(str(t).strip() for t in tree.xpath('//meta[@property="article:tag"]/@content') if str(t).strip())
    for raw in tree.xpath('//script[@type="application/ld+json"]/text()'):
        _merge_json_ld(meta, raw)
    return {k: v for k, v in meta.items() if v}


def _merge_json_ld(meta: dict[str, Any], raw: str) -> None:
    try:
        data = json.loads(raw)
    except ValueError:
        return
    nodes = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
    for node in nodes:
        if not isinstance(node, dict) or not re.search(r"Article|Posting|Report", str(node.get("@type", ""))):
            continue
        meta["title"] = meta.get("title") or node.get("headline")
        meta["published"] = meta.get("published") or node.get("datePublished")
        meta["modified"] = meta.get("modified") or node.get("dateModified")
        if not meta.get("authors"):
            authors = node.get("author") or []
            authors = authors if isinstance(authors, list) else [authors]
            names = [a.get("name") if isinstance(a, dict) else a for a in authors]
            meta["authors"] = tuple(n for n in names if isinstance(n, str) and n.strip())
        keywords = node.get("keywords")
        if keywords and not meta.get("tags"):
            meta["tags"] = tuple(k.strip() for k in (keywords.split(",") if isinstance(keywords, str) else keywords)
                                 if isinstance(k, str) and k.strip())


def _clean_title(title: str, source_name: str | None) -> str:
    title = _WS.sub(" ", title).strip()
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1 and source_name and _key(parts[-1]) == _key(source_name):
        title = " - ".join(parts[:-1])
    return title


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


__all__ = ["read_html", "blocks_from_fragment", "related_from_text"]
