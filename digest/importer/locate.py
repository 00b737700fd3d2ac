"""Where the article is in a text dump: the lines of its body, in order, below the headline.

Every line is classed as prose or furniture (linescore.py: length, sentence punctuation, stop-word
density, repetition, then jusText's context rules).  Good lines close to one another form runs; the
article is the run of prose at the headline (else the densest one), with the short lines inside it
(subheads, quotes, list items) and the header lines between the headline and the first paragraph.
What lies beyond a long stretch of non-prose (teaser lists, "Most read", comment widgets, footers)
stays out.

Returns line indices into `DumpPage.lines` (the headline itself excluded); the reader later removes
the lines other steps took as fields (date, byline, related).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.importer.boilerplate import is_boilerplate, is_list_heading, looks_like_headline
from digest.importer.dates import find_date
from digest.importer.dumppage import DumpPage
from digest.importer.headline import Headline
from digest.importer.linescore import BAD, GOOD, LineFacts, line_facts, revise
from digest.importer.related import is_related_heading

_TERMINAL = re.compile(r"[.!?…»”\"')\]]$")
_BULLET = re.compile(r"^(?:[•●▪◦‣]|[-*+](?=\s))\s*")

MAX_GAP = 3.0          # non-prose lines (weighted) that may stand between two paragraphs of one run
TAIL_LINES = 2         # sentence lines right after the last paragraph still taken
PROSE_MODE = "a"
LINE_COST = 80.0       # a line of non-prose costs a stretch this many characters of prose
HARD_GAP = 12          # non-prose lines in a row that always end a stretch
MAX_LINE_VALUE = 800   # one long line counts at most this much
ISOLATED_FACTOR = 0.5
ISOLATED_CHARS = 300   # a prose line shorter than this, with no prose on either side, does not extend a run
HEADER_REACH = 15      # lines between the headline and the first paragraph still taken as its header


@dataclass(frozen=True)
class ArticleSpan:
    """The body lines of the article (indices into the page's lines, ascending)."""

    lines: tuple[int, ...]
    start: int          # first line of the article's header zone (headline or above)
    end: int            # one past the last body line


@dataclass(frozen=True)
class Run:
    """Good lines close together: first and last line, and the characters of prose in it."""

    first: int
    last: int
    mass: int


def locate_article(page: DumpPage, headline: Headline | None) -> ArticleSpan:
    """The body lines: the run of prose at the headline, without furniture and link lists."""
    if not page.lines:
        return ArticleSpan((), 0, 0)
    facts = line_facts(page)
    classes = revise(facts)
    runs = prose_runs(facts, classes)
    anchor = _anchor(page, headline)
    if not runs:
        first = anchor + 1 if anchor is not None else 0
        return _span(page, first, len(page.lines) - 1, anchor)
    run = main_run(runs, anchor)
    first = run.first
    last = _tail(facts, run.last)
    if anchor is not None and anchor < first <= anchor + HEADER_REACH:
        first = anchor + 1
    else:
        first = _header_above(facts, classes, first, anchor)
    return _span(page, first, last, anchor)


def _tail(facts: list[LineFacts], last: int) -> int:
    """The sentences right after the last paragraph (a sign-off, a credit, a closing line)."""
    for _ in range(TAIL_LINES):
        if last + 1 >= len(facts):
            break
        f = facts[last + 1]
        if f.furniture or f.truncated or not (f.terminal or f.cls != "short" and f.cls != BAD):
            break
        last += 1
    return last


def _anchor(page: DumpPage, headline: Headline | None) -> int | None:
    if headline is None or headline.index is None:
        return None
    if headline.index == 0 and page.has_title_line:
        return None
    return headline.index


def prose_runs(facts: list[LineFacts], classes: list[str]) -> list[Run]:
    """Stretches of text that pay for themselves: prose characters count for a stretch, every line of
    non-prose counts against it (LINE_COST characters); a stretch never crosses HARD_GAP non-prose
    lines.  Each run is the best-scoring stretch starting at one prose line, as in a maximum-sum
    segment; runs are returned in page order and never overlap."""
    scores = line_scores(facts, classes)
    n = len(scores)
    runs: list[Run] = []
    index = 0
    while index < n:
        if scores[index] <= 0:
            index += 1
            continue
        best, best_end, total, gap = scores[index], index, 0.0, 0
        for j in range(index, n):
            total += scores[j]
            gap = gap + 1 if scores[j] <= 0 else 0
            if gap > HARD_GAP:
                break
            if total > best:
                best, best_end = total, j
        mass = sum(facts[k].chars for k in range(index, best_end + 1) if scores[k] > 0)
        runs.append(Run(index, best_end, mass))
        index = best_end + 1
    return runs


def line_scores(facts: list[LineFacts], classes: list[str]) -> list[float]:
    """Per line: its prose characters (less for a lone short line of prose), else -LINE_COST."""
    prose = [f.prose and (PROSE_MODE == "a" or cls != BAD) for f, cls in zip(facts, classes)]
    n = len(prose)
    scores = []
    for i, f in enumerate(facts):
        if not prose[i]:
            scores.append(-LINE_COST)
            continue
        alone = not ((i > 0 and prose[i - 1]) or (i + 1 < n and prose[i + 1]))
        value = float(min(f.chars, MAX_LINE_VALUE))
        if alone and f.chars < ISOLATED_CHARS:
            value *= ISOLATED_FACTOR
        scores.append(value)
    return scores


def main_run(runs: list[Run], anchor: int | None) -> Run:
    """The run the article is: the biggest one, preferring the first sizeable one below the headline."""
    biggest = max(runs, key=lambda r: r.mass)
    if anchor is None:
        return biggest
    below = [r for r in runs if r.last > anchor]
    for run in below:
        if run.mass >= 0.3 * biggest.mass:
            return run
    return biggest


def _header_above(facts: list[LineFacts], classes: list[str], first: int, anchor: int | None) -> int:
    """Lines just above the first paragraph that are not furniture (a standfirst, a byline)."""
    limit = anchor + 1 if anchor is not None and anchor < first else max(0, first - 4)
    while first - 1 >= limit and not facts[first - 1].furniture and classes[first - 1] != BAD:
        first -= 1
    return first


def _span(page: DumpPage, first: int, last: int, anchor: int | None) -> ArticleSpan:
    kept: list[int] = []
    skip_list = False
    for index in range(first, last + 1):
        if index == anchor:
            continue
        unit = page.lines[index]
        if skip_list:
            if looks_like_headline(unit) and not find_date(unit):
                continue
            skip_list = False
        if is_list_heading(unit):
            skip_list = True
            continue
        if is_related_heading(unit):
            kept.append(index)
            continue
        if is_boilerplate(unit):
            continue
        kept.append(index)
    kept = _drop_trailing_furniture(page, kept)
    start = anchor if anchor is not None and anchor < first else max(0, first - 1)
    return ArticleSpan(tuple(kept), start, (kept[-1] + 1) if kept else first)


def _drop_trailing_furniture(page: DumpPage, kept: list[int]) -> list[int]:
    """Short label-like lines after the last paragraph are page furniture, not article text."""
    end = len(kept)
    while end > 1:
        unit = page.lines[kept[end - 1]]
        if len(unit.split()) <= 6 and not _TERMINAL.search(unit) and not _BULLET.match(unit):
            end -= 1
        else:
            break
    return kept[:end]
