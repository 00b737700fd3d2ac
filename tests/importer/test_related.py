"""READ MORE-style markers: the headline that follows leaves the body for `related`, in many languages."""

from __future__ import annotations

import pytest

from digest.importer.related import find_related, is_related_heading, parse_related_line


@pytest.mark.parametrize("line, title", [
    ("READ MORE: Harbour bridge reopens after repairs", "Harbour bridge reopens after repairs"),
    ("Read more: Council approves the new library", "Council approves the new library"),
    ("Learn More: Harbour Budget 101", "Harbour Budget 101"),
    ("Related: Ferry fares rise (https://news.example/ferry)", "Ferry fares rise"),
    ("Also on coastal.example: Storm season starts early", "Storm season starts early"),
    ("Also on Courier: Storm season starts early", "Storm season starts early"),
    ("Lesen Sie auch: Neue Brücke für Hafenstadt", "Neue Brücke für Hafenstadt"),
    ("Lire aussi : Le pont rouvre", "Le pont rouvre"),
    ("Leia também: A ponte reabre", "A ponte reabre"),
    ("Lees ook: De brug gaat weer open", "De brug gaat weer open"),
    ("Czytaj także: Most znów otwarty", "Most znów otwarty"),
    ("Läs också: Bron öppnar igen", "Bron öppnar igen"),
    ("Baca juga: Jembatan dibuka kembali", "Jembatan dibuka kembali"),
    ("Читайте также: Мост снова открыт", "Мост снова открыт"),
    ("関連記事：橋が再開", "橋が再開"),
])
def test_a_marker_line_gives_the_headline_after_it(line, title):
    entry = parse_related_line(line)
    assert entry is not None and entry.title == title


@pytest.mark.parametrize("line", [
    "Read more about the budget in the minister's statement below.",   # a sentence, not a marker
    "Also on the agenda is the harbour budget.",
    "Related to this, the council also voted on parking.",
])
def test_a_sentence_that_starts_like_a_marker_stays_in_the_body(line):
    assert parse_related_line(line) is None


def test_a_heading_takes_the_headlines_below_it_and_stops_at_prose():
    lines = ("Body paragraph that ends here.", "Related posts:", "Harbour bridge reopens after repairs",
             "Council approves the new library", "The article goes on with a full sentence of its own, as prose does.")
    found = find_related(lines, tuple(range(len(lines))))
    assert [e.title for e in found.entries] == ["Harbour bridge reopens after repairs", "Council approves the new library"]
    assert found.lines == frozenset({1, 2, 3})
    assert is_related_heading("ALSO ON COASTAL.EXAMPLE")


def test_a_heading_list_never_runs_on_into_a_menu():
    items = tuple(f"Menu entry number {n} of the footer" for n in range(30))
    lines = ("Related News", *items)
    found = find_related(lines, tuple(range(len(lines))))
    assert len(found.entries) == 10 and max(found.lines) == 10
