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
