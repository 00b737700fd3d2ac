"""Editions: the digest published as daily or weekly issues.

An article belongs to the edition of its date in the site timezone (weekly editions start on
Monday and are named by that Monday).  An optional intro is written in
`content/editions/<yyyy-mm-dd>.md` (optional front matter with `title`, then Markdown).
Owns grouping and intros; pages and feeds for editions live in render.py and feeds.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from digest.characters import describe, first_forbidden
from digest.content import ContentFile, decode, forbidden_characters
from digest.errors import Diagnostic, SourceLocation
from digest.frontmatter import read_document

EDITIONS_FOLDER = "editions/"
CADENCES = ("daily", "weekly", "off")


@dataclass(frozen=True)
class Intro:
    """A curator's introduction to one edition."""

    day: date
    title: str | None
    body: str
    path: str


def edition_day(when: datetime, zone: tzinfo, cadence: str) -> date:
    """The date that names the edition `when` belongs to."""
    local = when.astimezone(zone).date()
    return local - timedelta(days=local.weekday()) if cadence == "weekly" else local


def parse_intro(file: ContentFile, display_path: str, cadence: str) -> Intro | list[Diagnostic]:
    """Read content/editions/<yyyy-mm-dd>.md."""
    stem = file.rel[len(EDITIONS_FOLDER):].removesuffix(".md")
    try:
        day = date.fromisoformat(stem)
    except ValueError:
        return [Diagnostic(SourceLocation(display_path, 1, 1), f"edition intro file name {stem!r} is not a date",
                           hint="name it like content/editions/2015-09-29.md")]
    if cadence == "weekly":
        day -= timedelta(days=day.weekday())
    text = decode(file.data, display_path)
    if isinstance(text, Diagnostic):
        return [text]
    forbidden = forbidden_characters(text, display_path)  # the intro is on pages and in the editions feed
    if forbidden:
        return forbidden
    if not text.startswith("---"):
        return Intro(day, None, text, file.rel)
    document = read_document(text, display_path)
    if isinstance(document, Diagnostic):
        return [document]
    split, parsed = document
    problems = [Diagnostic(SourceLocation(display_path, pos.line, pos.column), f"unknown edition intro key '{key}'",
                           hint="an edition intro has only 'title'")
                for key, pos in parsed.positions.items() if key != "title"]
    title = parsed.data.get("title")
    if title is not None and not isinstance(title, str):
        pos = parsed.positions["title"]
        problems.append(Diagnostic(SourceLocation(display_path, pos.value_line, pos.value_column),
                                   "'title' must be text"))
    elif title is not None and first_forbidden(title):  # written as a YAML escape ("\x07")
        pos = parsed.positions["title"]
        problems.append(Diagnostic(SourceLocation(display_path, pos.value_line, pos.value_column),
                                   f"'title' contains {describe(first_forbidden(title))}, which pages and feeds "
                                   "cannot carry"))
    return problems or Intro(day, title, split.body, file.rel)


def edition_title(day: date, cadence: str) -> str:
    """'29 September 2015', or 'Week of 28 September 2015'."""
    text = f"{day.day} {day:%B %Y}"
    return f"Week of {text}" if cadence == "weekly" else text
