"""The headline of a text dump: the on-page line that the page's <title> line contains, weighed
against the line that opens the article.

A dump usually starts with the page's <title> ("Headline - Site | Section"), and prints the headline
again above the article.  The headline is the later line that the title line contains: not a part
printed as the page's masthead (its first lines: the site's name or tagline), not a teaser cut with
an ellipsis, one that running text follows before one that none follows, then the title's first
part, then the longest (site names and section labels are shorter); without a breadcrumb trail,
another title part, a quoted kicker or a date printed before it, a kicker glued to it or the site's
name glued after it.  When the title line is worded differently, the on-page line most like it; when
no line matches, the title line without its site and section parts.  A line that opens the article
(a dateline or byline below it, its text after: `articlehead`) then wins when it is that headline
(or the title's headline part) with more words, when the title's wording is only a breadcrumb's last
step or a kicker right above it, when the title's headline is not printed (worded like it, or named
by a breadcrumb trail) or printed only where no text follows, or when the line found is the site's
name.  Dumps whose first line is not recognised as a title line take the article's opening line
worded like the first line, else a line printed twice near the top (the seed's form), else the first
headline-like line when it is the first line, else the first line opening an article with a dateline
(not a menu or login label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.importer.articlehead import UNSPACED_SCRIPT, HeaderCue, article_headers, header_cue, word_count
from digest.importer.bylinescan import parse_byline
from digest.importer.dumppage import DumpPage, norm_key

_SEPARATORS = re.compile(r"\s+[|–—•·»«/-]+\s+|\s*[|•·»«]\s*")
_DOMAIN = re.compile(r"\w\w\.(?:[a-z]{2,3}|info|online|news)\b(?!\.)", re.I)  # not "Dr.med." or "Co.Ltd."
_ONLY_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/?$", re.I)  # "example.com"
_SITE_PREFIX = re.compile(r"^(?P<site>[^:]{2,40}):\s+(?P<rest>.+)$")
_WORD = re.compile(r"\w+", re.UNICODE)
_HEAD_SCAN = 800  # lines below the title line searched for the headline


@dataclass(frozen=True)
class Headline:
    """The title found, and the line it was printed on (None when it comes from the title line only)."""

    text: str
    index: int | None


def find_headline(page: DumpPage, source_name: str | None = None,
                  skip: frozenset[int] = frozenset()) -> Headline | None:
    """The article's headline, or None when the page has no line that could be one."""
    if page.has_title_line or _first_line_printed_again(page):
        return _weigh_article_header(page, _headline_from_title(page, source_name), source_name)
    return _header_like_first_line(page, source_name) or _headline_without_title(page, source_name, skip)


def _first_line_printed_again(page: DumpPage) -> bool:
    """A short first line printed again, alone, further down is the page's <title> too (a one- or
    two-word title is too short for the dump reader to call it one)."""
    key = page.keys[0]
    if len(key) < 6 or len(page.lines[0]) > 120:
        return False
    return any(k == key for k in page.keys[1:_HEAD_SCAN])


def _header_like_first_line(page: DumpPage, source_name: str | None) -> Headline | None:
    """A dump whose first line is a <title> worded unlike any line below: the line that opens the
    article (a dateline or byline below it, text after) and shares most of its words with it (or
    whose words are nearly all in it: the title line with the site and author added)."""
    first = page.lines[0]
    first_words = set(_content_words(first))
    if len(first) > 300 or len(first_words) < 2:
        return None
    best: tuple[tuple[float, int], int] | None = None
    for cue in article_headers(page, source_name):
        words = set(_content_words(page.lines[cue.index]))
        shared = len(words & first_words)
        score = shared / len(words | first_words)
        if shared >= 2 and (score >= 0.3 or shared >= 0.8 * len(words)) \
                and (best is None or (score, cue.prose) > best[0]):
            best = ((score, cue.prose), cue.index)
    return Headline(page.lines[best[1]], best[1]) if best else None


def _headline_from_title(page: DumpPage, source_name: str | None) -> Headline:
    """The headline the title line names (see the module docstring), without a kicker glued to it."""
    found = _headline_named_by_title(page, source_name)
    if found.index is None:
        return found
    text = _only_title_part(_without_glued_kicker(found.text, page.lines[0]), page.lines[0])
    undated = _DATE_PREFIX.sub("", text)
    return Headline(undated if word_count(undated) >= 3 else text, found.index)


# "12.03.2024 | Headline": the day a list or archive page printed before the headline.
_DATE_PREFIX = re.compile(r"^(?:\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})?|\d{4}-\d{2}-\d{2})\s*[|–—-]\s+")


