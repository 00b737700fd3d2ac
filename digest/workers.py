"""Cold builds on every core: forked worker processes for Markdown and for page rendering.

Fork (not spawn) so workers start in milliseconds with the whole build state already in
memory; results come back through pipes.  Small jobs stay in one process: a pool costs more
than it saves below a few hundred items.  Output stays deterministic because every process
walks the same pages in the same order and only the owner of a page renders it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import sys
import traceback
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 300


def worker_count() -> int:
    """Processes to use: the cores this process may run on, at most 4."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic cyclic garbage collection while a build runs (forked workers inherit this).

    A build's data has no reference cycles to speak of (a 10,000-article build leaves a few
    hundred cyclic objects; its 21,000 pages none), yet automatic full collections walk every
    object it holds, again and again as they grow: a second of CPU at 10,000 articles.  Memory
    is still freed by reference counting; the collector runs again when the build is over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def release_memory() -> None:
    """Give memory freed by a finished stage back to the system (glibc keeps it otherwise): the
    build's peak stays lower, and a process forked afterwards starts smaller.  Reference counting
    has freed what the stage dropped; during a build (collector paused) its few cyclic objects
    wait for the end rather than have a full collection walk everything the build holds."""
    if gc.isenabled():
        gc.collect()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6")
        except OSError:
            try:
                libc = ctypes.CDLL(ctypes.util.find_library("c"))
            except (OSError, TypeError):
                return
        try:
            libc.malloc_trim(0)
        except AttributeError:  # not glibc (musl has no malloc_trim): nothing to release
            pass


def can_fork() -> bool:
    """Whether worker processes can be forked here (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def start_pool(workers: int) -> Any:
    """A pool of forked workers, or None for one process.  Start it early, while this process is
    small: each worker's memory is a copy-on-write image of this process as it is at the fork."""
    if workers <= 1 or not can_fork():
        return None
    return multiprocessing.get_context("fork").Pool(workers)


def map_chunks(function: Callable[[Sequence[T]], list[R]], items: Sequence[T], pool: Any) -> Iterator[R]:
    """function over items in the pool's processes, results in order as they arrive (the caller
    works on the first chunks while workers do the rest); in-process when small or no pool."""
    if pool is None or len(items) < MIN_ITEMS:
        yield from function(items)
        return
    chunks = [items[start:stop] for start, stop in chunk_bounds(len(items), pool._processes)]
    for chunk in pool.imap(function, chunks):
        yield from chunk


def chunk_bounds(count: int, processes: int, smallest: int = 16) -> list[tuple[int, int]]:
    """Chunks that shrink as the work runs out (guided scheduling): a fraction of what is left
    each, so there are few chunks to send, and the last ones are small enough that no process
    waits long for another to finish."""
    bounds, start = [], 0
    while start < count:
        size = max(smallest, -(-(count - start) // (processes * 4)))
        bounds.append((start, min(count, start + size)))
        start += size
    return bounds


def run_shares(task: Callable[[int, int], Any], workers: int) -> list[Any]:
    """task(share, workers) in `workers` processes (share 0 in this one); results in share order.

    An exception in a worker is raised here, after every worker has finished."""
    if workers <= 1 or not can_fork():
        return [task(0, 1)]
    context = multiprocessing.get_context("fork")
    pipes, processes = [], []
    for share in range(1, workers):
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_run_share, args=(task, share, workers, send), daemon=True)
        process.start()
        send.close()
        pipes.append(receive)
        processes.append(process)
    results: list[Any] = []
    failure: BaseException | None = None
    try:
        results.append(task(0, workers))
    except BaseException as exc:  # finish the workers before raising
        failure = exc
    for receive, process in zip(pipes, processes):
        try:
            ok, value = receive.recv()
        except EOFError:
            ok, value = False, RuntimeError(f"build worker {process.pid} died")
        process.join()
        if ok:
            results.append(value)
        elif failure is None:
            failure = value
    if failure is not None:
        raise failure
    return results


def _run_share(task: Callable[[int, int], Any], share: int, workers: int, send: Any) -> None:
    try:
        send.send((True, task(share, workers)))
    except BaseException as exc:  # noqa: BLE001 - the parent re-raises it
        try:
            send.send((False, exc))
        except Exception:
            send.send((False, RuntimeError("".join(traceback.format_exception(exc)))))
    finally:
        send.close()
