"""Every date a line of text prints, with the clock and the zone printed beside it.

Owns the written forms: month names in the page's language and the common news languages (from
dateparser's locale data, loaded once per language), numeric dates in the orders locales use (dots,
slashes, dashes, spaces; two- or four-digit years), ISO 8601 and CJK dates, a clock before or after the
date (`23:35`, `11.35 Uhr`, `8:54PM`, `20H06`, `0339 GMT`) and zone abbreviations or offsets glued to it.
Knows nothing of pages: which of the dates is the article's is dateline.py's business.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

# Languages whose month names are always known, in priority order (an abbreviation two languages
# share means what the first says); the page's own language goes first.
_CORE = ("en", "de", "fr", "es", "pt", "it", "nl", "ru")
# Full month names (four letters or more) of these are known too; their abbreviations collide with
# common words, so they count only when the page is in that language.
_MORE = ("pl", "cs", "sk", "sv", "da", "nb", "fi", "tr", "ro", "hu", "uk", "ca", "hr", "sl", "id", "el", "bg", "lt",
         "lv", "et", "sr")
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
_DAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Zone abbreviations seen on news pages; each stands for one fixed offset (hours) or an IANA zone.
ABBREVIATIONS: dict[str, float | str] = {
    "ET": "America/New_York", "PT": "America/Los_Angeles", "CT": "America/Chicago", "MT": "America/Denver",
    "UTC": 0, "GMT": 0, "WET": 0, "BST": 1, "WEST": 1, "CET": 1, "MEZ": 1, "CEST": 2, "MESZ": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "МСК": 3, "IST": 5.5, "HKT": 8, "SGT": 8, "JST": 9, "KST": 9,
    "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "AST": -4, "EST": -5, "EDT": -4, "CST": -6,
    "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
    "BRT": -3, "ART": -3, "WIB": 7, "PHT": 8, "WAT": 1, "CAT": 2, "EAT": 3, "SAST": 2,
}
_ABBR = "|".join(sorted((re.escape(a) for a in ABBREVIATIONS), key=len, reverse=True))
# A zone printed right after a clock: "EDT", "(MEZ)", "GMT+1", "UTC-05:00", "+0200".  The sign of a bare
# offset is glued to two-digit hours, so "10:24 - 11:30" (a range) is never read as a zone.
_ZONE_AFTER = re.compile(
    rf"\s*(?:Uhr\s*)?[(\[]?\s*(?:(?P<gmt>GMT|UTC|Z\b)(?:\s*(?P<gsign>[+-−])\s?(?P<gh>\d{{1,2}})(?::?(?P<gm>\d{{2}}))?)?"
    rf"|(?P<abbr>{_ABBR})|(?P<sign>[+-−])(?P<h>[01]\d):?(?P<m>[0-5]\d))(?![\w])")
_ZONE_ONLY = re.compile(rf"(?<![\w])(?:{_ABBR})(?![\w])")

_AMPM = r"(?P<ampm>[ap]\.?\s?m\b\.?)"
_CLOCK = re.compile(
    r"(?<![\d.:,/])(?P<H>[012]?\d)"
    r"(?:(?::|\s?[hH]\s?)(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:[.,]\d+)?)?"      # 23:35, 20h06, 23:35:10
    rf"|\.(?P<M2>[0-5]\d)(?=\s*(?:uhr|h\b|[ap]\.?\s?m\b|\(?(?:{_ABBR})\b))"           # 16.45 Uhr, 10.30 BST
    rf"|(?P<M3>[0-5]\d)(?=\s*\(?(?:{_ABBR})\b)"                                  # 0339 GMT
    r"|(?=\s*(?:uhr\b|[ap]\.?\s?m\b)))"                                         # 18 Uhr, 6 pm
    r"(?![\d])(?:\s*" + _AMPM + r")?",
    re.I)
_NAME = re.compile(r"[^\W\d_]+\.?")
_DOT_CLOCK = re.compile(r"[\s,]+(?:um\s+|at\s+)?(?P<H>[01]?\d|2[0-3])\.(?P<M>[0-5]\d)(?![\d.,])")
# What may stand between a date and its clock: punctuation and the little words of "on ... at ...".
_GLUE = re.compile(
    r"[\W_]+|\b(?:at|um|à|a|las|às|alle|ore|kl|klo|om|o|de|del|el|le|les|on|gegen|ca|ab|h|uhr|horas?|hrs)\b", re.I)

_YEAR4 = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_YEAR_NAMED = r"(?:(?P<y>(?:19|20)\d{2})|[’'‘`](?P<yy>\d{2}))(?!\d)"  # 2019, ’19
_ISO = re.compile(
    r"(?<![\d./-])(?P<y>(?:19|20)\d{2})(?P<s>[-/.])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d)(?!\d)"
    r"(?:(?:T|\s(?=\d))\s*(?P<H>[012]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:[.,]\d+)?)?"
    r"(?:\s?(?P<off>Z\b|[+-][01]\d:?[0-5]\d))?)?")
_NUMERIC = re.compile(
    r"(?<![\d.,/:-])(?P<a>[0-3]?\d)(?P<s>\s?[./-]\s?|\s\|\s)(?P<b>[0-3]?\d)(?P=s)" + _YEAR4 + r"(?![.,/]\d)")
_NUMERIC_SHORT = re.compile(
    r"(?<![\w.,/:-])(?P<a>[0-3]?\d)(?P<s>[./])(?P<b>[0-3]?\d)(?P=s)(?P<y>\d{2})(?![\w]|[.,/]\d)")
_VERSION = re.compile(r"(?:\b(?:version|ver|release|build|update|patch|v)\.?\s*|\bv)$", re.I)
_CJK = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]?")
_YEAR_TOKEN = re.compile(r"(?<!\d)(?:(?:19|20)\d{2}|[’'‘`]\d{2})(?!\d)")
DATE_HINT = re.compile(r"\d{4}|\d[./]\s?\d{1,2}\s?[./]\s?\d{2}|[’'‘`]\d{2}")


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: `value` is a datetime (aware if `explicit_tz`) or a bare date.

    `start`/`end` cover what the line prints for it: the date with its clock and zone.
    """

    value: datetime | date
    start: int
    end: int
    has_time: bool
    explicit_tz: bool