def _headline_named_by_title(page: DumpPage, source_name: str | None) -> Headline:
    core = len(norm_key(strip_site_parts(page.lines[0], source_name)))
    found = _headline_in_title(page)
    if found is not None and len(norm_key(found.text)) >= 0.55 * core:
        return found
    found = _headline_like_title(page) or found
    if found is not None and len(norm_key(found.text)) >= 0.55 * core:
        return found
    return Headline(strip_site_parts(page.lines[0], source_name), None)


def _weigh_article_header(page: DumpPage, found: Headline, source_name: str | None) -> Headline:
    """The title line's headline, unless it does not open the article and another line does (a
    dateline or byline below it, the article's text after; see `articlehead`)."""
    if found.index is not None and header_cue(page, found.index, source_name).meta:
        return found
    headers = [c for c in article_headers(page, source_name) if c.index != found.index]
    chosen = _longer_form(page, found, headers) or _headline_below_kicker(page, found, headers) \
        or _headline_below_crumb(page, found, headers)
    if chosen is None:
        if found.index is None:
            chosen = _opener_for_unprinted(page, found, headers)
        elif header_cue(page, found.index, source_name).prose < 300:
            chosen = _opener_for_listed(page, found, headers)
        elif _is_site_part(norm_key(found.text), page.lines[0]):
            chosen = _opener_for_site_part(page, found, headers)
    return Headline(page.lines[chosen.index], chosen.index) if chosen else found


def _longer_form(page: DumpPage, found: Headline, headers: list[HeaderCue]) -> HeaderCue | None:
    """The found headline, or the title line's headline part, printed with more words above the
    article (the title line shortened it)."""
    forms = (found.text, strip_site_parts(page.lines[0]))
    return next((c for c in headers for text in forms if _extends(page.keys[c.index], norm_key(text))
                 and _continues_with_space(page.lines[c.index], text)), None)


def _continues_with_space(line: str, headline: str) -> bool:
    """The line goes on after the headline's words with a space (a longer wording), not with text
    glued to its last word (a kicker or teaser of the next element run into it)."""
    words = _WORD.findall(headline)
    found = re.match(r"\W*" + r"\W*".join(re.escape(w) for w in words), line, re.I) if words else None
    return bool(found) and bool(re.match(r"[^\w\s]*\s", line[found.end():]))


def _headline_below_kicker(page: DumpPage, found: Headline, headers: list[HeaderCue]) -> HeaderCue | None:
    """The title's headline is a short line printed as a kicker right above the article's own headline."""
    if found.index is None or len(norm_key(found.text).split()) > 3:
        return None
    return next((c for c in headers if c.index == found.index + 1 and c.meta), None)


_CRUMB_END = re.compile(r"[>»›/]\s*$")


def _headline_below_crumb(page: DumpPage, found: Headline, headers: list[HeaderCue]) -> HeaderCue | None:
    """The title's headline is the last step of a breadcrumb trail ('Home > News >' above it): the
    page's own headline, worded like it, opens the article a few lines below."""
    if found.index is None or not _CRUMB_END.search(page.lines[found.index - 1]):
        return None
    title_words = set(_content_words(found.text))
    return next((c for c in headers if found.index < c.index <= found.index + 4 and c.meta
                 and word_count(page.lines[c.index]) <= 20
                 and len(set(_content_words(page.lines[c.index])) & title_words) >= 2), None)


def _opener_for_unprinted(page: DumpPage, found: Headline, headers: list[HeaderCue]) -> HeaderCue | None:
    """The title line's headline is not printed: the line opening the article worded like it wins (a
    piece of the title line unless it is a short one); a title naming only a section or a menu label
    ("News - Site") gives way to the first line that opens an article with a dateline."""
    found_key = norm_key(found.text)
    if len(found_key.split()) <= 2:
        first = _first_dated_opener(page, headers)
        if first is not None:
            return first
    title_words = set(_content_words(found.text))
    title_key = f" {page.keys[0]} "

    def worded_like(cue: HeaderCue) -> bool:
        key = page.keys[cue.index]
        if f" {key} " in title_key:
            return len(key) >= 0.4 * len(found_key)
        if cue.crumb and len(key.split()) >= 2 and set(_content_words(key)) & title_words:
            return True  # the last step of a breadcrumb trail: the page's own name for itself
        return _jaccard(_content_words(page.lines[cue.index]), title_words) >= (0.2 if cue.meta else 0.3)

    return _best_worded(page, [c for c in headers if worded_like(c)], title_words)


