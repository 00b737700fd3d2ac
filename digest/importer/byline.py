"""Bylines: "By Jane Doe and John Roe, CNN", "Von Anna Berg", "Par Luc Martin à Paris",
"Автор: Иван Петров", "Anna Berg, dpa" under the headline -> the author names.

`find_byline` picks the text dump's byline (one line is read by bylinescan.py, whose `parse_byline`
the other steps and readers use to recognise byline lines).  Every line around the headline (and above the first paragraphs) is
read by bylinescan.py, and the readings are weighed by what they are ("By X" and "Autor: X" over a
wire credit over a bare name, which needs a date, a role, a handle or the headline beside it and a
common given name) and where they stand (right under the headline, not in a list of other stories
further off).  Where a line stands counts more than what it says: a name beside the publication
date the date step chose, under its avatar's initials, over a link naming it again, or on a blog's
"date · name · categories" line at the headline is a byline even with an uncommon given name; words
the page prints alone as menu items are a section path, not a name; the headline is never its own
byline, and a CMS account ("admin") is no author.  When nothing there reads as a byline: a "By X"
line anywhere that a date or the text follows, a "Reporting by X" / "Text: X" credit at the end, an
author box below the article ("Autorin" / "Contact the authors:" and the names under it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from digest.importer.givennames import is_given_name
from digest.importer.bylinescan import is_author_link, is_label_only, is_role_line, name_key, parse_names, read_line

if TYPE_CHECKING:
    from digest.importer.dumppage import DumpPage
    from digest.importer.headline import Headline
    from digest.importer.locate import ArticleSpan


@dataclass(frozen=True)
class BylineFinding:
    """The author names found, and the lines that were only a byline (to leave the body)."""

    names: tuple[str, ...] = ()
    lines: frozenset[int] = frozenset()


@dataclass(frozen=True)
class _Candidate:
    score: float
    index: int
    names: tuple[str, ...]
    lines: frozenset[int]
    kind: str = ""


_ABOVE = 8          # lines above an anchor searched
_BELOW = 30         # lines below the headline searched for "By X"
_PROSE_BELOW = 4    # past this many paragraphs a "By X" in a list of stories is not the byline
_BARE_BELOW = 6     # ... and for a bare name
_DATE_NAME_BELOW = 12      # ... and for a bare name beside the publication date
_DATE_NAME_OVER_BODY = 8
_UNKNOWN_GIVEN = -2.0  # a bare name whose first word is not a common given name needs more support
_AFFILIATED = re.compile(r"^\s*[^\W\d_][\w'’.-]+(?:\s+[^\W\d_][\w'’.-]+){1,3}\s*,\s+[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}\s*$")
_BOX_NAMES = 4       # names listed one a line under an author box's heading
_INTO_BODY = 3      # short lines between the first paragraphs (under a deck) searched too
_CONNECTOR = re.compile(r"\s*[a-zà-ÿ]{1,3}\s*")   # "am", "on", "le": a word that joins a byline to its date
_AVATAR = re.compile(r"\s*[A-ZÀ-Þ]{1,3}\s*")   # the initials an author's avatar prints
_HEAD_OVER_TEXT = 15   # a headline copy this close above the article's text heads it
_BEFORE_BODY = 10   # lines above the first paragraphs searched
_TAIL = 12          # last lines of the article searched for "Text: X" / "(dpa)"
_TAIL_CREDIT = re.compile(r"^(?:reporting|written|words|text|texte|geschrieben|verfasst|recherche)\s+(?:by|von|par|por)\b", re.I)
_PROSE_END = re.compile(r"[.!?…»”\"')]$")


def find_byline(page: "DumpPage", headline: "Headline | None", span: "ArticleSpan",
                date_lines: frozenset[int] = frozenset(), source_name: str | None = None) -> BylineFinding:
    """The byline printed with the article: near the headline (above it, or below it before the body
    gets going) or just above the first paragraphs, else a "Text: X" / wire credit at the end."""
    site = _site_keys(page, headline, source_name)
    menu = _menu_words(page)
    places = _places(page, headline, span)
    candidates: list[_Candidate] = []
    for index, place in sorted(places.items()):
        if headline is not None and index == headline.index:
            continue  # the headline is not its own byline
        found = _weigh(page, index, place, date_lines, site, menu)
        if found is not None:
            candidates.append(found)
    if not candidates:
        candidates = _anywhere(page, places, site)
    if not candidates:
        for index in list(span.lines)[-_TAIL:]:
            found = read_line(page.lines[index], page.stopwords)
            if found is not None and found.only and found.names and (found.kind in ("label", "credit") or (
                    found.kind == "marker" and _TAIL_CREDIT.match(page.lines[index]))):
                names = _clean(found.names, site, found.kind)
                if names:
                    candidates.append(_Candidate(1.0, index, names, frozenset({index}), "tail-" + found.kind))
    if not candidates:
        candidates = _author_box(page, headline, span, site)
    if not candidates:
        return BylineFinding()
    best = _continued(page, _run(page, max(candidates, key=lambda c: (c.score, -c.index))))
    return BylineFinding(_without_page_words(best.names, page, headline), best.lines)


@dataclass
class _Place:
    """Where a line stands: how close to the article's header (1 = right under the headline), its
    offset from the nearest headline copy, and how many lines above the first paragraphs it is."""

    near: float = 0.0
    head: int | None = None
    body: int | None = None
    deep: bool = False      # below several paragraphs of the article (where lists of other stories start)


def _places(page: "DumpPage", headline: "Headline | None", span: "ArticleSpan") -> dict[int, _Place]:
    """The lines in reach of the article's header, and where each stands."""
    places: dict[int, _Place] = {}
    lowest = 1 if page.has_title_line else 0

    def put(index: int, value: float, head: int | None = None, body: int | None = None, deep: bool = False) -> None:
        if not lowest <= index < len(page.lines):
            return
        place = places.setdefault(index, _Place(deep=deep))
        place.deep = place.deep and deep
        place.near = max(place.near, value)
        if head is not None and (place.head is None or abs(head) < abs(place.head)):
            place.head = head
        if body is not None and (place.body is None or body < place.body):
            place.body = body

    heads = _heads(page, headline, span)
    for anchor, weight in heads:
        for d in range(1, _ABOVE + 1):
            put(anchor - d, weight * (0.85 - 0.06 * (d - 1)), head=-d)
        prose = 0
        for d in range(1, _BELOW + 1):
            put(anchor + d, weight * (1.0 - 0.025 * (d - 1)), head=d, deep=prose >= _PROSE_BELOW)
            if anchor + d < len(page.lines) and _is_prose(page.lines[anchor + d]):
                prose += 1
    start = heads[0][0] if heads else (span.lines[0] - 1 if span.lines else 0)
    for first in _body_starts(page, start)[:2]:
        for d in range(0, _BEFORE_BODY + 1):
            put(first - d, 0.8 - 0.04 * d, body=d)
        for d in range(1, _INTO_BODY + 1):
            if not _is_prose(page.lines[first + d]) if first + d < len(page.lines) else False:
                put(first + d, 0.7, body=-d)  # under the deck or first paragraph: "Anna Berg" / the date
    return places


