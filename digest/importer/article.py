"""The value every reader produces: one article found in raw input, before it is written.

Owns the shape only (frozen dataclasses, no I/O); readers fill it, `writer` serialises it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as _dt
from typing import Literal

BlockKind = Literal["paragraph", "list", "ordered", "quote", "heading"]
InputFormat = Literal["text", "html", "json", "feed", "url"]


@dataclass(frozen=True)
class Block:
    """A unit of body text: a paragraph, a quote, a subheading, or a list (one line per item)."""

    kind: BlockKind
    lines: tuple[str, ...]

    @classmethod
    def paragraph(cls, text: str) -> "Block":
        """A plain paragraph."""
        return cls("paragraph", (text,))


@dataclass(frozen=True)
class Related:
    """A READ MORE style reference taken out of the body."""

    title: str
    url: str | None = None


@dataclass(frozen=True)
class ImportedArticle:
    """One article extracted from raw input; `date` is aware when a timezone is known."""

    title: str
    blocks: tuple[Block, ...]
    origin: str                      # file name or URL it came from
    format: InputFormat
    sha256: str                      # hash of the raw input bytes (of the record, for multi-record inputs)
    date: _dt.datetime | _dt.date | None = None
    updated: _dt.datetime | None = None
    author: tuple[str, ...] = ()
    source_name: str | None = None
    source_url: str | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    language: str | None = None
    image: str | None = None
    related: tuple[Related, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    review: tuple[str, ...] = ()     # what a curator must fill in or check; non-empty: written as a draft


class ExtractionError(ValueError):
    """No article could be taken from an input; `str()` is the one-line reason, `hint` what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint
