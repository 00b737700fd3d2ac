"""The publication date of a text dump: every date candidate on the page, and the one the article's
header prints chosen over "Updated ..." stamps, header clocks, teaser and comment dates.

Reads lines; knows nothing of titles or bodies beyond the indices it is given.  The written forms of
dates are datescan.py's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from itertools import accumulate
from typing import TYPE_CHECKING

from digest.importer.datedline import BYLINE_WORDS, SPLITTERS, WORDS, after_byline, date_in_line, leftover
from digest.importer.datescan import DATE_HINT, DateMatch, lexicon_for, scan_dates, zone_for_abbreviation
from digest.importer.dumppage import DumpPage

if TYPE_CHECKING:
    from digest.importer.headline import Headline
    from digest.importer.locate import ArticleSpan

_UPDATED = re.compile(
    r"updat|aktualisier|geändert|zuletzt|mis à jour|modifié|actualiz|обновл|modified|last edited|revised|aggiornat|"
    r"page was last|"
    r"atualizad|bijgewerkt|päivitetty|zaktualizowano", re.I)
_PUBLISHED = re.compile(
    r"\b(?:published|posted|first published|publi[ée]e?|publicad[oa]|postado|publiziert|veröffentlicht|"
    r"erschienen|erstellt|geschrieben|verfasst|pubblicato|gepubliceerd|опубликовано|written|created|"
    r"released|date|datum|fecha|data)\b", re.I)
# A date a reader left under the article ("Anna said, on May 3, 2019 at 2:58 pm", "Antworten"), or an
# embedded post's signature ("— Name (@handle) May 3, 2019").
_COMMENT = re.compile(
    r"\b(?:says?|said|wrote|schreibt|schrieb|sagt|antworten|reply|replies|répondre|responder|rispondi|"
    r"zitieren|melden|report|like|likes|gefällt|pingback|trackback)\b|\(@\w+\)", re.I)
# Dates that are not when the article appeared: a member's sign-up day, the page's clock, a period.
_NOT_PUBLISHED = re.compile(
    r"\b(?:registriert|registered|joined|mitglied seit|member since|dabei seit|aktuelle zeit|current time|"
    r"aktuelles datum|current date|today is|heute ist|uhrzeit|termine?|event|veranstaltung|findet|stattfindet|"
    r"takes place|will be held|bis|until|till|ab|seit|since|from|gültig|valid|geboren|born|died|gestorben|"
    r"copyright)\b|(?:zeitraum|schluss|frist|deadline)\b|©", re.I)
_RANGE_GAP = re.compile(r"\s*(?:[-–—]|bis|to|until|till|au|al|a|à|hasta|até|fino al)\s*", re.I)
# A link to the previous or next post ("« Older post 3 May 2020").
_NAVIGATION = re.compile(r"^\s*[«‹←]|[»›→]\s*$")
# WordPress-style footers that name the publication date inside a sentence.
_POST_FOOTER = re.compile(
    r"^(?:this (?:entry|post|article) was (?:posted|published|written)|(?:dieser|der) (?:beitrag|eintrag|artikel) wurde|"
    r"cette (?:entrée|article) a été publiée?|esta entrada (?:fue|se) publicó|este (?:artículo|post) fue publicado|"
    r"questo (?:articolo|post|articolo) è stato pubblicato|deze (?:post|bericht) is geplaatst|"
    r"este (?:artigo|post) foi publicado)", re.I)
_LOWER_WORD = re.compile(r"(?<![\w])[a-zß-öø-ÿа-яё]{2,}")
_ALL_TIMES = re.compile(
    r"\b(?i:all times(?: are)?(?: shown)?(?: in)?|times(?: are)?(?: shown)?(?: in)?|alle zeiten(?: in)?|"
    r"alle zeitangaben(?: in)?|toutes les heures(?: sont)?(?: en)?|heures?|horas?(?: en)?)\s*:?\s*(?P<abbr>[A-Z]{2,5})\b")
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](?:\d{4}|\d{2})(?![\d/.])")
_BODY_WORDS = 25          # a paragraph this long starts the body: the header zone ends above it
_HEADER_ABOVE = 8         # lines above the headline that may still hold its dateline
_HEADER_BELOW = 25        # lines below it that may, when no paragraph follows
_NEAR = 12                # lines around the headline searched for date-only lines to leave the body


@dataclass(frozen=True)
class DateFinding:
    """The dates chosen for the article, and the lines that were only a date (to leave the body)."""

    published: DateMatch | None = None
    updated: DateMatch | None = None
    relative: re.Match[str] | None = None
    lines: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Candidate:
    """One date on the page, with what its line says about it."""

    index: int
    match: DateMatch
    updated: bool          # an "Updated ..." stamp
    labelled: bool         # "Published ...", "Veröffentlicht am ..."
    dominant: bool         # the line is only this date (with labels, a byline, a place)
    prose: bool            # inside a long sentence
    comment: bool          # a reader's comment stamp, an embedded post's signature
    other: bool            # labelled as something else: "Registriert:", "bis", "seit", "©"
    meta: bool             # a short line that opens with or closes on the date (a dateline with extras)
    shape: str             # the line with dates, words and numbers reduced to symbols (finds lists)


def find_dates(page: DumpPage, headline: "Headline | None", span: "ArticleSpan") -> DateFinding:
    """The article's publication date (and its "Updated" stamp) among every date on the page."""
    language = page.language
    dated = _lines_with_dates(page)
    order = _page_order(page, dated)
    candidates = [c for index in dated for c in _candidates(index, page.lines[index], language, order)]
    head = headline.index if headline is not None and headline.index is not None else None
    consumed, relative = _date_only_lines(page, head, span)
    if not candidates:
        return DateFinding(None, None, relative, consumed)
    context = _context(page, headline, span, candidates)
    best = max(candidates, key=lambda c: (_score(c, context), -c.index))
    published, updated = best, None
    if best.updated:
        twin = _published_twin(best, candidates, context)
        if twin is not None:
            published, updated = twin, best
    else:
        updated = _updated_twin(best, candidates)
    zone = _page_zone(page)
    return DateFinding(_zoned(published.match, zone), _zoned(updated.match, zone) if updated else None,
                       relative, consumed)