_QUICK = re.compile(r"\b(?:by|von|par|por|door|autor|author|auteur|text|texto|redaktion)\b", re.I)


def _anywhere(page: "DumpPage", places: dict[int, _Place], site: set[str]) -> list[_Candidate]:
    """When nothing near the header reads as a byline (the headline was not found, or found in the
    wrong place): a "By X" / "Autor: X" line anywhere that a date or the first paragraphs follow."""
    found: list[_Candidate] = []
    for index, line in enumerate(page.lines):
        if index in places or index == 0 or len(line) > 120 or not _QUICK.search(line):
            continue
        reading = read_line(line, page.stopwords)
        if reading is None or reading.kind not in ("marker", "label", "open"):
            continue
        follows = any(_dated(page, index + k) or (index + k < len(page.lines) and _is_prose(page.lines[index + k]))
                      for k in (1, 2, 3))
        if not (follows or reading.dated):
            continue
        candidate = _weigh(page, index, _Place(0.3), frozenset(), site)
        if candidate is not None:
            found.append(candidate)
    return found[:1]


_BIO_CUE = re.compile(r"\s(?:is|was|ist|war|est|es|é)\s|\(|\s[–—-]\s")
_INTERVIEW = re.compile(r"^\W*interview\b", re.I)   # far from the header it may name the one interviewed
_BIO = re.compile(
    r"^(?P<name>(?:[^\W\d_][\w'’.-]*\s+){1,3}?[^\W\d_][\w'’-]+)\s+(?:is|was|ist|war|est|es|é)\s+"
    r"(?:an?|der|die|ein|eine|un|une|el|la|o|a|the)?\s*(?:[\w-]+\s+){0,3}?"
    r"(?:writer|reporter|editor|journalist|correspondent|columnist|contributor|author|redakteur|redakteurin|"
    r"journalistin|autor|autorin|korrespondent|korrespondentin|journaliste|rédacteur|rédactrice|periodista|"
    r"redactor|redactora|jornalista|repórter)\b", re.I)
