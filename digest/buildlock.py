"""One build at a time per site: an advisory lock on `.digest-cache/build.lock`.

The lock is the operating system's (flock), so a build killed with `kill -9` releases it with
its process: a stale lock is never left to take over.  The file names the holder's pid, so a
second build says whom it waits for.  Beside the pipeline: the CLI takes it around build().
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from digest.errors import ConfigError

LOCK_FILE = "build.lock"
WAIT_SECONDS = 600.0


@contextmanager
def build_lock(cache_folder: Path, waiting: Callable[[int | None], None] = lambda pid: None,
               wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the site's build lock; when another build holds it, call `waiting(pid)` once and wait
    up to `wait` seconds, then raise ConfigError naming the holder."""
    try:
        import fcntl
    except ImportError:  # no flock on this platform: builds are not serialised
        yield
        return
    cache_folder.mkdir(parents=True, exist_ok=True)
    path = cache_folder / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline, told = time.monotonic() + wait, False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(path)
                if time.monotonic() >= deadline:
                    raise ConfigError.at(path, f"another build is running (pid {holder or '?'})",
                                         hint="wait for it to finish") from None
                if not told:
                    waiting(holder)
                    told = True
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _holder(path: Path) -> int | None:
    try:
        return int(path.read_text().strip() or 0) or None
    except (OSError, ValueError):
        return None
