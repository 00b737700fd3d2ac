"""Which reader a raw input needs: text dump, HTML page, JSON / JSON Lines, or feed.

Decided from the content first (a `.txt` holding HTML is HTML), the file name only breaks ties.
"""

from __future__ import annotations

import json
import re

from digest.importer.article import InputFormat

_HTML = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<(?:p|div)[\s>][\s\S]*</(?:p|div)>", re.I)
_FEED = re.compile(r"<rss[\s>]|<feed[\s>][\s\S]*?xmlns=[\"']http://www\.w3\.org/2005/Atom|<rdf:RDF[\s>]", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml", re.I)


def detect_format(text: str, name: str = "") -> InputFormat:
    """Return "html", "json", "feed" or "text" for decoded input `text`."""
    head = text[:4096]
    stripped = head.lstrip()
    if stripped.startswith(("{", "[")) and _looks_like_json(text):
        return "json"
    if _FEED.search(head):
        return "feed"
    if _XML_DECL.match(head) and name.lower().endswith((".rss", ".atom", ".xml", ".feed")):
        return "feed"
    if stripped.startswith("<") and _HTML.search(head):
        return "html"
    if _HTML.search(head) and head.count("<") > 10:
        return "html"
    return "text"


def _looks_like_json(text: str) -> bool:
    try:
        json.loads(text)
        return True
    except ValueError:
        pass
    # JSON Lines: every non-empty line is an object.
    lines = [line for line in text.splitlines() if line.strip()]
    try:
        return bool(lines) and all(isinstance(json.loads(line), dict) for line in lines[:5])
    except ValueError:
        return False
