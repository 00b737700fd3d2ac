"""Command-line verbs: init | new | import | build | check | serve | edition | subscriptions | fetch | inbox | pick | skip.  The one place DigestError is printed.

A DigestError becomes one line per diagnostic on stderr and exit status 1; anything else is
a bug and keeps its traceback.  Heavy modules (numpy, Jinja, Markdown) are imported only once
a build knows it has work to do, so a no-op rebuild answers in a fraction of a second.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Sequence, TextIO

from digest import __version__
from digest.config import CACHE_FOLDER, CONFIG_FILE, SiteConfig, load_config
from digest.buildlock import build_lock
from digest.errors import ConfigError, Diagnostic, DigestError, SourceLocation, display_path, format_diagnostic
from digest.theme import site_theme
from digest.fingerprint import (BuildRecord, fingerprint, forget_record, manifest_stat, read_record,
                                write_record)

if TYPE_CHECKING:
    from digest.build import BuildResult


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR",
                        help="site folder holding digest.yaml, content/ and templates/ (default: .)")
    parser.add_argument("--base-url", help="override base_url, e.g. https://news.example.org/")
    parser.add_argument("--output", "-o", metavar="DIR", help="output folder (default: site)")
    parser.add_argument("--drafts", action="store_true", default=None, help="include draft articles")
    parser.add_argument("--future", action="store_true", default=None, help="include future-dated articles")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every file written")


def make_parser(verb: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; the import verb's options are only loaded when `verb` is import
    (the importer pulls in trafilatura and httpx, which a build never needs)."""
    parser = argparse.ArgumentParser(prog="digest", description="Build curated news digests as static sites.")
    parser.add_argument("--version", action="version", version=f"digest {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    build = verbs.add_parser("build", help="build the site into site/")
    _site_options(build)
    build.add_argument("--clean", action="store_true",
                       help="ignore the build cache (.digest-cache/) and render every page again")
    build.add_argument("--force", action="store_true",
                       help="build into an output folder that holds files digest did not write")
    build.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                       help="processes for a cold build's Markdown and pages (default: one per core, up to 4; "
                            "-j 1 uses least memory)")
    _site_options(verbs.add_parser("check", help="check content and templates without writing anything"))
    init = verbs.add_parser("init", help="start a new digest in DIR (default: here)")
    init.add_argument("dir", nargs="?", type=Path, default=Path("."), metavar="DIR")
    init.add_argument("--title", help="the digest's name")
    init.add_argument("--base-url", help="where it will be published, e.g. https://news.example.org/")
    init.add_argument("--timezone", help="IANA timezone for dates written without one (default: UTC)")
    init.add_argument("--language", help="BCP 47 language of the site (default: en)")
    init.add_argument("--interactive", "-i", action="store_true", help="ask for each of these")
    new = verbs.add_parser("new", help="write a new article into content/ and print its path")
    new.add_argument("headline")
    new.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="site folder (default: .)")
    new.add_argument("--source", metavar="NAME", help="the outlet that published the story")
    new.add_argument("--url", metavar="URL", help="the original article's address")
    new.add_argument("--author", metavar="NAME", help="the byline")
    new.add_argument("--tag", action="append", default=[], metavar="TAG", help="a topic (repeat for more)")
    new.add_argument("--draft", action="store_true", help="mark it draft: true (left out of builds)")
    serve = verbs.add_parser("serve", help="preview the site locally, rebuilding and reloading on every change")
    serve.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="site folder (default: .)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; the next free one if busy)")
    serve.add_argument("--drafts", action="store_true", help="include draft articles")
    serve.add_argument("--future", action="store_true", help="include future-dated articles")
    serve.add_argument("--open", action="store_true", help="open the site in the web browser")
    serve.add_argument("--search", action=argparse.BooleanOptionalAction, default=None,
                       help="build the search index in the preview too (default: no; it makes every save wait "
                            "for Pagefind to index every article)")
    edition = verbs.add_parser("edition", help="an edition as an e-mail: HTML and plain text (--email)")
    edition.add_argument("date", nargs="?", default="latest", metavar="DATE",
                         help="the edition's day, YYYY-MM-DD (weekly: any day of its week), or latest (default)")
    edition.add_argument("--email", action="store_true", help="write DATE.html and DATE.txt, ready to send")
    edition.add_argument("--output", "-o", type=Path, default=Path("."), metavar="DIR",
                         help="folder for the e-mail files (default: the current folder)")
    edition.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="site folder (default: .)")
    edition.add_argument("--base-url", help="override base_url, e.g. https://news.example.org/")
    edition.add_argument("--drafts", action="store_true", default=None, help="include draft articles")
    edition.add_argument("--future", action="store_true", default=None, help="include future-dated articles")
    from digest.sources import command as sources_command  # argparse only; its work is imported when run

    sources_command.configure(verbs)
    import_parser = verbs.add_parser("import", help="turn raw scraped articles into content/")
    if verb == "import":
        from digest.importer import command as import_command

        import_command.configure_parser(import_parser)
    return parser


