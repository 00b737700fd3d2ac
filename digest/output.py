"""The only writer of the output folder (site/).

Each file is written atomically (temporary file + rename), identical bytes are not
rewritten, and files an earlier build wrote but this one no longer produces are removed.
Files digest never wrote (a CNAME, a verification file) are left alone: the manifest
`.digest-manifest` remembers what digest wrote.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
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


def check_outputs(outputs: Iterable[OutputFile]) -> None:
    """Refuse two outputs for one path, and paths that would leave the output folder."""
    seen: set[str] = set()
    problems = []
    for output in outputs:
        pure = PurePosixPath(output.path)
        if pure.is_absolute() or ".." in pure.parts or not output.path or output.path == MANIFEST:
            problems.append(Diagnostic(SourceLocation(output.path), "output path is not inside the site folder"))
        elif output.path in seen:
            problems.append(Diagnostic(SourceLocation(output.path), "two pages would be written to this path",
                                       hint="two articles, tags or sources share a slug"))
        seen.add(output.path)
    if problems:
        raise DigestError(problems)


def write_site(outputs: list[OutputFile], folder: Path) -> WriteReport:
    """Make `folder` hold exactly `outputs` (plus files digest never wrote)."""
    check_outputs(outputs)
    folder.mkdir(parents=True, exist_ok=True)
    previous = _read_manifest(folder)
    written, unchanged = [], []
    for output in outputs:
        target = folder / output.path
        if _same_bytes(target, output.data):
            unchanged.append(output.path)
            continue
        _write_atomic(target, output.data)
        written.append(output.path)
    current = {o.path for o in outputs}
    removed = []
    for stale in sorted(previous - current):
        target = folder / stale
        if target.is_file():
            target.unlink()
            removed.append(stale)
            _remove_empty_parents(target.parent, folder)
    manifest = "".join(f"{path}\n" for path in sorted(current)).encode("utf-8")
    if not _same_bytes(folder / MANIFEST, manifest):
        _write_atomic(folder / MANIFEST, manifest)
    return WriteReport(tuple(written), tuple(unchanged), tuple(removed))


def _read_manifest(folder: Path) -> set[str]:
    try:
        lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return set()
    return {line for line in lines if line and ".." not in PurePosixPath(line).parts
            and not PurePosixPath(line).is_absolute()}


def _same_bytes(target: Path, data: bytes) -> bool:
    try:
        if target.stat().st_size != len(data):
            return False
        return target.read_bytes() == data
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix="~")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _remove_empty_parents(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
