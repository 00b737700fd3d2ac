"""One fetch or curation at a time: an exclusive lock on `inbox/.lock` (flock), so a cron run and
a manual run never interleave their writes to the inbox and its ledger."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LOCK_FILE = ".lock"


class Busy(Exception):
    """Another digest process holds the inbox lock."""


@contextmanager
def inbox_lock(inbox: Path) -> Iterator[None]:
    """Hold the lock for the block; raise Busy at once (never wait) when another process has it."""
    inbox.mkdir(parents=True, exist_ok=True)
    fd = os.open(inbox / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(str(inbox / LOCK_FILE)) from None
        yield
    finally:
        os.close(fd)  # closing releases the lock