# ----------------------------------------------------------------- candidates and their features

def _lines_with_dates(page: DumpPage) -> list[int]:
    """The lines that may hold a date, found in one pass over the page."""
    text = "\n".join(page.lines)
    starts = list(accumulate((len(line) + 1 for line in page.lines), initial=0))
    found: list[int] = []
    for match in DATE_HINT.finditer(text):
        index = bisect_right(starts, match.start()) - 1
        if not found or found[-1] != index:
            found.append(index)
    return found


def _candidates(index: int, unit: str, language: str | None, order: str | None) -> list[Candidate]:
    matches = scan_dates(unit, language, order)
    if not matches:
        return []
    shape = _shape(unit, matches)
    words = len(unit.split())
    found = []
    for k, match in enumerate(matches):
        before = unit[matches[k - 1].end if k else 0: match.start]
        clause = before[-40:]
        updated = bool(_UPDATED.search(clause))
        footer = bool(_POST_FOOTER.match(unit))
        labelled = (bool(_PUBLISHED.search(clause)) or footer) and not updated
        other = bool(_NOT_PUBLISHED.search(clause[-15:])) or _in_range(unit, matches, k)
        part, inner = _part_of(unit, match)
        dominant = leftover(part, inner, language) == 0 or after_byline(part, inner)
        opener = _opens(before)
        meta = not dominant and len(unit) <= 120 and (opener or len(unit) - match.end <= 3)
        prose = words >= 15 and len(unit) >= 100 and not dominant and not (opener and k == 0) and not footer
        comment = (bool(_COMMENT.search(unit)) and len(unit) < 200) or bool(_NAVIGATION.search(unit))
        found.append(Candidate(index, match, updated, labelled, dominant, prose, comment, other, meta, shape))
    return found


def _in_range(unit: str, matches: list[DateMatch], k: int) -> bool:
    """True for either end of a period ("21.10.2019 – 27.10.2019", "3 May 2020 to 5 May 2020")."""
    gaps = []
    if k:
        gaps.append(unit[matches[k - 1].end: matches[k].start])
    if k + 1 < len(matches):
        gaps.append(unit[matches[k].end: matches[k + 1].start])
    return any(_RANGE_GAP.fullmatch(gap) for gap in gaps)


def _opens(before: str) -> bool:
    """True when the text before a date only names a place or a person ("Wien, ", "Anna Berg | "):
    the date opens the line as a dateline does."""
    text = BYLINE_WORDS.sub(" ", before).strip()
    return not text or (text[-1] in ",(:–—-|·•/" and len(text.split()) <= 5 and not _LOWER_WORD.search(text)
                        and not any(c.isdigit() for c in text))


def _shape(unit: str, matches: list[DateMatch]) -> str:
    """The line as its dates (D), its runs of words and numbers (a) and its other marks: teasers with
    titles of any length share one shape."""
    text, last = [], 0
    for match in matches:
        text.append(unit[last: match.start] + "\0")
        last = match.end
    text.append(unit[last:])
    shape = re.sub(r"\w+(?:[\s.,'’-]+\w+)*", "a", "".join(text))
    return re.sub(r"\s+", "", shape).replace("\0", "D")


