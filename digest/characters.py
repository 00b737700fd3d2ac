"""Which characters a content file may hold: the one rule at the content boundary.

Pages and feeds are XML-compatible text, so a character XML 1.0 forbids (C0 controls other than
tab and newline, lone surrogates, U+FFFE/U+FFFF and the other non-characters) can never be
published: anywhere in a content file or digest.yaml it is an error at its line and column (the
importer removes such characters, so only hand edits meet this).  Bidirectional overrides are
allowed but flagged where they can disguise a title (`digest check`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterator

# XML 1.0 Char excludes these; non-characters (U+FDD0..U+FDEF, U+xFFFE/U+xFFFF) are discouraged
# by XML and refused by several feed readers.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                       + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
                                 for plane in range(1, 17)) + "]")
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def describe(char: str) -> str:
    """'U+0007 (a control character)' and the like."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate"
    elif unicodedata.category(char) == "Cc":
        kind = "a control character"
    else:
        kind = "a Unicode non-character"
    return f"U+{code:04X} ({kind})"


def forbidden_positions(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, character) of each forbidden character, 1-based."""
    for match in FORBIDDEN.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        yield line, column, match.group()


def first_forbidden(value: Any) -> str | None:
    """The first forbidden character in a parsed YAML value (strings inside lists and mappings
    too, keys included), or None."""
    if isinstance(value, str):
        found = FORBIDDEN.search(value)
        return found.group() if found else None
    if isinstance(value, dict):
        items: Any = [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        return None
    for item in items:
        found = first_forbidden(item)
        if found:
            return found
    return None
