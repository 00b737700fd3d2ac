"""RSS / Atom feeds (files or fetched URLs) -> one ImportedArticle per entry, via feedparser.

An entry's `sha256` is the hash of the entry as feedparser read it, so a feed that grows
re-imports only its new entries.
"""

from __future__ import annotations

import hashlib
import json
from email.utils import parsedate_to_datetime
from typing import Any, Iterator

import feedparser

from digest.importer.article import ExtractionError, ImportedArticle
from digest.importer.context import ReadContext
from digest.importer.dates import parse_iso
from digest.importer.html import blocks_from_fragment
from digest.importer.language import guess_language
from digest.importer.sources import source_name_for
from digest.importer.linefacts import LineFacts, dedupe_related, settle_dates


def parse_feed(data: bytes) -> Any:
    """The feedparser result; raises ExtractionError when it is not a feed."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise ExtractionError("feed does not parse" + (f": {reason}" if reason else "") if parsed.bozo
                              else "feed has no entries")
    return parsed


def iter_entries(parsed: Any) -> Iterator[tuple[int, str, Any]]:
    """(1-based number, sha256, entry) for every entry."""
    for number, entry in enumerate(parsed.entries, 1):
        raw = json.dumps(entry, sort_keys=True, default=str, ensure_ascii=False)
        yield number, hashlib.sha256(raw.encode("utf-8")).hexdigest(), entry


def read_entry(entry: Any, parsed: Any, ctx: ReadContext) -> ImportedArticle:
    """One feed entry -> article; raises ExtractionError."""
    title = " ".join(str(entry.get("title", "")).split())
    if not title:
        raise ExtractionError("feed entry has no title")
    html = ""
    if entry.get("content"):
        html = entry["content"][0].get("value", "")
    summary_html = entry.get("summary", "")
    facts = LineFacts()
    blocks = blocks_from_fragment(html or summary_html, ctx, facts) if (html or summary_html) else []
    if not blocks:
        raise ExtractionError("no article text found", "the entry has neither content nor summary")
    url = entry.get("link")
    feed_info = parsed.feed
    source_name = ctx.source_name or feed_info.get("title") or source_name_for(url)
    own_updated = dict.get(entry, "updated")  # plain dict access: no feedparser fallback to `published`
    when = _entry_date(entry.get("published") or own_updated or entry.get("dc_date"))
    warnings: list[str] = []
    if when is None:
        when, _, warnings = settle_dates(facts, ctx, source_name, url)
    else:
        when = ctx.localize(when, source_name, url)
    updated = _entry_date(own_updated) if entry.get("published") else None
    updated = ctx.localize(updated, source_name, url) if updated else None
    if updated == when:
        updated = None
    authors = tuple(a.get("name") for a in entry.get("authors", []) if a.get("name")) \
        or ((entry["author"],) if entry.get("author") else facts.authors)
    tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
    summary = None
    if html and summary_html:
        summary = " ".join(line for b in blocks_from_fragment(summary_html, ctx, LineFacts()) for line in b.lines) or None
    language = (feed_info.get("language") or "").split("-")[0].lower() or None
    return ImportedArticle(
        title=title,
        blocks=tuple(blocks),
        origin=ctx.origin,
        format="feed",
        sha256=ctx.sha256,
        date=when,
        updated=updated,  # type: ignore[arg-type]
        author=authors,
        source_name=source_name,
        source_url=url,
        tags=tuple(dict.fromkeys([*tags, *facts.tags, *ctx.tags])),
        summary=summary,
        language=language or guess_language(" ".join(l for b in blocks for l in b.lines)),
        related=tuple(dedupe_related(facts.related)),
        warnings=tuple(warnings),
    )


def _entry_date(raw: str | None):
    if not raw:
        return None
    try:
        return parsedate_to_datetime(raw)  # RSS: RFC 822, keeps the printed offset
    except (TypeError, ValueError, IndexError):
        return parse_iso(raw)
