"""Dates as news pages print them -> datetimes, with the timezone they state or the one we are told.

Handles `29 Sep, 2015 23:35`, `September 29, 2015 11:35 PM EDT`, `Tue 29 Sep 2015 23.35 BST`,
ISO 8601, numeric day.month.year, and month names in English, French, German, Spanish, Italian,
Portuguese, Dutch and Russian.  Relative dates ("3 hours ago") are recognised so the caller can
refuse to invent an absolute date from them; they are resolved only against a given reference time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_MONTHS: dict[str, int] = {}


def _add(month: int, *names: str) -> None:
    for name in names:
        _MONTHS[name] = month


_add(1, "january", "jan", "janvier", "janv", "januar", "jänner", "enero", "ene", "gennaio", "gen", "janeiro", "januari", "января", "январь", "янв")
_add(2, "february", "feb", "février", "fevrier", "févr", "fevr", "februar", "febrero", "febbraio", "fevereiro", "fev", "februari", "февраля", "февраль", "фев")
_add(3, "march", "mar", "mars", "märz", "maerz", "mär", "marzo", "março", "marco", "maart", "марта", "март")
_add(4, "april", "apr", "avril", "avr", "abril", "abr", "aprile", "апреля", "апрель", "апр")
_add(5, "may", "mai", "mayo", "maggio", "mag", "maio", "mei", "мая", "май")
_add(6, "june", "jun", "juin", "juni", "junio", "giugno", "giu", "junho", "июня", "июнь", "июн")
_add(7, "july", "jul", "juillet", "juil", "juli", "julio", "luglio", "lug", "julho", "июля", "июль", "июл")
_add(8, "august", "aug", "août", "aout", "agosto", "ago", "augustus", "августа", "август", "авг")
_add(9, "september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro", "сентября", "сентябрь", "сен", "сент")
_add(10, "october", "oct", "octobre", "oktober", "okt", "octubre", "ottobre", "ott", "outubro", "out", "октября", "октябрь", "окт")
_add(11, "november", "nov", "novembre", "noviembre", "novembro", "ноября", "ноябрь", "ноя")
_add(12, "december", "dec", "décembre", "decembre", "déc", "dezember", "dez", "diciembre", "dic", "dicembre", "dezembro", "декабря", "декабрь", "дек")

_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_DMY = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?\s*(?:de\s+)?(?P<mon>{_MONTH_RE})\.?,?\s*(?:de\s+|del\s+)?(?P<y>\d{{4}})\b",
    re.I)
_MDY = re.compile(rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I)
_ISO = re.compile(
    r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?\s*(?P<off>Z|[+-]\d{2}:?\d{2})?)?(?![\d-])")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})\b")
_TIME = re.compile(
    r"(?<![\d.:])(?P<H>\d{1,2})(?:[:.]|h|\s?ч\.?\s?)(?P<M>\d{2})(?:[:.](?P<S>\d{2}))?(?![\d])"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?", re.I)
_AMPM_ONLY = re.compile(r"(?<![\d.:])(?P<H>\d{1,2})\s*(?P<ampm>[ap]\.?m\.?)(?![a-z])", re.I)
_OFFSET = re.compile(r"(?:\b(?:GMT|UTC))?\s*(?P<sign>[+-−])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?\b")

# Abbreviations seen on news pages; each stands for one fixed offset.
_ABBREVIATIONS: dict[str, float | str] = {
    "ET": "America/New_York", "PT": "America/Los_Angeles",
    "UTC": 0, "GMT": 0, "WET": 0, "BST": 1, "WEST": 1, "CET": 1, "MEZ": 1, "CEST": 2, "MESZ": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "МСК": 3, "IST": 5.5, "HKT": 8, "SGT": 8, "JST": 9, "KST": 9,
    "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "AST": -4, "EST": -5, "EDT": -4, "CST": -6,
    "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
}
_ABBREVIATION_RE = re.compile(r"(?<![\w])(?P<abbr>" + "|".join(sorted(_ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w])")

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


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: `value` is a datetime (aware if `explicit_tz`) or a bare date."""

    value: datetime | date
    start: int
    end: int
    has_time: bool
    explicit_tz: bool


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


