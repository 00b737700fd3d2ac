"""The import, top to bottom: inputs -> bytes -> format -> articles -> decisions -> writes.

Yields one `ImportOutcome` per article (or per failed input) so the caller can report as it
goes; a failure never stops the other inputs.  The only I/O besides reading inputs is in
`writer.write_atomic`.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Literal

from digest.errors import Diagnostic, SourceLocation
from digest.utcoffset import has_real_offset
from digest.importer.article import ExtractionError, ImportedArticle
from digest.importer.context import ReadContext
from digest.importer.decode import UndecodableError, decode_bytes
from digest.importer.fetch import FetchError, Fetched, fetch_url
from digest.importer.importpool import FileLoader, readings
from digest.importer.readers import reader_for, stamp
from digest.importer.writer import ContentIndex, decide, entry_for, render_article, write_atomic

Outcome = Literal["imported", "updated", "unchanged", "duplicate", "skipped", "failed"]
INPUT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson",
                            ".xml", ".rss", ".atom", ".feed", ""})


@dataclass(frozen=True)
class ImportOptions:
    """Everything `digest import` was told, as one value."""

    into: Path = Path("content")
    source: str | None = None
    timezone: tzinfo | None = None
    tags: tuple[str, ...] = ()
    dry_run: bool = False
    force: bool = False
    reference_time: datetime | None = None
    timeout: float = 20.0
    jobs: int | None = None           # processes reading inputs; None: every core for a large batch


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one article or input; `path` is the content file concerned."""

    label: str                      # the input as the user named it (+ record number)
    status: Outcome
    path: Path | None = None
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    article: ImportedArticle | None = None


Fetcher = Callable[[str], Fetched]


def import_inputs(inputs: Iterable[str], options: ImportOptions, *, stdin: BinaryIO | None = None,
                  fetcher: Fetcher | None = None) -> Iterator[ImportOutcome]:
    """Import every input (files, directories, `-`, URLs); one outcome per article or failure.

    Reading runs in `importpool.readings` (in worker processes for a large batch of files, in input
    order either way); deciding and writing run here, one article after another, so duplicates and
    file names come out the same however the reading ran."""
    index = ContentIndex.load(options.into)
    fetch = fetcher or (lambda url: fetch_url(url, timeout=options.timeout))
    for reading in readings(list(_expand(inputs, stdin, fetch)), options, read_input, options.jobs):
        yield reading.failure if reading.failure is not None else _write(reading, options, index)


@dataclass(frozen=True)
class Reading:
    """One article read from an input, or the reason none could be (then `failure` says so)."""

    label: str
    article: ImportedArticle | None = None
    failure: ImportOutcome | None = None


def read_input(label: str, loader: Callable[[], tuple[bytes, str, str | None, datetime | None]],
               options: ImportOptions) -> list[Reading]:
    """Load one input and read every article in it (no writing: safe to run in a worker)."""
    try:
        data, origin, url, server_date = loader()
    except (OSError, FetchError) as exc:
        return [Reading(label, failure=_failed(label, _os_reason(exc)))]
    if not data.strip():
        return [Reading(label, failure=_failed(label, "empty input"))]
    try:
        text = decode_bytes(data)
    except (UndecodableError, UnicodeDecodeError) as exc:
        reason = str(exc) if isinstance(exc, UndecodableError) else "undecodable bytes"
        return [Reading(label, failure=_failed(label, reason))]
    sha = hashlib.sha256(data).hexdigest()
    ctx = ReadContext(origin=origin, sha256=sha, source_name=options.source, timezone=options.timezone,
                      reference_time=options.reference_time or server_date, tags=options.tags, url=url, raw=data)
    reader = reader_for(text, origin)
    found: list[Reading] = []
    for piece in reader.read(text, ctx):
        part = label + piece.part
        try:
            found.append(Reading(part, needs_review(stamp(piece.read(), piece.ctx, reader.format))))
        except ExtractionError as exc:
            found.append(Reading(part, failure=_failed(part, str(exc), exc.hint)))
    return found


def _expand(inputs: Iterable[str], stdin: BinaryIO | None, fetch: Fetcher):
    for raw in inputs:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield "-", (lambda s=stream: (s.read(), "stdin", None, None))
        elif raw.startswith(("http://", "https://")):
            def load(u: str = raw):
                got = fetch(u)
                return got.content, u, got.url, got.server_date
            yield raw, load
        elif os.path.isdir(raw):
            found = False
            for path in sorted(Path(raw).rglob("*")):
                rel = path.relative_to(raw)
                if path.is_file() and path.suffix.lower() in INPUT_SUFFIXES \
                        and not any(part.startswith(".") for part in rel.parts):
                    found = True
                    yield str(path), FileLoader(path)
            if not found:
                yield raw, _raise(OSError(f"no importable files in directory {raw}"))
        else:
            yield raw, FileLoader(Path(raw))


def _raise(exc: Exception):
    def loader():
        raise exc
    return loader


def _write(reading: Reading, options: ImportOptions, index: ContentIndex) -> ImportOutcome:
    article = reading.article
    assert article is not None
    warnings = tuple(Diagnostic(SourceLocation(reading.label), w, severity="warning") for w in article.warnings)
    rendered = render_article(article)
    reapply = bool(options.source or options.timezone or options.tags)
    decision = decide(rendered, article, index, force=options.force, reapply=reapply)
    if decision.text is not None:
        if not options.dry_run:
            write_atomic(decision.path, decision.text)
        index.add(entry_for(decision.path, decision.text))
    return ImportOutcome(reading.label, decision.status, decision.path, warnings, article)


def needs_review(article: ImportedArticle) -> ImportedArticle:
    """An article without a date, a title or a body is still written, as a draft that says what to fill in:
    the site keeps building, and nothing the reader found is lost."""
    article = _with_real_offsets(article)
    review = list(article.review)
    if article.date is None:
        review.append("add the date: none was found (`date: 2024-05-01T09:30:00+02:00`), then remove `draft`")
    if not article.title.strip():
        review.append("add the title: none was found")
    if not article.blocks:
        review.append("add the article text: a headline was found but no paragraphs below it")
    if review == list(article.review):
        return article
    return replace(article, review=tuple(review), title=article.title.strip() or "Untitled import")


def _with_real_offsets(article: ImportedArticle) -> ImportedArticle:
    """A reader's date whose UTC offset no place uses (+20:21: a time read as an offset) loses the
    offset, so the site's timezone applies; a build would otherwise refuse the file."""
    fixes = {}
    for name in ("date", "updated"):
        value = getattr(article, name)
        if isinstance(value, datetime) and not has_real_offset(value):
            fixes[name] = value.replace(tzinfo=None)
    if not fixes:
        return article
    warning = "the page's UTC offset is not a real one; the site timezone will apply (hint: --timezone)"
    return replace(article, **fixes, warnings=(*article.warnings, warning))


def _failed(label: str, message: str, hint: str | None = None) -> ImportOutcome:
    return ImportOutcome(label, "failed", None, (Diagnostic(SourceLocation(label), message, hint),))


def _os_reason(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return str(exc)