def run() -> None:
    """The `digest` command: main(), then exit at once.  A build ends holding hundreds of thousands
    of objects; freeing them one by one on the way out (a tenth of a second at 10,000 articles)
    does nothing the operating system does not do when the process ends."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the CLI; return the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    args = make_parser(next((a for a in argv if not a.startswith("-")), None)).parse_args(argv)
    try:
        if args.verb == "import":
            from digest.importer import command as import_command
            return import_command.run(args, stdout, stderr)
        if args.verb == "init":
            return _init(args, stdout, stderr)
        if args.verb == "new":
            return _new(args, stdout)
        _require_site(args.root)
        if args.verb in ("subscriptions", "fetch", "inbox", "pick", "skip"):
            from digest.sources import command as sources_command

            return sources_command.run(args, stdout, stderr)
        if args.verb == "edition":
            return _edition(args, stdout)
        if args.verb == "serve":
            from digest.serve import serve

            require_content(load_config(args.root))
            return serve(args.root, host=args.host, port=args.port, drafts=args.drafts, future=args.future,
                         open_browser=args.open, search=args.search, out=stdout, err=stderr)
        return _build(args, stdout, stderr, write=args.verb == "build")
    except DigestError as error:
        for diagnostic in error.diagnostics:
            print(format_diagnostic(diagnostic), file=stderr)
        count = sum(1 for d in error.diagnostics if d.severity == "error")
        print(f"digest: {count} error{'s' if count != 1 else ''}; nothing was written", file=stderr)
        return 1


def _require_site(root: Path) -> None:
    """A build, check or preview needs a site: digest.yaml."""
    if not (root / CONFIG_FILE).is_file():
        where = "here" if root == Path(".") else f"in {display_path(root)}"
        raise ConfigError.at(root / CONFIG_FILE, f"no {CONFIG_FILE} {where}: this is not a digest site",
                             hint="run 'digest init' to start one, or use --root DIR")


def require_content(config: SiteConfig) -> None:
    """...and its content folder: a misspelt content_dir is an error, not an empty site."""
    if not config.content_path.is_dir():
        raise ConfigError.at(config.content_path, f"the content folder {display_path(config.content_path)} "
                             "does not exist", hint=f"create it, or set content_dir in {CONFIG_FILE}")


def _init(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from digest.scaffold import ask, init_site

    values = {key: value for key, value in (("title", args.title), ("base_url", args.base_url),
                                            ("timezone", args.timezone), ("language", args.language))
              if value is not None}
    if args.interactive:
        values = ask(values, input, lambda line: print(line, file=err))
    created = init_site(args.dir, values, datetime.now(timezone.utc))
    for path in created.files:
        print(f"created {display_path(path)}", file=out)
    go = "" if args.dir == Path(".") else f"cd {args.dir} && "
    print(f"next: {go}digest serve      (preview at http://127.0.0.1:8000/, reloading as you edit)\n"
          f"      {go}digest build      (the finished site in site/)", file=out)
    return 0


def _new(args: argparse.Namespace, out: TextIO) -> int:
    from digest.scaffold import new_article

    _require_site(args.root)
    config = load_config(args.root)
    require_content(config)
    path = new_article(config.content_path, args.headline, now=datetime.now(timezone.utc), zone=config.zone,
                       source=args.source, url=args.url, tags=tuple(args.tag), author=args.author,
                       draft=args.draft)
    print(display_path(path), file=out)
    return 0


def _edition(args: argparse.Namespace, out: TextIO) -> int:
    """One edition, as an e-mail with --email (newsletter.py), from a build that writes nothing
    (it reads the build cache, so it costs what `digest check` costs)."""
    from digest.build import build
    from digest.cache import CacheStore
    from digest.newsletter import find_edition, render_edition

    config = load_config(args.root, {"base_url": args.base_url, "drafts": args.drafts, "future": args.future})
    require_content(config)
    cache, _ = CacheStore(config.root / CACHE_FOLDER).load()
    site = build(config, cache=cache, write=False).site
    edition = find_edition(site, args.date)
    if isinstance(edition, str):
        raise ConfigError.at("command line", edition)
    html_name, text_name = f"{edition.slug}.html", f"{edition.slug}.txt"
    if not args.email:
        count = len(edition.entries)
        print(f"{edition.slug}  {edition.intro_title or edition.title}  ({count} article{'s' if count != 1 else ''})\n"
              f"{config.base_url}editions/{edition.slug}/\n"  # base_url ends in /
              f"add --email to write it as an e-mail: {html_name} and {text_name}", file=out)
        return 0
    html, text = render_edition(site, edition)
    for name, data in ((html_name, html), (text_name, text)):
        try:
            args.output.mkdir(parents=True, exist_ok=True)
            (args.output / name).write_bytes(data)
        except OSError as exc:
            raise ConfigError.at(args.output / name, f"cannot write the e-mail: {exc.strerror}") from None
        print(f"wrote {display_path(args.output / name)} ({len(data):,} bytes)", file=out)
    return 0


def _build(args: argparse.Namespace, out: TextIO, err: TextIO, *, write: bool) -> int:
    """A build holds the site's build lock (buildlock.py): a second build started meanwhile waits."""
    if not write:
        return _build_locked(args, out, err, write=False)
    root_cache = args.root / CACHE_FOLDER
    tell = (lambda pid: print(f"waiting for another build of this site (pid {pid or '?'}) to finish", file=err))
    with build_lock(root_cache, tell):
        return _build_locked(args, out, err, write=True)


