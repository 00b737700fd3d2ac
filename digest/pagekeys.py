"""Which output files can be kept as the last build wrote them.

Every page and feed gets a fingerprint of everything it shows -- the site-wide settings and
templates, plus small keys of the articles on it -- before it is rendered.  When the
fingerprint equals last build's and the file is still there, the renderer skips it: a
one-article change re-renders that article's page and the lists and feeds it is on, not the
other 20,000 pages.  Tests prove an incremental build equals a clean one byte for byte.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from digest.model import OutputFile

MAIN, ARTICLE, SHARED = "main", "article", "shared"  # who renders an output: see PageKeys.can_keep_together


def folder_digest(folder: Path, skip: str = "static") -> str:
    """A hash of every template file's name and bytes (static files are copied, not rendered)."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and not rel.startswith(skip + "/"):
                digest.update(rel.encode() + b"\x00" + path.read_bytes() + b"\x00")
    return digest.hexdigest()


@dataclass
class PageKeys:
    """Fingerprints of this build's outputs, checked against the last build's."""

    site_key: str  # settings, templates and digest version: part of every fingerprint
    output: Path
    previous: dict[str, str]
    share: int = 0  # with several worker processes: which one this is (0: the main process)
    workers: int = 1
    current: dict[str, str] = field(default_factory=dict)
    rendered: int = 0
    kept: int = 0
    _turns: dict[str, int] = field(default_factory=dict)

    def fingerprint(self, path: str, parts: Any) -> str:
        """`parts` is text, or something whose repr is cheap (plain tuples and strings)."""
        text = parts if isinstance(parts, str) else repr(parts)
        key = hashlib.blake2b(f"{self.site_key}\x00{path}\x00{text}".encode("utf-8"), digest_size=20).hexdigest()
        self.current[path] = key
        return key

    def can_keep(self, path: str, parts: Any, lane: str = MAIN) -> bool:
        """True when `path` was made from exactly these parts last time and is still on disk, or
        when another process renders it."""
        return self.can_keep_together((path,), parts, lane)[0]

    def can_keep_together(self, paths: tuple[str, ...], parts: Any, lane: str = MAIN) -> list[bool]:
        """can_keep for outputs made together (a feed's RSS and Atom files): one process owns them all.

        With several processes, each changed output goes to an owner by its lane: MAIN outputs
        (list pages: they share article cards) are the main process's; ARTICLE pages and SHARED
        outputs (feeds) go round the workers (share 1 and up), so a worker never builds cards,
        and the main process, which writes every file (see output.write_site), renders less.
        Every process walks its lanes in the same order, so all agree on the owners."""
        if self.workers > 1 and not self.previous:
            # a parallel build keeps nothing: only an output's owner fingerprints it (and renders it)
            if self._owner(lane) != self.share:
                return [True] * len(paths)
            for path in paths:
                self.fingerprint(path, parts)
            self.rendered += len(paths)
            return [False] * len(paths)
        keep = []
        for path in paths:
            key = self.fingerprint(path, parts)
            keep.append(self.previous.get(path) == key and os.path.exists(self.output / path))
        self.kept += sum(keep)
        if all(keep):
            return keep
        if self.workers > 1 and self._owner(lane) != self.share:
            return [True] * len(paths)  # another process renders them
        self.rendered += len(keep) - sum(keep)
        return keep

    def _owner(self, lane: str) -> int:
        """Which process renders the next changed output of `lane`."""
        if lane == MAIN:
            return 0
        turn = self._turns.get(lane, 0)
        self._turns[lane] = turn + 1
        return 1 + turn % (self.workers - 1)

    def keep_bytes(self, outputs: Iterable[OutputFile]) -> Iterator[OutputFile]:
        """Outputs made cheaply in every process (sitemap, static files): written by one owner only."""
        for output in outputs:
            assert output.data is not None
            keep = self.can_keep(output.path, hashlib.sha256(output.data).hexdigest())
            yield OutputFile(output.path, None) if keep else output