def _first_dated_opener(page: DumpPage, headers: list[HeaderCue]) -> HeaderCue | None:
    """The first line that opens an article with a dateline or byline and a few paragraphs below,
    and is not a trail ('Home / News')."""
    return next((c for c in headers if c.meta and c.prose >= 500 and len(page.lines[c.index].split()) >= 3
                 and not re.search(r"[/»|>]", page.lines[c.index])), None)


def _opener_for_listed(page: DumpPage, found: Headline, headers: list[HeaderCue]) -> HeaderCue | None:
    """The title's headline is printed only where no text follows (a link list, a footer): a line
    with a dateline that opens the article and shares the title's words wins."""
    found_key = norm_key(found.text)
    title_words = _headline_words(page.lines[0])
    return _best_worded(page, [c for c in headers if c.meta and c.prose >= 500
                               and len(page.lines[c.index].split()) <= 20
                               and found_key not in page.keys[c.index]
                               and _jaccard(_content_words(page.lines[c.index]), title_words) >= 0.2], title_words)


def _opener_for_site_part(page: DumpPage, found: Headline, headers: list[HeaderCue]) -> HeaderCue | None:
    """The line found is only the title line's site part: a line opening the article that shares
    words with the rest of the title line, and none with the site's name, wins."""
    site_words = set(_content_words(found.text))
    title_words = set(_content_words(page.lines[0])) - site_words
    return _best_worded(page, [c for c in headers if not set(_content_words(page.lines[c.index])) & site_words],
                        title_words)


def _best_worded(page: DumpPage, headers: list[HeaderCue], title_words: set[str]) -> HeaderCue | None:
    """The header sharing most words with the title (then most like it, a breadcrumb's last step or
    printed twice, the most text after it)."""
    headers = [c for c in headers if set(_content_words(page.lines[c.index])) & title_words]
    if not headers:
        return None

    def rank(cue: HeaderCue) -> tuple:
        words = _content_words(page.lines[cue.index])
        return (len(set(words) & title_words), _jaccard(words, title_words), cue.crumb or cue.repeated, cue.prose)

    return max(headers, key=rank)


def _extends(key: str, found_key: str) -> bool:
    """`key` is the found headline with a few more words of text after it (not tags or figures)."""
    if not key.startswith(found_key + " ") or len(found_key.split()) < 3 or len(key) > 1.6 * len(found_key):
        return False
    return sum(1 for word in key[len(found_key):].split() if word.isalpha()) >= 2


def _jaccard(words: "list[str] | set[str]", other: set[str]) -> float:
    mine = set(words)
    return len(mine & other) / max(1, len(mine | other))


def _is_site_part(key: str, title: str) -> bool:
    """The last of several parts of the title line, or a first part that is a domain: the site's name."""
    parts = _parts(title)
    if len(parts) < 2:
        return False
    if key == norm_key(parts[0]):
        return bool(_DOMAIN.search(parts[0]))
    # "Headline | Site" or "Headline - Section - Site"; in "Site - Section - Headline" the last part is longest.
    return key == norm_key(parts[-1]) and (len(parts) == 2 or len(key) < max(len(norm_key(p)) for p in parts))


def _headline_in_title(page: DumpPage) -> Headline | None:
    """The on-page line the title line contains (or that contains it); a bare repeat of a title line
    with site parts counts only when no shorter part of it is printed."""
    title = page.keys[0]
    truncated = page.lines[0].rstrip().endswith(("…", "..."))
    if truncated:
        title = title.rsplit(" ", 1)[0]
    found = _best_line(page, title, exclude_exact=len(_parts(page.lines[0])) > 1)
    if found is None or (found[2] is False and _word_count(page.keys[found[0]]) < 3
                         and len(page.keys[found[0]]) < 0.5 * len(title)):
        found = _best_line(page, title, exclude_exact=False) or found
    if found is None:
        return None
    index, _, inside = found
    text = page.lines[index]
    if inside and not truncated:
        text = _matching_part(text, page.lines[0]) or text
    return Headline(text, index)


_TRAIL_END = re.compile(r"(?:[/»>›|]|:)\s*$")


