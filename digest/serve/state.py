"""What the preview server shows: the folder of the last good build, its generation, and the
errors of the last failed build, shared between the rebuild thread and the request threads.

The only mutable thing of the preview, owned by one `serve()` call (no module-level state).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Snapshot:
    """One moment of the preview: what a request is answered from."""

    folder: Path                # the last good build's output
    generation: int             # +1 for every successful build, or failed one after a good one
    errors: tuple[str, ...]     # `path:line:col: message` lines of the failing build, () when it is good
    styles_only: bool = False   # the last build changed stylesheets and nothing else


@dataclass
class PreviewState:
    """The current Snapshot, and a condition that wakes event streams when it changes."""

    snapshot: Snapshot
    stopping: bool = False
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def current(self) -> Snapshot:
        with self._changed:
            return self.snapshot

    def publish(self, snapshot: Snapshot) -> None:
        with self._changed:
            self.snapshot = snapshot
            self._changed.notify_all()

    def wait_change(self, generation: int, timeout: float) -> Snapshot:
        """The snapshot once its generation differs from `generation`, or after `timeout` s."""
        with self._changed:
            self._changed.wait_for(lambda: self.snapshot.generation != generation or self.stopping, timeout)
            return self.snapshot

    def stop(self) -> None:
        with self._changed:
            self.stopping = True
            self._changed.notify_all()