def _build_locked(args: argparse.Namespace, out: TextIO, err: TextIO, *, write: bool) -> int:
    started = time.perf_counter()
    overrides = {"base_url": args.base_url, "output_dir": args.output, "drafts": args.drafts,
                 "future": args.future}
    config = load_config(args.root, overrides)
    require_content(config)
    now = datetime.now(timezone.utc)
    cache_dir = config.root / CACHE_FOLDER
    clean = write and args.clean
    if write:
        key = fingerprint(__version__, {k: v for k, v in overrides.items() if v is not None},
                          config.root / CONFIG_FILE, [config.content_path, *site_theme(config.templates_path).folders])
        record = None if clean else read_record(cache_dir)
        if (record and record.fingerprint == key and record.manifest == manifest_stat(config.output_path)
                and (record.next_change is None or now.timestamp() < record.next_change)):
            if not args.quiet:
                s = record.summary
                print(f"built {s['articles']} article{'s' if s['articles'] != 1 else ''}, {s['pages']} pages, "
                      f"{s['feeds']} feeds in {time.perf_counter() - started:.2f} s -> "
                      f"{display_path(config.output_path)}/ (nothing changed)", file=out)
            return 0
        forget_record(cache_dir)  # from here on the output may change: the old record no longer holds
    from digest.build import build
    from digest.cache import CacheStore
    from digest.progress import Progress

    store = CacheStore(cache_dir) if write else None
    cache, note = store.load() if store and not clean else (None, None)
    if note and not args.quiet:
        print(f"note: {note}", file=err)
    progress = None if args.quiet else Progress(err, tty=err.isatty())
    jobs = getattr(args, "jobs", None)
    result = build(config, now=now, cache=cache, write=write, clean=clean, progress=progress,
                   workers=jobs, page_workers=jobs, store=store, force=getattr(args, "force", False))
    if store:
        store.save(result.cache)
        write_record(cache_dir, BuildRecord(key, manifest_stat(config.output_path), result.next_change,
                                            {"articles": len(result.site.entries), "pages": result.pages,
                                             "feeds": result.feeds}))
    _report(args, result, config, out, err, write)
    return 0


def _report(args: argparse.Namespace, result: "BuildResult", config: SiteConfig, out: TextIO, err: TextIO,
            write: bool) -> None:
    if args.quiet:
        return
    if args.verbose and result.report:
        for path in result.report.written:
            print(f"wrote {path}", file=out)
        for path in result.report.removed:
            print(f"removed {path}", file=out)
    if write:
        unresolved = sum(1 for w in result.warnings if "READ MORE" in w.message)
        for warning in result.warnings:
            if "READ MORE" not in warning.message:
                print(format_diagnostic(warning), file=err)
        if unresolved:
            print(f"note: {unresolved} READ MORE reference{'s' if unresolved != 1 else ''} "
                  f"name{'s' if unresolved == 1 else ''} no article of this "
                  f"digest; 'digest check' lists them", file=err)
        if result.reviews:
            count = len(result.reviews)
            print(f"note: {count} draft{'s' if count != 1 else ''} need{'s' if count == 1 else ''} review "
                  f"(imported without a date, title or body); 'digest check' lists them", file=err)
    else:
        for warning in result.warnings + result.reviews + _disguised_values(result, config):
            print(format_diagnostic(warning), file=err)
    print(_summary(result, display_path(config.output_path) if write else None), file=out)


def _disguised_values(result: "BuildResult", config: SiteConfig) -> tuple[Diagnostic, ...]:
    """`digest check` flags front-matter and digest.yaml values holding bidirectional controls
    (U+202A-202E, U+2066-2069), at their line: they can make a title read differently from what it
    says.  A file is parsed again only when its text holds one."""
    from digest.characters import disguised_values

    found = []
    settings = config.root / CONFIG_FILE
    if settings.is_file():
        found += disguised_values(display_path(settings), settings.read_text(encoding="utf-8-sig"), False)
    for entry in result.site.entries:
        path = config.content_path / entry.article.path
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError:
            continue
        found += disguised_values(display_path(path), text, True)
    return tuple(found)


def _summary(result: "BuildResult", output: str | None) -> str:
    articles = len(result.site.entries)
    text = (f"{articles} article{'s' if articles != 1 else ''}, {result.pages} pages, {result.feeds} feeds "
            f"in {result.seconds:.2f} s")
    if output is None:
        count = len(result.warnings) + len(result.reviews)
        return f"checked: {text}; " + (f"{count} warning{'s' if count != 1 else ''}" if count else "no problems found")
    report = result.report
    assert report is not None
    return (f"built {text} -> {output}/ ({len(report.written)} written, {len(report.unchanged)} unchanged, "
            f"{len(report.removed)} removed)")
