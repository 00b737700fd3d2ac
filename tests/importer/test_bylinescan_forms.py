"""Line forms bylinescan reads (invented examples)."""

from __future__ import annotations

import pytest

from digest.importer.bylinescan import read_line


@pytest.mark.parametrize("line, names", [
    ("Text: Anna Berg / harbourtimes.com", ("Anna Berg",)),
    ("Von Anna Berg / harbour-times.de", ("Anna Berg",)),
])
def test_outlet_after_a_spaced_slash_is_left_off(line, names):
    reading = read_line(line)
    assert reading is not None and reading.names == names


@pytest.mark.parametrize("line, names", [
    ("By Tessa H.", ("Tessa H.",)),
    ("Von Mira K Ostrova", ("Mira K Ostrova",)),
    ("By Mira Ostrova 4 h", ("Mira Ostrova",)),
])
def test_a_capital_initial_is_part_of_the_name(line, names):
    reading = read_line(line)
    assert reading is not None and reading.names == names


def test_a_word_between_two_dates_labels_the_second_date():
    assert read_line("19.2.2020 16:20 aktualisoitu 19.2.2020 16:20") is None
    reading = read_line("19.10.2019 11:36 harbourtv")
    assert reading is not None and reading.names == ("harbourtv",)


@pytest.mark.parametrize("line, names", [
    ("Da Redação", ("Da Redação",)),
    ("La rédaction", ("La rédaction",)),
])
def test_a_desk_with_its_article(line, names):
    reading = read_line(line)
    assert reading is not None and reading.kind == "desk" and reading.names == names


@pytest.mark.parametrize("line", ["Par Mira Ostrova avec AFP", "Von Mira Ostrova mit dpa", "Por Mira Ostrova con EFE"])
def test_a_byline_written_with_a_wire(line):
    reading = read_line(line)
    assert reading is not None and reading.names == ("Mira Ostrova",)
