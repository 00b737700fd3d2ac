"""The reading stage: content/ -> the articles a build publishes, each with its rendered Markdown
and term counts, and the edition intros -- through the build cache, so unchanged files are never
read or rendered again.

A mostly cold build (hundreds of files new to the cache) parses, renders and counts in forked
worker processes (workers.py), started before anything big is held; otherwise one process does it.
Every content error is collected before the stage raises them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any, Mapping, Sequence
from zoneinfo import ZoneInfo

from digest.assemble import is_published, tag_names, with_tag_names
from digest.cache import BuildCache
from digest.config import SiteConfig
from digest.content import ContentFile, body_key, discover, parse_article, prefetch
from digest.editions import EDITIONS_FOLDER, Intro, parse_intro
from digest.errors import ContentError, Diagnostic, SourceLocation, display_path as display
from digest.markdown import OPTIONS_KEY, MarkdownRenderer, new_renderer
from digest.model import Article, RenderedMarkdown
from digest.progress import Progress
from digest.terms import Terms, text_terms
from digest.workers import MIN_ITEMS, map_chunks, release_memory, start_pool, worker_count


@dataclass(frozen=True)
class Content:
    """What the reading stage hands on: every parsed article (drafts and future ones too), those
    this build publishes (with the tags' chosen display names), their rendered Markdown by path,
    the rendered edition intros by day, and what the next stages need to know about the files."""

    articles: tuple[Article, ...]
    published: tuple[Article, ...]
    rendered: Mapping[str, RenderedMarkdown]
    intros: Mapping[date, tuple[Intro, RenderedMarkdown]]
    tag_names: Mapping[str, str]
    file_hashes: Mapping[str, str]  # article file -> sha256 of its bytes
    warnings: tuple[Diagnostic, ...]  # files skipped (a FIFO named *.md, say)
    shown_folder: str  # content/ as messages name it
    cold: bool  # read by workers: mostly new to the cache

    def display_path(self, article: Article) -> str:
        return f"{self.shown_folder}/{article.path}"


def read_content(config: SiteConfig, cache: BuildCache, now: datetime, workers: int | None,
                 progress: Progress) -> Content:
    """Discover and parse every content file, render its Markdown and count its terms (reusing
    the cache for unchanged bytes), parse the edition intros; raise ContentError with every
    problem."""
    progress.stage("reading content")
    problems: list[Diagnostic] = []
    files = discover(config.content_path, cache.files, root=config.root, follow_symlinks=config.follow_symlinks,
                     problems=problems)
    if any(problem.severity == "error" for problem in problems):
        raise ContentError([problem for problem in problems if problem.severity == "error"])
    workers = worker_count() if workers is None else workers
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
    rendered_intros = {day: (intro, render_text(intro.body, None, cache)) for day, intro in intros.items()}
    return Content(tuple(articles), tuple(published), rendered, rendered_intros, names,
                   {f.rel: cache.files[f.rel][2] for f in article_files}, tuple(problems),
                   display(config.content_path), pool is not None)


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
