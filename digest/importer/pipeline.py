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
    """Import every input (files, directories, `-`, URLs); one outcome per article or failure."""
    index = ContentIndex.load(options.into)
    fetch = fetcher or (lambda url: fetch_url(url, timeout=options.timeout))
    for label, loader in _expand(inputs, stdin, fetch):
        try:
            data, origin, url, server_date = loader()
        except (OSError, FetchError) as exc:
            yield _failed(label, _os_reason(exc))
            continue
        for outcome in _import_bytes(label, data, origin, url, server_date, options, index):
            yield outcome


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
                    yield str(path), (lambda p=path: (p.read_bytes(), p.name, None, None))
            if not found:
                yield raw, _raise(OSError(f"no importable files in directory {raw}"))
        else:
            yield raw, (lambda p=raw: (Path(p).read_bytes(), Path(p).name, None, None))


def _raise(exc: Exception):
    def loader():
        raise exc
    return loader


def _import_bytes(label: str, data: bytes, origin: str, url: str | None, server_date: datetime | None,
                  options: ImportOptions, index: ContentIndex) -> Iterator[ImportOutcome]:
    if not data.strip():
        yield _failed(label, "empty input")
        return
    try:
        text = decode_bytes(data)
    except (UndecodableError, UnicodeDecodeError) as exc:
        yield _failed(label, str(exc) if isinstance(exc, UndecodableError) else "undecodable bytes")
        return
    sha = hashlib.sha256(data).hexdigest()
    ctx = ReadContext(origin=origin, sha256=sha, source_name=options.source, timezone=options.timezone,
                      reference_time=options.reference_time or server_date, tags=options.tags, url=url, raw=data)
    reader = reader_for(text, origin)
    for piece in reader.read(text, ctx):
        yield _finish(label + piece.part, lambda p=piece: stamp(p.read(), p.ctx, reader.format), options, index)


def _finish(label: str, read: Callable[[], ImportedArticle], options: ImportOptions,
            index: ContentIndex) -> ImportOutcome:
    try:
        article = needs_review(read())
    except ExtractionError as exc:
        return _failed(label, str(exc), exc.hint)
    warnings = tuple(Diagnostic(SourceLocation(label), w, severity="warning") for w in article.warnings)
    rendered = render_article(article)
    reapply = bool(options.source or options.timezone or options.tags)
    decision = decide(rendered, article, index, force=options.force, reapply=reapply)
    if decision.text is not None:
        if not options.dry_run:
            write_atomic(decision.path, decision.text)
        index.add(entry_for(decision.path, decision.text))
    return ImportOutcome(label, decision.status, decision.path, warnings, article)


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
