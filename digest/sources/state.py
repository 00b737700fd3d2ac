"""Per-source fetch state: last status, last success, ETag, Last-Modified, failures in a row and
when to try again (back-off), plus the last feed body fetched (what `--offline` reads).

One small JSON file, `inbox/.fetch-state.json`, written atomically (temp file + rename); a state
file that cannot be read starts afresh.  Pure values in, pure values out: the caller saves.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

STATE_FILE = ".fetch-state.json"
FEEDS_FOLDER = ".feeds"
BACKOFF_FIRST = timedelta(minutes=30)
BACKOFF_MOST = timedelta(hours=24)


@dataclass(frozen=True)
class SourceState:
    """What digest remembers about fetching one source (times are ISO 8601 in UTC)."""

    feed: str = ""
    last_status: str = ""
    last_attempt: str | None = None
    last_success: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_attempt: str | None = None
    moved_from: str | None = None
    redirects: tuple[str, ...] = ()      # the last answer's redirects: "301 https://old -> https://new"

    def due(self, now: datetime) -> bool:
        """True unless a back-off after failures says to wait."""
        return self.next_attempt is None or datetime.fromisoformat(self.next_attempt) <= now

    def succeeded(self, now: datetime, status: str, feed: str, etag: str | None,
                  last_modified: str | None, redirects: tuple[str, ...] = ()) -> "SourceState":
        """The state after an answer (200 or 304): failures cleared, validators kept for next time."""
        return replace(self, feed=feed, last_status=status, last_attempt=now.isoformat(),
                       last_success=now.isoformat(), etag=etag, last_modified=last_modified, failures=0,
                       next_attempt=None, redirects=redirects)

    def failed(self, now: datetime, reason: str) -> "SourceState":
        """The state after a failure: the back-off doubles from BACKOFF_FIRST up to BACKOFF_MOST."""
        failures = self.failures + 1
        wait = min(BACKOFF_FIRST * (2 ** (failures - 1)), BACKOFF_MOST)
        return replace(self, last_status=reason, last_attempt=now.isoformat(), failures=failures,
                       next_attempt=(now + wait).isoformat())


def load_states(inbox: Path) -> dict[str, SourceState]:
    """The state of every source by key; an unreadable file is no state (everything is due)."""
    try:
        raw = json.loads((inbox / STATE_FILE).read_text(encoding="utf-8"))
        known = {f for f in SourceState.__dataclass_fields__}
        return {key: SourceState(**{k: tuple(v) if isinstance(v, list) else v for k, v in value.items() if k in known})
                for key, value in raw.get("sources", {}).items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def save_states(inbox: Path, states: dict[str, SourceState]) -> None:
    """Write the state file atomically."""
    data = {"version": 1, "sources": {key: asdict(states[key]) for key in sorted(states)}}
    write_bytes_atomic(inbox / STATE_FILE, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def stored_feed(inbox: Path, key: str) -> bytes | None:
    """The last feed body fetched for a source, if any."""
    try:
        return (inbox / FEEDS_FOLDER / f"{key}.xml").read_bytes()
    except OSError:
        return None


def store_feed(inbox: Path, key: str, content: bytes) -> None:
    """Keep a feed body for `--offline`."""
    write_bytes_atomic(inbox / FEEDS_FOLDER / f"{key}.xml", content)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Temp file in the same folder, then a rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