_NAME_ROLE = re.compile(r"^(?P<name>[^()\-–—]{4,40}?)\s*(?:\((?P<paren>[^)]{3,80})\)|[–—-]\s+(?P<dash>.{3,200}))$")


def _author_box(page: "DumpPage", headline: "Headline | None", span: "ArticleSpan",
                site: set[str]) -> list[_Candidate]:
    """The last resort, below the headline: an author box or credit line in or after the article:
    "Autor: X" / "Text: X" anywhere, "X is a senior writer for ...", "X (Redakteurin ...)", "X - Reporter"."""
    start = headline.index + 1 if headline is not None and headline.index else (span.lines[0] if span.lines else 1)
    for index in range(start, len(page.lines)):
        line = page.lines[index]
        reading = read_line(line, page.stopwords) if len(line) <= 120 and (":" in line or is_label_only(line)) else None
        if reading is not None and reading.kind == "label" and reading.only and not _INTERVIEW.match(line):
            names = _clean(reading.names, site, "label")
            if names:
                return [_Candidate(0.5, index, names, frozenset({index}), "box-label")]
        if reading is not None and reading.kind == "open":
            names, taken = _box_names(page, index)
            names = _clean(names, site, "marker")
            if names:
                return [_Candidate(0.5, index, names, frozenset({index, *taken}), "box-open")]
        names = _bio_names(line, page.stopwords) if _BIO_CUE.search(line) else ()
        if names:
            names = _clean(names, site, "bare")
            if names:
                return [_Candidate(0.5, index, names, frozenset(), "box-bio")]
    return []


def _box_names(page: "DumpPage", index: int) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The names under an author box's heading ("Autorin" / "About the author:"): the line below,
    and the next lines while each is one more name alone ("Jane Doe" / "John Roe")."""
    follow = _names_below(page, index)
    if follow is None:
        return (), ()
    if any(" " not in name for name in follow[0]):
        return (), ()  # a one-word "name" under the heading is a menu or category label
    return _more_names(page, *follow)


def _more_names(page: "DumpPage", names: tuple[str, ...], taken: tuple[int, ...]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Names listed one a line go on while each next line is one more name alone."""
    below = max(taken) + 1
    while below < len(page.lines) and len(names) < _BOX_NAMES:
        reading = read_line(page.lines[below], page.stopwords)
        if reading is None or reading.kind != "bare" or reading.dated or len(reading.names) != 1 \
                or reading.names[0] != page.lines[below].strip():
            break
        names, taken = names + reading.names, taken + (below,)
        below += 1
    return names, taken


