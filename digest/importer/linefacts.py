"""The line walker the HTML, JSON and feed readers share: over text units that are already the
article (trafilatura's output, a scraper's `maintext`, a feed entry), drop leftover furniture, read
date / byline / tags / source lines into `LineFacts`, move READ MORE lines to `related`, keep the
rest as paragraphs and lists.  (Full-page text dumps have their own steps: see textdump.py.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from digest.importer.article import Block, Related
from digest.importer.boilerplate import is_boilerplate, is_list_heading, looks_like_headline
from digest.importer.bylinescan import parse_byline
from digest.importer.context import ReadContext
from digest.importer.labels import read_label
from digest.importer.dumppage import split_units
from digest.importer.dates import DateMatch, find_date, find_relative, resolve_relative
from digest.importer.related import is_related_heading, parse_related_line, related_from_text

_SPLITTERS = re.compile(r"\s+[|·•]\s+|\s+[–—-]\s+(?=\S)")
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
_BULLET = re.compile(r"^(?:[•●▪◦‣]|[-*+](?=\s))\s*")
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})[.)]\s+")
_TERMINAL = re.compile(r"[.!?…»”\"')\]。！？）」』]$")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[\"“‘«(]?[A-ZÀ-ÖØ-ÞА-ЯЁ0-9])")


@dataclass
class LineFacts:
    """Fields found while walking an article's lines (local to one read)."""

    dates: list[tuple[DateMatch, bool, int]] = field(default_factory=list)  # match, is_update, unit index
    relative: list[re.Match[str]] = field(default_factory=list)
    authors: tuple[str, ...] = ()
    tags: list[str] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    source_url: str | None = None
    source_name: str | None = None


def scan_units(units: list[str], ctx: ReadContext, facts: LineFacts | None = None) -> tuple[list[tuple[int, str]], LineFacts]:
    """Drop furniture, move related / date / byline / tags / source lines into facts; keep the rest."""
    found = facts or LineFacts()
    kept: list[tuple[int, str]] = []
    skip_list = related_list = False
    for index, unit in enumerate(units):
        if skip_list or related_list:
            if looks_like_headline(unit) and not find_date(unit):
                if related_list and not is_boilerplate(unit):
                    entry = parse_related_line(unit) or related_from_text(unit)
                    if entry:
                        found.related.append(entry)
                continue
            skip_list = related_list = False
        if is_related_heading(unit):
            related_list = True
            continue
        if is_list_heading(unit):
            skip_list = True
            continue
        if is_boilerplate(unit):
            continue
        entry = parse_related_line(unit)
        if entry:
            found.related.append(entry)
            continue
        if _read_field(unit, index, found, ctx):
            continue
        kept.append((index, unit))
    if not found.authors and found.dates:
        kept = _take_bare_byline(kept, found, ctx.source_name or found.source_name)
    return kept, found


_BARE_NAME = re.compile(r"^(?P<name>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+){1,2})"
                        r"(?:\s+(?:in|à|in|en|aus|в)\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’ -]+)?$")


def _take_bare_byline(kept: list[tuple[int, str]], found: LineFacts,
                      source_name: str | None) -> list[tuple[int, str]]:
    """A name printed right next to the date line, without "By": the Guardian's byline style."""
    date_lines = {index for _, _, index in found.dates}
    for n, (index, unit) in enumerate(kept):
        if (index - 1 in date_lines or index + 1 in date_lines) and len(unit) <= 60:
            match = _BARE_NAME.match(unit)
            if match and _norm(unit) != _norm(source_name or ""):
                found.authors = (match["name"],)
                return kept[:n] + kept[n + 1:]
    return kept


def body_blocks(units: list[str]) -> list[Block]:
    """Paragraph / list blocks from body units, without the furniture trailing the last paragraph."""
    if not units:
        return []
    return _blocks(_drop_trailing_furniture(units))