def _only_title_part(text: str, title: str) -> str:
    """A printed line that is one part of the title line with another part or a breadcrumb trail
    before it ('Home / News / Headline', 'Section: Headline'), or the site's name glued after it
    ('Headline Site'): that part alone."""
    parts = _parts(title)
    if len(parts) < 2:
        return text
    keys = [norm_key(p) for p in parts]
    key = norm_key(text)
    for part, part_key in sorted(zip(parts, keys), key=lambda pk: -len(pk[1])):
        if len(part.split()) < 3 or key == part_key:
            continue
        if key.endswith(" " + part_key):
            span = _matching_part(text, part)
            head = text[: text.rfind(span)] if span and text.endswith(span) else ""
            closing_quote = head.rstrip().endswith(("»", "›")) and ("«" in head or "‹" in head)
            if head and _TRAIL_END.search(head) and not closing_quote and len(norm_key(head)) < len(part_key) \
                    and (re.search(r"[/»>›|]", head) or norm_key(head) in keys):
                return span
        elif key.startswith(part_key + " ") and key[len(part_key):].strip() == keys[-1]:
            span = _matching_part(text, part)
            if span and text.startswith(span) and re.match(r"\s+\w", text[len(span):]):
                return span  # the site's name glued to the headline without its separator
    return text


_KICKER_SPLIT = re.compile(r":\s+|\s+[|–—-]\s+")


def _without_glued_kicker(text: str, title: str) -> str:
    """'Kicker Headline' printed as one line, where the title line reads 'Kicker: Headline': the page
    sets the kicker apart by its look, not by punctuation, so the headline is the part after it."""
    key = norm_key(text)
    pieces = _KICKER_SPLIT.split(title)
    for j in range(1, len(pieces)):
        rest = norm_key(pieces[j])
        if len(pieces[j].split()) < 3 or not key.endswith(" " + rest):
            continue
        kicker = key[: -len(rest)].split()
        before = set(norm_key(" ".join(pieces[:j])).split())
        if not 1 <= len(kicker) <= 4 or not set(kicker) & before:
            continue
        words = _WORD.findall(pieces[j])
        found = re.search(r"\W*".join(re.escape(w) for w in words) + r"\W*$", text, re.I)
        if not found:
            continue
        head = text[: found.start()].rstrip()
        opening = re.search(r"[\"'„“‘«]+$", head)
        if opening:  # a quote glued to the kicker opens the headline
            head = head[: opening.start()]
        if head and head[-1].isalnum() and not re.search(r"[\"'„“‘«]", head[-1:]):
            return text[len(head):].strip()
    return text


def _best_line(page: DumpPage, title: str, exclude_exact: bool) -> tuple[int, tuple, bool] | None:
    """The printed line that is a part of the title line (or contains it). A part printed as the
    page's masthead (its first two lines, wherever else it is printed) is the site's name or tagline;
    of the others, one that running text follows (it opens the article) beats one that none follows,
    then the part that opens the title line ('Headline - standfirst | Site') beats a later one, then
    the longest wins.  A teaser cut with an ellipsis is never the headline line."""
    padded = f" {title} "
    best: tuple[int, tuple, bool] | None = None
    masthead = set(page.keys[1:3])
    opening = f"{title} "
    for index in range(1, min(len(page.lines), _HEAD_SCAN)):
        line = page.lines[index]
        key = page.keys[index]
        if len(key) < 4 or len(line) > 400 or (exclude_exact and key == title) or _ONLY_DOMAIN.match(line):
            continue
        if f" {key} " in padded:
            # A part of the title: the headline, or the site or section name (shorter, or printed
            # as the masthead); see the docstring for the order.
            if _word_count(key) < 2 and len(key) < 0.6 * len(title) or _cut_teaser(line, page.lines[0]):
                continue
            prose = _prose_after(page, index)
            first_part = opening.startswith(key + " ")
            score, inside = (key not in masthead, prose >= 1.0, first_part, len(key), prose, -index), False
        elif title in key and len(key) <= 1.6 * len(title) + 20 and _word_count(title) >= 3 \
                and not line.rstrip().endswith("."):
            prose = _prose_after(page, index)
            # Breadcrumbs or a kicker around the title's words.
            score, inside = (key not in masthead, prose >= 1.0, True, len(title), prose, -index), True
        else:
            continue
        if best is None or score > best[1]:
            best = (index, score, inside)
    return best


def _cut_teaser(line: str, title_line: str) -> bool:
    """A line cut short with an ellipsis that the title line does not print so ('Headline cut sho...')."""
    return line.endswith(("…", "...")) and line not in title_line


def _headline_like_title(page: DumpPage) -> Headline | None:
    """A title line worded differently from the on-page headline: the headline-like line sharing most
    of its words with it (the on-page wording wins); the words of the site's name do not count."""
    title_words = _headline_words(page.lines[0])
    if len(title_words) < 2:
        return None
    best: tuple[float, int] | None = None
    for index in range(1, min(len(page.lines), _HEAD_SCAN)):
        line = page.lines[index]
        if not (12 <= len(line) <= 250) or line.endswith((".", ":", ";", ",")):
            continue
        words = set(_content_words(line))
        if len(words) < 2:
            continue
        shared = len(words & title_words)
        score = shared / len(words | title_words)
        if shared >= 2 and score >= 0.34 and shared / len(words) >= 0.5:
            ranked = (score + 0.1 * min(_prose_after(page, index), 2.0), index)
            if best is None or ranked[0] > best[0]:
                best = ranked
    if best is None:
        return None
    return Headline(page.lines[best[1]], best[1])


