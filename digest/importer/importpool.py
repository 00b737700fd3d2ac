"""Reading many inputs on every core: the machinery beside the import pipeline.

`readings(items, options, read)` yields `read(label, loader, options)`'s results for every input, in
input order.  A large batch of local files is read in forked worker processes (reading is pure: it
loads bytes and extracts articles, it never writes); anything else — a few files, URLs, standard
input, a platform without fork — is read here, one after another.  Deciding and writing stay with
the caller, in order, so a parallel import writes exactly what a serial one does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from digest.workers import MIN_ITEMS, map_chunks, start_pool, worker_count

Item = tuple[str, Callable[[], Any]]      # (label, loader)


@dataclass(frozen=True)
class FileLoader:
    """Reads one input file when called: a value, so it can be handed to a worker process."""

    path: Path

    def __call__(self) -> tuple[bytes, str, None, None]:
        return self.path.read_bytes(), self.path.name, None, None


def readings(items: Sequence[Item], options: Any, read: Callable[[str, Callable[[], Any], Any], list[Any]],
             workers: int | None = None) -> Iterator[Any]:
    """Every reading of every item, in item order."""
    count = worker_count() if workers is None else workers
    # the first item is read here before the workers fork, so the pool needs MIN_ITEMS after it
    if len(items) <= MIN_ITEMS or count <= 1 or not all(isinstance(loader, FileLoader) for _, loader in items):
        for label, loader in items:          # one at a time, so each outcome shows as soon as it is known
            yield from read(label, loader, options)
        return
    label, loader = items[0]
    yield from read(label, loader, options)   # first here: what readers load lazily, the workers inherit
    pool = start_pool(count)
    try:
        for found in map_chunks(partial(_read_chunk, read=read, options=options), items[1:], pool):
            yield from found
    finally:
        if pool is not None:
            pool.terminate()


def _read_chunk(chunk: Sequence[Item], *, read: Callable[..., list[Any]], options: Any) -> list[list[Any]]:
    return [read(label, loader, options) for label, loader in chunk]
