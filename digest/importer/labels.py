"""Labelled lines an article carries about itself: `Tags: a, b`, `Source: Name` and a bare or
labelled URL line (`Source: https://...`, `Originally published at <url>`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_URL_LINE = re.compile(
    r"^(?:(?:source|url|link|original(?:ly published)?(?: at| on)?|quelle|fuente|source originale|источник)\s*:?\s*)?"
    r"<?(?P<url>https?://[^\s<>]+?)>?[.,;]?$", re.I)
_SOURCE_LINE = re.compile(r"^(?:source|quelle|fuente|источник|fonte)\s*:\s*(?P<name>[^:]{2,60})$", re.I)
_TAGS_LINE = re.compile(
    r"^(?:tags|topics|keywords|filed under|schlagwörter|schlagworte|themen|mots-clés|mots clés|sujets|"
    r"etiquetas|temas|теги|темы|tag)\s*:\s*(?P<tags>.+)$", re.I)
_TERMINAL = re.compile(r"[.!?…»”\"')\]]$")


@dataclass(frozen=True)
class Label:
    """What a labelled line says: its tags, the article's URL, or its source's name."""

    kind: Literal["tags", "url", "source"]
    values: tuple[str, ...]


def read_label(unit: str) -> Label | None:
    """The label a line is, or None (a sentence that happens to start with "Source:" is not one)."""
    match = _TAGS_LINE.match(unit)
    if match:
        return Label("tags", tuple(t.strip() for t in re.split(r"[,;|·#]", match["tags"]) if t.strip()))
    match = _URL_LINE.match(unit)
    if match:
        return Label("url", (match["url"].rstrip(".,;"),))
    match = _SOURCE_LINE.match(unit)
    if match and not _TERMINAL.search(unit):
        return Label("source", (match["name"].strip(),))
    return None
