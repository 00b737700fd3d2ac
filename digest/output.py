"""The only writer of the output folder (site/).

Outputs arrive one by one and are staged in a sibling folder (`.site.staging/`), so memory
stays flat however big the site is and a build that fails half-way leaves `site/` exactly as
it was.  On success each staged file is renamed into place (atomic per file), identical bytes
are never rewritten, and files an earlier build wrote but this one no longer produces are
removed.  Files digest never wrote (a CNAME, a verification file) are left alone: the manifest
`.digest-manifest` remembers what digest wrote.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from digest.errors import DigestError, Diagnostic, SourceLocation
from digest.model import OutputFile

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


def write_site(outputs: Iterable[OutputFile], folder: Path, keep: Iterable[str] = ()) -> WriteReport:
    """Make `folder` hold exactly `outputs` plus `keep` (paths known unchanged), and files digest never wrote."""
    stage = staging_folder(folder)
    shutil.rmtree(stage, ignore_errors=True)  # left over from a killed build
    seen: set[str] = set()
    written: list[str] = []
    unchanged: list[str] = list(keep)
    seen.update(unchanged)
    try:
        for output in outputs:
            check_path(output.path, seen)
            if output.data is None or _same_bytes(folder / output.path, output.data):
                unchanged.append(output.path)
                continue
            staged = stage / output.path
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(output.data)
            written.append(output.path)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    folder.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(folder)
    for path in written:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(stage / path, target)
    shutil.rmtree(stage, ignore_errors=True)
    removed = []
    for stale in sorted(previous - seen):
        target = folder / stale
        if target.is_file():
            target.unlink()
            removed.append(stale)
            _remove_empty_parents(target.parent, folder)
    manifest = "".join(f"{path}\n" for path in sorted(seen)).encode("utf-8")
    if not _same_bytes(folder / MANIFEST, manifest):
        (folder / (MANIFEST + ".tmp")).write_bytes(manifest)
        os.replace(folder / (MANIFEST + ".tmp"), folder / MANIFEST)
    return WriteReport(tuple(written), tuple(unchanged), tuple(removed))


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
