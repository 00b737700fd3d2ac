"""Which characters a content file may hold: the one rule at the content boundary.

Pages and feeds are XML-compatible text, so a character XML 1.0 forbids (C0 controls other than
tab and newline, lone surrogates, U+FFFE/U+FFFF and the other non-characters) can never be
published: anywhere in a content file or digest.yaml it is an error at its line and column (the
importer removes such characters, so only hand edits meet this).  Bidirectional overrides are
allowed (right-to-left text needs them) but flagged in front matter and digest.yaml values, where
they can disguise a title or a name (`digest check`).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, Iterator

from digest.errors import Diagnostic, SourceLocation
from digest.yamlpos import ParsedYaml, parse_yaml_mapping

# XML 1.0 Char excludes these; non-characters (U+FDD0..U+FDEF, U+xFFFE/U+xFFFF) are discouraged
# by XML and refused by several feed readers.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                       + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
                                 for plane in range(1, 17)) + "]")
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# a bidi control written raw or as a YAML escape ("\u202E", "\U0000202e"): the cheap first look
_BIDI_IN_SOURCE = re.compile("[\u202a-\u202e\u2066-\u2069]|\\\\(?:u|U0000)20(?:2[a-eA-E]|6[6-9])")


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


def first_forbidden(value: Any, pattern: re.Pattern[str] = FORBIDDEN) -> str | None:
    """The first forbidden character (or other `pattern` match) in a parsed YAML value (strings
    inside lists and mappings too, keys included), or None."""
    if isinstance(value, str):
        found = pattern.search(value)
        return found.group() if found else None
    if isinstance(value, dict):
        items: Any = [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        return None
    for item in items:
        found = first_forbidden(item, pattern)
        if found:
            return found
    return None


def disguised_values(path: Path | str, text: str, front_matter: bool) -> list[Diagnostic]:
    """A warning at each top-level value of a YAML text (a content file's front matter, or
    digest.yaml) holding a bidirectional control character: it can make a title or a name read
    differently from what it says.  Texts without one (raw or escaped) are not parsed."""
    if not _BIDI_IN_SOURCE.search(text):
        return []
    if front_matter:
        from digest.frontmatter import read_document

        read = read_document(text, str(path))
        parsed = read[1] if isinstance(read, tuple) else None
    else:
        found = parse_yaml_mapping(text, str(path))
        parsed = found if isinstance(found, ParsedYaml) else None
    if parsed is None:
        return []  # a file that does not parse is reported by the build itself
    warnings = []
    for key, value in parsed.data.items():
        char = first_forbidden(value, BIDI_CONTROLS)
        if char is not None:
            where = parsed.positions[key]
            warnings.append(Diagnostic(SourceLocation(path, where.value_line, where.value_column),
                                       f"'{key}' holds a bidirectional control character U+{ord(char):04X}, "
                                       f"which can disguise what it says", severity="warning"))
    return warnings
