"""Bylines: "By Jane Doe and John Roe, CNN", "Von Anna Berg", "Par Luc Martin à Paris",
"Автор: Иван Петров" -> the author names.

Does not look for dates on the same line (the text-dump reader splits those off first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from digest.importer.dumppage import DumpPage
    from digest.importer.headline import Headline
    from digest.importer.locate import ArticleSpan

_PREFIX = re.compile(
    r"^(?:by|written by|words by|story by|reporting by|posted by|published by|reported by|von|par|por|di|de|door|автор:?|текст:?|"
    r"author:|autor:|auteur\s?:|autore:|text:|texto:|redacción:)\s+(?P<names>.+)$",
    re.I)
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bи\b|\ben\b)\s*")
_TRAILER = re.compile(
    r"\s+(?:in|im|à|a|en|aus|из|в|reporting from|for)\s+\p{Lu}.*$".replace(r"\p{Lu}", r"[A-ZÀ-ÖØ-ÞА-ЯЁ]"))
_NAME = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]*\.?)(?:\s+(?:(?:van|von|der|de|da|del|di|la|le|du|bin|al|ibn)\s+)*[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]*){1,3}$")
_ROLE = re.compile(r"\b(?:correspondent|editor|reporter|staff|writer|contributor|journalist|"
                   r"korrespondent|redakteur|correspondant|rédacteur|corresponsal|redactor|корреспондент)\b", re.I)


def parse_byline(line: str, source_name: str | None = None) -> tuple[str, ...] | None:
    """Author names if `line` is a byline, else None."""
    text = line.strip().rstrip(".")
    if len(text) > 160:
        return None
    match = _PREFIX.match(text)
    if not match:
        return None
    names_text = match["names"]
    names_text = _TRAILER.sub("", names_text)
    names: list[str] = []
    for part in _SPLIT.split(names_text):
        part = part.strip(" .")
        if not part or _ROLE.search(part) or (source_name and part.lower() == source_name.lower()):
            continue
        if part.isupper():
            if " " not in part:
                continue  # an outlet: "CNN", "AFP"
            part = part.title()
        if not _NAME.match(part):
            if names:
                continue  # an outlet or a role after the names: "Jane Doe, Vellmar Post"
            return None
        names.append(part)
    return tuple(names) or None


# ----------------------------------------------------------------- bylines in a text dump

_BARE_NAME = re.compile(r"^(?P<name>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+){1,2})"
                        r"(?:\s+(?:in|à|in|en|aus|в)\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’ -]+)?$")
_PARTS = re.compile(r"\s+[|·•]\s+|\s+[–—-]\s+(?=\S)")


@dataclass(frozen=True)
class BylineFinding:
    """The author names found, and the lines that were only a byline (to leave the body)."""

    names: tuple[str, ...] = ()
    lines: frozenset[int] = frozenset()


def find_byline(page: "DumpPage", headline: "Headline | None", span: "ArticleSpan",
                date_lines: frozenset[int] = frozenset(), source_name: str | None = None) -> BylineFinding:
    """A "By ..." line near the headline or at the top of the article, else a bare name beside the date."""
    for index in _near_headline(page, headline, span):
        unit = page.lines[index]
        for part in [p for p in _PARTS.split(unit) if p.strip()] or [unit]:
            names = parse_byline(_before_date(part), source_name)
            if names:
                return BylineFinding(names, frozenset({index}))
    for index in _near_headline(page, headline, span):
        if (index - 1 in date_lines or index + 1 in date_lines) and len(page.lines[index]) <= 60:
            match = _BARE_NAME.match(page.lines[index])
            if match and _key(page.lines[index]) != _key(source_name or ""):
                return BylineFinding((match["name"],), frozenset({index}))
    return BylineFinding()


def _before_date(text: str) -> str:
    from digest.importer.dates import find_date

    match = find_date(text)
    return text[: match.start] if match and match.start > 3 else text


def _near_headline(page: "DumpPage", headline: "Headline | None", span: "ArticleSpan") -> list[int]:
    if headline is None or headline.index is None:
        return list(span.lines[:15])
    around = [i for i in range(max(0, headline.index - 12), min(len(page.lines), headline.index + 12))
              if i != headline.index]
    return around + [i for i in span.lines[:15] if i not in set(around)]


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()
