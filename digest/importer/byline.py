"""Bylines: "By Jane Doe and John Roe, CNN", "Von Anna Berg", "Par Luc Martin à Paris",
"Автор: Иван Петров" -> the author names.

Does not look for dates on the same line (the text-dump reader splits those off first).
"""

from __future__ import annotations

import re

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
