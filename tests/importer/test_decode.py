"""Bytes to clean text: encodings, line endings, and characters that are not text."""

from __future__ import annotations

from digest.importer.decode import clean_text, decode_bytes


def test_controls_zero_width_marks_and_icon_font_glyphs_are_removed_and_text_is_kept():
    raw = "Share\ue80a on Facebook\u200b\r\nCaf\u0065\u0301 prices rise\x07 by 3\u00a0%\r\n\U000f0041Menu"
    assert clean_text(raw) == "Share on Facebook\nCafé prices rise by 3 %\nMenu"


def test_windows_1252_and_utf16_are_read():
    assert decode_bytes("Caf\u00e9 \u2013 prices".encode("cp1252")) == "Café – prices"
    assert decode_bytes("\ufeffBrücke öffnet".encode("utf-16")) == "Brücke öffnet"
