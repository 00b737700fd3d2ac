"""`build()`: the whole pipeline, readable top to bottom.

load config (cli) -> discover -> parse (cached) -> Markdown (cached) -> enrich -> assemble ->
render pages + feeds + sitemap -> write.  Every content error is collected before anything is
written, so a failing build leaves the output folder as it was.
"""

from __future__ import annotations

import hashlib
import io
import time
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence
from zoneinfo import ZoneInfo

from digest import __version__
from digest.assemble import assemble_site, is_published, tag_names, with_tag_names
from digest.cache import BuildCache, CacheStore
from digest.config import SiteConfig
from digest.content import ContentFile, body_key, discover, parse_article, prefetch
from digest.editions import EDITIONS_FOLDER, Intro, parse_intro
from digest.enrich import Enrichment, enrich
from digest.errors import ConfigError, ContentError, Diagnostic, SourceLocation, display_path as display
from digest.executor import Jobs, execute
from digest.feeds import FeedJobs
from digest import feeds, jsonfeed, makers, newsletter, render, structured, views
from digest.incremental import Digests, Keys, MadeDigests
from digest.makers import Makers, file_jobs
from digest.markdown import OPTIONS_KEY, MarkdownRenderer, new_renderer
from digest.model import Article, KeptFile, OutputFile, RenderedMarkdown, Site
from digest.output import MANIFEST, WriteReport, check_outputs, present_outputs, write_site
from digest.progress import Progress
from digest.render import PageJobs
from digest.sitemap import render_sitemap
from digest.templates import CompiledTemplates, load_templates
from digest.terms import Terms, text_terms
from digest.theme import Theme, site_theme
from digest.views import site_view
from digest.workers import MIN_ITEMS, collector_paused, map_chunks, release_memory, start_pool, worker_count

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
    progress.stage("reading content")
    file_problems: list[Diagnostic] = []
    files = discover(config.content_path, cache.files, root=config.root, follow_symlinks=config.follow_symlinks,
                     problems=file_problems)
    if any(problem.severity == "error" for problem in file_problems):
        raise ContentError([problem for problem in file_problems if problem.severity == "error"])
    workers = worker_count() if workers is None else workers
    page_workers = workers if page_workers is None else page_workers
    # a mostly cold build renders much Markdown: fork its workers now, while this process is small
    pool = start_pool(workers) if len(files) >= MIN_ITEMS and len(cache.markdown) < len(files) // 2 else None
    try:
        article_files = [f for f in files if not f.rel.startswith(EDITIONS_FOLDER)]
        intro_files = [f for f in files if f.rel.startswith(EDITIONS_FOLDER)]
        progress.stage("parsing", len(article_files))
        articles = parse_all(article_files, config, cache, pool)
        cache.files = {f.rel: f.stat for f in files}
        for file in files:
            file.__dict__.pop("data", None)  # the raw bytes are parsed: do not hold 10,000 files in memory
        intros = parse_intros(intro_files, config)
        published = [a for a in articles if is_published(a, config, now)]
        names = tag_names(published)
        published = with_tag_names(published, names)
        rendered = rendered_markdown(published, cache)
    finally:
        if pool is not None:
            pool.terminate()
    release_memory()
    progress.stage("connecting stories", len(published))
    content_shown = display(config.content_path)
    display_path = lambda a: f"{content_shown}/{a.path}"  # noqa: E731
    save_parsed = partial(store.save_parsed, cache) if write and store else None
    enrichment = enrich_cached(published, config, cache, display_path, parallel=pool is not None,
                               meanwhile=save_parsed)
    if save_parsed is not None and store is not None:
        store.save_search(cache)
    rendered_intros = {day: (intro, render_text(intro.body, None, cache)) for day, intro in intros.items()}
    site = assemble_site(config, published, rendered, enrichment, rendered_intros, display_path)
    warnings = tuple(file_problems) + enrichment.unresolved + unused_intros(intros, site, config)

    release_memory()  # what enrichment needed only while it ran
    progress.stage("writing pages and feeds", len(site.entries) + sum(
        len(g.entries) // config.per_page + 1 for groups in site.taxonomies.values() for g in groups))
    year = site.entries[0].article.date.year if site.entries else now.year  # the footer's year
    key, digests = site_key(config, year, names), Digests()
    made = MadeDigests(cache.views if write and not clean else {}, {})
    pages = PageJobs(site, year, digests, made, key, {f.rel: cache.files[f.rel][2] for f in article_files},
                     cache.enrichment)
    theme = site_theme(config.templates_path)
    theme.check()
    compiled = CompiledTemplates(cache.templates)
    templates = load_templates(theme, compiled)
    makers = Makers(templates, config, pages)
    keys = Keys(key, makers.digests, cache.pages if write and not clean else {}, present_outputs(config.output_path),
                digests, made)
    static = collect_static(theme)
    jobs = Jobs(together=chain(pages.lists(), file_jobs(chain(render_sitemap(site), static))),
                apart=chain(pages.articles(), FeedJobs(site, now, digests, {f.path for f in static}).jobs(),
                            newsletter.jobs(site)))
    big = write and len(site.entries) >= MIN_ITEMS and not keys.previous  # else a pool costs more than it saves
    outputs = keys.record(advancing(execute(jobs, keys, makers.make, page_workers if big else 1), progress))
    report = write_site(outputs, config.output_path) if write else check_outputs(outputs)
    progress.close()
    if write:
        cache.pages, cache.views = keys.current, made.current
    cache.used["templates"] |= compiled.kept(templates.env)
    cache.compile_count += compiled.compiled
    cache.render_count += keys.made
    future = [a.date.timestamp() for a in articles if not config.future and a.date > now
              and (config.drafts or not a.draft)]
    return BuildResult(site=site, cache=cache, next_change=min(future, default=None), report=report,
                       pages=sum(1 for p in report.paths if p.endswith(".html")),
                       feeds=sum(1 for p in report.paths if p.rpartition("/")[2] in feeds.FEED_FILES),
                       parsed=cache.parse_count - parsed_before, rendered=cache.markdown_count - rendered_before,
                       seconds=time.perf_counter() - started, warnings=warnings,
                       reviews=drafts_to_review(articles, display_path))


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


def parse_all(files: list[ContentFile], config: SiteConfig, cache: BuildCache, pool: Any = None) -> list[Article]:
    """Parse every file (reusing cached results for unchanged bytes); raise with all problems.

    A file is rendered to HTML and its terms counted as soon as it is parsed, so its body is
    never held after that; with a pool and many new files, workers do all three."""
    zone, tz = config.zone, config.timezone
    shown = display(config.content_path)  # files are named in messages by this and their content path
    cached_rels = {rel for rel, _, _ in cache.articles}
    # a path the cache has never seen is parsed whatever its hash: workers hash what they read
    fresh = [f for f in files if f.rel not in cached_rels or not _cached(cache, (f.rel, f.digest, tz))]
    reading = None
    if pool is not None and len(fresh) >= MIN_ITEMS:
        jobs = [(f.rel, str(f.path), f.size, f.mtime_ns, f"{shown}/{f.rel}", tz) for f in fresh]
        reading = prefetch([f.path for f in fresh])
        chunks = map_chunks(_parse_chunk, jobs, pool)
    else:
        renderer = cache.renderer() if fresh else None
        chunks = [_digest(f, f"{shown}/{f.rel}", zone, renderer, cache.markdown) for f in fresh]
    results: dict[tuple[str, str, str], Article | list[Diagnostic]] = {}
    for file, (result, rendered, terms, digest) in zip(fresh, chunks):
        file.__dict__["digest"] = digest
        results[(file.rel, digest, tz)] = result
        if rendered is not None:
            markdown_key, value = rendered
            if markdown_key not in cache.markdown:
                cache.markdown[markdown_key] = value
                cache.markdown_count += 1
        if terms is not None:
            cache.add_terms(result.terms_key, terms)  # type: ignore[union-attr]
    if reading is not None:
        reading.join()  # long done: but no thread may run when a later stage forks
    keys = [(file.rel, file.digest, tz) for file in files]
    articles: list[Article] = []
    problems: list[Diagnostic] = []
    for key in keys:
        cache.used["articles"].add(key)
        article = cache.articles.get(key) if key not in results else None
        if article is None:
            result = results[key]
            cache.parse_count += 1
            if isinstance(result, list):
                problems.extend(result)
                continue
            article = cache.articles[key] = cache.share(result)
        cache.used["markdown"].add(markdown_key_of(article))
        cache.used["terms"].add(article.terms_key)
        articles.append(article)
    if problems:
        raise ContentError(problems)
    return articles


def _cached(cache: BuildCache, key: tuple[str, str, str]) -> bool:
    """An article is reused only with its rendered Markdown (else it is parsed again)."""
    article = cache.articles.get(key)
    return article is not None and markdown_key_of(article) in cache.markdown


def markdown_key_of(article: Article) -> str:
    return BuildCache.markdown_key(article.body_key, article.summary, OPTIONS_KEY)


_Digested = tuple[Article | list[Diagnostic], tuple[str, RenderedMarkdown] | None, Terms | None, str]


def _digest(file: ContentFile, shown: str, zone: tzinfo, renderer: MarkdownRenderer | None,
            known: Mapping[str, RenderedMarkdown]) -> _Digested:
    """Parse one file -> its article (or problems), rendered Markdown (unless `known` has it),
    terms, and the hash of the bytes it read."""
    result = parse_article(file, shown, zone)
    if isinstance(result, list):
        return result, None, None, file.digest
    article, body = result.article, result.body
    key = markdown_key_of(article)
    rendered = (key, renderer.render(body, article.summary, key)) if key not in known and renderer else None
    return article, rendered, text_terms(article.title, article.summary, body), file.digest


def _parse_chunk(jobs: Sequence[tuple[str, str, int, int, str, str]]) -> list[_Digested]:
    """Run in a worker process: parse files, render their Markdown, count their terms, hash their bytes."""
    renderer = new_renderer()
    return [_digest(ContentFile(rel, Path(path), size, mtime_ns), shown, ZoneInfo(timezone_name), renderer, {})
            for rel, path, size, mtime_ns, shown, timezone_name in jobs]


def rendered_markdown(articles: list[Article], cache: BuildCache) -> dict[str, RenderedMarkdown]:
    """Each article's HTML, rendered when it was parsed (parse_all guarantees it is cached)."""
    return {article.path: cache.markdown[markdown_key_of(article)] for article in articles}


def render_text(body: str, summary: str | None, cache: BuildCache) -> RenderedMarkdown:
    """One Markdown text (an edition intro) through the cache."""
    key = cache.markdown_key(body_key(body), summary, OPTIONS_KEY)
    cache.used["markdown"].add(key)
    result = cache.markdown.get(key)
    if result is None:
        result = cache.markdown[key] = cache.renderer().render(body, summary, key)
        cache.markdown_count += 1
    return result


def enrich_cached(published: list[Article], config: SiteConfig, cache: BuildCache,
                  display_path: Callable[[Article], str], parallel: bool = False,
                  meanwhile: Callable[[], None] | None = None) -> Enrichment:
    """Enrichment, redoing only what changed since the cached one (enrich.py decides what a
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


def recount_terms(article: Article, config: SiteConfig, cache: BuildCache) -> Terms:
    """Terms the cache lost (a damaged terms file): read the article's file again."""
    path = config.content_path / article.path
    stat = path.stat()
    result = parse_article(ContentFile(article.path, path, stat.st_size, stat.st_mtime_ns), display(path),
                           config.zone)
    if isinstance(result, list):
        raise ContentError(result)
    terms = text_terms(result.article.title, result.article.summary, result.body)
    cache.add_terms(article.terms_key, terms)
    return terms


def parse_intros(files: list[ContentFile], config: SiteConfig) -> dict[date, Intro]:
    """content/editions/*.md by edition day; raise with every problem."""
    intros: dict[date, Intro] = {}
    problems: list[Diagnostic] = []
    for file in files:
        result = parse_intro(file, display(file.path), config.editions)
        if isinstance(result, list):
            problems.extend(result)
        elif result.day in intros:
            problems.append(Diagnostic(SourceLocation(display(file.path), 1, 1),
                                       f"a second intro for the edition of {result.day}",
                                       hint=f"the first is {intros[result.day].path}"))
        else:
            intros[result.day] = result
    if problems:
        raise ContentError(problems)
    return intros


def unused_intros(intros: dict[date, Intro], site: Site, config: SiteConfig) -> tuple[Diagnostic, ...]:
    """Intros whose edition has no published articles are reported, not silently dropped."""
    days = {edition.day for edition in site.editions}
    return tuple(Diagnostic(SourceLocation(display(config.content_path / intro.path), 1, 1),
                            f"no published articles in the edition of {day}, so this intro is not shown",
                            severity="warning")
                 for day, intro in sorted(intros.items()) if day not in days)


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
