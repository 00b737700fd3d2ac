"""The only writer of the output folder (site/).

Outputs arrive one by one (from executor.py) and are staged in a sibling folder (`.site.staging/`), so memory
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
from typing import Iterable

from digest.errors import DigestError, Diagnostic, SourceLocation
from digest.model import KeptFile, OutputFile

MANIFEST = ".digest-manifest"


@dataclass(frozen=True)
class WriteReport:
    """What a write did: paths written, left unchanged (kept, or made with identical bytes), and removed."""

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


def write_site(outputs: Iterable[OutputFile | KeptFile], folder: Path) -> WriteReport:
    """Make `folder` hold exactly the outputs, and files digest never wrote.

    Each OutputFile is staged as it arrives (a KeptFile is already in place); nothing moves into
    `folder` unless every output came.  When `folder` does not exist yet, the staging folder is
    built as the site's tree and renamed into place whole: one rename instead of one per file."""
    stage = staging_folder(folder)
    shutil.rmtree(stage, ignore_errors=True)  # left over from a killed build
    whole = not folder.exists()
    stager = _Stager(folder, stage, whole)
    seen: set[str] = set()
    try:
        for output in outputs:
            check_path(output.path, seen)
            if isinstance(output, OutputFile):
                stager.put(output.path, output.data)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    staged = dict(stager.written)
    written = sorted(staged)
    manifest = "".join(f"{path}\n" for path in sorted(seen)).encode("utf-8")
    if whole:
        (stage / MANIFEST).write_bytes(manifest)
        os.rename(stage, folder)
        return WriteReport(tuple(written), (), ())
    unchanged = sorted(path for path in seen if path not in staged)
    folder.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(folder)
    make_parents(folder, written)
    for path in written:
        os.replace(stage / staged[path], folder / path)
    shutil.rmtree(stage, ignore_errors=True)
    removed = []
    for stale in sorted(previous - seen):
        target = folder / stale
        if target.is_file():
            target.unlink()
            removed.append(stale)
            _remove_empty_parents(target.parent, folder)
    if not _same_bytes(folder / MANIFEST, manifest):
        (folder / (MANIFEST + ".tmp")).write_bytes(manifest)
        os.replace(folder / (MANIFEST + ".tmp"), folder / MANIFEST)
    return WriteReport(tuple(written), tuple(unchanged), tuple(removed))


def make_parents(folder: Path, paths: Iterable[str]) -> None:
    """Make the folders `paths` (relative to `folder`) need, each once."""
    made: set[str] = set()
    for path in paths:
        parent = path.rpartition("/")[0]
        if parent and parent not in made:
            (folder / parent).mkdir(parents=True, exist_ok=True)
            made.add(parent)


def check_outputs(outputs: Iterable[OutputFile | KeptFile]) -> WriteReport:
    """Make every output and check its path, writing nothing (`digest check`)."""
    seen: set[str] = set()
    for output in outputs:
        check_path(output.path, seen)
    return WriteReport((), tuple(sorted(seen)), ())


class _Stager:
    """Writes the outputs whose bytes differ from what `folder` holds into the staging folder:
    flat numbered files (no folder tree to create and delete twice) or, when the whole staging
    folder becomes the site (`whole`), at their own paths."""

    def __init__(self, folder: Path, stage: Path, whole: bool) -> None:
        self.folder, self.stage, self.whole = folder, stage, whole
        self.root = f"{stage}/"
        self.written: list[tuple[str, str]] = []  # (path, staged name)
        self.made: set[str] = set()
        stage.mkdir(parents=True, exist_ok=True)

    def put(self, path: str, data: bytes) -> None:
        if not self.whole and _same_bytes(self.folder / path, data):
            return
        if self.whole:
            name = path
            parent = name.rpartition("/")[0]
            if parent and parent not in self.made:
                try:
                    os.mkdir(self.root + parent)  # mostly a new folder under one made before
                except OSError:
                    os.makedirs(self.root + parent, exist_ok=True)
                self.made.add(parent)
        else:
            name = str(len(self.written))
        handle = os.open(self.root + name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
        finally:
            os.close(handle)
        self.written.append((path, name))


def read_manifest(folder: Path) -> set[str]:
    """The paths the previous build wrote (empty when there was none)."""
    try:
        lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return set()
    return {line for line in lines if line and not line.startswith("/") and "/../" not in f"/{line}/"}


def present_outputs(folder: Path) -> set[str]:
    """The files of the previous build (its manifest) still in `folder`: one deleted by hand, or
    by anything else, is made again by the next build instead of being kept as if present."""
    root = f"{folder}/"
    return {path for path in read_manifest(folder) if os.path.isfile(root + path)}


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
