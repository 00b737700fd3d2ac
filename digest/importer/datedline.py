"""A line that is a date: "12. März 2024, 14:30 Uhr", "Published 3 May 2024 | Updated 4 May",
"By Anna Berg, 3 May 2024" — the date with only labels, a byline, a weekday or a zone beside it.

Read line by line, without the page: the headline, article and date steps all ask it which lines
are datelines (to keep them out of headlines and bodies, and to find the publication date).
"""

from __future__ import annotations

import re

from digest.importer.bylinescan import parse_byline
from digest.importer.datescan import DateMatch, lexicon_for, may_hold_date, scan_dates
from digest.importer.dates import find_relative

BYLINE_WORDS = re.compile(r"\b(?:by|von|par|por|di|door|de|text|texto|autor|author|fotos?|photos?)\s*:?\s+"
                           r"(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w.'’-]*\s*){1,3}")
# Words that may share a line with a date and still leave it "only a date".
_LABEL_WORDS = re.compile(
    r"\b(?:published|posted|updated|last|modified|edited|on|at|time|local|date|uhr|um|am|le|à|a|las|de|del|el|"
    r"publié|mis|jour|veröffentlicht|aktualisiert|zuletzt|geändert|stand|erstellt|publiziert|datum|publicado|"
    r"actualizado|опубликовано|обновлено|в|pubblicato|aggiornato|alle|ore|publicada|atualizado|às|postado|"
    r"em|first|und|and|et|y|created|written|release|released|letzte|aktualisierung|fecha|data|h|hrs|"
    r"by|von|par|por|door|di|[ap]\.?m\.?|gmt|utc)\b", re.I)
_ZONE_WORD = re.compile(r"\b[A-Z]{2,5}\b")
SPLITTERS = re.compile(r"\s+[|·•]\s+|\s+[–—-]\s+(?=\S)")
WORDS = re.compile(r"[^\W\d_]{2,}")


def is_date_line(unit: str, language: str | None = None) -> bool:
    """True for a line that is only a date (with its labels, or after a byline), absolute or relative."""
    return date_in_line(unit, language) is not None


def date_in_line(unit: str, language: str | None = None) -> "DateMatch | re.Match[str] | None":
    """The date a dateline prints (the whole line, else one of its `|`/` - ` parts), or a relative phrase."""
    if len(unit) > 160 or not (may_hold_date(unit) or find_relative(unit)):
        return None
    parts = [unit] + [p for p in SPLITTERS.split(unit) if p.strip() and p != unit]
    for part in parts:
        for match in scan_dates(part, language):
            if leftover(part, match, language) <= 0 or after_byline(part, match):
                return match
    for part in parts:
        found = find_relative(part) if len(part) <= 60 else None
        if found and leftover_text(part[: found.start()] + " " + part[found.end():], language) <= 0:
            return found
    return None


def leftover(part: str, match: DateMatch, language: str | None) -> int:
    """How many words a line part holds besides the date `match` found in it."""
    return leftover_text(part[: match.start] + " " + part[match.end:], language)


def leftover_text(rest: str, language: str | None) -> int:
    """How many words a line holds besides its date: labels, bylines, weekdays, zones and numbers do not count."""
    rest = BYLINE_WORDS.sub(" ", rest)
    rest = _ZONE_WORD.sub(" ", rest)
    rest = _LABEL_WORDS.sub(" ", rest)
    lexicon = lexicon_for(language)
    return sum(1 for word in WORDS.findall(rest) if not lexicon.is_weekday(word))


def after_byline(part: str, match: DateMatch) -> bool:
    """True when the date closes a byline ("By Anna Berg, 3 May 2024")."""
    return match.start > 3 and not part[match.end:].strip(" .,;|") and bool(parse_byline(part[: match.start]))