@dataclass(frozen=True)
class Lexicon:
    """The words of dates for one page language: month names, weekday names, the patterns using them."""

    months: dict[str, int]
    weekdays: frozenset[str]
    named: tuple[re.Pattern[str], ...]
    slash_order: str  # "DMY" or "MDY": how `a/b/yyyy` reads when both could be the month

    def is_weekday(self, word: str) -> bool:
        """True for a weekday name or its abbreviation ("Mittwoch", "Wed", "mié")."""
        return word.casefold().rstrip(".") in self.weekdays


@lru_cache(maxsize=None)
def lexicon_for(language: str | None = None) -> Lexicon:
    """Month and weekday names for a page in `language` (a BCP 47 primary tag) or of unknown language."""
    months: dict[str, int] = {}
    weekdays: set[str] = set()
    order = [language] if language else []
    order += [lang for lang in (*_CORE, *_MORE) if lang != language]
    for lang in order:
        info = _locale_info(lang)
        if info is None:
            continue
        full_only = lang not in _CORE and lang != language
        for number, key in enumerate(_MONTH_KEYS, start=1):
            for name in info.get(key, ()):
                for form in _forms(name):
                    if len(form) >= (4 if full_only else 3) and not any(c.isdigit() for c in form):
                        months.setdefault(form, number)
        for key in _DAY_KEYS:
            for name in info.get(key, ()):
                weekdays.update(f for f in _forms(name) if len(f) >= 2 and not any(c.isdigit() for c in f))
    named = _named_patterns(tuple(sorted(months)), tuple(sorted(weekdays)))
    return Lexicon(months, frozenset(weekdays), named, "MDY" if language in (None, "en") else "DMY")


