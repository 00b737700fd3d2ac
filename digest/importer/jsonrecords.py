"""Scraper JSON / JSON Lines -> ImportedArticle per record.

Knows the field names of news-please (title, maintext, date_publish, authors, url, source_domain,
description, language) and of trafilatura's JSON (title, text, date, author, source, hostname,
excerpt), plus a few common aliases.  A record's `sha256` is the hash of its own bytes.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Iterator

from digest.importer.article import ExtractionError, ImportedArticle
from digest.importer.context import ReadContext
from digest.importer.dates import parse_iso
from digest.importer.html import blocks_from_fragment
from digest.importer.language import guess_language
from digest.importer.sources import find_source, source_name_for
from digest.importer.linefacts import LineFacts, body_blocks, dedupe_related, scan_units, split_paragraphs

_TITLE = ("title", "headline", "name")
_BODY = ("maintext", "text", "raw_text", "content", "body", "article_text", "articleBody", "content_html")
_DATE = ("date_publish", "datePublished", "date_published", "published", "pubDate", "date", "published_at")
_UPDATED = ("date_modify", "dateModified", "date_modified", "updated", "updated_at")
_URL = ("url", "canonical_url", "link", "source")
_SUMMARY = ("description", "excerpt", "summary", "abstract")
_IMAGE = ("image_url", "top_image", "image")


def iter_records(text: str) -> Iterator[tuple[int | None, str, Any]]:
    """(line number or None, raw text, parsed value) for each record of a JSON or JSON Lines input."""
    try:
        data = json.loads(text)
    except ValueError:
        for number, line in enumerate(text.split("\n"), 1):
            if line.strip():
                try:
                    yield number, line, json.loads(line)
                except ValueError as exc:
                    yield number, line, ExtractionError(f"invalid JSON: {exc}")
        return
    if isinstance(data, dict):
        for key in ("articles", "items", "results", "records", "data"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, list):
        for item in data:
            yield None, json.dumps(item, sort_keys=True, ensure_ascii=False), item
    else:
        yield None, text, data


def record_sha(raw: str) -> str:
    """The hash that stands for one record's raw bytes."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def read_record(record: Any, ctx: ReadContext) -> ImportedArticle:
    """One scraper record -> article; raises ExtractionError."""
    if isinstance(record, ExtractionError):
        raise record
    if not isinstance(record, dict):
        raise ExtractionError("JSON record is not an object")
    title = _first(record, _TITLE)
    body = _first(record, _BODY)
    if not title:
        raise ExtractionError("JSON record has no title", "expected a `title` field")
    if not body:
        raise ExtractionError("no article text found", "expected a `maintext` or `text` field")
    url = _first(record, _URL)
    url = url if url and url.startswith(("http://", "https://")) else None
    domain = _first(record, ("source_domain", "sitename", "source-hostname", "hostname", "site_name"))
    known = find_source(domain)
    source_name = ctx.source_name or (known.name if known else domain) or source_name_for(url)
    facts = LineFacts()
    if "<" in body and "</" in body:
        blocks = blocks_from_fragment(body, ctx, facts)
    else:
        kept, facts = scan_units(split_paragraphs(body), ctx, facts)
        blocks = body_blocks([u for _, u in kept if _key(u) != _key(title)])
    if not blocks:
        raise ExtractionError("no article text found")
    warnings: list[str] = []
    raw_date = _first(record, _DATE)
    when = parse_iso(raw_date) if raw_date else None
    if when is None:
        when, _, warnings = _from_facts(facts, ctx, source_name, url)
    else:
        when = ctx.localize(when, source_name, url)
    raw_updated = _first(record, _UPDATED)
    updated = ctx.localize(parse_iso(raw_updated), source_name, url) if raw_updated else None
    if updated == when or not hasattr(updated, "hour"):
        updated = None
    authors = record.get("authors") or record.get("author") or ()
    if isinstance(authors, str):
        authors = [a.strip() for a in authors.split(";")]
    authors = tuple(a if isinstance(a, str) else str(a.get("name", "")) for a in authors
                    if isinstance(a, (str, dict))) or facts.authors
    tags = record.get("tags") or record.get("keywords") or ()
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.replace(";", ",").split(",")]
    language = record.get("language") if isinstance(record.get("language"), str) else None
    return ImportedArticle(
        title=" ".join(title.split()),
        blocks=tuple(blocks),
        origin=ctx.origin,
        format="json",
        sha256=ctx.sha256,
        date=when,
        updated=updated,  # type: ignore[arg-type]
        author=tuple(a for a in authors if a),
        source_name=source_name,
        source_url=url,
        tags=tuple(dict.fromkeys([*(t for t in tags if isinstance(t, str) and t), *facts.tags, *ctx.tags])),
        summary=_first(record, _SUMMARY),
        language=language or guess_language(" ".join(l for b in blocks for l in b.lines)),
        image=_first(record, _IMAGE),
        related=tuple(dedupe_related(facts.related)),
        warnings=tuple(warnings),
    )


def _from_facts(facts: LineFacts, ctx: ReadContext, source_name: str | None, url: str | None):
    from digest.importer.linefacts import settle_dates
    return settle_dates(facts, ctx, source_name, url)


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _key(text: str) -> str:
    return " ".join(text.casefold().split())