def _bio_names(line: str, stopwords: frozenset[str]) -> tuple[str, ...]:
    """The name an author box starts with: "X is a senior writer ...", "X (Medizinredakteurin)",
    "X - Journalist und Autor ..."."""
    from digest.importer.bylinescan import _walk, is_role_line

    match = _BIO.match(line)
    if match:
        names, tail = _walk(match["name"], True, stopwords)
        return names if names and not tail and is_given_name(names[0].split()[0]) else ()
    match = _NAME_ROLE.match(line) if len(line) <= 260 else None
    if match:
        role = (match["paren"] or match["dash"] or "").split(".")[0].split(",")[0]
        names, tail = _walk(match["name"], True, stopwords)
        if names and not tail and is_role_line(role) and is_given_name(names[0].split()[0]):
            return names
    return ()


def _heads(page: "DumpPage", headline: "Headline | None", span: "ArticleSpan | None" = None) -> list[tuple[int, float]]:
    """The headline line and other lines printing the same headline (a gallery or a second copy of
    the header).  A headline found only on the title line anchors nothing.  When the headline step
    took a copy far from the article's text (in a list of stories) and another copy stands right
    above the text, that one weighs most."""
    if headline is None or headline.index is None or (headline.index == 0 and page.has_title_line):
        return []
    anchors = [(headline.index, 1.0)]
    printed = page.lines[headline.index]
    key = _key(printed)
    for index, line in enumerate(page.lines):
        if index in (0, headline.index) or abs(len(line) - len(printed)) > 8:
            continue  # a copy is about as long: most lines need no comparison
        if _key(line) == key and len(anchors) < 4:
            anchors.append((index, 0.9))
    if span is not None and span.lines and len(anchors) > 1 and not _heads_text(anchors[0][0], span):
        near = [a for a in anchors[1:] if _heads_text(a[0], span)]
        if near:
            anchors = [(near[0][0], 1.0)] + [(a, 0.9) for a, _ in anchors if a != near[0][0]]
    return anchors


def _heads_text(index: int, span: "ArticleSpan") -> bool:
    """The line stands just above the article's text or in it."""
    return span.lines[0] - _HEAD_OVER_TEXT <= index <= span.lines[-1]


def _body_starts(page: "DumpPage", start: int) -> list[int]:
    """Where runs of paragraphs begin after `start`: two prose lines with at most two lines between."""
    prose = [i for i in range(max(start, 0) + 1, len(page.lines)) if _is_prose(page.lines[i])]
    starts: list[int] = []
    before = -10
    for a, b in zip(prose, prose[1:]):
        if b - a <= 3 and a - before > 3:
            starts.append(a)  # a run begins: the previous paragraph is well above
            if len(starts) >= 3:
                break
        before = a
    return starts


def _is_prose(line: str) -> bool:
    return len(line) >= 160 or (len(line) >= 80 and bool(_PROSE_END.search(line)) and len(line.split()) >= 12)