def _part_of(unit: str, match: DateMatch) -> tuple[str, DateMatch]:
    """The `|`- or ` - `-separated part of a long line that holds the whole date, and the date's place
    in it (the whole line when no part does)."""
    if len(unit) > 80:
        position = 0
        for part in SPLITTERS.split(unit):
            start = unit.find(part, position)
            if start <= match.start and match.end <= start + len(part):
                return part, replace(match, start=match.start - start, end=match.end - start)
            position = start + len(part)
    return unit, match


# ----------------------------------------------------------------- choosing

@dataclass(frozen=True)
class _Header:
    """Where an article's header may be: a line printing the headline, and the first real paragraph below."""

    line: int
    body: int | None
    above: int          # lines above `line` that still belong to the header (kickers, datelines)


@dataclass(frozen=True)
class _Context:
    headers: tuple[_Header, ...]     # the headline's line, and other lines printing the headline
    head: int | None                 # the headline's line
    span: "ArticleSpan"
    listed: frozenset[int]           # lines of a run of alike date lines (teasers, comments, archives)
    clocks: frozenset[int]           # lines of a date at the top of the page that is the page's clock


def _context(page: DumpPage, headline: "Headline | None", span: "ArticleSpan",
             candidates: list[Candidate]) -> _Context:
    head = headline.index if headline is not None and headline.index is not None else None
    if head is None:
        headers = (_Header(span.start, _body_start(page, span.lines), 0),)
    else:
        main = _Header(head, _body_start(page, range(head + 1, min(len(page.lines), head + 80))), _HEADER_ABOVE)
        repeats = _headline_repeats(page, headline.text, head, below=main.body is None)
        headers = (main, *(_Header(i, _body_start(page, range(i + 1, min(len(page.lines), i + 80))), _HEADER_ABOVE)
                           for i in repeats))
    near = frozenset(i for h in headers for i in range(h.line - 3, h.line + 4)) if head is not None else frozenset()
    return _Context(headers, head, span, _listed(candidates, near), _clocks(candidates, page, page.language))


def _headline_repeats(page: DumpPage, text: str, head: int, below: bool) -> list[int]:
    """Other lines that print the headline, where the article's own header may be: above the line found
    (which may be a recipe card's or a summary box's copy), and below it when no paragraph follows it
    (it was the navigation's copy)."""
    from digest.importer.dumppage import norm_key

    key = norm_key(text)
    if len(key) < 8:
        return []
    found = [i for i in range(1, len(page.lines) if below else head)
             if i != head and len(page.lines[i]) <= 2 * len(text) + 20 and key in page.keys[i]]
    return found[:3] if below else found[-2:]


def _score(c: Candidate, context: _Context) -> float:
    """How much a date looks like the article's: a dateline's shape and label, in the article's header,
    not in a list, a comment, a sentence, a period or the masthead's clock."""
    score = 0.0
    if c.dominant:
        score += 2.0
    elif c.meta:
        score += 1.0
    if c.labelled:
        score += 1.5 if _in_header(c.index, context) else 0.5
    if c.prose:
        score -= 2.5
    if c.comment:
        score -= 2.0
    if c.other:
        score -= 2.5
    if c.updated:
        score -= 0.5
    if c.index == 0 or c.index == context.head:
        score -= 1.5                                   # a date the headline names is its subject
    if c.index in context.listed:
        score -= 1.5
    if c.index in context.clocks:
        score -= 3.0
    return score + _position(c.index, context)


def _position(index: int, context: _Context) -> float:
    """The header zone first, then the article (earlier is better), then above it, then below it."""
    best = max(_header_position(index, h) for h in context.headers)
    if best > -9:
        return best
    span, main = context.span, context.headers[0]
    top, body = main.line, main.body
    if index > top and span.lines and index <= span.end:
        return 1.0 - 0.5 * (index - (body or top)) / max(1, span.end - (body or top))  # in the article
    if index < top:
        return -1.0 - 0.5 * (top - index) / max(1, top)  # teasers and header clocks above the article
    return -1.5                                        # below the article: footers, comments


def _header_position(index: int, header: _Header) -> float:
    if header.line - header.above <= index < header.line:
        return 2.5 - 0.25 * (header.line - index)     # a kicker or dateline above the headline
    if header.line <= index <= (header.body if header.body is not None else header.line + _HEADER_BELOW):
        return max(2.5, 4.0 - 0.05 * (index - header.line))  # the header zone, headline to first paragraph
    if header.body is not None and header.body < index <= header.body + 2:
        return 2.5                                     # a dateline under the standfirst
    return -10.0


def _in_header(index: int, context: _Context) -> bool:
    return any(_header_position(index, h) > -9 for h in context.headers)


