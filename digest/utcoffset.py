"""Which UTC offsets are real: the ones places use, from -12:00 to +14:00 in quarter hours.

Python accepts any offset under a day (+20:21, a clock time read as an offset); feeds, sitemaps and
browsers do not.  Shared by the content loader (an error) and the importer (the offset is dropped).
"""

from __future__ import annotations

from datetime import datetime, timedelta


def has_real_offset(value: datetime) -> bool:
    """True for a naive datetime or one whose offset a place uses."""
    offset = value.utcoffset()
    return offset is None or (timedelta(hours=-12) <= offset <= timedelta(hours=14) and offset.seconds % 900 == 0)
