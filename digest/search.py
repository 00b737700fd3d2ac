"""The site's search index: Pagefind over the article pages, once they are written.

    search_page(pages)                  the /search/ page's job (the theme's search.html)
    SearchIndex(config, previous, present)
      .kept()                           the last build's index files, which the page write keeps
      .update(site, current, report)    after the write: Pagefind over the article pages, only when
                                        one of them changed, came or went; its files go through
                                        output.write_site, so the manifest lists them

Pagefind (the `pagefind[extended]` package's binary) indexes exactly the article pages: they are
hard-linked into a scratch folder beside the output folder, so no other page and no other template
of a theme ever enters the index.  Inside a page it reads the element marked `data-pagefind-body`
(article.html: the story's body); the title comes from the page's `<h1>` (Pagefind's automatic
metadata).  The files it writes are a function of those pages' bytes -- Pagefind sorts the pages,
so neither their order nor their times matter (tests/test_search.py) --, which is what keeps an
incremental build's index equal to a clean build's: the index files' key is a hash of every
article page's path and key (incremental.py: equal keys, equal bytes), of Pagefind's binary and of
its options.  The index is made again when that key changes, and kept otherwise.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from digest.config import SiteConfig
from digest.errors import DigestError, Diagnostic, SourceLocation, display_path
from digest.incremental import Job
from digest.model import KeptFile, OutputFile, Site
from digest.output import WriteReport, make_parents, write_site
from digest.pagekinds import SEARCH, SEARCH_INDEX
from digest.progress import Progress
from digest.render import PageJobs, output_path

TEMPLATE = "search.html"
FOLDER = SEARCH_INDEX.strip("/") + "/"  # the index's files in the output folder: pagefind/...
HINT = "install it with pip install 'pagefind[extended]', or set search: false in digest.yaml"


def search_page(pages: PageJobs) -> Iterator[Job]:
    """The search page (with `search: true`): the theme's search.html, given the index's folder as
    `bundle` (base-path aware, so it works from any static host and from `digest serve`).  Like the
    404 page it is `noindex` and not in the sitemap: it has nothing of its own to find."""
    if pages.config.search:
        yield pages.job(SEARCH, TEMPLATE, replace(pages.meta(SEARCH, "Search", "search"), noindex=True),
                        {"bundle": pages.urls.local(SEARCH_INDEX)})


class SearchIndex:
    """The index files the last build wrote (`previous`: its keys; `present`: its manifest), and
    how to bring them up to date with this build's article pages.  Made before the pages are
    written: a missing Pagefind is reported before anything changes."""

    def __init__(self, config: SiteConfig, previous: Mapping[str, str], present: set[str]) -> None:
        self.config = config
        self.binary = pagefind_binary(config)
        self.previous = previous
        self.last = sorted(path for path in present if path.startswith(FOLDER))  # the index in the folder

    def kept(self) -> Iterator[KeptFile]:
        """The last index, kept through the page write (else it would be removed as stale)."""
        for path in self.last:
            yield KeptFile(path, self.previous.get(path, ""))

    def update(self, site: Site, current: dict[str, str], report: WriteReport,
               progress: Progress | None = None) -> WriteReport:
        """Index the written article pages when they differ from the ones the last index was made
        from; record the index files' keys in `current` (this build's keys) and return `report`
        with the index's writes added."""
        pages = sorted(output_path(entry.url) for entry in site.entries)
        binary = self.binary
        options = pagefind_options(self.config)
        key = index_key(binary, options, ((path, current[path]) for path in pages))
        last = self.last
        recorded = sorted(path for path in self.previous if path.startswith(FOLDER))  # what the last build made
        if last and last == recorded and all(self.previous[path] == key for path in last):
            current.update((path, key) for path in last)
            return report
        if progress is not None:
            progress.stage("indexing for search", len(pages))
        folder = self.config.output_path
        scratch = folder.parent / f".{folder.name}.search"
        try:
            files = run_pagefind(binary, options, folder, pages, scratch, key)
            others = (KeptFile(path, "") for path in report.paths if not path.startswith(FOLDER))
            written = write_site(chain(others, files), folder)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        made = [path for path in written.paths if path.startswith(FOLDER)]
        for path in last:
            current.pop(path, None)
        current.update((path, key) for path in made)
        before = set(report.written)
        return WriteReport(report.written + written.written,
                           tuple(path for path in written.unchanged if path not in before),
                           report.removed + written.removed)


def pagefind_binary(config: SiteConfig) -> Path:
    """Pagefind's executable (the `pagefind[extended]` package's, or PAGEFIND_BINARY_PATH)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        found = None
    else:
        found = get_executable()
    if found is None or not Path(found).is_file():
        raise DigestError([Diagnostic(SourceLocation(display_path(config.root / "digest.yaml")),
                                      "search needs Pagefind, which is not installed", hint=HINT)])
    return Path(found)


def pagefind_options(config: SiteConfig) -> tuple[str, ...]:
    """One index in the site's language (articles in other languages are found from the same
    search page), stemmed for it; Pagefind wants an ISO 639-1 code."""
    return ("--force-language", config.language.split("-")[0].lower(), "--silent")


def index_key(binary: Path, options: tuple[str, ...], pages: Iterable[tuple[str, str]]) -> str:
    """What the index is made from: the article pages (by their keys), Pagefind and its options."""
    stat = binary.stat()
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((str(binary), stat.st_size, stat.st_mtime_ns, options)).encode())
    for path, page_key in pages:
        digest.update(f"{path}\x00{page_key}\x00".encode())
    return digest.hexdigest()


def run_pagefind(binary: Path, options: tuple[str, ...], folder: Path, pages: list[str], scratch: Path,
                 key: str) -> Iterator[OutputFile]:
    """Index `pages` (paths in `folder`) and yield the index's files, under pagefind/.  The pages
    are hard-linked (copied where links fail) into `scratch`, which Pagefind reads and writes to."""
    if not pages:
        return  # nothing to search (Pagefind refuses an empty site): no index
    shutil.rmtree(scratch, ignore_errors=True)  # left over from a killed build
    site, out = scratch / "pages", scratch / "index"
    site.mkdir(parents=True)
    make_parents(site, pages)
    for path in pages:
        try:
            os.link(folder / path, site / path)
        except OSError:
            shutil.copyfile(folder / path, site / path)
    command = [str(binary), "--site", str(site), "--output-path", str(out), *options]
    result = subprocess.run(command, capture_output=True, text=True, errors="replace", stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        said = (result.stderr.strip() or result.stdout.strip()).splitlines()
        raise DigestError([Diagnostic(SourceLocation(display_path(folder)),
                                      f"Pagefind could not index the site (exit status {result.returncode})"
                                      + (f": {said[-1]}" if said else ""),
                                      hint="set search: false in digest.yaml to build without search")])
    for file in sorted(out.rglob("*")):
        if file.is_file():
            yield OutputFile(FOLDER + file.relative_to(out).as_posix(), file.read_bytes(), key)
