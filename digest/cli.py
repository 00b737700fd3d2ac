"""Command-line verbs: build | check | import.  The one place DigestError is printed.

A DigestError becomes one line per diagnostic on stderr and exit status 1; anything else is
a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence, TextIO

from digest import __version__
from digest.build import BuildResult, build, display
from digest.config import load_config
from digest.errors import DigestError, format_diagnostic


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR",
                        help="site folder holding digest.yaml, content/ and templates/ (default: .)")
    parser.add_argument("--base-url", help="override base_url, e.g. https://news.example.org/")
    parser.add_argument("--output", "-o", metavar="DIR", help="output folder (default: site)")
    parser.add_argument("--drafts", action="store_true", default=None, help="include draft articles")
    parser.add_argument("--future", action="store_true", default=None, help="include future-dated articles")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every file written")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digest", description="Build curated news digests as static sites.")
    parser.add_argument("--version", action="version", version=f"digest {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    _site_options(verbs.add_parser("build", help="build the site into site/"))
    _site_options(verbs.add_parser("check", help="check content and templates without writing anything"))
    try:
        from digest.importer import command as import_command
    except ImportError:  # the importer's optional dependencies are missing
        import_command = None
    if import_command is not None:
        import_command.configure_parser(verbs.add_parser("import", help="turn raw scraped articles into content/"))
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the CLI; return the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args = make_parser().parse_args(argv)
    try:
        if args.verb == "import":
            from digest.importer import command as import_command
            return import_command.run(args, stdout, stderr)
        return _build(args, stdout, stderr, write=args.verb == "build")
    except DigestError as error:
        for diagnostic in error.diagnostics:
            print(format_diagnostic(diagnostic), file=stderr)
        count = sum(1 for d in error.diagnostics if d.severity == "error")
        print(f"digest: {count} error{'s' if count != 1 else ''}; nothing was written", file=stderr)
        return 1


def _build(args: argparse.Namespace, out: TextIO, err: TextIO, *, write: bool) -> int:
    overrides = {"base_url": args.base_url, "output_dir": args.output, "drafts": args.drafts,
                 "future": args.future}
    config = load_config(args.root, overrides)
    result = build(config, write=write)
    if write and result.warnings and not args.quiet:
        unresolved = sum(1 for w in result.warnings if "READ MORE" in w.message)
        others = [w for w in result.warnings if "READ MORE" not in w.message]
        for warning in others:
            print(format_diagnostic(warning), file=err)
        if unresolved:
            print(f"note: {unresolved} READ MORE reference{'s' if unresolved != 1 else ''} name no article of this "
                  f"digest; 'digest check' lists them", file=err)
    elif result.warnings and not args.quiet:
        for warning in result.warnings:
            print(format_diagnostic(warning), file=err)
    if args.verbose and result.report:
        for path in result.report.written:
            print(f"wrote {path}", file=out)
        for path in result.report.removed:
            print(f"removed {path}", file=out)
    if not args.quiet:
        print(_summary(result, display(config.output_path) if write else None), file=out)
    return 0


def _summary(result: BuildResult, output: str | None) -> str:
    articles = len(result.site.entries)
    text = (f"{articles} article{'s' if articles != 1 else ''}, {result.pages} pages, {result.feeds} feeds "
            f"in {result.seconds:.2f} s")
    if output is None:
        count = len(result.warnings)
        return f"checked: {text}; " + (f"{count} warning{'s' if count != 1 else ''}" if count else "no problems found")
    report = result.report
    assert report is not None
    return (f"built {text} -> {output}/ ({len(report.written)} written, {len(report.unchanged)} unchanged, "
            f"{len(report.removed)} removed)")
