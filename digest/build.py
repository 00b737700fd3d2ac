"""`build()`: the whole pipeline, readable top to bottom as its four stages.

    read_content (reading.py)   content/ -> published articles with Markdown and terms (cached)
    enrich_cached (enrich/)     READ MORE links, related coverage, same-story groups (cached)
    assemble_site (assemble.py) the site: entries, taxonomies, archives, editions
    make_outputs                pages, feeds, sitemaps, static files, e-mails -> keep or make
                                (incremental.py, executor.py) -> write (output.py) -> search index

Every content error is collected before anything is written, so a failing build leaves the
output folder as it was.  The caller owns the cache (CacheStore) and the configuration.
"""

from __future__ import annotations

import hashlib
import io
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from digest import __version__
from digest.assemble import assemble_site
from digest.cache import BuildCache, CacheStore
from digest.config import SiteConfig
from digest.enrich import Enrichment, enrich
from digest.errors import ConfigError, Diagnostic, SourceLocation, display_path as display
from digest.executor import Jobs, execute
from digest.feeds import FeedJobs
from digest import feeds, jsonfeed, makers, newsletter, render, structured, views
from digest.incremental import Digests, Keys, MadeDigests
from digest.makers import Makers, file_jobs
from digest.markdown import OPTIONS_KEY
from digest.model import Article, KeptFile, OutputFile, Site
from digest.output import MANIFEST, WriteReport, check_outputs, present_outputs, write_site
from digest.progress import Progress
from digest.reading import Content, read_content, recount_terms
from digest.render import PageJobs
from digest.search import SearchIndex, search_page
from digest.sitemap import render_sitemap
from digest.templates import CompiledTemplates, load_templates
from digest.theme import Theme, site_theme
from digest.views import site_view
from digest.workers import MIN_ITEMS, collector_paused, release_memory, worker_count


@dataclass(frozen=True)
class BuildResult:
    """What a build produced and how much work it did."""

    site: Site
    cache: BuildCache
    next_change: float | None  # when the earliest left-out future article falls due (timestamp)
    report: WriteReport | None
    parsed: int
    rendered: int
    seconds: float
    pages: int
    feeds: int
    warnings: tuple[Diagnostic, ...] = ()
    reviews: tuple[Diagnostic, ...] = ()  # drafts whose `review:` list says what is still missing


def build(config: SiteConfig, **options: Any) -> BuildResult:
    """Build the site described by `config`; raise DigestError on bad input.  The options are
    _build_site's; the cyclic garbage collector pauses meanwhile (see collector_paused)."""
    with collector_paused():
        return _build_site(config, **options)


def _build_site(config: SiteConfig, *, now: datetime | None = None, cache: BuildCache | None = None,
                write: bool = True, clean: bool = False, workers: int | None = None,
                page_workers: int | None = None, progress: Progress | None = None,
                store: CacheStore | None = None, force: bool = False) -> BuildResult:
    """Build the site described by `config`.

    `workers` processes parse and render Markdown (default: one per core, up to 4); `page_workers`
    processes make pages (default: as many).  Both only on builds with hundreds of new files or
    pages: a pool costs more than it saves on small or incremental builds (see executor.py).

    With a `store` (the caller's, which saves the cache when the build is done), the parts no later
    stage changes are saved early, while a forked process searches related coverage."""
    started = time.perf_counter()
    now = now or datetime.now(timezone.utc)
    cache = cache if cache is not None else BuildCache()
    parsed_before, rendered_before = cache.parse_count, cache.markdown_count
    if write:
        check_output_folder(config, force)
    progress = progress or Progress(io.StringIO(), tty=False)

    content = read_content(config, cache, now, workers, progress)
    progress.stage("connecting stories", len(content.published))
    enrichment = enrich_cached(list(content.published), config, cache, content.display_path, parallel=content.cold,
                               meanwhile=partial(store.save_parsed, cache) if write and store else None)
    if write and store:
        store.save_search(cache)  # a new search index, saved before the pages are made and let go of
    site = assemble_site(config, list(content.published), content.rendered, enrichment, content.intros,
                         content.display_path)
    release_memory()  # what enrichment needed only while it ran
    report = make_outputs(site, content, config, cache, now, write=write, clean=clean,
                          workers=page_workers if page_workers is not None else workers, progress=progress)
    progress.close()

    future = [a.date.timestamp() for a in content.articles if not config.future and a.date > now
              and (config.drafts or not a.draft)]
    return BuildResult(site=site, cache=cache, next_change=min(future, default=None), report=report,
                       pages=sum(1 for p in report.paths if p.endswith(".html")),
                       feeds=sum(1 for p in report.paths if p.rpartition("/")[2] in feeds.FEED_FILES),
                       parsed=cache.parse_count - parsed_before, rendered=cache.markdown_count - rendered_before,
                       seconds=time.perf_counter() - started,
                       warnings=content.warnings + enrichment.unresolved + unused_intros(content, site, config),
                       reviews=drafts_to_review(content.articles, content.display_path))


