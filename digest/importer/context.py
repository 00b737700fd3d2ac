"""What a reader is told about an input besides its bytes: where it came from, what the user said
(--source, --timezone, --tag, --reference-time), and how to pick a timezone for a page without one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo

from digest.importer.dates import apply_timezone, load_timezone
from digest.importer.sources import find_source


@dataclass(frozen=True)
class ReadContext:
    """Per-input facts passed to every reader (no global state)."""

    origin: str                           # file name or URL, as written to `imported.from`
    sha256: str                           # hash of the raw bytes
    source_name: str | None = None        # --source
    timezone: tzinfo | None = None        # --timezone
    reference_time: datetime | None = None  # resolves "3 hours ago"; None: leave such dates out
    tags: tuple[str, ...] = ()            # --tag, added to every article
    url: str | None = None                # the URL the bytes were fetched from, if any
    raw: bytes | None = None              # the input's bytes (feeds read their own encoding declaration)

    def with_origin(self, origin: str, sha256: str) -> "ReadContext":
        """The same context for one record of a multi-record input."""
        return replace(self, origin=origin, sha256=sha256)

    def zone_for(self, source_name: str | None, url: str | None) -> tzinfo | None:
        """--timezone, else the known home timezone of the source (by name or URL), else None."""
        if self.timezone is not None:
            return self.timezone
        for key in (self.source_name, source_name, url, self.url):
            known = find_source(key)
            if known:
                return load_timezone(known.timezone)
        return None

    def localize(self, value: datetime | date | None, source_name: str | None,
                 url: str | None) -> datetime | date | None:
        """Give a naive datetime the timezone the page did not print."""
        if value is None:
            return None
        return apply_timezone(value, self.zone_for(source_name, url))