@lru_cache(maxsize=None)
def _named_patterns(months: tuple[str, ...], weekdays: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """`29 Sep 2015`-like and `Sep 29, 2015`-like patterns, searched in the text that ends with a year
    (one compile for every language whose page shares these names)."""
    names = _alternation(months)
    month = rf"(?P<mon>{names})\.?(?![^\W\d_])"
    weekday = rf"(?:{_alternation(weekdays)})\.?(?![^\W\d_])"
    dmy = re.compile(
        rf"(?<![\w.])(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|e|º|°|\.)?(?![\d:])\s*(?:[./|-]\s*)?"
        rf"(?:(?:de|of|im|del)\s+)?(?:{weekday},?\s+)?{month}(?:\s*[,./|-]\s*|\s+)(?:(?:de|del|of)\s+)?{_YEAR_NAMED}\Z",
        re.I)
    mdy = re.compile(
        rf"(?<![\w]){month}\s*(?:(?:{names})\.?\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
        rf"\s*[,.]?\s*{_YEAR_NAMED}\Z",
        re.I)
    return dmy, mdy


def _alternation(words: tuple[str, ...]) -> str:
    """A regex matching any of `words`, as a trie (a flat alternation of hundreds of names is slow)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    optional = "" in node
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return "(?:" + body + ")?"
    return body


@lru_cache(maxsize=None)
def _locale_info(language: str) -> dict | None:
    from dateparser.languages.loader import default_loader  # heavy; loaded only when dates are read

    try:
        return default_loader.get_locale(language).info
    except ValueError:  # a language dateparser does not know: no names from it
        return None


def _forms(name: str) -> set[str]:
    """A locale name as pages print it: lower case, without a final dot, with and without accents."""
    name = name.casefold().strip().rstrip(".")
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return {name, unicodedata.normalize("NFC", plain)} if name else set()


def may_hold_date(text: str) -> bool:
    """A cheap test: False when `text` surely holds no date `scan_dates` would find."""
    return DATE_HINT.search(text) is not None


def scan_dates(text: str, language: str | None = None, order: str | None = None) -> list[DateMatch]:
    """Every calendar date in `text`, in order, each with the clock and zone printed beside it.

    `order` ("DMY"/"MDY") says how an ambiguous `a/b/yyyy` reads; by default the language's custom.
    """
    if not DATE_HINT.search(text):
        return []
    lexicon = lexicon_for(language)
    found = sorted(_days(text, lexicon, order or lexicon.slash_order), key=lambda f: (f[0], -f[1]))
    days: list[tuple[int, int, date, datetime | None]] = []
    for start, end, day, exact in found:
        if days and start < days[-1][1]:
            continue  # overlaps an earlier (or longer) reading of the same text
        days.append((start, end, day, exact))
    matches = []
    for index, (start, end, day, exact) in enumerate(days):
        lower = days[index - 1][1] if index else 0
        upper = days[index + 1][0] if index + 1 < len(days) else len(text)
        matches.append(_with_clock(text, start, end, day, exact, lower, upper))
    return matches


def _days(text: str, lexicon: Lexicon, order: str):
    for match in _ISO.finditer(text):
        day = _day(match["y"], match["m"], match["d"])
        if day is None:
            continue
        exact = None
        if match["H"]:
            tz = offset_zone(match["off"]) if match["off"] else None
            exact = datetime(day.year, day.month, day.day, int(match["H"]), int(match["M"]),
                             int(match["S"] or 0), tzinfo=tz)
        yield match.start(), match.end(), day, exact
    for match in _CJK.finditer(text):
        day = _day(match["y"], match["m"], match["d"])
        if day is not None:
            yield match.start(), match.end(), day, None
    for year in _YEAR_TOKEN.finditer(text):  # named forms end with the year: look just before each one
        for pattern in lexicon.named:
            match = pattern.search(text, max(0, year.start() - 48), year.end())
            if match is None:
                continue
            day = _day(match["y"] or f"20{match['yy']}", lexicon.months.get(match["mon"].casefold()), match["d"])
            if day is not None:
                yield match.start(), match.end(), day, None
    for pattern in (_NUMERIC, _NUMERIC_SHORT):
        for match in pattern.finditer(text):
            if pattern is _NUMERIC_SHORT and _VERSION.search(text, 0, match.start()):
                continue  # "Version 3.10.12"
            a, b = int(match["a"]), int(match["b"])
            year = int(match["y"])
            if year < 100:
                year += 2000 if year < 70 else 1900
            month_first = a <= 12 and (b > 12 or (order == "MDY" and match["s"].strip() in "/."))
            d, m = (b, a) if month_first else (a, b)
            day = _day(year, m, d)
            if day is not None:
                yield match.start(), match.end(), day, None


def _day(y, m, d) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


def _with_clock(text: str, start: int, end: int, day: date, exact: datetime | None,
                lower: int, upper: int) -> DateMatch:
    if exact is not None:  # ISO carries its own clock; a zone may still follow it
        if exact.tzinfo is None:
            zone = _zone_at(text, end)
            if zone is not None:
                return DateMatch(exact.replace(tzinfo=zone[0]), start, zone[1], True, True)
        return DateMatch(exact, start, end, True, exact.tzinfo is not None)
    clock = _clock_after(text, end, upper) or _clock_before(text, start, lower)
    if clock is None:
        return DateMatch(day, start, end, False, False)
    hour, minute, second, cstart, cend = clock
    moment = datetime(day.year, day.month, day.day, hour, minute, second)
    zone = _zone_at(text, cend)
    first, last = min(start, cstart), max(end, zone[1] if zone else cend)
    if zone is None and cstart > end:  # "Nov 19, 2019 EST 11:00"? rare; a zone right after the date
        zone = _zone_at(text, end)
    if zone is not None:
        return DateMatch(moment.replace(tzinfo=zone[0]), first, last, True, True)
    return DateMatch(moment, first, last, True, False)


def _clock_after(text: str, end: int, upper: int):
    window = text[end:min(upper, end + 40)]
    for match in _CLOCK.finditer(window):
        if _GLUE.sub("", window[: match.start()]):
            break
        clock = _clock(match)
        if clock:
            return (*clock, end + match.start(), end + match.end())
    match = _DOT_CLOCK.match(window)  # "14 Mar 2017 10.30": a dotted clock right after the date
    if match:
        return int(match["H"]), int(match["M"]), 0, end + match.start("H"), end + match.end()
    return None


def _clock_before(text: str, start: int, lower: int):
    origin = max(lower, start - 40)
    window = text[origin:start]
    last = None
    for match in _CLOCK.finditer(window):
        if _clock(match):
            last = match
    if last is None:
        return None
    gap = _ZONE_ONLY.sub("", window[last.end():])
    weekdays = lexicon_for(None)
    gap = _NAME.sub(lambda word: "" if weekdays.is_weekday(word[0]) else word[0], gap)
    if _GLUE.sub("", gap):
        return None
    clock = _clock(last)
    return (*clock, origin + last.start(), origin + last.end())


def _clock(match: re.Match[str]) -> tuple[int, int, int] | None:
    hour = int(match["H"])
    minute = match["M"] or match["M2"] or match["M3"]
    ampm = match["ampm"]
    if minute is None and not ampm and not re.match(r"\s*uhr", match.string[match.end(1):], re.I):
        return None
    if ampm:
        if not 1 <= hour <= 12:
            return None
        pm = ampm.lower().startswith("p")
        hour = (0 if hour == 12 else hour) + (12 if pm else 0)
    if hour > 23:
        return None
    return hour, int(minute or 0), int(match["S"] or 0)


def _zone_at(text: str, pos: int) -> tuple[tzinfo, int] | None:
    match = _ZONE_AFTER.match(text, pos)
    if match is None:
        return None
    if match["abbr"]:
        return zone_for_abbreviation(match["abbr"]), match.end()
    if match["gmt"]:
        if match["gsign"] is None:
            return timezone.utc, match.end()
        return _fixed(match["gsign"], match["gh"], match["gm"]), match.end()
    return _fixed(match["sign"], match["h"], match["m"]), match.end()


def _fixed(sign: str, hours: str, minutes: str | None) -> tzinfo:
    factor = -1 if sign in "-−" else 1
    return timezone(factor * timedelta(hours=int(hours), minutes=int(minutes or 0)))


def zone_for_abbreviation(abbr: str) -> tzinfo:
    """The zone a printed abbreviation ("EDT", "MEZ", "ET") stands for."""
    zone = ABBREVIATIONS[abbr]
    return ZoneInfo(zone) if isinstance(zone, str) else timezone(timedelta(hours=zone))


def offset_zone(text: str) -> tzinfo:
    """"Z", "+03:00" or "+0300" as a fixed zone."""
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))