def _weigh(page: "DumpPage", index: int, place: _Place, date_lines: frozenset[int],
           site: set[str], menu: frozenset[str] = frozenset()) -> _Candidate | None:
    """A candidate from the line at `index`, or None."""
    found = read_line(page.lines[index], page.stopwords)
    if found is None:
        return None
    near = place.near
    lines = frozenset({index}) if found.only else frozenset()
    if found.kind == "open":
        follow = _names_below(page, index)
        if follow is None:
            return None
        names, taken = _more_names(page, *follow)
        names = _clean(names, site, "marker")
        return _Candidate(10 * near, index, names, frozenset({index, *taken}), "open") if names else None
    names = _clean(found.names, site, found.kind)
    if not names:
        return None
    if found.kind in ("marker", "label"):
        if place.deep and _in_list(page, index, names):
            return None  # one of several "By X" lines: a list of other stories
        return _Candidate(10 * near, index, names, lines, found.kind)
    if found.kind == "credit":
        return _Candidate(7 * near, index, names, lines, "credit") if near >= 0.7 else None
    if found.kind == "desk":
        if index > 0 and name_key(names[0]) in name_key(page.lines[index - 1]).split():
            return None  # "Joe Biden / AFP" then "AFP": the picture's credit
        beside = found.dated or _dated(page, _neighbour(page, index, 1)) or _dated(page, _neighbour(page, index, -1))
        close = place.head is not None and -2 <= place.head <= 3
        return _Candidate(6 * near, index, names, lines, "desk") if beside and close and near >= 0.8 else None
    if found.kind == "meta":
        # "2. Februar 2020 Alexander Roll 1 Kommentar": only right by the headline or the first paragraph
        if near < 0.75 or not (place.head in (-2, -1, 1, 2) or (place.body is not None and place.body <= 2)):
            return None
        support = 2.5 if is_given_name(_first_name(names[0])) or " " not in names[0] else 0.0
        if not support and place.head in (-1, 1) and _person_shaped(names[0]) and not _menu_name(names[0], menu):
            support = 2.0  # a blog's "date · Anna Berg · categories" line right at the headline
        return _Candidate((4 + support) * near, index, names, lines, "meta") if support else None
    # a bare name: only close to the header, beside the headline, a date or a role line
    repeated = _named_again(page, index, names[0])
    vouched = found.role or repeated or any(
        index + k < len(page.lines) and (is_role_line(page.lines[index + k]) or is_author_link(page.lines[index + k]))
        for k in (1, 2))
    in_header = place.head is not None and -3 <= place.head <= (12 if vouched else _BARE_BELOW)
    over_body = place.body is not None and place.body <= 4
    above, below = _neighbour(page, index, -1), _neighbour(page, index, 1)
    by_date = above in date_lines or below in date_lines
    if near < 0.6 or not (in_header or over_body or (by_date and _by_header(place))):
        return None
    if page.lines[index].rstrip().endswith(",") and not _dated(page, below):
        return None  # "Dear Anna," opens a letter or a comment; "Anna Berg," / "on 3 May 2021" goes on
    support = 0.5 if is_given_name(_first_name(names[0])) else _UNKNOWN_GIVEN
    if found.dated:
        support += 2
    if _AFFILIATED.match(page.lines[index]):
        support += 0.5  # "Anna Berg, Harbour Times": a name and its outlet
    if by_date or _dated(page, below) or _dated(page, above):
        support += 2
    if found.role or (index + 1 < len(page.lines) and is_role_line(page.lines[index + 1])):
        support += 2
    if _avatar_above(page, index, names[0]):
        support += 2  # "AB" / "Anna Berg": an author's picture, then the name
    if found.handle or _is_contact(page, index + 1):
        support += 2  # "Natasha Turak @NatashaTurak", a name over its e-mail address
    if (index + 1 < len(page.lines) and is_author_link(page.lines[index + 1])) or repeated:
        support += 2  # an author box: "Heinz Steiner" / "Weitere Beiträge" or "More from Heinz Steiner"
    if found.dated and place.head in (-1, 1):
        support += 2  # "Anna Berg 12.03.2021" right above or under the headline: the article's header
    elif place.head == 1 or (place.head == 2 and len(page.lines[index - 1]) >= 60) or place.body == 1:
        support += 1.5
    if support < 2:
        return None
    if any(name_key(n) in site for n in names) or _menu_name(names[0], menu):
        return None
    return _Candidate((4 + support) * near, index, names, lines, "bare")


