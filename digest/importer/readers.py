"""One contract for every input format: `sniff(text, name) -> bool` and `read(text, ctx) -> pieces`.

The readers are registered in one tuple, tried in order (the first whose `sniff` says yes reads the
input; the text-dump reader takes whatever is left).  A reader yields one `Piece` per article it
finds, or per record that failed, so a bad record never stops the others; `stamp` fills in what
every article carries about its input (origin, hashes, format) in one place.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator

from digest.importer.article import ExtractionError, ImportedArticle, InputFormat
from digest.importer.context import ReadContext

_HTML = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<(?:p|div)[\s>][\s\S]*</(?:p|div)>", re.I)
_FEED = re.compile(r"<rss[\s>]|<feed[\s>][\s\S]*?xmlns=[\"']http://www\.w3\.org/2005/Atom|<rdf:RDF[\s>]", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml", re.I)


@dataclass(frozen=True)
class Piece:
    """One article read from an input (or the reason one record could not be read).

    `part` names the record within the input ('' for a single-article input, '#3', ':12')."""

    part: str
    read: Callable[[], ImportedArticle]   # raises ExtractionError; called once, by the pipeline
    ctx: ReadContext


@dataclass(frozen=True)
class Reader:
    """An input format: how to recognise it and how to read it."""

    format: InputFormat
    sniff: Callable[[str, str], bool]
    read: Callable[[str, ReadContext], Iterable[Piece]]


def stamp(article: ImportedArticle, ctx: ReadContext, fmt: InputFormat) -> ImportedArticle:
    """What every article records about its input: where it came from, its hash, its format."""
    return replace(article, origin=ctx.origin, sha256=ctx.sha256, format="url" if ctx.url and fmt == "html" else fmt)


# ----------------------------------------------------------------------------- the formats

def _sniff_json(text: str, name: str) -> bool:
    if not text[:4096].lstrip().startswith(("{", "[")):
        return False
    try:
        json.loads(text)
        return True
    except ValueError:
        pass
    lines = [line for line in text.splitlines() if line.strip()]  # JSON Lines: every line an object
    try:
        return bool(lines) and all(isinstance(json.loads(line), dict) for line in lines[:5])
    except ValueError:
        return False


def _read_json(text: str, ctx: ReadContext) -> Iterator[Piece]:
    from digest.importer.jsonrecords import iter_records, read_record, record_sha

    records = list(iter_records(text))
    for number, (line, raw, record) in enumerate(records, 1):
        if len(records) == 1:
            part, record_ctx = "", ctx
        else:
            part = f":{line}" if line is not None else f"#{number}"
            record_ctx = ctx.with_origin(ctx.origin, record_sha(raw))
        yield Piece(part, lambda r=record, c=record_ctx: read_record(r, c), record_ctx)


def _sniff_feed(text: str, name: str) -> bool:
    head = text[:4096]
    return bool(_FEED.search(head)) or bool(_XML_DECL.match(head) and name.lower().endswith((".rss", ".atom", ".xml", ".feed")))


def _read_feed(text: str, ctx: ReadContext) -> Iterator[Piece]:
    from digest.importer.feeds import iter_entries, parse_feed, read_entry

    try:
        parsed = parse_feed(ctx.raw if ctx.raw is not None else text.encode("utf-8"))
    except ExtractionError as exc:
        yield Piece("", _raiser(exc), ctx)
        return
    for number, entry_sha, entry in iter_entries(parsed):
        entry_ctx = ctx.with_origin(ctx.origin, entry_sha)
        yield Piece(f"#{number}", lambda e=entry, c=entry_ctx: read_entry(e, parsed, c), entry_ctx)


def _sniff_html(text: str, name: str) -> bool:
    """A page of markup: it opens with a tag, or most of its first lines are tags.  A text dump that
    merely carries some markup (a leftover <noscript> block, a code sample) stays a text dump."""
    head = text[:4096]
    if not _HTML.search(head):
        return False
    if head.lstrip("\ufeff \t\r\n").startswith("<"):
        return True
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    return bool(lines) and sum(line.startswith("<") for line in lines) / len(lines) >= 0.5


def _read_html(text: str, ctx: ReadContext) -> Iterator[Piece]:
    from digest.importer.html import read_html

    yield Piece("", lambda: read_html(text, ctx, "url" if ctx.url else "html"), ctx)


def _read_text(text: str, ctx: ReadContext) -> Iterator[Piece]:
    from digest.importer.textdump import read_text_dump

    yield Piece("", lambda: read_text_dump(text, ctx), ctx)


def _raiser(exc: ExtractionError) -> Callable[[], ImportedArticle]:
    def read() -> ImportedArticle:
        raise exc
    return read


READERS: tuple[Reader, ...] = (
    Reader("json", _sniff_json, _read_json),
    Reader("feed", _sniff_feed, _read_feed),
    Reader("html", _sniff_html, _read_html),
    Reader("text", lambda text, name: True, _read_text),
)


def reader_for(text: str, name: str = "") -> Reader:
    """The first registered reader that recognises the input (decided by content; the name breaks ties)."""
    return next(r for r in READERS if r.sniff(text, name))