def split_paragraphs(text: str) -> list[str]:
    """A scraper's `maintext` -> units (one per line; hard-wrapped blocks joined)."""
    return split_units(text)


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (used for fallback titles and summaries)."""
    return _SENTENCE.split(text.strip(), maxsplit=1)[0]


def _read_field(unit: str, index: int, found: LineFacts, ctx: ReadContext) -> bool:
    """Take a date / byline / tags / source line into `found`; True if the unit was consumed."""
    if len(unit) > 200:
        return False
    parts = [p.strip() for p in _SPLITTERS.split(unit) if p.strip()]
    if len(parts) > 1:
        # "By Jane Doe | 29 Sep 2015 | 3 min read": consume only if every part is a field or furniture.
        trial = LineFacts()
        if all(is_boilerplate(p) or _read_single(p, index, trial, ctx) for p in parts):
            for p in parts:
                if not is_boilerplate(p):
                    _read_single(p, index, found, ctx)
            return True
    return _read_single(unit, index, found, ctx)


def _read_single(unit: str, index: int, found: LineFacts, ctx: ReadContext) -> bool:
    match = find_date(unit) if len(unit) <= 120 else None
    if match and _is_date_dominant(unit, match):
        found.dates.append((match, bool(_UPDATED.search(unit)), index))
        return True
    if len(unit) <= 60:
        relative = find_relative(unit)
        if relative and len(_DATE_NOISE.sub("", unit[: relative.start()] + unit[relative.end():]).strip()) <= 3:
            found.relative.append(relative)
            return True
    names = parse_byline(unit[: match.start] if match else unit, ctx.source_name)
    if names:
        if not found.authors:
            found.authors = names
        if match:
            found.dates.append((match, bool(_UPDATED.search(unit)), index))
        return True
    label = read_label(unit)
    if label is None:
        return False
    if label.kind == "tags":
        found.tags.extend(label.values)
    elif label.kind == "url":
        found.source_url = found.source_url or label.values[0]
    else:
        found.source_name = found.source_name or label.values[0]
    return True


def _is_date_dominant(unit: str, match: DateMatch) -> bool:
    rest = _ZONE_ABBR.sub("", unit[: match.start] + " " + unit[match.end:])
    return len(_DATE_NOISE.sub("", rest).strip(" ,;:-–—")) <= 3


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _drop_trailing_furniture(units: list[str]) -> list[str]:
    """Short label-like lines after the last paragraph are page furniture, not article text."""
    end = len(units)
    while end > 1 and len(units[end - 1].split()) <= 6 and not _TERMINAL.search(units[end - 1]) \
            and not _BULLET.match(units[end - 1]):
        end -= 1
    return units[:end]


def _blocks(units: list[str]) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while i < len(units):
        run = _run(units, i, _BULLET)
        if run >= 2:
            blocks.append(Block("list", tuple(_BULLET.sub("", u) for u in units[i:i + run])))
            i += run
            continue
        run = _numbered_run(units, i)
        if run >= 2:
            blocks.append(Block("ordered", tuple(_NUMBERED.sub("", u) for u in units[i:i + run])))
            i += run
            continue
        blocks.append(Block.paragraph(units[i]))
        i += 1
    return blocks


def _run(units: list[str], start: int, pattern: re.Pattern[str]) -> int:
    n = 0
    while start + n < len(units) and pattern.match(units[start + n]):
        n += 1
    return n


def _numbered_run(units: list[str], start: int) -> int:
    n = 0
    while start + n < len(units):
        m = _NUMBERED.match(units[start + n])
        if not m or int(m["n"]) != n + 1:
            break
        n += 1
    return n


def settle_dates(found: LineFacts, ctx: ReadContext, source_name: str | None,
                  url: str | None) -> tuple[datetime | date | None, datetime | None, list[str]]:
    warnings: list[str] = []
    published = [m for m, is_update, _ in found.dates if not is_update]
    updates = [m for m, is_update, _ in found.dates if is_update]
    chosen = published[0] if published else (updates[0] if updates else None)
    when: datetime | date | None = None
    updated: datetime | None = None
    if chosen is not None:
        when = ctx.localize(chosen.value, source_name, url)
        if published and updates and isinstance(updates[0].value, datetime):
            updated = ctx.localize(updates[0].value, source_name, url)  # type: ignore[assignment]
    elif found.relative:
        phrase = found.relative[0].group(0).strip()
        if ctx.reference_time is not None:
            when = resolve_relative(found.relative[0], ctx.reference_time)
        else:
            warnings.append(f"relative date {phrase!r} left out; add `date:` by hand "
                            "(or pass --reference-time)")
    else:
        warnings.append("no date found; add `date:` by hand")
    if isinstance(when, datetime) and when.tzinfo is None:
        warnings.append("no timezone on the page or for the source; the site timezone will apply "
                        "(hint: --timezone)")
    return when, updated, warnings


def dedupe_related(entries: list[Related]) -> list[Related]:
    seen: set[str] = set()
    out: list[Related] = []
    for entry in entries:
        key = _norm(entry.title)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out