def _person_shaped(name: str) -> bool:
    """Two or three words, each a capital and then lower case ("Anna Berg", not "DATEV Anwalt")."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(re.fullmatch(r"[A-ZÀ-ÞĀ-Ž][a-zß-ÿā-ž'’-]+", w) for w in words)


def _menu_words(page: "DumpPage") -> frozenset[str]:
    """Words the page prints alone on a line: menu items and section names ("Gesundheit", "Klima")."""
    return frozenset(line.strip().casefold() for line in page.lines if 2 < len(line) <= 30 and " " not in line.strip())


def _menu_name(name: str, menu: frozenset[str]) -> bool:
    """A "name" whose words are the page's menu items is a section path ("Wissen Klima"), unless
    it opens with a given name."""
    words = [w.casefold() for w in name.split()]
    return not is_given_name(_first_name(name)) and sum(w in menu for w in words) >= 1


def _by_header(place: _Place) -> bool:
    """A name beside the page's publication date stands in the article's header even a few lines
    further from the headline (a deck, share buttons and a picture between) or from the text."""
    return (place.head is not None and -3 <= place.head <= _DATE_NAME_BELOW) or (
        place.body is not None and place.body <= _DATE_NAME_OVER_BODY)


def _in_list(page: "DumpPage", index: int, names: tuple[str, ...]) -> bool:
    """Another line close by credits someone else: the line is an entry in a list of stories."""
    keys = {name_key(n) for n in names}
    for other in range(max(0, index - 4), min(len(page.lines), index + 5)):
        if other == index:
            continue
        reading = read_line(page.lines[other], page.stopwords)
        if reading is not None and reading.kind == "marker" and not keys & {name_key(n) for n in reading.names}:
            return True
    return False


def _run(page: "DumpPage", best: _Candidate) -> _Candidate:
    """Names printed one a line, each maybe under its avatar's initials ("AB" / "Anna Berg" /
    "TR" / "Tom Reed"): a bare name's neighbours that are names alone join it."""
    if best.kind != "bare":
        return best
    found: dict[int, str] = {best.index: best.names[0]}
    for step in (-1, 1):
        index = best.index
        while len(found) < _BOX_NAMES:
            index += step
            if 0 <= index < len(page.lines) and _AVATAR.fullmatch(page.lines[index]):
                index += step
            name = _name_alone(page, index)
            if name is None or not (_avatar_above(page, index, name) or is_given_name(_first_name(name))):
                break
            found[index] = name
    if len(found) == 1:
        return best
    names = tuple(dict.fromkeys(found[i] for i in sorted(found)))
    return _Candidate(best.score, best.index, names, best.lines | frozenset(found), best.kind)


def _named_again(page: "DumpPage", index: int, name: str) -> bool:
    """One of the next two lines is a short line that names the same person again: an author box's
    link ("All articles by Anna Berg", "Follow Anna Berg") or the name under the picture's alt text."""
    key = name_key(name)
    for k in (1, 2):
        if index + k < len(page.lines) and len(page.lines[index + k]) <= 80 and len(key) >= 5 \
                and f" {key} " in f" {name_key(page.lines[index + k])} ":
            return True
    return False


def _avatar_above(page: "DumpPage", index: int, name: str) -> bool:
    """The line above prints the name's initials: the placeholder of an author's picture ("AB" / "Anna Berg")."""
    initials = "".join(word[0] for word in name.split() if word[:1].isupper())
    return index > 0 and len(initials) >= 2 and page.lines[index - 1].strip() == initials


def _name_alone(page: "DumpPage", index: int) -> str | None:
    """The name a line holds when it holds nothing else."""
    if not 0 <= index < len(page.lines):
        return None
    line = page.lines[index].strip()
    reading = read_line(line, page.stopwords)
    if reading is None or reading.kind != "bare" or len(reading.names) != 1 or reading.names[0] != line:
        return None
    return line


def _continued(page: "DumpPage", best: _Candidate) -> _Candidate:
    """A byline that goes on over the next line: "Sarah Hinger, Staff Attorney" / "& Sylvia Torres"."""
    below = max(best.lines | {best.index}) + 1
    if below >= len(page.lines):
        return best
    match = re.match(r"^(?:&|and|und|et|y|e)\s+(?P<rest>\S.*)$", page.lines[below], re.I)
    if not match or len(page.lines[below]) > 160:
        return best
    more = tuple(n for n in parse_names(match["rest"], page.stopwords) if name_key(n) not in {name_key(x) for x in best.names})
    if not more:
        return best
    lines = best.lines | {below} if best.lines else best.lines
    return _Candidate(best.score, best.index, best.names + more, lines, best.kind)


def _names_below(page: "DumpPage", index: int) -> tuple[tuple[str, ...], tuple[int, ...]] | None:
    """The names on the line under a lone "By" / "Autor:" (skipping a "Zum Profil" link line)."""
    for below in (index + 1, index + 2):
        if below >= len(page.lines):
            return None
        line = page.lines[below]
        if len(line) > 80:
            return None
        reading = read_line(line, page.stopwords)
        if reading is not None and reading.kind in ("marker", "label") and reading.only:
            return reading.names, tuple(range(index + 1, below + 1))  # "Post author" / "By Jane Doe"
        names = parse_names(line, page.stopwords)
        if names and len(" ".join(names)) >= 0.5 * len(re.sub(r"[@(].*$", "", line).strip()):
            return names, tuple(range(index + 1, below + 1))
    return None


