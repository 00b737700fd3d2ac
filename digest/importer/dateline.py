"""The publication date of a text dump: every date on the lines around the headline and in the
article, the published one chosen over "Updated ..." stamps.

Reads lines; knows nothing of titles or bodies beyond the indices it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.importer.dates import DateMatch, find_date, find_relative
from typing import TYPE_CHECKING

from digest.importer.dumppage import DumpPage

if TYPE_CHECKING:
    from digest.importer.headline import Headline
    from digest.importer.locate import ArticleSpan

_UPDATED = re.compile(r"updat|aktualisiert|geändert|mis à jour|modifié|actualiz|обновл|modified|last edited|aggiornat|atualizad", re.I)
_DATE_NOISE = re.compile(
    r"\b(?:published|posted|updated|last|modified|edited|on|at|time|local|date|uhr|um|am|le|à|a|las|de|del|el|"
    r"publié|mis|jour|veröffentlicht|aktualisiert|zuletzt|publicado|actualizado|опубликовано|обновлено|в|"
    r"pubblicato|aggiornato|alle|ore|publicada|atualizado|às|"
    r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo|"
    r"понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|"
    r"[ap]\.?m\.?|gmt|utc|мск)\b|[\d:.,/|()+−-]",
    re.I)
_ZONE_ABBR = re.compile(r"\b[A-Z]{2,5}\b")
_SPLITTERS = re.compile(r"\s+[|·•]\s+|\s+[–—-]\s+(?=\S)")
_HEADER_ABOVE = 12   # lines above the headline searched for the dateline
_HEADER_BELOW = 12   # lines below the headline


@dataclass(frozen=True)
class DateFinding:
    """The dates chosen for the article, and the lines that were only a date (to leave the body)."""

    published: DateMatch | None = None
    updated: DateMatch | None = None
    relative: re.Match[str] | None = None
    lines: frozenset[int] = frozenset()


def is_date_line(unit: str) -> bool:
    """True for a line that is only a date (with its labels, or after a byline), absolute or relative."""
    return date_in_line(unit) is not None


def date_in_line(unit: str) -> "DateMatch | re.Match[str] | None":
    """The date a dateline prints (the whole line, else one of its `|`/` - ` parts), or a relative phrase."""
    if len(unit) > 160:
        return None
    parts = [unit] + [p for p in _SPLITTERS.split(unit) if p.strip() and p != unit]
    for part in parts:
        match = find_date(part)
        if match and (_is_date_dominant(part, match) or _after_byline(part, match)):
            return match
    for part in parts:
        found = find_relative(part) if len(part) <= 60 else None
        if found and len(_DATE_NOISE.sub("", part[: found.start()] + part[found.end():]).strip()) <= 3:
            return found
    return None


def _after_byline(part: str, match: DateMatch) -> bool:
    from digest.importer.byline import parse_byline

    return match.start > 3 and not part[match.end:].strip(" .,;|") and bool(parse_byline(part[: match.start]))


def find_dates(page: DumpPage, headline: "Headline | None", span: "ArticleSpan") -> DateFinding:
    """The dateline near the headline (else the first date line in the article)."""
    published: list[tuple[int, DateMatch]] = []
    updates: list[tuple[int, DateMatch]] = []
    relative = None
    consumed: set[int] = set()
    for index in _search_order(page, headline, span):
        found = date_in_line(page.lines[index])
        if found is None:
            continue
        consumed.add(index)
        if isinstance(found, DateMatch):
            (updates if _UPDATED.search(page.lines[index]) else published).append((index, found))
        elif relative is None:
            relative = found
    chosen = published[0][1] if published else (updates[0][1] if updates else None)
    updated = updates[0][1] if published and updates else None
    return DateFinding(chosen, updated, relative, frozenset(consumed))


def _search_order(page: DumpPage, headline: "Headline | None", span: "ArticleSpan") -> list[int]:
    if headline is None or headline.index is None:
        return list(span.lines[:40])
    around = range(max(0, headline.index - _HEADER_ABOVE), min(len(page.lines), headline.index + _HEADER_BELOW))
    order = [i for i in around if i != headline.index]
    return order + [i for i in span.lines if i not in set(order)][:40]


def _is_date_dominant(unit: str, match: DateMatch) -> bool:
    rest = _ZONE_ABBR.sub("", unit[: match.start] + " " + unit[match.end:])
    return len(_DATE_NOISE.sub("", rest).strip(" ,;:-–—")) <= 3
