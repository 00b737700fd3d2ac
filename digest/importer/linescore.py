"""Each line of a text dump judged as prose or page furniture, jusText-style, then in context.

A line is first classed on its own (`classify_line`): furniture (a known boilerplate line, a list
heading, a line printed again elsewhere on the page, a truncated teaser), short, near-good or
good, from its length, its sentence punctuation and the share of its words that are stop words of
the page's language (jusText's published stop lists; for a page whose language is not known, the
list that covers most of the page's words).  Then, as in jusText's context rules, short and
near-good lines take the class of the prose or furniture around them (`revise`).

Knows nothing of headlines or where the article is; locate.py reads the classes as a sequence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from digest.importer.boilerplate import is_boilerplate, is_list_heading
from digest.importer.dumppage import DumpPage, stopwords

BAD, SHORT, NEAR, GOOD = "bad", "short", "near", "good"

_WORD = re.compile(r"\w+", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…。！？](?:[\"'”’»)\]]*)(?=\s|$)")
_TERMINAL = re.compile(r"(?:[.!?…。！？:;]|[.!?…][\"'”’»)\]]+|[\"”»])\s*$")
_TRUNCATED = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*(?:mehr|more|plus|más|leer más|weiterlesen|read more)?\W*$",
                        re.I)
_URLISH = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|de|html?|php)(?:/|\b)", re.I)
_ITEM = re.compile(r"^(?:[•●▪◦‣–]|[-*+](?=\s)|\d{1,2}[.)]\s)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|copyright\b|all rights reserved|alle rechte vorbehalten|"
                        r"tous droits réservés|todos los derechos reservados|все права защищены", re.I)

# A piece of each _COPYRIGHT alternative, in letters that match only their own upper case under re.I
# (so a line without any of them in lower case cannot match it).
_COPYRIGHT_PIECES = ("©", "(", "opyr", "ght", "vorbeh", "rvé", "derech", "защ")

# jusText's defaults (length in characters, stop-word density)
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
MAX_HEADING_DISTANCE = 200
PROSE_WORDS = 8        # a sentence line of this many words ...
PROSE_STOP = 0.15      # ... with this share of stop words reads as prose
ITEM_WORDS = 4         # a list item that ends like a sentence reads as prose from this many words

# Stop lists tried for a page whose language is not known (jusText's names via dumppage).
_FALLBACK_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "sv", "da", "no", "fi", "cs",
                       "tr", "uk", "ro", "hu", "el", "id", "ca")


@dataclass(frozen=True)
class LineFacts:
    """What one line looks like, on its own."""

    chars: int
    words: int
    stop: float            # share of its words that are stop words
    terminal: bool         # ends like a sentence
    sentences: int         # sentence ends inside the line
    title_case: float      # share of its (non-stop) words that start with a capital
    furniture: bool        # boilerplate, list heading, repeated or link-like
    truncated: bool        # ends in "..." (a teaser cut short)
    item: bool             # starts like a list item ("•", "-", "1.")
    cls: str               # context-free class: bad / short / near / good

    @property
    def prose(self) -> bool:
        """Reads like running text: a good or near-good line, or a whole sentence with some stop words."""
        if self.furniture or self.truncated:
            return False
        if self.cls in (GOOD, NEAR):
            return True
        if self.item:
            return self.terminal and self.words >= ITEM_WORDS
        return self.terminal and self.words >= PROSE_WORDS and self.stop >= PROSE_STOP


def page_stopwords(page: DumpPage) -> frozenset[str]:
    """The page's stop list; for an unknown language, the jusText list that covers most of its words."""
    if page.stopwords:
        return page.stopwords
    return _best_stoplist(page.lines)


@lru_cache(maxsize=64)
def _best_stoplist(lines: tuple[str, ...]) -> frozenset[str]:
    words = Counter(w for line in lines for w in _WORD.findall(line.casefold()))
    total = sum(words.values())
    if not total:
        return frozenset()
    best, best_share = frozenset(), 0.0
    for lang in _FALLBACK_LANGUAGES:
        stop = stopwords(lang)
        share = sum(n for w, n in words.items() if w in stop) / total
        if share > best_share:
            best, best_share = stop, share
    return best if best_share >= 0.12 else frozenset()


def line_facts(page: DumpPage) -> list[LineFacts]:
    """The facts and the context-free class of every line of the page."""
    stop = page_stopwords(page)
    keys = page.keys
    counts = Counter(k for k in keys if k)
    facts = []
    for index, line in enumerate(page.lines):
        facts.append(_facts(line, stop, counts[keys[index]] > 1 and len(line) < 200))
    return facts


