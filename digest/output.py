"""The only writer of the output folder (site/).

Outputs arrive one by one and are staged in a sibling folder (`.site.staging/`), so memory
stays flat however big the site is and a build that fails half-way leaves `site/` exactly as
it was.  On success each staged file is renamed into place (atomic per file) -- or, on a first
build, the staged tree is renamed into place whole --, identical bytes are never rewritten, and
files an earlier build wrote but this one no longer produces are removed.  Files digest never
wrote (a CNAME, a verification file) are left alone: the manifest `.digest-manifest` remembers
what digest wrote.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from digest.errors import DigestError, Diagnostic, SourceLocation
from digest.model import OutputFile
from digest.workers import run_shares

MANIFEST = ".digest-manifest"


@dataclass(frozen=True)
class WriteReport:
    """What a write did: paths written, left unchanged because identical, and removed."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def paths(self) -> tuple[str, ...]:
        return self.written + self.unchanged


def staging_folder(folder: Path) -> Path:
    return folder.parent / f".{folder.name}.staging"


def check_path(path: str, seen: set[str]) -> None:
    """Refuse two outputs for one path, and paths that would leave the output folder."""
    if not path or path.startswith("/") or "/../" in f"/{path}/" or path == MANIFEST:
        raise DigestError([Diagnostic(SourceLocation(path), "output path is not inside the site folder")])
    if path in seen:
        raise DigestError([Diagnostic(SourceLocation(path), "two pages would be written to this path",
                                      hint="two articles, tags or sources share a slug")])
    seen.add(path)


def write_site(outputs_for: Callable[[int, int], Iterable[OutputFile]], folder: Path, workers: int = 1
               ) -> WriteReport:
    """Make `folder` hold exactly the outputs, and files digest never wrote.

    `outputs_for(share, workers)` yields every output; in a process that does not own a page it
    yields it with data None.  With workers > 1 the shares run in forked processes (share 0 here),
    each staging what it renders; nothing moves into `folder` unless every share succeeded.  When
    `folder` does not exist yet, the staging folder is built as the site's tree and renamed into
    place whole: one rename instead of one per file."""
    stage = staging_folder(folder)
    shutil.rmtree(stage, ignore_errors=True)  # left over from a killed build
    whole = not folder.exists()
    try:
        results = run_shares(lambda share, count: _stage(outputs_for(share, count), folder, stage, whole), workers)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    seen = results[0][1]
    staged = {path: name for result in results for path, name in result[0]}
    written = sorted(staged)
    manifest = "".join(f"{path}\n" for path in sorted(seen)).encode("utf-8")
    if whole:
        (stage / MANIFEST).write_bytes(manifest)
        os.rename(stage, folder)
        return WriteReport(tuple(written), (), ())
    unchanged = [path for path in seen if path not in staged]
    folder.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(folder)
    made: set[str] = set()
    for path in written:
        parent = path.rpartition("/")[0]
        if parent and parent not in made:
            (folder / parent).mkdir(parents=True, exist_ok=True)
            made.add(parent)
        os.replace(stage / staged[path], folder / path)
    shutil.rmtree(stage, ignore_errors=True)
    removed = []
    for stale in sorted(previous - set(seen)):
        target = folder / stale
        if target.is_file():
            target.unlink()
            removed.append(stale)
            _remove_empty_parents(target.parent, folder)
    if not _same_bytes(folder / MANIFEST, manifest):
        (folder / (MANIFEST + ".tmp")).write_bytes(manifest)
        os.replace(folder / (MANIFEST + ".tmp"), folder / MANIFEST)
    return WriteReport(tuple(written), tuple(unchanged), tuple(removed))


def _stage(outputs: Iterable[OutputFile], folder: Path, stage: Path, whole: bool = False
           ) -> tuple[list[tuple[str, str]], list[str]]:
    """Stage the outputs whose bytes differ from what `folder` holds: ((path, staged name) pairs,
    every path in order).  Staged as flat numbered files (no folder tree to create and delete
    twice), or, when the whole staging folder becomes the site (`whole`), at their own paths."""
    seen: set[str] = set()
    order: list[str] = []
    written: list[tuple[str, str]] = []
    stage.mkdir(parents=True, exist_ok=True)
    prefix = f"{os.getpid()}-"
    made: set[str] = set()
    for output in outputs:
        check_path(output.path, seen)
        order.append(output.path)
        if output.data is None or (not whole and _same_bytes(folder / output.path, output.data)):
            continue
        if whole:
            name = output.path
            parent = name.rpartition("/")[0]
            if parent and parent not in made:
                (stage / parent).mkdir(parents=True, exist_ok=True)
                made.add(parent)
        else:
            name = f"{prefix}{len(written)}"
        with open(stage / name, "wb") as handle:
            handle.write(output.data)
        written.append((output.path, name))
    return written, order


def read_manifest(folder: Path) -> set[str]:
    """The paths the previous build wrote (empty when there was none)."""
    try:
        lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return set()
    return {line for line in lines if line and not line.startswith("/") and "/../" not in f"/{line}/"}


def _same_bytes(target: Path, data: bytes) -> bool:
    try:
        if target.stat().st_size != len(data):
            return False
        return target.read_bytes() == data
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False


def _remove_empty_parents(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
