"""The no-op check: has anything a build reads changed since the last successful build?

Standard library only, so `digest build` on an unchanged site answers before numpy, Jinja or
Markdown are even imported.  The fingerprint covers digest's version, the command-line
options, digest.yaml, and the name, size and modification time of every file below content/
and templates/ (like git and make: a file rewritten with new bytes gets a new mtime).  The
output folder is checked through its manifest and its own modification time (a file or folder
deleted at its top level makes the build run); below the top level it is trusted as the last
build left it.  Any build that runs makes again every output file that has gone missing, and
`digest build --clean` rebuilds everything.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RECORD = "last-build.json"


@dataclass(frozen=True)
class BuildRecord:
    """What the last successful build saw and said."""

    fingerprint: str
    manifest: tuple[int, ...]  # size and mtime_ns of site/.digest-manifest, mtime_ns of site/
    next_change: float | None  # when the earliest future-dated article becomes due (timestamp)
    summary: dict[str, int]


def fingerprint(version: str, options: dict[str, Any], config_file: Path, folders: list[Path]) -> str:
    """A hash of everything a build reads, by file metadata (no file is opened but digest.yaml)."""
    digest = hashlib.sha256()
    digest.update(json.dumps([version, sorted((k, str(v)) for k, v in options.items())]).encode())
    try:
        digest.update(config_file.read_bytes())
    except FileNotFoundError:
        digest.update(b"no config")
    for folder in folders:
        digest.update(b"\x00folder\x00" + str(folder).encode())
        for top, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(top, name)
                try:
                    stat = os.stat(path)
                except OSError:  # gone, or a link that loops: the build reports it
                    try:
                        stat = os.lstat(path)
                    except OSError:
                        continue
                digest.update(f"{path}\x00{stat.st_size}\x00{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def manifest_stat(output: Path) -> tuple[int, ...]:
    try:
        stat, folder = (output / ".digest-manifest").stat(), output.stat()
    except FileNotFoundError:
        return (-1, -1, -1)
    return (stat.st_size, stat.st_mtime_ns, folder.st_mtime_ns)


def read_record(cache_folder: Path) -> BuildRecord | None:
    """The last build's record, or None when there is none or it is unreadable."""
    try:
        data = json.loads((cache_folder / RECORD).read_text(encoding="utf-8"))
        return BuildRecord(data["fingerprint"], tuple(data["manifest"]), data["next_change"], data["summary"])
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None


def write_record(cache_folder: Path, record: BuildRecord) -> None:
    cache_folder.mkdir(parents=True, exist_ok=True)
    temp = cache_folder / (RECORD + ".tmp")
    temp.write_text(json.dumps({"fingerprint": record.fingerprint, "manifest": list(record.manifest),
                                "next_change": record.next_change, "summary": record.summary}), encoding="utf-8")
    os.replace(temp, cache_folder / RECORD)


def forget_record(cache_folder: Path) -> None:
    (cache_folder / RECORD).unlink(missing_ok=True)