def _first_name(name: str) -> str:
    """The given name of "Dr. Anna Berg": the first word after academic titles."""
    words = [w for w in name.split() if w.lower().rstrip(".") not in ("dr", "prof")]
    return words[0] if words else name


def _neighbour(page: "DumpPage", index: int, step: int) -> int:
    """The next line up or down that is more than punctuation."""
    index += step
    while 0 <= index < len(page.lines) and (not re.search(r"\w", page.lines[index]) or _CONNECTOR.fullmatch(page.lines[index])):
        index += step
    return index


def _dated(page: "DumpPage", index: int) -> bool:
    """A short line holding a date ("27.04.2020 - 18:50 Uhr 3 Kommentare", "vor 2 Stunden")."""
    if not 0 <= index < len(page.lines) or len(page.lines[index]) > 80:
        return False
    from digest.importer.datedline import is_date_line
    from digest.importer.dates import find_date

    line = page.lines[index]
    return is_date_line(line) or (find_date(line) is not None and len(line.split()) <= 8)


def _is_contact(page: "DumpPage", index: int) -> bool:
    """A line that is only an e-mail address or a social handle."""
    if not 0 <= index < len(page.lines):
        return False
    return bool(re.fullmatch(r"\s*(?:@\w{2,30}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*", page.lines[index]))


_ACCOUNT = re.compile(r"^(?:admin|administrator|webmaster)$")


def _clean(names: tuple[str, ...], site: set[str], kind: str) -> tuple[str, ...]:
    """Names without the site's own name (for bare names: a blog's meta line "date · sitename" under
    the headline does credit the site) and without repeats."""
    kept: list[str] = []
    for name in names:
        name = _undoubled(name)
        key = name_key(name)
        if not key or key in {name_key(k) for k in kept} or _ACCOUNT.match(key):
            continue
        if kind == "bare" and (key in site or any(key.replace(" ", "") == part.replace(" ", "") for part in site)):
            continue
        kept.append(name)
    return tuple(kept)


def _undoubled(name: str) -> str:
    """"Anna Berg Anna Berg" (a link's text beside the name) is one name."""
    words = name.split()
    half = len(words) // 2
    if len(words) >= 4 and len(words) % 2 == 0 and [w.casefold() for w in words[:half]] == [w.casefold() for w in words[half:]]:
        return " ".join(words[:half])
    return name


def _without_page_words(names: tuple[str, ...], page: "DumpPage", headline: "Headline | None") -> tuple[str, ...]:
    """A name of three or more words whose last words are words of the headline or the title line
    ran on into a category or the site's name ("Anna Berg Reisen" under a travel headline): those
    words are left off while two remain.  Only a person's name (a given name first) is trimmed: an
    organisation's name may well repeat the site's ("Deutscher Tennis Bund")."""
    words = set(_key(page.title_line or "").split()) | set(_key(headline.text).split() if headline is not None else ())
    kept: list[str] = []
    for name in names:
        parts = name.split()
        while len(parts) > 2 and _key(parts[-1]) in words and is_given_name(_first_name(name)):
            parts.pop()
        kept.append(" ".join(parts))
    return tuple(dict.fromkeys(kept))


def _site_keys(page: "DumpPage", headline: "Headline | None", source_name: str | None) -> set[str]:
    """The site's name as the title line prints it beside the headline, and the source's name."""
    keys = {name_key(source_name)} if source_name else set()
    title = page.title_line
    if title:
        head = _key(headline.text) if headline is not None else ""
        for part in re.split(r"\s+[|–—•·»:-]+\s+|\s*[|•·»]\s*", title):
            key = name_key(part)
            if key and key != head and key not in head:
                keys.add(key)
    return keys


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()
