"""`python -m digest` runs the command-line interface."""

from __future__ import annotations

from digest.cli import run

run()