def _listed(candidates: list[Candidate], near: frozenset[int]) -> frozenset[int]:
    """Lines of a list of teasers, comments or archive entries, each with its date: lines that repeat
    one shape three times or more, or that have three other dated lines within four lines; except
    right beside the headline."""
    counts: dict[str, set[int]] = {}
    for c in candidates:
        counts.setdefault(c.shape, set()).add(c.index)
    dated = sorted({c.index for c in candidates})
    dense = {i for k, i in enumerate(dated)
             if sum(1 for j in dated[max(0, k - 3): k + 4] if j != i and abs(j - i) <= 4) >= 3}
    return frozenset(c.index for c in candidates
                     if (len(counts[c.shape]) >= 3 or c.index in dense) and c.index not in near)


def _clocks(candidates: list[Candidate], page: DumpPage, language: str | None) -> frozenset[int]:
    """A weekday and date alone in the page's masthead, later than every other date on the page:
    the day the page was served, not the day the article appeared."""
    if len(candidates) < 2:
        return frozenset()
    limit = max(8, len(page.lines) // 20)
    latest = max(_value_day(c.match.value) for c in candidates)
    if all(_value_day(c.match.value) == latest for c in candidates):
        return frozenset()
    lexicon = lexicon_for(language)
    return frozenset(c.index for c in candidates
                     if c.index <= limit and _value_day(c.match.value) == latest and c.dominant
                     and not c.match.has_time and any(map(lexicon.is_weekday, WORDS.findall(page.lines[c.index]))))


def _body_start(page: DumpPage, indices) -> int | None:
    """The first real paragraph among `indices`: the header zone ends above it."""
    for index in indices:
        if len(page.lines[index].split()) >= _BODY_WORDS:
            return index
    return None


def _published_twin(best: Candidate, candidates: list[Candidate], context: _Context) -> Candidate | None:
    """The publication date printed beside an "Updated" stamp (same or next lines), else the best
    other dateline of the article's header."""
    near = [c for c in candidates if not c.updated and abs(c.index - best.index) <= 2 and not c.prose
            and not c.comment and not c.other]
    if near:
        return min(near, key=lambda c: (abs(c.index - best.index), c.index))
    header = [c for c in candidates if not c.updated and (c.dominant or c.meta or c.labelled)
              and not c.comment and not c.other and c.index not in context.listed and _in_header(c.index, context)
              and _value_day(c.match.value) <= _value_day(best.match.value)]
    return max(header, key=lambda c: (_score(c, context), -c.index), default=None)


def _updated_twin(best: Candidate, candidates: list[Candidate]) -> Candidate | None:
    near = [c for c in candidates if c.updated and abs(c.index - best.index) <= 2]
    return min(near, key=lambda c: abs(c.index - best.index), default=None)


# ----------------------------------------------------------------- what the whole page says

def _page_order(page: DumpPage, dated: list[int]) -> str | None:
    """"DMY" or "MDY" when the page's own unambiguous numeric dates (13/05/2020, 05/13/2020) say so."""
    votes = {"DMY": 0, "MDY": 0}
    for match in _NUMERIC_DATE.finditer("\n".join(page.lines[i] for i in dated)):
        a, b = int(match[1]), int(match[2])
        if a > 12 >= b:
            votes["DMY"] += 1
        elif b > 12 >= a:
            votes["MDY"] += 1
    if votes["DMY"] == votes["MDY"]:
        return None
    return max(votes, key=votes.__getitem__)


def _page_zone(page: DumpPage) -> tzinfo | None:
    """The zone an "All times GMT"-style note gives for the page's times."""
    from digest.importer.datescan import ABBREVIATIONS

    for match in _ALL_TIMES.finditer("\n".join(page.lines)):
        if match["abbr"] in ABBREVIATIONS:
            return zone_for_abbreviation(match["abbr"])
    return None


def _zoned(match: DateMatch, zone: tzinfo | None) -> DateMatch:
    value = match.value
    if zone is None or not isinstance(value, datetime) or value.tzinfo is not None:
        return match
    return DateMatch(value.replace(tzinfo=zone), match.start, match.end, True, True)


def _date_only_lines(page: DumpPage, head: int | None, span: "ArticleSpan"):
    """Lines near the headline and at the top of the article that are only a date (not body text),
    and the first relative date ("3 hours ago") among them."""
    if head is None:
        order = list(span.lines[:40])
    else:
        order = [i for i in range(max(0, head - _NEAR), min(len(page.lines), head + _NEAR)) if i != head]
        order += [i for i in span.lines[:40] if i not in set(order)]
    lines, relative = set(), None
    for index in order:
        found = date_in_line(page.lines[index], page.language)
        if found is not None:
            lines.add(index)
            if relative is None and not isinstance(found, DateMatch):
                relative = found
    return frozenset(lines), relative


def _value_day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value
