"""Plain-text page dumps (what "save as text", html-text and simple scrapers produce) -> ImportedArticle.

The reader runs its steps in order, each on the same `DumpPage` and each testable alone:
headline (headline.py), where the article is (locate.py), the date (dateline.py), the byline
(byline.py), READ MORE references (related.py), then tags / source lines, and the body blocks
from what is left.
"""

from __future__ import annotations

import html
import re

from digest.importer.article import ExtractionError, ImportedArticle
from digest.importer.byline import find_byline
from digest.importer.context import ReadContext
from digest.importer.dateline import DateFinding, find_dates
from digest.importer.dates import resolve_relative
from digest.importer.dumppage import DumpPage, read_page
from digest.importer.headline import find_headline
from digest.importer.labels import read_label
from digest.importer.linefacts import body_blocks, dedupe_related, first_sentence
from digest.importer.locate import locate_article
from digest.importer.related import find_related
from digest.importer.sources import source_name_for

_ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TERMINAL = re.compile(r"[.!?…»”\"')\]]$")


def read_text_dump(text: str, ctx: ReadContext) -> ImportedArticle:
    """Extract one article from a plain-text page dump; raises ExtractionError."""
    page = read_page(_without_entities(text))
    if not page.lines:
        raise ExtractionError("no article text found", "the file holds no text")
    headline = find_headline(page, ctx.source_name)
    span = locate_article(page, headline)
    dates = find_dates(page, headline, span)
    byline = find_byline(page, headline, span, dates.lines, ctx.source_name)
    related = find_related(page.lines, span.lines)
    tags, source_name, source_url, label_lines = _labels(page, range(span.start, len(page.lines)))
    taken = dates.lines | byline.lines | related.lines | label_lines
    body = [page.lines[i] for i in span.lines if i not in taken]
    if headline is not None:
        body = _without_headline(body, headline.text)
    blocks = body_blocks(body)
    warnings: list[str] = []
    review: list[str] = []
    if headline is None:
        if not any(_is_prose(line) for block in blocks for line in block.lines):
            raise ExtractionError("no article text found",
                                  "the file holds only site furniture (menus, share lines, footers)")
        title = first_sentence(blocks[0].lines[0])[:150].rstrip(" .")
        warnings.append("no headline found; the title was taken from the first sentence")
        review.append("check the title: no headline was found, so it is the first sentence")
    else:
        title = headline.text
    source_name = ctx.source_name or source_name or source_name_for(source_url)
    when, updated = _settle(dates, ctx, source_name, source_url, warnings)
    return ImportedArticle(
        title=title,
        blocks=tuple(blocks),
        origin=ctx.origin,
        format="text",
        sha256=ctx.sha256,
        date=when,
        updated=updated,
        author=byline.names,
        source_name=source_name,
        source_url=source_url,
        tags=tuple(dict.fromkeys([*tags, *ctx.tags])),
        language=page.language,
        related=tuple(dedupe_related(list(related.entries))),
        warnings=tuple(warnings),
        review=tuple(review),
    )


def _labels(page: DumpPage, indices: range):
    """`Tags: a, b`, `Source: Name` and bare URL lines in the article."""
    tags: list[str] = []
    source_name = source_url = None
    taken: set[int] = set()
    for index in indices:
        unit = page.lines[index]
        label = read_label(unit) if len(unit) <= 200 else None
        if label is None:
            continue
        taken.add(index)
        if label.kind == "tags":
            tags.extend(label.values)
        elif label.kind == "url":
            source_url = source_url or label.values[0]
        else:
            source_name = source_name or label.values[0]
    return tags, source_name, source_url, frozenset(taken)


def _without_entities(text: str) -> str:
    """`400&percnt;`, `&amp;`, `&#8217;`: HTML entities a scraper left undecoded are the characters
    they name (an `&` that starts no entity stays)."""
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text) if "&" in text else text


def _is_prose(unit: str) -> bool:
    """A sentence, not a label: without a headline, an input needs at least one to be an article."""
    words = len(unit.split())
    return words >= 12 or (words >= 6 and bool(_TERMINAL.search(unit)))


def _without_headline(body: list[str], title: str) -> list[str]:
    key = _norm(title)
    return [u for u in body if _norm(u) != key]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _settle(dates: DateFinding, ctx: ReadContext, source_name, url, warnings: list[str]):
    when = updated = None
    if dates.published is not None:
        when = ctx.localize(dates.published.value, source_name, url)
        if dates.updated is not None:
            updated = ctx.localize(dates.updated.value, source_name, url)
    elif dates.relative is not None:
        phrase = dates.relative.group(0).strip()
        if ctx.reference_time is not None:
            when = resolve_relative(dates.relative, ctx.reference_time)
        else:
            warnings.append(f"relative date {phrase!r} left out; add `date:` by hand (or pass --reference-time)")
    else:
        warnings.append("no date found; add `date:` by hand")
    if when is not None and hasattr(when, "tzinfo") and getattr(when, "tzinfo", None) is None and hasattr(when, "hour"):
        warnings.append("no timezone on the page or for the source; the site timezone will apply (hint: --timezone)")
    return when, updated
