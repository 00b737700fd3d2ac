"""Where the article is in a text dump: the lines of its body, in order, below the headline.

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
from digest.importer.related import is_related_heading

_TERMINAL = re.compile(r"[.!?…»”\"')\]]$")
_BULLET = re.compile(r"^(?:[•●▪◦‣]|[-*+](?=\s))\s*")


@dataclass(frozen=True)
class ArticleSpan:
    """The body lines of the article (indices into the page's lines, ascending)."""

    lines: tuple[int, ...]
    start: int          # first line of the article's header zone (headline or above)
    end: int            # one past the last body line


def locate_article(page: DumpPage, headline: Headline | None) -> ArticleSpan:
    """The body lines: below the headline, without furniture and link lists."""
    start = headline.index + 1 if headline is not None and headline.index is not None else 0
    kept: list[int] = []
    skip_list = False
    for index in range(start, len(page.lines)):
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
    return ArticleSpan(tuple(kept), max(0, start - 1), (kept[-1] + 1) if kept else start)


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
