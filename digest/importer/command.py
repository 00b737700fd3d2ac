"""`digest import` on the command line: argument definitions and the report printed per input.

digest/cli.py calls `configure_parser` to add the options and `run` to execute; this module
only translates between argv/streams and `pipeline.import_inputs`.
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, TextIO

from digest.errors import format_diagnostic
from digest.importer.dates import UnknownTimezoneError, load_timezone
from digest.importer.pipeline import ImportOptions, ImportOutcome, import_inputs

_ORDER = ("imported", "updated", "unchanged", "duplicate", "skipped", "failed")


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Add the `digest import` arguments to `parser`."""
    parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL",
                        help="text dumps, saved HTML, scraper JSON / JSON Lines, RSS / Atom feeds, "
                             "directories of those, http(s) URLs, or - for standard input")
    parser.add_argument("--into", type=Path, default=Path("content"), metavar="DIR",
                        help="content directory to write <yyyy>/<mm>/<slug>.md into (default: content)")
    parser.add_argument("--source", metavar="NAME", help="source name, e.g. RT (default: from the page or URL)")
    parser.add_argument("--timezone", metavar="TZ",
                        help="IANA timezone (Europe/Moscow) or offset (+03:00) for dates printed without one "
                             "(default: the known source's, else the site's)")
    parser.add_argument("--tag", action="append", default=[], metavar="T", dest="tags",
                        help="add a tag to every imported article (repeatable)")
    parser.add_argument("--reference-time", metavar="ISO",
                        help="the moment relative dates ('3 hours ago') count back from; without it they "
                             "are left out with a warning")
    parser.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS", help="HTTP timeout for URLs")
    parser.add_argument("--dry-run", action="store_true", help="report what would be written; write nothing")
    parser.add_argument("--force", action="store_true",
                        help="overwrite files edited since import and same-path duplicates")
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                        help="processes reading inputs (default: every core, up to 4, for 300 or more files)")


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, stdin: BinaryIO | None = None) -> int:
    """Execute `digest import`; returns the exit code (1 if any input failed)."""
    try:
        timezone = load_timezone(args.timezone) if args.timezone else None
    except UnknownTimezoneError as exc:
        print(f"digest import: error: {exc} (hint: use an IANA name such as Europe/Moscow, or +03:00)", file=stderr)
        return 2
    reference = None
    if getattr(args, "reference_time", None):
        try:
            reference = datetime.fromisoformat(args.reference_time)
        except ValueError:
            print(f"digest import: error: --reference-time {args.reference_time!r} is not ISO 8601", file=stderr)
            return 2
        if reference.tzinfo is None and timezone is not None:
            reference = reference.replace(tzinfo=timezone)
    options = ImportOptions(into=args.into, source=args.source, timezone=timezone,
                            tags=tuple(args.tags or ()), dry_run=args.dry_run, force=args.force,
                            reference_time=reference, timeout=getattr(args, "timeout", 20.0),
                            jobs=getattr(args, "jobs", None))
    counts: Counter[str] = Counter()
    for outcome in import_inputs(args.inputs, options, stdin=stdin):
        counts[outcome.status] += 1
        for diagnostic in outcome.diagnostics:
            print(format_diagnostic(diagnostic), file=stderr)
        if outcome.status != "failed":
            print(_describe(outcome, args.dry_run), file=stdout)
    summary = ", ".join(f"{counts[s]} {s}" for s in _ORDER)
    print(("dry run: " if args.dry_run else "") + summary, file=stdout)
    # A duplicate is worth a non-zero exit only when it was all there was: nothing new came in.
    only_duplicates = counts["duplicate"] and not (counts["imported"] or counts["updated"] or counts["unchanged"])
    return 1 if counts["failed"] or only_duplicates else 0


def _describe(outcome: ImportOutcome, dry_run: bool) -> str:
    path = _shown(outcome.path)
    if outcome.status == "duplicate":
        return f"{outcome.label}: duplicate of {path}"
    if outcome.status == "unchanged":
        return f"{outcome.label}: unchanged ({path})"
    if outcome.status == "skipped":
        return f"{outcome.label}: skipped ({path} was edited since import; --force overwrites)"
    verb = {"imported": "would import" if dry_run else "imported",
            "updated": "would update" if dry_run else "updated"}[outcome.status]
    return f"{outcome.label}: {verb} -> {path}"


def _shown(path: Path | None) -> str:
    if path is None:
        return "?"
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
