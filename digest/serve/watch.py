"""Which file changes rebuild the preview: content, the site's templates and static files, the
default theme, digest.yaml.  The output, the cache, version-control folders and editor swap
and backup files never do.  Changes that arrive while a build runs are held by watchfiles and
come out together as the next batch, so they cost one more build, not one each.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from typing import Iterator

from watchfiles import Change, DefaultFilter, watch

from digest.config import CACHE_FOLDER, CONFIG_FILE
from digest.theme import builtin_theme

STEP_MS = 30        # quiet time that closes a batch of changes
DEBOUNCE_MS = 300   # longest a batch is held open while changes keep coming
_IGNORED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", CACHE_FOLDER,
                 ".pytest_cache", ".mypy_cache", ".idea", ".vscode"}


class SiteFilter(DefaultFilter):
    """watchfiles' filter for editor files, plus the site's output and cache folders."""

    def __init__(self, ignore: tuple[Path, ...]) -> None:
        super().__init__(ignore_dirs=_IGNORED_DIRS, ignore_paths=tuple(str(p) for p in ignore),
                         ignore_entity_patterns=(*DefaultFilter.ignore_entity_patterns, r"^\.#", r"^#.*#$",
                                                 r"\.(bak|tmp|swx|swp|swo)$", r"^4913$", r"^\..*\.tmp$"))


def watch_site(root: Path, content: Path, templates: Path, outputs: tuple[Path, ...], stop: threading.Event) -> Iterator[list[str]]:
    """Yield, batch by batch, the changed paths (relative to the root where possible) that
    should rebuild the site, until `stop` is set or Ctrl-C."""
    theme = builtin_theme()
    paths = [root] + ([theme] if not theme.resolve().is_relative_to(root.resolve()) else [])
    relevant = _relevant(root, content, templates, theme)
    ignore = (*(output.resolve() for output in outputs), (root / CACHE_FOLDER).resolve())
    for changes in watch(*paths, watch_filter=SiteFilter(ignore), step=STEP_MS, debounce=DEBOUNCE_MS,
                         stop_event=stop, raise_interrupt=False, yield_on_timeout=False, rust_timeout=500):
        changed = sorted({_shown(Path(path), root) for _, path in changes
                          if relevant(Path(path)) and not _fleeting(path, changes)})
        if changed:
            yield changed


def _relevant(root: Path, content: Path, templates: Path, theme: Path):  # type: ignore[no-untyped-def]
    """A predicate: does a change at this path affect the build?"""
    root = root.resolve()
    config = root / CONFIG_FILE
    folders = tuple(p.resolve() for p in (content, templates, theme))

    def relevant(path: Path) -> bool:
        path = path.resolve() if path.exists() else path.parent.resolve() / path.name
        if path == config:
            return True
        return any(path.is_relative_to(folder) for folder in folders)

    return relevant


def _fleeting(path: str, changes: set[tuple[Change, str]]) -> bool:
    """A file made and removed within one batch (an editor's or sed's temporary file)."""
    return (Change.added, path) in changes and (Change.deleted, path) in changes


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


class Changes:
    """watch_site() in a background thread; `next_batch` hands the main thread every change
    that arrived since it last asked, merged into one list (one rebuild for all of them)."""

    def __init__(self, root: Path, content: Path, templates: Path, outputs: tuple[Path, ...],
                 stop: threading.Event) -> None:
        self._batches: queue.Queue[list[str]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, args=(root, content, templates, outputs, stop),
                                        daemon=True, name="digest-watch")

    def start(self) -> None:
        self._thread.start()

    def _run(self, root: Path, content: Path, templates: Path, outputs: tuple[Path, ...],
             stop: threading.Event) -> None:
        for batch in watch_site(root, content, templates, outputs, stop):
            self._batches.put(batch)

    def next_batch(self, timeout: float) -> list[str]:
        """The changed paths (sorted, each once), waiting up to `timeout` s for the first."""
        try:
            changed = set(self._batches.get(timeout=timeout))
        except queue.Empty:
            return []
        while True:
            try:
                changed.update(self._batches.get_nowait())
            except queue.Empty:
                return sorted(changed)
