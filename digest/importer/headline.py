"""The headline of a text dump: the on-page line that the page's <title> line contains.

A dump usually starts with the page's <title> ("Headline - Site | Section"), and prints the headline
again above the article.  The headline is the longest later line that the title line contains (site
names and section labels are shorter); when the title line is worded differently, the on-page line
most like it wins; when no line matches, the title line without its site and section parts.  Dumps
without a title line (the seed's form) take a line printed twice near the top, else the first
headline-like line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.importer.dumppage import DumpPage, norm_key

_SEPARATORS = re.compile(r"\s+[|–—•·»«:/-]+\s+|\s*[|•·»«]\s*|:\s+")
_WORD = re.compile(r"\w+", re.UNICODE)
_HEAD_SCAN = 800  # lines below the title line searched for the headline


@dataclass(frozen=True)
class Headline:
    """The title found, and the line it was printed on (None when it comes from the title line only)."""

    text: str
    index: int | None
    from_title_line: bool = False


def find_headline(page: DumpPage, source_name: str | None = None,
                  skip: frozenset[int] = frozenset()) -> Headline | None:
    """The article's headline, or None when the page has no line that could be one."""
    if page.has_title_line:
        found = _headline_in_title(page)
        if found is not None:
            return found
        return Headline(strip_site_parts(page.lines[0], source_name), None, True)
    return _headline_without_title(page, source_name, skip)


def _headline_in_title(page: DumpPage) -> Headline | None:
    title = norm_key(page.lines[0])
    padded = f" {title} "
    best: tuple[int, float, int] | None = None  # (length, prose after, index)
    for index in range(1, min(len(page.lines), _HEAD_SCAN)):
        line = page.lines[index]
        key = norm_key(line)
        if len(key) < 4 or len(line) > 400:
            continue
        if f" {key} " in padded:
            # A part of the title: the headline, or the site or section name (shorter, or repeated
            # as a masthead); the headline is the longest part.
            if _word_count(key) < 2 and len(key) < 0.6 * len(title):
                continue
            score = (len(key), _prose_after(page, index), -index)
        elif title in key and len(key) <= 1.6 * len(title) + 20 and _word_count(title) >= 3:
            score = (len(title), _prose_after(page, index), -index)  # the on-page headline says more
        else:
            continue
        if best is None or score > best:
            best = score
    if best is None:
        return None
    index = -best[2]
    return Headline(page.lines[index], index, True)


def _prose_after(page: DumpPage, index: int) -> float:
    """How much running text follows a line (the real headline opens the article; a teaser does not)."""
    total = 0
    for line in page.lines[index + 1:index + 12]:
        if len(line) >= 80:
            total += len(line)
    return min(total, 2000) / 500


def _word_count(key: str) -> int:
    return len(key.split())


def strip_site_parts(title: str, source_name: str | None = None) -> str:
    """'Headline - Site | Section' -> 'Headline': the longest part between separators."""
    parts = [p.strip() for p in _SEPARATORS.split(title) if p and p.strip()]
    if len(parts) <= 1:
        return title.strip()
    source_key = norm_key(source_name or "")
    parts = [p for p in parts if not source_key or norm_key(p) != source_key] or parts
    longest = max(parts, key=lambda p: len(norm_key(p)))
    if _word_count(norm_key(longest)) < 3 and len(parts) >= 2:
        return title.strip()
    return longest


def _headline_without_title(page: DumpPage, source_name: str | None, skip: frozenset[int]) -> Headline | None:
    """No title line: a line printed twice near the top, else the first headline-like line."""
    from digest.importer.boilerplate import is_boilerplate, is_list_heading
    from digest.importer.byline import parse_byline
    from digest.importer.dateline import is_date_line
    from digest.importer.related import is_related_heading, parse_related_line

    def furniture(unit: str) -> bool:
        return is_boilerplate(unit) or is_list_heading(unit) or is_date_line(unit) \
            or bool(parse_byline(unit, source_name)) or is_related_heading(unit) or bool(parse_related_line(unit))

    head: list[int] = []
    fields: set[int] = set()
    for i in range(len(page.lines)):
        if i in skip:
            continue
        unit = page.lines[i]
        if is_date_line(unit) or parse_byline(unit, source_name):
            fields.add(i)
        elif not furniture(unit):
            head.append(i)
            if len(head) == 10:
                break
    keys = {i: norm_key(page.lines[i]) for i in head}
    for i in head:
        if _is_headline(page.lines[i]) and sum(1 for k in keys.values() if k == keys[i]) > 1:
            return Headline(page.lines[i], i)
    source_key = norm_key(source_name or "")

    def masthead(i: int) -> bool:
        return len(source_key) >= 4 and keys[i].startswith(source_key)

    def candidate(i: int) -> bool:
        unit = page.lines[i]
        return _is_headline(unit) and len(unit.split()) >= 3 and not masthead(i) \
            and not re.search(r"\s(?:--|\|)\s", unit)

    # The article's header: the headline right below a dateline or byline, else the first one
    # shortly above it (a standfirst may sit between); a masthead is neither.
    for i in head:
        if i - 1 in fields and candidate(i):
            return Headline(page.lines[i], i)
    for i in head:
        if any(i + k in fields for k in (1, 2, 3)) and candidate(i):
            return Headline(page.lines[i], i)
    for min_words in (3, 2):
        for i in head:
            if _is_headline(page.lines[i]) and len(page.lines[i].split()) >= min_words and not masthead(i):
                return Headline(page.lines[i], i)
    return None


def _is_headline(unit: str) -> bool:
    return 8 <= len(unit) <= 250 and not re.search(r"[.:;,]$", unit) and len(unit.split()) >= 2 \
        and not re.match(r"^(?:[•●▪◦‣]|[-*+](?=\s))", unit)
