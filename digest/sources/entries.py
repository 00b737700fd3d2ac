"""A feed's entries -> articles, through the same readers as `digest import`.

Each entry is read by the importer's feed reader; when the subscription says `full_text: fetch`
and the entry carries only a summary, the article page at its link is fetched (the importer's
fetcher, the same limits) and read by the reader that recognises it.  Then the entry's own title,
date, author and link win over what extraction found on the page, and the page fills only what
the entry lacks: the outlet's feed states them; extraction guesses them.  A feed that declares XML
entities is refused before parsing (no entity is ever expanded: no XXE, no billion laughs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Callable, Iterator

from digest.importer.article import ExtractionError, ImportedArticle
from digest.importer.context import ReadContext
from digest.importer.dates import load_timezone
from digest.importer.decode import UndecodableError, decode_bytes
from digest.importer.fetch import FetchError, Fetched
from digest.importer.pipeline import needs_review
from digest.importer.readers import reader_for, stamp
from digest.sources.subscriptions import Subscription

_ENTITY = re.compile(rb"<!ENTITY", re.I)
_DECLARED = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.I)

PageFetcher = Callable[[str], Fetched]


class FeedRefused(Exception):
    """The answer is not a feed digest will read; `str()` is the reason."""


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: its identity, and the article read from it (or why none was)."""

    key: str                          # the entry's id, else its link, else title and date
    link: str | None
    title: str
    article: ImportedArticle | None
    problem: str | None = None
    skipped: str | None = None        # the subscription's filters left it out, and why


def read_feed(data: bytes, sub: Subscription, *, now: datetime,
              fetch_page: PageFetcher | None = None) -> Iterator[FeedEntry]:
    """Every entry of a feed body, in feed order; raises FeedRefused when the body is not a feed
    (an HTML page, entity declarations, no entries)."""
    from digest.importer.feeds import iter_entries, parse_feed  # feedparser: only when a feed is read

    head = data[:65536]
    if _ENTITY.search(head) or _DECLARED.search(head):
        raise FeedRefused("the feed declares XML entities; refused (entities are never expanded)")
    try:
        text = decode_bytes(data)
    except (UndecodableError, UnicodeDecodeError):
        raise FeedRefused("the answer is not text") from None
    kind = reader_for(text, "feed.xml").format
    if kind != "feed":
        raise FeedRefused(f"the answer is not an RSS or Atom feed (it reads as {'an HTML page' if kind == 'html' else kind})")
    try:
        parsed = parse_feed(data)
    except ExtractionError as exc:
        if str(exc) == "feed has no entries":
            return  # a feed with nothing in it today is not a failing source
        raise FeedRefused(str(exc)) from None
    zone = load_timezone(sub.timezone) if sub.timezone else None
    for _, sha, entry in iter_entries(parsed):
        yield _entry(entry, parsed, sha, sub, zone, now, fetch_page)


def _entry(entry: Any, parsed: Any, sha: str, sub: Subscription, zone: Any, now: datetime,
           fetch_page: PageFetcher | None) -> FeedEntry:
    from digest.importer.feeds import read_entry

    link = entry.get("link") or None
    title = " ".join(str(entry.get("title", "")).split())
    key = str(entry.get("id") or link or f"{title}|{entry.get('published') or entry.get('updated') or ''}")
    ctx = ReadContext(origin=link or sub.feed, sha256=sha, source_name=sub.name, timezone=zone, tags=sub.tags)
    skipped = _filtered(sub, title, str(entry.get("summary", "")))
    if skipped:
        return FeedEntry(key, link, title, None, skipped=skipped)
    try:
        article: ImportedArticle | None = stamp(read_entry(entry, parsed, ctx), ctx, "feed")
        problem = None
    except ExtractionError as exc:
        article, problem = None, str(exc)
    only_summary = not entry.get("content")
    if sub.full_text == "fetch" and only_summary and link and fetch_page is not None:
        page, page_problem = _page(link, sha, sub, zone, fetch_page)
        if page is not None:
            article, problem = (merge(article, page) if article else page), None
        elif article is not None:
            article = replace(article, warnings=(*article.warnings,
                                                 f"the article page could not be read ({page_problem}); "
                                                 "the feed's summary is kept"))
        else:
            problem = page_problem
    if article is None:
        return FeedEntry(key, link, title, None, problem or "no article in the entry")
    article = replace(article, source_name=sub.name, source_url=link or article.source_url)
    if sub.max_age is not None and isinstance(article.date, datetime) and article.date.tzinfo is not None \
            and article.date < now - timedelta(days=sub.max_age):
        return FeedEntry(key, link, title, None, skipped=f"older than {sub.max_age} days")
    return FeedEntry(key, link, article.title, needs_review(article))


def _page(link: str, sha: str, sub: Subscription, zone: Any,
          fetch_page: PageFetcher) -> tuple[ImportedArticle | None, str | None]:
    """The article page at `link`, read as `digest import URL` reads it."""
    try:
        got = fetch_page(link)
        text = decode_bytes(got.content)
    except FetchError as exc:
        return None, str(exc)
    except (UndecodableError, UnicodeDecodeError):
        return None, "the page is not text"
    ctx = ReadContext(origin=link, sha256=sha, source_name=sub.name, timezone=zone, tags=sub.tags,
                      url=got.url, raw=got.content, reference_time=got.server_date)
    reader = reader_for(text, link)
    try:
        piece = next(iter(reader.read(text, ctx)))
        return stamp(piece.read(), piece.ctx, reader.format), None
    except (StopIteration, ExtractionError) as exc:
        return None, str(exc) or "no article on the page"


def merge(entry: ImportedArticle, page: ImportedArticle) -> ImportedArticle:
    """The page's text under the entry's own title, date, author and link (the page's only where
    the entry has none); the entry's identity (origin, hash, format)."""
    summary = entry.summary or " ".join(line for block in entry.blocks for line in block.lines)[:400] or None
    return replace(page, title=entry.title or page.title, date=entry.date or page.date,
                   updated=entry.updated or page.updated, author=entry.author or page.author,
                   source_url=entry.source_url or page.source_url, origin=entry.origin, sha256=entry.sha256,
                   format="feed", tags=tuple(dict.fromkeys((*entry.tags, *page.tags))),
                   summary=page.summary or summary, language=page.language or entry.language,
                   warnings=(*entry.warnings, *page.warnings))


def _filtered(sub: Subscription, title: str, summary: str) -> str | None:
    """Why the subscription's include / exclude words leave an entry out (None: taken)."""
    text = f"{title} {re.sub(r'<[^>]+>', ' ', summary)}".casefold()

    def has(word: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", text) is not None

    hit = next((w for w in sub.exclude if has(w)), None)
    if hit:
        return f"excluded by the word {hit!r}"
    if sub.include and not any(has(w) for w in sub.include):
        return "none of the include words"
    return None
