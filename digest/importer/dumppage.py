"""A plain-text page dump as the steps of the text-dump reader see it: its lines, their language and
the stop words of that language, and which line is the page's own title line.  Messages a page's
server printed into it ("Warning: ... in /www/x.php on line 12") are no line of the page.

Every step (headline, article location, dates, byline, related) takes a `DumpPage` and returns
line indices into `lines`, so the steps can be tested alone and combined without copying text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_WORD = re.compile(r"\w+", re.UNICODE)
_BULLET = re.compile(r"^(?:[•●▪◦‣]|[-*+](?=\s))\s*")
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})[.)]\s+")
_TERMINAL = re.compile(r"[.!?…»”\"')\]]$")

# jusText's stop lists, by the BCP 47 tag we write; the languages news is mostly published in.
_JUSTEXT_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "ru": "Russian", "pl": "Polish", "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal",
    "fi": "Finnish", "cs": "Czech", "tr": "Turkish", "uk": "Ukrainian", "ro": "Romanian", "hu": "Hungarian",
    "el": "Greek", "id": "Indonesian", "ca": "Catalan",
}


@lru_cache(maxsize=None)
def stopwords(language: str) -> frozenset[str]:
    """jusText's stop list for a language tag (lower case), or an empty set."""
    name = _JUSTEXT_NAMES.get(language)
    if name is None:
        return frozenset()
    import justext  # a dependency of trafilatura; loaded only for text dumps

    return frozenset(w.casefold() for w in justext.get_stoplist(name))


@dataclass(frozen=True)
class DumpPage:
    """The lines of a text dump (whitespace-normalised, blank lines dropped) and what they share."""

    lines: tuple[str, ...]
    language: str | None
    stopwords: frozenset[str]
    has_title_line: bool          # lines[0] is the page's <title> (it names a headline printed below)
    keys: tuple[str, ...] = field(default=(), repr=False, compare=False)   # norm_key of each line

    def __post_init__(self) -> None:
        if len(self.keys) != len(self.lines):     # not given: computed once here, read by every step
            object.__setattr__(self, "keys", tuple(norm_key(line) for line in self.lines))

    @property
    def title_line(self) -> str | None:
        """The page's <title> line, when the dump starts with one."""
        return self.lines[0] if self.has_title_line and self.lines else None

    def stop_density(self, index: int) -> float:
        """Share of a line's words that are stop words of the page's language."""
        words = _WORD.findall(self.lines[index].casefold())
        if not words or not self.stopwords:
            return 0.0
        return sum(1 for w in words if w in self.stopwords) / len(words)


def read_page(text: str, language: str | None = None) -> DumpPage:
    """Split a dump into lines (joining hard-wrapped paragraphs) and guess its language."""
    from digest.importer.language import guess_language

    lines = tuple(line for line in split_units(text) if not _is_server_message(line))
    keys = tuple(norm_key(line) for line in lines)
    lang = language or guess_language("\n".join(lines))
    return DumpPage(lines, lang, stopwords(lang) if lang else frozenset(), _starts_with_title(lines, keys), keys)


# A message the page's server printed into it ("Warning: ... in /www/site/wp-settings.php on line 12"):
# never part of the page's content, and printed above the <title> it pushes down from the first line.
_SERVER_MESSAGE = re.compile(
    r"^(?:PHP )?(?:Deprecated|Warning|Notice|Strict Standards|(?:Catchable )?Fatal error|Parse error)\s*:\s"
    r".{0,600}?\sin\s\S+\.php(?::\d+)?\son line \d+\.?$")


def _is_server_message(line: str) -> bool:
    return " on line " in line and _SERVER_MESSAGE.match(line) is not None


def norm_key(text: str) -> str:
    """A comparison key: case-folded words only."""
    plain = text if text.isascii() else unicodedata.normalize("NFKC", text)     # ASCII is NFKC already
    return " ".join(_WORD.findall(plain.casefold())).replace("_", " ")


_SITE_SEPARATOR = re.compile(r"\s[|–—•·»]\s|\s-\s|\s::\s")
_DOMAIN = re.compile(r"\w\.(?:[a-z]{2,3}|info|online|news)\b", re.I)


def _starts_with_title(lines: tuple[str, ...], keys: tuple[str, ...]) -> bool:
    """True when line 0 reads like a <title>: a later line of the page is part of it, or repeats it,
    or it carries a site name after a separator ("Headline | site.com")."""
    if len(lines) < 2:
        return False
    first = keys[0]
    if len(first) < 8 or len(lines[0]) > 300:
        return False
    if _SITE_SEPARATOR.search(lines[0]) and (_DOMAIN.search(lines[0]) or _site_part_repeats(lines, keys)):
        return True
    if len(first.split()) < 3:
        return False
    for key in keys[1:]:
        if len(key) < 12 or len(key.split()) < 3:
            continue
        if (key in first and len(key) >= 0.4 * len(first)) or (first in key and len(key) <= 2 * len(first)):
            return True
    return False


def _site_part_repeats(lines: tuple[str, ...], keys: tuple[str, ...]) -> bool:
    """A short part of the title line (the site's name) is printed again further down the page."""
    parts = [norm_key(p) for p in _SITE_SEPARATOR.split(lines[0])]
    short = [p for p in parts if p and len(p.split()) <= 4]
    if len(parts) < 2 or not short:
        return False
    tail = " \n ".join(keys[len(lines) // 2:])
    return any(f" {p} " in f" {tail} " for p in short)


def _single_spaced(line: str) -> bool:
    """An ASCII line without tabs or double spaces (what _SPACES would replace is already one space)."""
    return line.isascii() and "\t" not in line and "  " not in line


def split_units(text: str) -> list[str]:
    """Lines -> text units: one per line, or one per blank-separated block for hard-wrapped files."""
    lines = [line.strip() if _single_spaced(line) else _SPACES.sub(" ", line).strip() for line in text.split("\n")]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    # Hard-wrapped prose: inside multi-line blocks, most lines are long and stop mid-sentence.
    inner = [line for b in blocks if len(b) > 1 and not any(_BULLET.match(x) for x in b) for line in b[:-1]]
    open_ended = sum(1 for line in inner if len(line) >= 45 and not _TERMINAL.search(line))
    longest = max((len(line) for line in lines), default=0)
    wrapped = len(inner) >= 3 and longest <= 100 and open_ended >= 0.6 * len(inner)
    units: list[str] = []
    for block in blocks:
        if wrapped and len(block) > 1 and not any(_BULLET.match(x) or _NUMBERED.match(x) for x in block):
            units.append(" ".join(block))
        else:
            units.extend(block)
    return units