def _headline_words(title: str) -> set[str]:
    """The words of a title line without those of its site part."""
    return {w for p in _parts(title) if not _is_site_part(norm_key(p), title) for w in _content_words(p)}


def _content_words(text: str) -> list[str]:
    """Words that carry meaning: three letters or more, numbers, and runs of an unspaced script."""
    return [w for w in _WORD.findall(text.casefold()) if len(w) > 2 or w.isdigit() or UNSPACED_SCRIPT.match(w)]


def _parts(title: str) -> list[str]:
    return [p for p in _SEPARATORS.split(title) if p and p.strip()]


def _matching_part(line: str, title: str) -> str | None:
    """The stretch of `line` that spells the title's words (breadcrumbs and kickers left out)."""
    words = _WORD.findall(title)
    if not words:
        return None
    pattern = r"\W*".join(re.escape(w) for w in words)
    found = re.search(rf"[^\w\s]*{pattern}(?:[^\w\s.]|\.(?=\s|$))*", line, re.I)
    if not found:
        return None
    return line[found.start():found.end()].strip().lstrip(">»›|/:–—-· ").strip() or None


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
    """'Headline - Site | Section' -> 'Headline': the longest part between separators; 'Site: Headline'
    -> 'Headline' when the prefix is the source's name."""
    source_key = norm_key(source_name or "")
    prefix = _SITE_PREFIX.match(title.strip())
    if prefix and source_key and norm_key(prefix["site"]) == source_key:
        title = prefix["rest"]
    parts = [p.strip() for p in _parts(title)]
    if len(parts) <= 1:
        return title.strip()
    parts = [p for p in parts if not (source_key and norm_key(p) == source_key) and not _DOMAIN.search(p)] or parts
    first = parts[0]
    longest = max(parts, key=lambda p: len(norm_key(p)))
    if _word_count(norm_key(first)) >= 3 or (len(parts) == 1) or _word_count(norm_key(longest)) < 2 * _word_count(norm_key(first)):
        return first
    return longest


def _headline_without_title(page: DumpPage, source_name: str | None, skip: frozenset[int]) -> Headline | None:
    """No title line: a line printed twice near the top, else the first headline-like line."""
    from digest.importer.boilerplate import is_boilerplate, is_list_heading
    from digest.importer.datedline import is_date_line
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
    keys = {i: page.keys[i] for i in head}
    for i in head:
        if _is_headline(page.lines[i]) and sum(1 for k in keys.values() if k == keys[i]) > 1:
            return Headline(page.lines[i], i)
    source_key = norm_key(source_name or "")

    def masthead(i: int) -> bool:
        return len(source_key) >= 4 and keys[i].startswith(source_key)

    def candidate(i: int) -> bool:
        unit = page.lines[i]
        return _is_headline(unit) and word_count(unit) >= 3 and not masthead(i) \
            and not re.search(r"\s(?:--|\|)\s", unit)

    # The article's header: the headline right below a dateline or byline, else the first one
    # shortly above it (a standfirst may sit between); a masthead is neither.
    for i in head:
        if i - 1 in fields and candidate(i):
            return Headline(page.lines[i], i)
    for i in head:
        if any(i + k in fields for k in (1, 2, 3)) and candidate(i):
            return Headline(page.lines[i], i)
    first = next((i for min_words in (3, 2) for i in head
                  if _is_headline(page.lines[i]) and word_count(page.lines[i]) >= min_words and not masthead(i)), None)
    if first is None or first > 0:
        # Not the dump's first line (a <title> the reader did not recognise): a menu or login label
        # at the top of the page loses to the first line that opens an article with a dateline.
        opener = _first_dated_opener(page, article_headers(page, source_name))
        if opener is not None:
            return Headline(page.lines[opener.index], opener.index)
    return Headline(page.lines[first], first) if first is not None else None


def _is_headline(unit: str) -> bool:
    return 6 <= len(unit) <= 250 and not re.search(r"[.:;,]$", unit) and word_count(unit) >= 2 \
        and not re.match(r"^(?:[•●▪◦‣]|[-*+](?=\s))", unit)
