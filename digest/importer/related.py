"""READ MORE style lines: "READ MORE: title", "Related: title (url)", "Lire aussi : ...",
"Читайте также: ..." -> `Related(title, url)`, so they leave the body for the `related` list.

Also recognises the bare heading form ("More on this story") whose following lines are titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.importer.article import Related

_LABELS = (
    r"read more|read also|also read|read next|learn more|"
    r"related(?: articles?| stories| coverage| content| posts| news| links| reading)?|"
    r"recommended (?:articles|stories|reading)|also on [\w.-]+\.[a-z]{2,}|also on [A-Z][\w-]+|"
    r"more on this(?: story| topic)?|see also|further reading|"
    r"mehr zum thema|lesen sie auch|lesen sie mehr|auch interessant|siehe auch|weiterlesen|zum thema|"
    r"à lire aussi|a lire aussi|lire aussi|voir aussi|sur le même sujet|lire la suite|"
    r"leer más|lee también|lea también|te puede interesar|le puede interesar|relacionado|relacionadas|"
    r"ver también|noticias relacionadas|"
    r"leggi anche|leggi pure|approfondisci|leia também|leia mais|veja também|lees ook|"
    r"читайте также|читайте еще|читайте ещё|подробнее|смотрите также|по теме|также по теме|читайте також|"
    r"lees ook|lees meer|czytaj także|czytaj też|zobacz także|zobacz też|čtěte také|čtěte též|"
    r"läs också|läs även|læs også|les også|ayrıca okuyun|ilgili haberler|baca juga|"
    r"اقرأ أيضا|اقرأ أيضاً|关联阅读|相关阅读|延伸阅读|相关新闻|関連記事|あわせて読みたい"
)
_HEADING_ITEMS = 10   # a "Related" heading lists a handful of headlines; more is a menu or a footer
_LINE = re.compile(rf"^\s*(?:{_LABELS})\s*(?:[:：|»›>–—-]+|\s(?=\S))\s*(?P<rest>.+)$", re.I)
_CAPS_LINE = re.compile(rf"^\s*(?:{_LABELS.upper()})\s+(?P<rest>.+)$")
_HEADING = re.compile(rf"^\s*(?:{_LABELS})\s*[:：.»›]?\s*$", re.I)
_URL = re.compile(r"<?(https?://[^\s<>()]+[^\s<>().,;:!?'\"])>?")


def parse_related_line(line: str) -> Related | None:
    """The Related entry a `LABEL: title [url]` line stands for, or None."""
    text = line.strip()
    if len(text) > 300:
        return None
    match = _LINE.match(text) or _CAPS_LINE.match(text)
    if not match:
        return None
    rest = match["rest"].strip()
    label_end = match.start("rest")
    separator = text[:label_end].rstrip()[-1:]
    # "Read more about the budget in ..." is a sentence, not a link line: insist on a separator
    # (or an upper-case label, the way RT and the tabloids print it).
    if separator.isalnum() and not text[:label_end].strip().isupper():
        return None
    return related_from_text(rest)


def related_from_text(text: str, url: str | None = None) -> Related | None:
    """Split `title (url)` / `title url` into a Related entry."""
    found = _URL.search(text)
    if found and url is None:
        url = found.group(1)
        text = (text[: found.start()] + text[found.end():]).strip()
        text = re.sub(r"\(\s*\)|\[\s*\]", "", text).strip(" -–—|:")
    title = text.strip().strip("»›").strip()
    if not title:
        return Related(url, url) if url else None
    return Related(title, url)


def is_related_heading(line: str) -> bool:
    """True for a bare "More on this story" / "Related" / "Lire aussi" heading line."""
    return bool(_HEADING.match(line.strip()))


@dataclass(frozen=True)
class RelatedFinding:
    """READ MORE entries taken from the article, and the lines they were printed on."""

    entries: tuple[Related, ...] = ()
    lines: frozenset[int] = frozenset()


def find_related(lines: "tuple[str, ...]", indices: "tuple[int, ...]") -> RelatedFinding:
    """READ MORE lines, and the headline lines under a bare "Related" heading, among `indices`."""
    from digest.importer.boilerplate import is_boilerplate, looks_like_headline
    from digest.importer.dates import find_date

    entries: list[Related] = []
    consumed: set[int] = set()
    in_list, listed = False, 0
    for index in indices:
        unit = lines[index]
        if in_list:
            if looks_like_headline(unit) and not find_date(unit) and listed < _HEADING_ITEMS:
                listed += 1
                consumed.add(index)
                if not is_boilerplate(unit):
                    entry = parse_related_line(unit) or related_from_text(unit)
                    if entry:
                        entries.append(entry)
                continue
            in_list = False
        if is_related_heading(unit):
            in_list, listed = True, 0
            consumed.add(index)
            continue
        entry = parse_related_line(unit)
        if entry:
            entries.append(entry)
            consumed.add(index)
    return RelatedFinding(tuple(entries), frozenset(consumed))
