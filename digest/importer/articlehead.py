"""The article's header in a text dump, found from its shape alone: a headline-shaped line with a
dateline or byline right below it (perhaps after a short label or a standfirst), then running text.

Knows nothing of the page's <title> line; headline.py weighs these cues against it.  Teasers in
link lists share the shape but are followed by a line or two of text, not by the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.importer.bylinescan import parse_byline
from digest.importer.dates import find_date
from digest.importer.dumppage import DumpPage, norm_key

_BYLINE_START = re.compile(
    r"^(?:by|von|par|por|di|door|av|af|written by|posted by|autor(?:in)?:?|author:?|auteur\s?:?|text:?|"
    r"veröffentlicht|published|publiziert|publié|publicado|updated|aktualisiert|stand:|erstellt)\b", re.I)
_DIGIT = re.compile(r"\d")
_SHAPE_END = re.compile(r"[.:;,]$")
_BULLET = re.compile(r"^(?:[•●▪◦‣>»›|/]|[-*+](?=\s))")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}(?:-[^\W\d_]+)*[!?]?")  # not a domain, code or number
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # scripts written without spaces
_PROSE_LEN = 80       # a line this long is running text (or a standfirst)
_SCAN = 800           # lines of the page searched


@dataclass(frozen=True)
class HeaderCue:
    """What follows (and precedes) one line, as evidence that it opens the article."""

    index: int
    meta: bool          # a dateline or byline right below (after at most a label or a standfirst)
    prose: int          # characters of running text in the lines below
    repeated: bool      # printed twice in a row (the page's heading and a share or print title)
    crumb: bool         # the last step of a breadcrumb trail printed just above it
    lead: bool = False  # running text starts within the next three lines

    @property
    def opens_article(self) -> bool:
        """A dateline or byline, then at least a paragraph of text; or a long run of text right below."""
        return (self.meta and self.prose >= (150 if self.repeated else 250)) or (self.lead and self.prose >= 1000)


def is_meta_line(line: str, source_name: str | None = None) -> bool:
    """A dateline or byline: a short line with a date, or one naming the author."""
    # dateline and byline are steps that take the headline: loaded when first used, so that they may
    # import headline.py (which imports this module) without a cycle.
    if len(line) > 160:
        return False
    if _BYLINE_START.match(line):
        return True
    if _DIGIT.search(line) and len(line) <= 100:
        from digest.importer.datedline import is_date_line

        if find_date(line) is not None or is_date_line(line):
            return True

    return len(line) <= 80 and bool(parse_byline(line, source_name))


def word_count(line: str) -> int:
    """Words of a line; in scripts written without spaces (Chinese, Japanese) two characters count as one."""
    return len(line.split()) + len(UNSPACED_SCRIPT.findall(line)) // 2


def is_headline_shaped(line: str) -> bool:
    """Short, no sentence punctuation at the end, not a list item or a trail; one word is enough
    when it is a long one (blog posts are often titled so)."""
    return 6 <= len(line) <= 250 and (word_count(line) >= 2 or bool(_LONG_WORD.fullmatch(line))) \
        and not _SHAPE_END.search(line) and not _BULLET.match(line)


def header_cue(page: DumpPage, index: int, source_name: str | None = None,
               meta_lines: "dict[int, bool] | None" = None, prose: int | None = None) -> HeaderCue:
    """The evidence around one line (see `HeaderCue`); `meta_lines` caches `is_meta_line` by index,
    `prose` is `_prose_below` when the caller has it."""
    lines = page.lines
    memo = {} if meta_lines is None else meta_lines
    key = norm_key(lines[index])
    meta = False
    for step in range(1, 4):
        below = index + step
        if below >= len(lines):
            break
        line = lines[below]
        if below not in memo:
            memo[below] = is_meta_line(line, source_name)
        if memo[below]:
            meta = True
            break
        # Between a headline and its dateline: a short label (section, kicker, a name) or a standfirst.
        if not (len(line.split()) <= 5 or len(line) >= _PROSE_LEN or norm_key(line) == key):
            break
    size = len(lines[index])
    repeated = any(0 <= j < len(lines) and size // 2 <= len(lines[j]) <= 2 * size
                   and norm_key(lines[j]) == key for j in (index - 1, index + 1))
    last = key.rsplit(" ", 1)[-1]
    crumb = any(j >= 1 and len(lines[j]) > size + 3 and last in lines[j].casefold()
                and norm_key(lines[j]).endswith(" " + key) for j in (index - 1, index - 2))
    lead = any(len(line) >= _PROSE_LEN for line in lines[index + 1:index + 4])
    return HeaderCue(index, meta, _prose_below(lines, index) if prose is None else prose, repeated, crumb, lead)


def _prose_below(lines: "tuple[str, ...]", index: int) -> int:
    """Characters of running text in the twelve lines below (teasers cut with an ellipsis left out)."""
    total = sum(len(line) for line in lines[index + 1:index + 13]
                if len(line) >= _PROSE_LEN and not line.endswith(("…", "...")))
    return min(total, 3000)


def article_headers(page: DumpPage, source_name: str | None = None, start: int = 1) -> list[HeaderCue]:
    """Every headline-shaped line that opens an article (see `HeaderCue.opens_article`), in page order."""
    end = min(len(page.lines), _SCAN)
    # Running text below each line, from sums over the page (one pass instead of one per line).
    sums = [0]
    for line in page.lines[: end + 13]:
        sums.append(sums[-1] + (len(line) if len(line) >= _PROSE_LEN and not line.endswith(("…", "...")) else 0))
    found: list[HeaderCue] = []
    memo: dict[int, bool] = {}
    for index in range(start, end):
        line = page.lines[index]
        prose = min(sums[min(index + 13, len(sums) - 1)] - sums[index + 1], 3000)
        # Cheap tests first: no opener has less than a short paragraph below it.
        if prose < 150 or not is_headline_shaped(line):
            continue
        if index not in memo:
            memo[index] = is_meta_line(line, source_name)
        if memo[index]:
            continue
        cue = header_cue(page, index, source_name, memo, prose)
        if cue.opens_article:
            found.append(cue)
    return found
