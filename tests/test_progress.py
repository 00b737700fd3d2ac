"""Progress output: nothing for quick builds, plain lines in logs, one redrawn line on a terminal."""

from __future__ import annotations

import io

from digest.progress import Progress


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_quick_build_prints_nothing():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, tty=True, clock=clock)
    progress.stage("parsing", 10)
    clock.now = 1.0
    progress.advance(10)
    progress.close()
    assert stream.getvalue() == ""


def test_log_gets_one_plain_line_per_stage_after_the_delay():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, tty=False, clock=clock)
    progress.stage("parsing", 100)
    clock.now = 2.5
    progress.advance(100)
    progress.stage("rendering Markdown", 100)
    clock.now = 4.0
    progress.advance(40)
    progress.close()
    assert stream.getvalue() == "digest: parsing 100 in 2.5 s\ndigest: rendering Markdown 40 in 1.5 s\n"


def test_terminal_gets_a_bar_that_is_cleared_at_the_end():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, tty=True, clock=clock)
    progress.stage("writing pages and feeds", 48)
    clock.now = 3.0
    progress.advance(24)
    assert stream.getvalue().endswith("\r\x1b[K[############------------] writing pages and feeds 24/48")
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")
