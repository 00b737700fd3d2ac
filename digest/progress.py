"""Build progress for people: a one-line bar on a terminal, plain lines elsewhere.

Nothing is shown for builds that finish within `DELAY` seconds, so small sites stay quiet.
On a terminal one line is redrawn in place; in a log (CI, a pipe) each stage prints one plain
line when it ends.  The build reports stages and counts; this module only draws them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, TextIO

DELAY = 2.0
WIDTH = 24


@dataclass
class Progress:
    """Receives stage starts and advances from the build; draws them on `stream`."""

    stream: TextIO
    tty: bool
    clock: Callable[[], float] = time.monotonic
    started: float = field(default=0.0)
    stage_name: str = ""
    stage_started: float = 0.0
    total: int = 0
    done: int = 0
    _drawn: float = 0.0
    _dirty_line: bool = False

    def __post_init__(self) -> None:
        self.started = self.clock()

    def stage(self, name: str, total: int = 0) -> None:
        """A new stage begins (the previous one ends)."""
        self._finish_stage()
        self.stage_name, self.total, self.done = name, total, 0
        self.stage_started = self.clock()
        self._draw()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = self.clock()
        if now - self._drawn >= 0.1:
            self._draw()

    def close(self) -> None:
        self._finish_stage()
        if self._dirty_line:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._dirty_line = False

    def _showing(self) -> bool:
        return self.clock() - self.started >= DELAY

    def _finish_stage(self) -> None:
        if self.stage_name and not self.tty and self._showing():
            seconds = self.clock() - self.stage_started
            count = f" {self.done or self.total}" if (self.done or self.total) else ""
            self.stream.write(f"digest: {self.stage_name}{count} in {seconds:.1f} s\n")
            self.stream.flush()

    def _draw(self) -> None:
        self._drawn = self.clock()
        if not self.tty or not self._showing() or not self.stage_name:
            return
        if self.total:
            filled = min(WIDTH, int(WIDTH * self.done / self.total))
            bar = "#" * filled + "-" * (WIDTH - filled)
            text = f"[{bar}] {self.stage_name} {self.done}/{self.total}"
        else:
            text = f"{self.stage_name} ..."
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()
        self._dirty_line = True