def _facts(line: str, stop: frozenset[str], repeated: bool) -> LineFacts:
    text = line.strip()
    words = _WORD.findall(text.casefold())
    plain = text.isascii()              # no CJK; case-folding keeps every word where it is
    cjk = 0 if plain else len(_CJK.findall(text))
    chars = len(text) + cjk            # a CJK character carries about a word
    density = sum(1 for w in words if w in stop) / len(words) if words and stop else 0.0
    terminal = _ends_sentence(text)
    sentences = len(_SENTENCE_END.findall(text))
    if plain:     # the same words as _WORD.findall(text), case-folded already
        content = [w for w, folded in zip(_WORD.findall(text), words) if folded not in stop and w[0].isalpha()]
    else:
        content = [w for w in _WORD.findall(text) if w.casefold() not in stop and _LETTERS.match(w)]
    title_case = sum(1 for w in content if w[0].isupper()) / len(content) if content else 0.0
    truncated = len(text) < 400 and ("..." in text or "…" in text) and bool(_TRUNCATED.search(text))
    furniture = (repeated or is_boilerplate(text) or is_list_heading(text)
                 or (len(text) < 200 and density < 0.3 and ("." in text or "://" in text)
                     and _URLISH.search(text) is not None)
                 or (len(text) < 300 and _may_be_copyright(text) and _COPYRIGHT.search(text) is not None))
    if furniture:
        cls = BAD
    elif not stop and not cjk:
        # No stop list for this language: sentence shape alone.
        if chars >= LENGTH_HIGH and sentences >= 1:
            cls = GOOD
        elif chars >= LENGTH_LOW and terminal:
            cls = NEAR
        elif chars < LENGTH_LOW:
            cls = SHORT
        else:
            cls = BAD
    elif cjk:
        cls = GOOD if chars >= LENGTH_HIGH and sentences else NEAR if chars >= LENGTH_LOW else SHORT
    elif chars < LENGTH_LOW:
        cls = SHORT
    elif density >= STOPWORDS_HIGH:
        cls = GOOD if chars > LENGTH_HIGH else NEAR
    elif density >= STOPWORDS_LOW:
        cls = NEAR
    else:
        cls = BAD
    item = bool(_ITEM.match(text))
    return LineFacts(chars, len(words), density, terminal, sentences, title_case, furniture, truncated, item, cls)


def _may_be_copyright(text: str) -> bool:
    lower = text.lower()
    return any(piece in lower for piece in _COPYRIGHT_PIECES)


_STOPS = frozenset(".!?…。！？:;\"”»")      # a line ending in one of these ends like a sentence ...
_CLOSERS = "\"'”’»)]"                       # ... and one ending in these after one of ".!?…"


def _ends_sentence(text: str) -> bool:
    """`_TERMINAL.search(text)` for a stripped line, reading only its end."""
    if not text:
        return False
    if text[-1] in _STOPS:
        return True
    if text[-1] not in _CLOSERS:
        return False
    before = text.rstrip(_CLOSERS)
    return bool(before) and before[-1] in ".!?…"


def revise(facts: list[LineFacts]) -> list[str]:
    """jusText's context rules: short lines between good ones are good, between bad ones bad; near-good
    lines next to good ones are good; a short heading just above good text is good."""
    classes = [f.cls for f in facts]
    n = len(classes)
    # short headings followed closely by good text become near-good
    for i, f in enumerate(facts):
        if classes[i] != SHORT or not _heading_like(f):
            continue
        distance = 0
        for j in range(i + 1, n):
            if distance > MAX_HEADING_DISTANCE:
                break
            if classes[j] == GOOD:
                classes[i] = NEAR
                break
            distance += facts[j].chars
    new = list(classes)
    for i in range(n):
        if classes[i] != SHORT:
            continue
        prev = _neighbour(classes, i, -1, True)
        nxt = _neighbour(classes, i, 1, True)
        if prev == GOOD and nxt == GOOD:
            new[i] = GOOD
        elif prev == BAD and nxt == BAD:
            new[i] = BAD
        elif (prev == BAD and _neighbour(classes, i, -1, False) == NEAR) or \
                (nxt == BAD and _neighbour(classes, i, 1, False) == NEAR):
            new[i] = GOOD
        else:
            new[i] = BAD
    classes = new
    new = list(classes)
    for i in range(n):
        if classes[i] != NEAR:
            continue
        prev = _neighbour(classes, i, -1, True)
        nxt = _neighbour(classes, i, 1, True)
        new[i] = BAD if (prev, nxt) == (BAD, BAD) else GOOD
    return new


def _heading_like(f: LineFacts) -> bool:
    return not f.furniture and 0 < f.words <= 15 and not f.truncated


def _neighbour(classes: list[str], i: int, step: int, ignore_near: bool) -> str:
    j = i + step
    while 0 <= j < len(classes):
        c = classes[j]
        if c in (BAD, GOOD) or (c == NEAR and not ignore_near):
            return c
        j += step
    return BAD
