"""The verbs of following sources on the command line: `subscriptions import|export|list`,
`fetch`, `inbox`, `pick` and `skip`.  Translates between argv / streams and the modules beside it.

Exit statuses a cron job can act on: 0 everything done; 1 some sources (or ids) failed;
2 nothing could be done (no subscriptions, every source failed, the inbox locked by another run).
"""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from digest.config import CONFIG_FILE, SiteConfig, load_config
from digest.errors import ConfigError, display_path

VERBS = ("subscriptions", "fetch", "inbox", "pick", "skip")


def configure(verbs: argparse._SubParsersAction) -> None:
    """Add the verbs to the CLI's sub-parsers."""
    def root(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="site folder (default: .)")
        return parser

    subs = verbs.add_parser("subscriptions", help="list, import (OPML) or export (OPML) the followed sources")
    actions = subs.add_subparsers(dest="action", required=True, metavar="ACTION")
    root(actions.add_parser("list", help="one line per source, with its last fetch"))
    root(actions.add_parser("export", help="OPML 2.0 on standard output"))
    imported = root(actions.add_parser("import", help="add the sources of an OPML file to digest.yaml"))
    imported.add_argument("file", type=Path, metavar="FILE.opml")

    fetch = root(verbs.add_parser("fetch", help="fetch every followed source's new entries into inbox/"))
    fetch.add_argument("--offline", action="store_true", help="use what was fetched before; no network")
    fetch.add_argument("--force", action="store_true", help="also fetch sources waiting after failures")
    fetch.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS", help="per request (default: 20)")
    fetch.add_argument("--delay", type=float, default=1.0, metavar="SECONDS",
                       help="pause between two requests to one host (default: 1)")
    fetch.add_argument("-q", "--quiet", action="store_true", help="print problems only")

    inbox = root(verbs.add_parser("inbox", help="list the items waiting in inbox/, same stories together"))
    inbox.add_argument("--short", action="store_true", help="no summary lines")

    pick = root(verbs.add_parser("pick", help="move inbox items into content/"))
    pick.add_argument("ids", nargs="+", metavar="ID")
    pick.add_argument("--edition", metavar="DATE", help="the edition (YYYY-MM-DD) it is picked for")
    pick.add_argument("--note", metavar="TEXT", help="the curator's note, written as the summary")
    pick.add_argument("--tag", action="append", default=[], metavar="T", help="add a tag (repeatable)")

    skip = root(verbs.add_parser("skip", help="set inbox items aside for good"))
    skip.add_argument("ids", nargs="+", metavar="ID")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run one of VERBS in the site at args.root (the CLI has checked it is one); DigestError goes up."""
    config = load_config(args.root)
    if args.verb == "subscriptions":
        return _subscriptions(args, config, out, err)
    from digest.sources.lock import Busy, inbox_lock

    inbox = config.root / "inbox"
    if args.verb == "inbox":
        return _list(config, inbox, args.short, out)
    try:
        with inbox_lock(inbox):
            if args.verb == "fetch":
                return _fetch(args, config, inbox, out, err)
            return _curate(args, config, inbox, out, err)
    except Busy as busy:
        print(f"digest {args.verb}: another digest fetch, pick or skip is running ({display_path(Path(str(busy)))} "
              "is locked); nothing was done", file=err)
        return 2


def _fetch(args: argparse.Namespace, config: SiteConfig, inbox: Path, out: TextIO, err: TextIO) -> int:
    from digest.sources.harvest import FetchOptions, harvest

    if not config.subscriptions:
        print(f"digest fetch: no subscriptions in {CONFIG_FILE}; nothing to fetch "
              "(hint: add 'subscriptions:' or run 'digest subscriptions import FILE.opml')", file=err)
        return 2
    options = FetchOptions(now=datetime.now(timezone.utc).replace(microsecond=0), offline=args.offline,
                           force=args.force, timeout=args.timeout, delay=max(0.0, args.delay))
    new = failed = answered = 0
    for report in harvest(config, inbox, options):
        if report.moved:
            print(f"{report.name}: moved permanently: {report.moved[0]} -> {report.moved[1]}; "
                  f"{CONFIG_FILE} updated", file=out)
        for warning in report.warnings:
            print(f"{report.name}: warning: {warning}", file=err)
        if report.outcome == "failed":
            failed += 1
            print(f"{report.name}: failed: {report.message}", file=err)
            continue
        answered += report.outcome in ("fetched", "not-modified")
        new += len(report.new)
        if args.quiet:
            continue
        if report.outcome == "fetched":
            extra = f", {report.left_out} left out by its filters" if report.left_out else ""
            print(f"{report.name}: {len(report.new)} new, {report.known} known{extra}", file=out)
            for item in report.new:
                print(f"  {item.id}  {item.title}", file=out)
        else:
            print(f"{report.name}: {report.message}", file=out)
    if not args.quiet or failed:
        print(f"{new} new item{'s' if new != 1 else ''} in inbox/; "
              f"{failed} source{'s' if failed != 1 else ''} failed", file=out)
    if failed and not answered:
        return 2
    return 1 if failed else 0


def _list(config: SiteConfig, inbox: Path, short: bool, out: TextIO) -> int:
    from digest.sources.groups import story_groups
    from digest.sources.inbox import Ledger

    ledger = Ledger.load(inbox)
    items = ledger.waiting()
    if not items:
        print("the inbox is empty (digest fetch fills it)", file=out)
        return 0
    for group in story_groups(items, inbox):
        for number, item in enumerate(group):
            same = f"  (same story as {group[0].id})" if number else ""
            print(f"{item.id}  {item.source}  {(item.date or '')[:10] or 'undated'}  {item.title}{same}", file=out)
            if not short and item.summary:
                summary = item.summary if len(item.summary) <= 100 else item.summary[:99].rstrip() + "…"
                print(f"        {summary}", file=out)
    print(f"{len(items)} item{'s' if len(items) != 1 else ''}: digest pick ID... | digest skip ID...", file=out)
    return 0


def _curate(args: argparse.Namespace, config: SiteConfig, inbox: Path, out: TextIO, err: TextIO) -> int:
    from digest.sources.inbox import Ledger, parse_day

    edition = None
    if getattr(args, "edition", None):
        edition = parse_day(args.edition)
        if edition is None:
            raise ConfigError.at("command line", f"--edition must be a date like 2026-03-01, not {args.edition!r}")
    ledger = Ledger.load(inbox)
    decisions = []
    for wanted in args.ids:
        if args.verb == "pick":
            decisions.append(ledger.pick(wanted, config.content_path, note=args.note, tags=tuple(args.tag),
                                         edition=edition))
        else:
            decisions.append(ledger.skip(wanted))
    ledger.save()
    for decision in decisions:
        print(decision.message, file=out if decision.ok else err)
    failed = sum(not d.ok for d in decisions)
    return 0 if not failed else (2 if failed == len(decisions) else 1)


def _subscriptions(args: argparse.Namespace, config: SiteConfig, out: TextIO, err: TextIO) -> int:
    from digest.sources import opml
    from digest.sources.state import load_states, write_bytes_atomic
    from digest.sources.subscriptions import replace_block

    if args.action == "export":
        out.write(opml.render_opml(config.subscriptions, f"{config.title}: subscriptions"))
        return 0
    if args.action == "list":
        states = load_states(config.root / "inbox")
        if not config.subscriptions:
            print(f"no subscriptions in {CONFIG_FILE}", file=out)
        for sub in config.subscriptions:
            state = states.get(sub.key)
            last = "never fetched" if state is None else (
                f"last: {state.last_status or '?'} at {state.last_attempt}"
                + (f", {state.failures} failures in a row" if state.failures else ""))
            print(f"{sub.name}  {sub.feed}  ({last})", file=out)
        return 0
    found = opml.read_opml(args.file)
    path = config.root / CONFIG_FILE
    merged, added, present = opml.merge(config.subscriptions, found)
    for sub in present:
        print(f"{sub.name}: already followed ({sub.feed})", file=out)
    for sub in added:
        print(f"{sub.name}: added ({sub.feed})", file=out)
    if added:
        text = path.read_text(encoding="utf-8")
        write_bytes_atomic(path, replace_block(text, merged).encode("utf-8"))
        load_config(config.root)  # what was written must load
    print(f"{len(added)} added, {len(present)} already followed", file=out)
    return 0