def make_outputs(site: Site, content: Content, config: SiteConfig, cache: BuildCache, now: datetime, *,
                 write: bool, clean: bool, workers: int | None, progress: Progress) -> WriteReport:
    """The publishing stage: every page, feed and file of the site as a job; the jobs whose key
    (incremental.py) is unchanged keep their file, the rest are made (in forked workers on a big
    cold build, executor.py) and written (output.py), then the search index is brought up to date.
    With `write` false nothing is written: the paths are checked (`digest check`)."""
    progress.stage("writing pages and feeds", len(site.entries) + sum(
        len(g.entries) // config.per_page + 1 for groups in site.taxonomies.values() for g in groups))
    year = site.entries[0].article.date.year if site.entries else now.year  # the footer's year
    key, digests = site_key(config, year, content.tag_names), Digests()
    made = MadeDigests(cache.views if write and not clean else {}, {})
    pages = PageJobs(site, year, digests, made, key, content.file_hashes, cache.enrichment)
    theme = site_theme(config.templates_path)
    theme.check()
    compiled = CompiledTemplates(cache.templates)
    templates = load_templates(theme, compiled)
    makers = Makers(templates, config, pages)
    keys = Keys(key, makers.digests, cache.pages if write and not clean else {}, present_outputs(config.output_path),
                digests, made)
    static = collect_static(theme)
    jobs = Jobs(together=chain(pages.lists(), search_page(pages),
                               file_jobs(chain(render_sitemap(site), static))),
                apart=chain(pages.articles(), FeedJobs(site, now, digests, {f.path for f in static}).jobs(),
                            newsletter.jobs(site)))
    big = write and len(site.entries) >= MIN_ITEMS and not keys.previous  # else a pool costs more than it saves
    workers = (worker_count() if workers is None else workers) if big else 1
    outputs = keys.record(advancing(execute(jobs, keys, makers.make, workers), progress))
    index = SearchIndex(config, keys.previous, keys.present) if write and config.search else None
    report = write_site(chain(outputs, index.kept() if index else ()), config.output_path) if write \
        else check_outputs(outputs)
    if index:  # the search index: Pagefind over the article pages just written
        report = index.update(site, keys.current, report, progress)
    if write:
        cache.pages, cache.views = keys.current, made.current
    cache.used["templates"] |= compiled.kept(templates.env)
    cache.compile_count += compiled.compiled
    cache.render_count += keys.made
    return report


CONTEXT_CODE = (views, render, feeds, jsonfeed, makers, structured, newsletter)  # what makes contexts and bytes


def site_key(config: SiteConfig, year: int, tag_names: Mapping[str, str] | None = None) -> str:
    """What every output depends on beyond its own context: digest's version, the code that makes
    contexts (so an edited checkout never keeps stale pages), the Markdown options, the settings,
    the site view every page gets, and the names chosen for tags written in more than one way
    (an article stands for its file in view digests, and its tags' names depend on other files)."""
    code = hashlib.sha256(b"".join(Path(module.__file__).read_bytes() for module in CONTEXT_CODE)).hexdigest()
    return hashlib.sha256(repr((__version__, code, OPTIONS_KEY, config, site_view(config, year),
                                sorted((tag_names or {}).items()))).encode()).hexdigest()


def advancing(outputs: Iterable[OutputFile | KeptFile], progress: Progress) -> Iterator[OutputFile | KeptFile]:
    """Pass outputs through, advancing the progress line at each page."""
    for output in outputs:
        if output.path.endswith(".html"):
            progress.advance()
        yield output


def drafts_to_review(articles: Iterable[Article], display_path: Callable[[Article], str]) -> tuple[Diagnostic, ...]:
    """One warning per draft that still carries a `review:` list (imports that lack a date, title or body)."""
    return tuple(Diagnostic(SourceLocation(display_path(a), 1, 1), "draft needs review: " + "; ".join(a.review),
                            severity="warning")
                 for a in sorted(articles, key=lambda a: a.path) if a.draft and a.review)


def enrich_cached(published: list[Article], config: SiteConfig, cache: BuildCache,
                  display_path: Callable[[Article], str], parallel: bool = False,
                  meanwhile: Callable[[], None] | None = None) -> Enrichment:
    """Enrichment, redoing only what changed since the cached one (enrich/ decides what a
    change can reach; nothing, after an edit below an article's lede).

    `parallel` (cold builds) searches candidates in a forked process while this one matches
    titles and runs `meanwhile`: numpy and scipy never enter this process, which keeps it -- and
    the page worker forked from it later -- smaller."""
    previous = None
    if cache.enrichment is not None and cache.enrichment_state is not None:
        previous = (cache.enrichment[1], cache.enrichment_state)
    terms_of = lambda i: cache.terms_of(published[i]) or recount_terms(published[i], config, cache)  # noqa: E731
    enrichment, state, index = enrich(published, terms_of, config.related_count, display_path,
                                      parallel=parallel and len(published) >= MIN_ITEMS and previous is None,
                                      meanwhile=meanwhile, previous=previous, settings=(display(config.content_path),),
                                      search_index=cache.search_index)
    if index is not None:
        cache.enrichment, cache.enrichment_state = (state.token, enrichment), state
        cache.set_search_index(index)
        cache.enrich_count += 1
    return enrichment


def unused_intros(content: Content, site: Site, config: SiteConfig) -> tuple[Diagnostic, ...]:
    """Intros whose edition has no published articles are reported, not silently dropped."""
    days = {edition.day for edition in site.editions}
    return tuple(Diagnostic(SourceLocation(display(config.content_path / intro.path), 1, 1),
                            f"no published articles in the edition of {day}, so this intro is not shown",
                            severity="warning")
                 for day, (intro, _) in sorted(content.intros.items()) if day not in days)


def collect_static(theme: Theme) -> list[OutputFile]:
    """The theme's static/** (the site's own files over the default theme's) copied to static/."""
    return [OutputFile("static/" + name, path.read_bytes()) for name, path in theme.static_files().items()]


def check_output_folder(config: SiteConfig, force: bool = False) -> None:
    """Never build into the site root, content/ or templates/: that would delete work.  Nor into
    a folder holding files digest did not write (no manifest of its own) unless it is empty or
    `force` is given: the user's index.html or robots.txt would be replaced."""
    out = config.output_path.resolve()
    for protected in (config.root, config.content_path, config.templates_path):
        protected = protected.resolve()
        if out == protected or protected.is_relative_to(out):
            raise ConfigError.at("command line", f"output folder {display(config.output_path)} would overwrite "
                                 f"{display(protected)}", hint="choose another --output folder")
    folder = config.output_path
    if force or not folder.is_dir() or (folder / MANIFEST).exists():
        return
    entries = sorted(entry.name for entry in folder.iterdir())
    if entries:
        raise ConfigError.at(folder, f"the output folder holds {len(entries)} file{'s' if len(entries) != 1 else ''} "
                             f"digest did not write (e.g. {entries[0]}); nothing was changed",
                             hint="build into an empty or new --output folder, or add --force to build here "
                                  "(files with the same names as the site's are replaced)")