def find_date(text: str) -> DateMatch | None:
    """The first calendar date in `text`, with the time and timezone printed around it."""
    best: tuple[int, int, date, datetime | None, tzinfo | None] | None = None
    for found in _candidates(text):
        if best is None or found[0] < best[0]:
            best = found
    if best is None:
        return None
    start, end, day, exact, tz = best
    if exact is not None:  # ISO carries its own time
        return DateMatch(exact, start, end, True, exact.tzinfo is not None)
    rest = text[:start] + " " * (end - start) + text[end:]
    clock = _find_time(rest)
    if clock is None:
        return DateMatch(day, start, end, False, False)
    hour, minute, second, tend = clock
    moment = datetime(day.year, day.month, day.day, hour, minute, second)
    tz = _find_zone(rest[tend:]) or _find_zone(rest[:start])
    if tz is not None:
        return DateMatch(moment.replace(tzinfo=tz), start, end, True, True)
    return DateMatch(moment, start, end, True, False)


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


def _candidates(text: str):
    for match in _ISO.finditer(text):
        try:
            day = date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
        exact = None
        if match["H"]:
            tz = _offset_tz(match["off"]) if match["off"] else None
            exact = datetime(day.year, day.month, day.day, int(match["H"]), int(match["M"]),
                             int(match["S"] or 0), tzinfo=tz)
        yield match.start(), match.end(), day, exact, None
    for pattern in (_DMY, _MDY):
        for match in pattern.finditer(text):
            month = _MONTHS.get(match["mon"].lower())
            try:
                yield match.start(), match.end(), date(int(match["y"]), month, int(match["d"])), None, None
            except (ValueError, TypeError):
                continue
    for match in _NUMERIC.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        day_first = match["sep"] == "." or b <= 12
        d, m = (a, b) if day_first else (b, a)
        try:
            yield match.start(), match.end(), date(int(match["y"]), m, d), None, None
        except ValueError:
            continue


def _find_time(text: str) -> tuple[int, int, int, int] | None:
    for match in _TIME.finditer(text):
        hour, minute = int(match["H"]), int(match["M"])
        hour = _twelve_hour(hour, match["ampm"])
        if hour < 24 and minute < 60:
            return hour, minute, int(match["S"] or 0), match.end()
    match = _AMPM_ONLY.search(text)
    if match:
        hour = _twelve_hour(int(match["H"]), match["ampm"])
        if hour < 24:
            return hour, 0, 0, match.end()
    return None


def _twelve_hour(hour: int, ampm: str | None) -> int:
    if not ampm:
        return hour
    pm = ampm.lower().startswith("p")
    if hour == 12:
        return 12 if pm else 0
    return hour + 12 if pm else hour


def _find_zone(text: str) -> tzinfo | None:
    abbr = _ABBREVIATION_RE.search(text)
    offset = _OFFSET.search(text)
    if offset and (abbr is None or offset.start() <= abbr.start()) and _offset_is_zone(text, offset):
        sign = -1 if offset["sign"] in "-−" else 1
        return timezone(sign * timedelta(hours=int(offset["h"]), minutes=int(offset["m"] or 0)))
    if abbr:
        zone = _ABBREVIATIONS[abbr["abbr"]]
        return ZoneInfo(zone) if isinstance(zone, str) else timezone(timedelta(hours=zone))
    return None


def _offset_is_zone(text: str, match: re.Match[str]) -> bool:
    # "+03:00", "+0300", "GMT+3" and "UTC-05" are zones; a bare "-3" in prose is not.
    return bool(match["m"]) or match.group(0).strip()[:3].upper() in ("GMT", "UTC")


def _offset_tz(text: str) -> tzinfo:
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))
