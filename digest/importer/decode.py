"""Bytes -> clean text: the encoding (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252),
line endings, Unicode normalisation (NFC) and control characters.

Does not decide what the text *is* (see readers.py).
"""

from __future__ import annotations

import re
import unicodedata

import charset_normalizer

# C0/C1 controls except tab and newline; also zero-width and bidi marks that scrapers leak, and the
# Private Use Area, where icon fonts put their glyphs (a share or menu icon is not text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\ufeff"
                      r"\ue000-\uf8ff\U000f0000-\U0010fffd]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept."""


def decode_bytes(data: bytes) -> str:
    """Decode raw input bytes to normalised text, or raise UndecodableError."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict") if _is_utf8(data[3:]) else None
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        text = data.decode("utf-8") if _is_utf8(data) else None
    if text is None:
        text = _decode_legacy(data)
    return clean_text(text)


def clean_text(text: str) -> str:
    """CRLF/CR -> LF, NBSP -> space, NFC, control characters and icon-font glyphs removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub("", text)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_legacy(data: bytes) -> str:
    if b"\x00" in data:
        raise UndecodableError("undecodable bytes (binary file?)")
    try:
        # The common case for old saved pages; 5 byte values are undefined in it.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise UndecodableError("undecodable bytes: not UTF-8, Windows-1252 or another known encoding")
    return str(best)
