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

import multiprocessing
import os
import shutil
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Callable, Iterable

from digest.errors import DigestError, Diagnostic, SourceLocation
from digest.model import OutputFile
from digest.workers import can_fork, run_shares

MANIFEST = ".digest-manifest"


@dataclass(frozen=True)
class WriteReport:
    """What a write did: paths written, left unchanged because identical, and removed."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    from_workers: tuple[Any, ...] = ()  # what each worker's outputs reported (their `result()`)

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
    yields it with data None, and a worker's outputs may have a `result()`, sent back in the
    report.  With workers > 1 the shares run in forked processes (share 0 in this one), which
    render and send their pages here: this process writes every file, since
    two processes creating files at once each pay about double (the kernel serialises them,
    spinning).  Everything is staged, and nothing moves into `folder` unless every share
    succeeded.  When `folder` does not exist yet, the staging folder is built as the site's tree
    and renamed into place whole: one rename instead of one per file."""
    stage = staging_folder(folder)
    shutil.rmtree(stage, ignore_errors=True)  # left over from a killed build
    whole = not folder.exists()
    pipes = _page_pipes(workers - 1) if workers > 1 and can_fork() else []
    stager = _Stager(folder, stage, whole)

    def share_task(share: int, count: int) -> Any:
        if share:
            outputs = outputs_for(share, count)
            _send(outputs, pipes[share - 1][1])
            return outputs.result() if hasattr(outputs, "result") else None
        for _, send in pipes:
            send.close()  # this process's copies: each pipe ends when its worker closes it
        try:
            return _stage(outputs_for(share, count), stager, [receive for receive, _ in pipes])
        except BaseException:
            for receive, _ in pipes:
                receive.close()  # a worker still sending gets a broken pipe and stops, instead of waiting
            raise

    try:
        seen, *from_workers = run_shares(share_task, workers)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    finally:
        for receive, send in pipes:
            receive.close()
            send.close()
    staged = dict(stager.written)
    written = sorted(staged)
    manifest = "".join(f"{path}\n" for path in sorted(seen)).encode("utf-8")
    if whole:
        (stage / MANIFEST).write_bytes(manifest)
        os.rename(stage, folder)
        return WriteReport(tuple(written), (), (), tuple(from_workers))
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
    return WriteReport(tuple(written), tuple(unchanged), tuple(removed), tuple(from_workers))


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


def _stage(outputs: Iterable[OutputFile], stager: _Stager, inboxes: list[Any]) -> list[str]:
    """Stage this process's outputs, and between them what the workers sent through `inboxes`;
    every path in order (every process walks every output, owned or not)."""
    seen: set[str] = set()
    order: list[str] = []
    for output in outputs:
        check_path(output.path, seen)
        order.append(output.path)
        if output.data is not None:
            stager.put(output.path, output.data)
        if inboxes:
            _receive(inboxes, stager, block=False)
    while inboxes:
        _receive(inboxes, stager, block=True)
    return order


def _receive(inboxes: list[Any], stager: _Stager, block: bool) -> None:
    """Stage the batches waiting in the inboxes (or wait for one); drop an inbox whose worker is done."""
    for inbox in wait(inboxes, None if block else 0):
        try:
            batch = inbox.recv()
        except EOFError:
            inboxes.remove(inbox)
            continue
        for path, data in batch:
            stager.put(path, data)


_BATCH = 256 * 1024  # bytes of pages per message from a worker


def _send(outputs: Iterable[OutputFile], outbox: Any) -> None:
    """In a worker: render this share's outputs and send the pages to the writing process."""
    batch: list[tuple[str, bytes]] = []
    size = 0
    try:
        for output in outputs:
            if output.data is not None:
                batch.append((output.path, output.data))
                size += len(output.data)
                if size >= _BATCH:
                    outbox.send(batch)
                    batch, size = [], 0
        if batch:
            outbox.send(batch)
    finally:
        outbox.close()


def _page_pipes(count: int) -> list[tuple[Any, Any]]:
    """One (receive, send) pipe per worker, widened so a worker rarely waits for the writer."""
    import fcntl  # only where processes fork: POSIX

    pipes = [multiprocessing.get_context("fork").Pipe(duplex=False) for _ in range(count)]
    for receive, _ in pipes:
        try:
            fcntl.fcntl(receive.fileno(), fcntl.F_SETPIPE_SZ, 1024 * 1024)
        except (AttributeError, OSError):  # not Linux, or above the system's limit: the default will do
            pass
    return pipes


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
