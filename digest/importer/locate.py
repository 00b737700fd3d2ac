"""Where the article is in a text dump: the lines of its body, in order, below the headline.

Lines are read as a sequence, not by lists of known menu words.  linescore.py classes each line on
its own (length, sentence punctuation, stop-word density in the page's language, repetition on the
page, link-like and truncated-teaser shapes, then jusText's context rules); linemodel.py turns those
facts, the line's place (distance to the headline, share of the page's prose above it) and the shape
of its neighbours into the log-odds that the line is article text, with trees fitted on annotated
pages.  The article is the stretch whose log-odds, less ODDS_THRESHOLD, sum highest (one line counts
at most LINE_CREDIT and costs at most LINE_DEBT, so a caption or an "Advertisement" line inside the
article does not split it, while a block of teasers, comments or footer lines ends it); the
headline never adds to it.  The one threshold trades what is kept against what leaks.  A stretch
just below the headline that holds up against the best one is taken instead, and the article's other
parts are joined to it across a box, a chart or a gallery (see `best_stretch`).

Around that stretch: between the headline and the first paragraph only the standfirst and date
lines are kept (and date lines just above the first paragraph); the stretch goes on across inline
furniture to a paragraph the model does not rule out, takes a sign-off sentence, and a "Related"
list right below it for the related finder.  Inside it, lines the model scores under DROP_ODDS
(captions, inline teasers, "more on this" lines) and known furniture are left out, but not list
items, rules or subheads (a short line above a paragraph the model is sure of).  Without a fitted model, or when the
model's stretch holds hardly any prose, the older prose-run finder decides: each line scores its
prose characters or a fixed cost, and the run at the headline is taken (`prose_runs`, `main_run`).

Returns line indices into `DumpPage.lines` (the headline itself excluded); the reader later removes
the lines other steps took as fields (date, byline, related).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.importer.boilerplate import is_boilerplate, is_list_heading, looks_like_headline
from digest.importer.datedline import is_date_line
from digest.importer.dates import find_date
from digest.importer.dumppage import DumpPage
from digest.importer.headline import Headline
from digest.importer.linemodel import feature_matrix, line_logodds
from digest.importer.linescore import BAD, LineFacts, line_facts, revise
from digest.importer.related import is_related_heading, parse_related_line

_TERMINAL = re.compile(r"[.!?…»”\"')\]]$")
_BULLET = re.compile(r"^(?:[•●▪◦‣]|[-*+](?=\s))\s*")

TAIL_LINES = 2         # sentence lines right after the last paragraph still taken
LINE_COST = 80.0       # a line of non-prose costs a stretch this many characters of prose
HARD_GAP = 12          # non-prose lines in a row that always end a stretch
FURNITURE_FACTOR = 0.25  # furniture lines the body drops anyway cost this share of LINE_COST
RELATED_REACH = 3      # a "Related" heading this close below the article brings its list into the span
MAX_RELATED = 12
MAX_LINE_VALUE = 800   # one long line counts at most this much
ISOLATED_FACTOR = 0.5  # a prose line shorter than ISOLATED_CHARS with no prose beside it counts this share
ISOLATED_CHARS = 300
NEAR_HEADLINE = 15     # a run starting this close below the headline is the article ...
NEAR_MASS = 150        # ... when it holds this many characters of prose
ABOVE_FACTOR = 4.0     # a run above the headline this many times bigger than the one below wins
HEADER_REACH = 15      # lines between the headline and the first paragraph still taken as its header
ODDS_THRESHOLD = -0.25  # a line with log-odds of article text over this adds to a stretch ...
LINE_CREDIT = 4.0      # ... at most this much,
LINE_DEBT = 0.5        # and one under it costs at most this much
DATE_REACH = 10        # date lines this close above the first paragraph are in its header
TAIL_ODDS = -3.0       # a prose line after furniture below the stretch this likely or more still belongs
FURNITURE_REACH = 2    # furniture lines crossed to reach it
EDGE_ODDS = 0.0        # a stretch's first line, unless prose, is dropped when under this
DECK_REACH = 3         # a deck line this close above the first paragraph ...
DECK_WORDS = (4, 15)   # ... with this many words ...
DECK_ODDS = -1.0       # ... and log-odds this high is kept in the header
SUBHEAD_WORDS = 12     # a subhead has at most this many words ...
SURE_ODDS = 0.0        # ... and a paragraph this likely below it
NEAR_SHARE = 0.5       # a stretch just below the headline scoring this share of the best one is taken
UP_GAP = 30            # between the headline and the best stretch, a gap this wide ...
UP_MIN = 1.0           # ... to a stretch scoring this much is crossed
GAP_ODDS = -1.0        # a line under these log-odds ...
GAP_CHARS = 20         # a line this long counts in a gap
JOIN_GAP = 10           # a second stretch this few lines away ...
JOIN_MIN = 6.0         # ... scoring this much is joined to the best one
JOIN_SHARE = 0.5       # ... or this share of the best one, when it is small
DROP_ODDS = -0.5       # lines inside the stretch this unlikely to be article text are left out (below
                       # ODDS_THRESHOLD: a line that adds to the stretch is never dropped)


@dataclass(frozen=True)
class ArticleSpan:
    """The body lines of the article (indices into the page's lines, ascending)."""

    lines: tuple[int, ...]
    start: int          # first line of the article's header zone (headline or above)
    end: int            # one past the last body line


@dataclass(frozen=True)
class Run:
    """A stretch of the page: first and last line, and the characters of prose in it."""

    first: int
    last: int
    mass: int


def locate_article(page: DumpPage, headline: Headline | None) -> ArticleSpan:
    """The body lines: the stretch the line model scores best (unless it holds under NEAR_MASS characters
    of prose), else the run of prose at the headline; without furniture and link lists."""
    if not page.lines:
        return ArticleSpan((), 0, 0)
    facts = line_facts(page)
    classes = revise(facts)
    anchor = _anchor(page, headline)
    related = related_lines(page.lines)
    odds = line_logodds(feature_matrix(page.lines, facts, classes, related, anchor, bool(page.stopwords)))
    stretch = None if odds is None else best_stretch(odds, anchor, page.lines)
    if stretch is not None:
        first, last = stretch
        while first < last and not facts[first].prose and odds[first] < EDGE_ODDS:
            first += 1          # the stretch starts at its first paragraph; the header is found below
        header = _header(page, facts, classes, first, anchor, odds)
        weak = frozenset(i for i in range(first, last + 1)
                         if odds[i] < DROP_ODDS and i not in related and not _kept_shape(facts, i, odds)
                         and not is_date_line(page.lines[i]))
        crossed = _over_furniture(page, facts, related, odds, last)
        weak |= {i for i in range(last + 1, crossed) if facts[i].furniture and i not in related}
        last = _related_below(page, facts, _tail(facts, crossed))
        span = _span(page, first, last, anchor, header, weak)
        if sum(facts[i].chars for i in span.lines if facts[i].prose) >= NEAR_MASS:
            return span
    return _by_runs(page, facts, classes, anchor)


def best_stretch(odds, anchor: int | None, lines: tuple[str, ...] = ()) -> tuple[int, int] | None:
    """The stretch of lines whose log-odds of article text, less ODDS_THRESHOLD, sum highest (each line
    counted between -LINE_DEBT and LINE_CREDIT, so one caption or one long line does not decide; the
    headline never adds); None when no line is over the threshold.  A stretch of prose that scores at
    least JOIN_MIN and lies at most JOIN_GAP lines from it (a gallery, a fact box or a product box
    between two parts of the article) is joined to it, on the same side of the headline; between the
    headline and the best stretch, any stretch scoring UP_MIN up to UP_GAP lines away is (the article's
    opening paragraphs, cut off by a picture box or a table of contents).
    A stretch starting within HEADER_REACH lines below the headline is taken as the best one when it
    scores NEAR_SHARE of it."""
    segments = _segments(odds, anchor)
    if not segments:
        return None
    k = max(range(len(segments)), key=lambda i: segments[i][2])
    gaps = _gap_counts(lines, odds)
    if anchor is not None:
        near = next((i for i, seg in enumerate(segments) if anchor < seg[0] <= anchor + HEADER_REACH), None)
        if near is not None and segments[near][2] >= NEAR_SHARE * segments[k][2]:
            k = near            # the stretch right below the headline, when it holds up against the best
    first, last = segments[k][0], segments[k][1]
    for start, end, value in segments[k + 1:]:
        if gaps[start] - gaps[last + 1] > JOIN_GAP or (anchor is not None and last < anchor < start):
            break
        if value >= min(JOIN_MIN, JOIN_SHARE * segments[k][2]):
            last = end
    below = anchor is not None and anchor < first
    for start, end, value in reversed(segments[:k]):
        if gaps[first] - gaps[end + 1] > (UP_GAP if below else JOIN_GAP) \
                or (anchor is not None and end < anchor < first):
            break
        if value >= (UP_MIN if below else JOIN_MIN):
            first = start
    return first, last


def _gap_counts(lines: tuple[str, ...], odds) -> list[int]:
    """Running count of the lines that widen a gap between two stretches: lines of text the model rules
    out (a chart's labels, a lone number, a short paragraph it is unsure of do not count); without the
    page's lines, every line."""
    counts = [0]
    for i in range(len(odds)):
        wide = len(lines[i]) >= GAP_CHARS and odds[i] < GAP_ODDS if lines else True
        counts.append(counts[-1] + wide)
    return counts


def _segments(odds, anchor: int | None) -> list[tuple[int, int, float]]:
    """The page's maximal stretches of clipped log-odds (as in a maximum-sum segment): (first, last, sum)."""
    found: list[tuple[int, int, float]] = []
    best, best_range, total, start = 0.0, None, 0.0, 0
    for index, value in enumerate(odds):
        score = min(max(float(value) - ODDS_THRESHOLD, -LINE_DEBT), LINE_CREDIT)
        if index == anchor:
            score = min(score, 0.0)
        if total <= 0:
            if best_range is not None:
                found.append((*best_range, best))
            best, best_range, total, start = 0.0, None, 0.0, index
        total += score
        if total > best:
            best, best_range = total, (start, index)
    if best_range is not None:
        found.append((*best_range, best))
    return found


def _kept_shape(facts: list[LineFacts], i: int, odds) -> bool:
    """A line inside the article kept whatever the model says: a list item, a rule, or a subhead (a short
    line without sentence punctuation right above a paragraph the model is sure of)."""
    f = facts[i]
    if (f.item and not f.furniture) or f.words == 0:      # a list item; a "---" or "* * *" rule
        return True
    subhead = not f.furniture and not f.terminal and 0 < f.words <= SUBHEAD_WORDS
    return subhead and i + 1 < len(facts) and facts[i + 1].prose and odds[i + 1] > SURE_ODDS


def _over_furniture(page: DumpPage, facts: list[LineFacts], related: set[int], odds, last: int) -> int:
    """Past the stretch's end, across furniture (an "Advertisement" line, a READ MORE link, a line of
    leftover markup; at most FURNITURE_REACH of them, left out of the body), to a line of prose the
    model does not rule out: the article goes on after an inline ad or link."""
    while True:
        j = last + 1
        while j < len(facts) and j - last <= FURNITURE_REACH and (
                j in related or is_boilerplate(page.lines[j]) or facts[j].furniture) \
                and not is_list_heading(page.lines[j]):
            j += 1
        if j == last + 1 or j >= len(facts) or not facts[j].prose or odds[j] < TAIL_ODDS:
            return last
        last = j


def _header(page: DumpPage, facts: list[LineFacts], classes: list[str], first: int, anchor: int | None,
            odds=None) -> list[int]:
    """Standfirst and date lines between the headline and the first paragraph (date lines also up to
    DATE_REACH lines above it when the headline is far off, for the date finder)."""
    if anchor is not None and anchor < first <= anchor + HEADER_REACH:
        top = anchor + 1
    else:
        top = _header_above(facts, classes, first, anchor)
    floor = anchor + 1 if anchor is not None and anchor < first else 0
    dates_from = min(top, max(floor, first - DATE_REACH))
    return [i for i in range(dates_from, first) if (i >= top and (_lede(facts[i]) or _deck(facts[i], i, first, odds)))
            or is_date_line(page.lines[i])]


def _deck(f: LineFacts, i: int, first: int, odds) -> bool:
    """A deck right above the first paragraph: a short title-like line (no sentence punctuation needed)
    the model does not rule out."""
    return (odds is not None and first - i <= DECK_REACH and not f.furniture and DECK_WORDS[0] <= f.words <= DECK_WORDS[1]
            and odds[i] >= DECK_ODDS)


def _by_runs(page: DumpPage, facts: list[LineFacts], classes: list[str], anchor: int | None) -> ArticleSpan:
    """Without a line model: the run of prose at the headline (see prose_runs / main_run)."""
    runs = prose_runs(facts, page.lines, anchor)
    if not runs:
        first = anchor + 1 if anchor is not None else 0
        return _span(page, first, len(page.lines) - 1, anchor)
    run = main_run(runs, anchor)
    last = _tail(facts, run.last)
    last = _related_below(page, facts, last)
    return _span(page, run.first, last, anchor, _header(page, facts, classes, run.first, anchor))


def page_features(page: DumpPage, headline: Headline | None):
    """The line model's feature matrix for a page (one row per line), as locate_article builds it."""
    facts = line_facts(page)
    return feature_matrix(page.lines, facts, revise(facts), related_lines(page.lines), _anchor(page, headline),
                          bool(page.stopwords))


def _lede(f: LineFacts) -> bool:
    """A line between the headline and the first paragraph that belongs to the text: a standfirst."""
    return not f.furniture and (f.prose or (f.terminal and f.words >= 6))


def _related_below(page: DumpPage, facts: list[LineFacts], last: int) -> int:
    """A "Related" list right below the article (its heading within RELATED_REACH lines): taken into
    the span for the related finder, which keeps its titles out of the body."""
    related = related_lines(page.lines[last + 1: last + 1 + RELATED_REACH + MAX_RELATED])
    heading = next((i for i in sorted(related) if i < RELATED_REACH and is_related_heading(page.lines[last + 1 + i])), None)
    if heading is None:
        return last
    end = heading
    while end + 1 in related and not is_related_heading(page.lines[last + 2 + end]) \
            and not is_boilerplate(page.lines[last + 2 + end]):
        end += 1
    return last + 1 + end


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


def prose_runs(facts: list[LineFacts], lines: tuple[str, ...] = (), wall: int | None = None) -> list[Run]:
    """Stretches of text that pay for themselves: prose characters count for a stretch, every line of
    non-prose counts against it (LINE_COST characters); a stretch never crosses HARD_GAP non-prose
    lines.  Each run is the best-scoring stretch starting at one prose line, as in a maximum-sum
    segment; runs are returned in page order and never overlap."""
    scores = line_scores(facts, lines)
    n = len(scores)
    runs: list[Run] = []
    index = 0
    while index < n:
        if scores[index] <= 0:
            index += 1
            continue
        best, best_end, total, gap = scores[index], index, 0.0, 0
        for j in range(index, n):
            if j == wall:
                break
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


def line_scores(facts: list[LineFacts], lines: tuple[str, ...] = ()) -> list[float]:
    """Per line: its prose characters (less for a lone short line of prose, one with no prose next to
    it but furniture), else the cost of a line of non-prose (less for furniture the body drops anyway:
    an "Advertisement" or share line, a READ MORE link)."""
    related = related_lines(lines)
    prose = [f.prose and i not in related for i, f in enumerate(facts)]
    light = [f.furniture or i in related for i, f in enumerate(facts)]
    scores = []
    for i, f in enumerate(facts):
        if not prose[i]:
            scores.append(-LINE_COST * (FURNITURE_FACTOR if light[i] else 1.0))
            continue
        value = float(min(f.chars, MAX_LINE_VALUE))
        if f.chars < ISOLATED_CHARS and not (_prose_beside(prose, light, i, -1) or _prose_beside(prose, light, i, 1)):
            value *= ISOLATED_FACTOR
        scores.append(value)
    return scores


def related_lines(lines: tuple[str, ...]) -> set[int]:
    """READ MORE lines, and "Related" headings with the headline lines under them: the related
    finder takes these out of the body, so they cost a stretch little."""
    found: set[int] = set()
    in_list = False
    for index, unit in enumerate(lines):
        if in_list and looks_like_headline(unit) and not find_date(unit) and not is_related_heading(unit):
            found.add(index)
            continue
        in_list = is_related_heading(unit)
        if in_list or (len(unit) < 300 and parse_related_line(unit) is not None):
            found.add(index)
    return found


def _prose_beside(prose: list[bool], light: list[bool], i: int, step: int) -> bool:
    """Is the nearest line on that side that is not furniture a prose line?"""
    j = i + step
    while 0 <= j < len(prose) and light[j] and not prose[j]:
        j += step
    return 0 <= j < len(prose) and prose[j]


def main_run(runs: list[Run], anchor: int | None) -> Run:
    """The run the article is: the first real one just below the headline, else the first sizeable one
    below it, else (no headline, or nothing below it) the biggest on the page."""
    biggest = max(runs, key=lambda r: r.mass)
    if anchor is None:
        return biggest
    below = [r for r in runs if r.last > anchor]
    chosen = next((r for r in below if r.first <= anchor + NEAR_HEADLINE and r.mass >= NEAR_MASS), None) \
        or next((r for r in below if r.mass >= 0.3 * biggest.mass), None) or biggest
    if biggest.last < anchor and biggest.mass >= ABOVE_FACTOR * chosen.mass:
        return biggest          # the headline found is a teaser below the article
    return chosen


def _header_above(facts: list[LineFacts], classes: list[str], first: int, anchor: int | None) -> int:
    """Lines just above the first paragraph that are not furniture (a standfirst, a byline)."""
    limit = anchor + 1 if anchor is not None and anchor < first else max(0, first - 4)
    while first - 1 >= limit and not facts[first - 1].furniture and classes[first - 1] != BAD:
        first -= 1
    return first


def _span(page: DumpPage, first: int, last: int, anchor: int | None, header: list[int] = (),
          weak: frozenset[int] = frozenset()) -> ArticleSpan:
    kept: list[int] = []
    skip_list = False
    for index in [*header, *range(first, last + 1)]:
        if index == anchor or index in weak:
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
    kept = _drop_trailing_furniture(page, kept, related_lines(page.lines[first:last + 1]), first)
    top = header[0] if header else first
    start = anchor if anchor is not None and anchor < top else max(0, top - 1)
    return ArticleSpan(tuple(kept), start, (kept[-1] + 1) if kept else first)


def _drop_trailing_furniture(page: DumpPage, kept: list[int], related: set[int], offset: int) -> list[int]:
    """Short label-like lines after the last paragraph are page furniture, not article text (a
    "Related" list is left for the related finder)."""
    end = len(kept)
    while end > 1:
        unit = page.lines[kept[end - 1]]
        if kept[end - 1] - offset in related:
            break
        if len(unit.split()) <= 6 and not _TERMINAL.search(unit) and not _BULLET.match(unit):
            end -= 1
        else:
            break
    return kept[:end]
