"""Dates as news pages print them -> datetimes, with the timezone they state or the one we are told.

`find_date` reads the first date of a text (the forms are datescan.py's: named months in many
languages, numeric dates in any locale's order, ISO 8601, a clock and zone beside the date).  Relative
dates ("3 hours ago") are recognised so the caller can refuse to invent an absolute date from them;
they are resolved only against a given reference time.  Also: --timezone values and ISO values.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest.importer.datescan import DateMatch, scan_dates

__all__ = ["DateMatch", "UnknownTimezoneError", "apply_timezone", "find_date", "find_relative", "load_timezone",
           "parse_iso", "resolve_relative"]

_RELATIVE = re.compile(
    r"\b(?P<n>\d+|an?|one)\s+(?P<unit>minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b"
    r"|\bvor\s+(?P<n_de>\d+|einer?)\s+(?P<unit_de>Minuten?|Stunden?|Tag(?:en)?|Wochen?)\b"
    r"|\bil y a\s+(?P<n_fr>\d+|une?)\s+(?P<unit_fr>minutes?|heures?|jours?|semaines?)\b"
    r"|\bhace\s+(?P<n_es>\d+|una?)\s+(?P<unit_es>minutos?|horas?|días?|semanas?)\b"
    r"|(?P<n_ru>\d+)\s+(?P<unit_ru>минут[уы]?|час(?:а|ов)?|дн(?:я|ей)|день|недел[иья]|недель)\s+назад"
    r"|^\s*(?:yesterday|today|gestern|heute|hier|aujourd'hui|ayer|hoy|вчера|сегодня)\b",
    re.I)
_UNIT_SECONDS = {"min": 60, "hou": 3600, "hrs": 3600, "hr": 3600, "day": 86400, "wee": 604800,
                 "stu": 3600, "tag": 86400, "woc": 604800, "heu": 3600, "jou": 86400, "sem": 604800,
                 "hor": 3600, "día": 86400, "dia": 86400, "мин": 60, "час": 3600, "дн": 86400,
                 "ден": 86400, "нед": 604800}
_DAY_WORDS = {"yesterday": 1, "gestern": 1, "hier": 1, "ayer": 1, "вчера": 1,
              "today": 0, "heute": 0, "aujourd'hui": 0, "hoy": 0, "сегодня": 0}


class UnknownTimezoneError(ValueError):
    """A --timezone value that zoneinfo does not know."""


def load_timezone(name: str) -> tzinfo:
    """An IANA zone ("Europe/Moscow"), "UTC", or a fixed offset ("+03:00")."""
    offset = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?", name.strip())
    if offset:
        sign = -1 if offset.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3) or 0)))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownTimezoneError(f"unknown timezone {name!r}") from exc


def find_date(text: str, language: str | None = None) -> DateMatch | None:
    """The first calendar date in `text`, with the time and timezone printed beside it."""
    found = scan_dates(text, language)
    return found[0] if found else None


def apply_timezone(value: datetime | date, tz: tzinfo | None) -> datetime | date:
    """Attach `tz` to a naive datetime (local wall time there); aware values and dates pass through."""
    if isinstance(value, datetime) and value.tzinfo is None and tz is not None:
        return value.replace(tzinfo=tz)
    return value


def find_relative(text: str) -> re.Match[str] | None:
    """A relative date phrase ("3 hours ago", "vor 2 Stunden", "вчера"), if `text` holds one."""
    return _RELATIVE.search(text)


def resolve_relative(match: re.Match[str], reference: datetime) -> datetime | date:
    """The absolute moment a relative phrase means, counted back from `reference`."""
    groups = match.groupdict()
    for suffix in ("", "_de", "_fr", "_es", "_ru"):
        unit = groups.get("unit" + suffix)
        if unit:
            raw = groups["n" + suffix]
            count = int(raw) if raw.isdigit() else 1
            unit = unit.lower()
            seconds = next(v for k, v in _UNIT_SECONDS.items() if unit.startswith(k))
            return reference - timedelta(seconds=count * seconds)
    word = match.group(0).strip().lower()
    return (reference - timedelta(days=_DAY_WORDS.get(word, 0))).date()


def parse_iso(text: str) -> datetime | date | None:
    """A strict-ish ISO 8601 / RFC 3339 value (as JSON and meta tags carry), or None."""
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        found = find_date(text)
        return found.value if found else None
    if len(text) == 10:
        return value.date()
    return value
