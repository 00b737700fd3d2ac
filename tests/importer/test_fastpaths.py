"""The importer's shortcuts give what the patterns they stand in for give (invented lines only)."""

from __future__ import annotations

import pytest

from digest.importer.boilerplate import _CAPTION, _may_caption, is_boilerplate
from digest.importer.dumppage import _SPACES, DumpPage, norm_key, read_page, split_units
from digest.importer.linescore import _COPYRIGHT, _TERMINAL, _ends_sentence, _may_be_copyright

LINES = [
    "", "Vellmar votes to rebuild its lighthouse.", "She said: \u201cWe will.\u201d", "It ended (again).",
    "A question?'", "Wait...", "\u2026\u00bb", "Home | News | Sport", "Photo: Jane Marsh", "Photo by Jane Marsh",
    "The harbour at dusk / iStock", "The ferry (Foto: Kleinmoor Hafen)", "\u00a9 2024 Vellmar Post",
    "(c) 2023 Dornau Shipyard", "Copyright Marsh End Press", "All Rights Reserved", "Tous droits r\u00e9serv\u00e9s",
    "\u0412\u0441\u0435 \u043f\u0440\u0430\u0432\u0430 \u0437\u0430\u0449\u0438\u0449\u0435\u043d\u044b",
    "Vergr\u00f6\u00dfern", "GETTY IMAGES", "Kelmsford library: reopening day", "\u0130stanbul'da yeni k\u00f6pr\u00fc",
    "Stra\u00dfe und Stadt", "x.)]", ")", "'", "Words ending in a quote\u201d", "Mid\u00a0line  spaces\tand tabs",
]


@pytest.mark.parametrize("line", LINES)
def test_shortcuts_agree_with_patterns(line: str) -> None:
    text = line.strip()
    assert _ends_sentence(text) == bool(_TERMINAL.search(text))
    assert _may_be_copyright(text) or not _COPYRIGHT.search(text)
    if not _may_caption(text, text.lower()):
        assert bool(_CAPTION.search(text)) == bool(_CAPTION.match(text))
    assert split_units(line) == [u for u in [_SPACES.sub(" ", line).strip()] if u]


def test_caption_and_copyright_lines_still_found() -> None:
    assert is_boilerplate("Photo by Jane Marsh")           # anchored at the start, no mark needed
    assert is_boilerplate("The harbour at dusk / iStock")  # a credit after a slash
    assert not is_boilerplate("Vellmar votes to rebuild its lighthouse after a long debate in the council.")


def test_page_keys_are_norm_keys_however_the_page_is_made() -> None:
    text = "Harbour votes | Vellmar Post\nHarbour votes\nThe \u0130stanbul ferry_line runs again.\n"
    page = read_page(text)
    assert page.keys == tuple(norm_key(line) for line in page.lines)
    made = DumpPage(page.lines, None, frozenset(), False)   # without keys: computed
    assert made.keys == page.keys
    assert norm_key("\uff28\uff41\uff52\uff42\uff4f\uff55\uff52") == "harbour"   # full-width letters: NFKC


def test_ends_sentence_reads_only_the_end() -> None:
    assert _ends_sentence("Done.\u201d)")
    assert not _ends_sentence("Done\u201d)")
    assert not _ends_sentence("")
