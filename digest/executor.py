"""Runs jobs: selects what must be made (incremental.py), makes it, and hands every output on.

Serial by default.  With `workers` > 1 (a large cold build) the independent jobs go round
forked worker processes, which make them and send the outputs back through pipes, while this
process makes the jobs that share views (list pages: their article cards are made once) and
passes on everything -- its own outputs and the workers' -- to the one writer.  Knows nothing
of pages, feeds or files: outputs travel, and at the end the view digests a worker learned
(incremental.MadeDigests), which the next build reuses.
"""

from __future__ import annotations

import multiprocessing
import traceback
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Iterator

from digest.incremental import Job, Keys, Task
from digest.model import KeptFile, OutputFile
from digest.workers import can_fork

Output = OutputFile | KeptFile
Make = Callable[[Task], list[OutputFile]]


@dataclass(frozen=True)
class Jobs:
    """A build's jobs in two streams: `together` share views and are made in one process;
    `apart` stand alone and may go to any process."""

    together: Iterable[Job]
    apart: Iterable[Job]


def execute(jobs: Jobs, keys: Keys, make: Make, workers: int = 1) -> Iterator[Output]:
    """Every output of `jobs`: kept ones as KeptFile, the others made (by `make`)."""
    if workers <= 1 or not can_fork():
        for stream in (jobs.together, jobs.apart):  # lists first: article pages reuse their cards
            yield from _run(keys.select(stream), make)
        return
    yield from _parallel(jobs, keys, make, workers - 1)


def _run(selected: Iterable[Task | KeptFile], make: Make) -> Iterator[Output]:
    for item in selected:
        if isinstance(item, KeptFile):
            yield item
        else:
            yield from make(item)


def _share(jobs: Iterable[Job], share: int, count: int) -> Iterator[Job]:
    """Every count-th job from the share-th: each worker walks the same jobs and takes its own."""
    for index, job in enumerate(jobs):
        if index % count == share:
            yield job


_BATCH = 256 * 1024  # bytes of outputs per message from a worker


def _parallel(jobs: Jobs, keys: Keys, make: Make, count: int) -> Iterator[Output]:
    context = multiprocessing.get_context("fork")
    pipes = [_pipe(context) for _ in range(count)]
    processes = []
    for share, (_, send) in enumerate(pipes):
        process = context.Process(target=_work, args=(jobs.apart, keys, make, share, count, send), daemon=True)
        process.start()
        processes.append(process)
    for _, send in pipes:
        send.close()  # this process's copies: each pipe ends when its worker closes it
    inboxes = [receive for receive, _ in pipes]
    failures: list[BaseException] = []
    try:
        for output in _run(keys.select(jobs.together), make):
            yield output
            if inboxes:
                yield from _receive(inboxes, keys, failures, block=False)
        while inboxes:
            yield from _receive(inboxes, keys, failures, block=True)
    finally:
        for receive in (receive for receive, _ in pipes):
            receive.close()  # a worker still sending gets a broken pipe and stops, instead of waiting
        for process in processes:
            process.join()
    if failures:
        raise failures[0]
    for process in processes:
        if process.exitcode != 0:
            raise RuntimeError(f"build worker {process.pid} died (exit status {process.exitcode})")


def _receive(inboxes: list[Any], keys: Keys, failures: list[BaseException], block: bool) -> Iterator[Output]:
    """The outputs waiting in the inboxes (or wait for some); drop an inbox whose worker is done."""
    for inbox in wait(inboxes, None if block else 0):
        try:
            kind, payload = inbox.recv()
        except EOFError:
            inboxes.remove(inbox)
            continue
        if kind == "outputs":
            yield from payload
        elif kind == "learned":
            keys.made_digests.current.update(payload)  # views the worker hashed: for the next build
        else:
            failures.append(payload)


def _work(jobs: Iterable[Job], keys: Keys, make: Make, share: int, count: int, outbox: Any) -> None:
    """In a worker: make this share of the jobs, sending the outputs to the writing process."""
    batch: list[Output] = []
    size = 0
    try:
        for output in _run(keys.select(_share(jobs, share, count)), make):
            batch.append(output)
            size += len(output.data) if isinstance(output, OutputFile) else 0
            if size >= _BATCH:
                outbox.send(("outputs", batch))
                batch, size = [], 0
        if batch:
            outbox.send(("outputs", batch))
        outbox.send(("learned", keys.made_digests.current))
    except BaseException as exc:  # noqa: BLE001 - the writing process raises it
        try:
            outbox.send(("failed", exc))
        except Exception:  # an exception that does not pickle, or the writer has gone
            try:
                outbox.send(("failed", RuntimeError("".join(traceback.format_exception(exc)))))
            except Exception:
                pass
    finally:
        outbox.close()


def _pipe(context: Any) -> tuple[Any, Any]:
    """A (receive, send) pipe, widened so a worker rarely waits for the writer."""
    import fcntl  # only where processes fork: POSIX

    receive, send = context.Pipe(duplex=False)
    try:
        fcntl.fcntl(receive.fileno(), fcntl.F_SETPIPE_SZ, 1024 * 1024)
    except (AttributeError, OSError):  # not Linux, or above the system's limit: the default will do
        pass
    return receive, send
