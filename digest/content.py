"""Discover content/ and turn each Markdown file into a validated `Article`.

Owns the meaning of every front-matter field and its checks (errors point at the key's
line).  Does not render Markdown (markdown.py) or decide URLs (assemble.py).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import threading
from stat import S_ISREG
from dataclasses import dataclass
from functools import cached_property
from datetime import date, datetime, time, timezone, tzinfo
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from digest.characters import describe, first_forbidden, forbidden_positions
from digest.errors import Diagnostic, SourceLocation
from digest.frontmatter import KeyPosition, ParsedYaml, SplitDocument, read_document
from digest.model import Article, RelatedRef, Source, Term
from digest.utcoffset import has_real_offset
from digest.slug import slugify
from digest.terms import terms_key

FIELDS = ("title", "date", "updated", "author", "source", "tags", "summary", "image", "language", "draft",
          "review", "slug", "sample", "related", "related_exclude", "imported", "extra")
REQUIRED = ("title", "date")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")  # BCP 47: a language, then subtags
FIRST_YEAR, LAST_YEAR = 1000, 9999  # four-digit years: what RFC 822, RFC 3339 and sitemaps can print


FileStat = tuple[int, int, str]
"""(size, mtime_ns, sha256) of a content file as the last build saw it."""


@dataclass(frozen=True)
class ContentFile:
    """A discovered file: its path relative to content/, absolute path, size and mtime.

    The bytes are read only when needed: a file whose size and mtime match the last build's
    takes its hash from there (as git and make do), so a rebuild reads only changed files."""

    rel: str
    path: Path
    size: int
    mtime_ns: int
    known: FileStat | None = None

    @cached_property
    def data(self) -> bytes:
        return self.path.read_bytes()

    @cached_property
    def digest(self) -> str:
        if self.known is not None and self.known[:2] == (self.size, self.mtime_ns):
            return self.known[2]
        if "data" in self.__dict__:
            return hashlib.sha256(self.data).hexdigest()
        with open(self.path, "rb") as handle:  # hashed, not kept: a cold build parses in worker processes
            return hashlib.file_digest(handle, "sha256").hexdigest()

    @property
    def stat(self) -> FileStat:
        return (self.size, self.mtime_ns, self.digest)


def prefetch(paths: list[Path]) -> threading.Thread | None:
    """Ask the kernel to read these files ahead, in order, from a background thread: worker
    processes parsing them then find them in memory instead of waiting on the disk one by one."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return None

    def run() -> None:
        for path in paths:
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue  # the parser reports it
            try:
                advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
            except OSError:
                pass
            finally:
                os.close(fd)

    thread = threading.Thread(target=run, name="digest-prefetch", daemon=True)
    thread.start()
    return thread


def discover(content_path: Path, known: Mapping[str, FileStat] | None = None, *, root: Path | None = None,
             follow_symlinks: bool = False, problems: list[Diagnostic] | None = None) -> list[ContentFile]:
    """Every *.md below content_path (hidden files and folders skipped), sorted by path.

    Only regular files are read: a FIFO, socket or device named *.md is skipped with a warning
    (reading a FIFO would block the build).  A symbolic link that loops is an error; one that
    leads outside the site `root` (default: the content folder's parent) is an error unless
    `follow_symlinks`.  Warnings and errors go to `problems`."""
    files = []
    known = known or {}
    problems = [] if problems is None else problems
    site_root = (root if root is not None else content_path.parent).resolve()
    for top, dirs, names in os.walk(content_path):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        for name in names:
            if not name.endswith(".md") or name.startswith((".", "_")):
                continue
            path = Path(top, name)
            rel = path.relative_to(content_path).as_posix()
            try:
                stat = path.stat()
            except FileNotFoundError:
                if path.is_symlink():
                    problems.append(_file_problem(path, "a symbolic link to a file that does not exist", "warning"))
                continue
            except OSError as exc:  # ELOOP: a link that leads back to itself
                problems.append(_file_problem(path, f"cannot be read: {exc.strerror or exc}"))
                continue
            if not S_ISREG(stat.st_mode):
                problems.append(_file_problem(path, "not a regular file (a FIFO, socket or device); skipped",
                                              "warning"))
                continue
            if path.is_symlink() and not follow_symlinks and not path.resolve().is_relative_to(site_root):
                problems.append(Diagnostic(SourceLocation(path), "a symbolic link to a file outside the site",
                                           hint="copy the file into content/, or set follow_symlinks: true"))
                continue
            files.append(ContentFile(rel, path, stat.st_size, stat.st_mtime_ns, known.get(rel)))
    files.sort(key=lambda f: f.rel)
    return files


def _file_problem(path: Path, message: str, severity: str = "error") -> Diagnostic:
    return Diagnostic(SourceLocation(path), message, severity=severity)


@dataclass(frozen=True)
class Parsed:
    """One parsed file: the article, and its Markdown body, which the build renders at once and lets go."""

    article: Article
    body: str


def body_key(body: str) -> str:
    """Stands for a Markdown body in cache keys."""
    return hashlib.blake2b(body.encode("utf-8"), digest_size=16).hexdigest()


def parse_article(file: ContentFile, display_path: str, zone: tzinfo) -> Parsed | list[Diagnostic]:
    """Decode, split and validate one file; return it parsed, or every problem found."""
    text = decode(file.data, display_path)
    if isinstance(text, Diagnostic):
        return [text]
    forbidden = forbidden_characters(text, display_path)
    if forbidden:
        return forbidden
    document = read_document(text, display_path)
    if isinstance(document, Diagnostic):
        return [document]
    split, parsed = document
    return _FieldReader(display_path, parsed, zone).article(file.rel, split)


def decode(data: bytes, path: str) -> str | Diagnostic:
    """UTF-8 (with or without BOM) with any line endings -> text with \\n; else a located error."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return Diagnostic(SourceLocation(path, line, column),
                          f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                          hint="save the file as UTF-8, or import it with 'digest import' which detects encodings")
    return text.replace("\r\n", "\n").replace("\r", "\n")


MAX_REPORTED = 5  # forbidden characters reported per file; the rest are counted


def forbidden_characters(text: str, path: str) -> list[Diagnostic]:
    """An error at line:column for each character XML 1.0 forbids (see characters.py)."""
    found = list(forbidden_positions(text))
    problems = [Diagnostic(SourceLocation(path, line, column), f"{describe(char)} is not allowed in a content file",
                           hint="delete it: pages and feeds cannot carry it")
                for line, column, char in found[:MAX_REPORTED]]
    if len(found) > MAX_REPORTED:
        problems.append(Diagnostic(SourceLocation(path, found[MAX_REPORTED][0], found[MAX_REPORTED][1]),
                                   f"... and {len(found) - MAX_REPORTED} more such characters"))
    return problems


class _FieldReader:
    """Reads typed fields out of parsed front matter, collecting diagnostics as it goes."""

    def __init__(self, path: str, parsed: ParsedYaml, zone: tzinfo) -> None:
        self.path = path
        self.data = parsed.data
        self.positions = parsed.positions
        self.zone = zone
        self.problems: list[Diagnostic] = []

    def error(self, key: str | None, message: str, hint: str | None = None, *, at_value: bool = True) -> None:
        pos: KeyPosition | None = self.positions.get(key) if key else None
        if pos is None:
            where = SourceLocation(self.path, 1, 1)
        elif at_value:
            where = SourceLocation(self.path, pos.value_line, pos.value_column)
        else:
            where = SourceLocation(self.path, pos.line, pos.column)
        self.problems.append(Diagnostic(where, message, hint))

    def article(self, rel: str, split: SplitDocument) -> Parsed | list[Diagnostic]:
        for key in self.data:
            if key not in FIELDS:
                close = difflib.get_close_matches(key, FIELDS, n=1)
                self.error(key, f"unknown front matter key '{key}'",
                           f"did you mean '{close[0]}'?" if close else "free-form values go under 'extra:'",
                           at_value=False)
        unprintable = [key for key in self.data if first_forbidden(self.data[key]) is not None]
        for key in unprintable:  # written as a YAML escape such as "\x07" or "\ud800"
            self.error(key, f"'{key}' contains {describe(first_forbidden(self.data[key]))}, which pages and "
                            "feeds cannot carry")
        if unprintable:  # values no text function may see (a lone surrogate cannot even be hashed)
            return sorted(self.problems, key=lambda d: (d.location.line or 0, d.location.column or 0))
        draft = self.flag("draft")
        review = self.review()
        undated = draft and self.data.get("date") is None
        for key in REQUIRED:
            if key not in self.data and not (key == "date" and undated):
                self.error(None, f"missing required key '{key}'",
                           "add e.g. date: 2015-09-29T23:35:00+03:00" if key == "date" else f"add '{key}: ...'")
            elif key in self.data and self.data[key] is None and not (key == "date" and undated):
                self.error(key, f"'{key}' must be {'a date' if key == 'date' else 'text'}, not empty (null)")
        title = self.text("title")
        when = self.when("date")
        if undated:  # a draft waiting for its date: never built, not even with --drafts
            when = datetime(1970, 1, 1, tzinfo=self.zone)
        slug = self.text("slug") or slugify(Path(rel).stem)
        if "slug" in self.data and slug and slugify(slug) != slug:
            self.error("slug", f"'slug' must be lower-case words joined by '-', not {slug!r}",
                       f"use {slugify(slug)!r}")
        summary = self.text("summary")
        article = Article(
            path=rel, title=title or "", date=when or datetime.min, body_key=body_key(split.body),
            terms_key=terms_key(title or "", summary, split.body), body_line=split.body_line,
            slug=slug, updated=self.when("updated"), authors=self.authors(), source=self.source(),
            tags=self.tags(), summary=summary, image=self.text("image"),
            language=self.language(), draft=draft, review=review, undated=undated, sample=self.flag("sample"),
            related=self.related(), related_exclude=self.exclusions(), imported=self.mapping("imported"), extra=self.mapping("extra"))
        if title is not None and not title.strip():
            self.error("title", "'title' is empty")
        if self.problems:
            return sorted(self.problems, key=lambda d: (d.location.line or 0, d.location.column or 0))
        return Parsed(article, split.body)

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.error(key, f"'{key}' must be text, not {_describe(value)}")
            return None
        return value.strip()

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.error(key, f"'{key}' must be true or false, not {value!r}")
            return False
        return value

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.data.get(key) or {}
        if not isinstance(value, dict):
            self.error(key, f"'{key}' must be a mapping of keys to values, not {_describe(value)}")
            return {}
        return value

    def when(self, key: str) -> datetime | None:
        value = self.data.get(key)
        if value is None:
            return None
        hint = "use ISO 8601, e.g. 2015-09-29T23:35:00+03:00"
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip())
            except ValueError:
                self.error(key, f"'{key}' is not a date: {value!r}", hint)
                return None
        if isinstance(value, datetime):
            if not has_real_offset(value):
                self.error(key, f"'{key}' has no real UTC offset: {value.isoformat()!r} (offsets run from "
                                f"-12:00 to +14:00 in quarter hours)", hint)
                return None
            return self.in_range(key, value if value.tzinfo else value.replace(tzinfo=self.zone))
        if isinstance(value, date):
            return self.in_range(key, datetime.combine(value, time(0, 0), tzinfo=self.zone))
        self.error(key, f"'{key}' is not a date: {value!r}", hint)
        return None

    def in_range(self, key: str, value: datetime) -> datetime | None:
        """A date pages and feeds can print: years 1000 to 9999, in UTC and in the site's zone."""
        try:
            years = (value.astimezone(timezone.utc).year, value.astimezone(self.zone).year)
        except (OverflowError, ValueError):
            years = (0, 0)
        if not all(FIRST_YEAR <= year <= LAST_YEAR for year in years):
            self.error(key, f"'{key}' is out of range: {value.isoformat()!r} (years {FIRST_YEAR} to {LAST_YEAR})")
            return None
        return value

    def language(self) -> str | None:
        """A BCP 47 language tag (en, de-CH, zh-Hant-TW, es-419), as <html lang> and feeds need."""
        value = self.text("language")
        if value is not None and not LANGUAGE_TAG.fullmatch(value):
            self.error("language", f"'language' must be a BCP 47 language tag such as en, de-CH or pt-BR, "
                                   f"not {value!r}")
            return None
        return value

    def authors(self) -> tuple[str, ...]:
        value = self.data.get("author")
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(item, str) and item.strip() for item in items):
            self.error("author", "'author' must be a name or a list of names")
            return ()
        return tuple(item.strip() for item in items)

    def source(self) -> Source | None:
        value = self.data.get("source")
        if value is None:
            return None
        if isinstance(value, str):
            value = {"name": value}
        if not isinstance(value, dict) or not isinstance(value.get("name"), str) or not value["name"].strip():
            self.error("source", "'source' must have a 'name'", "source: {name: RT, url: https://www.rt.com/}")
            return None
        unknown = sorted(set(value) - {"name", "url"})
        if unknown:
            self.error("source", f"unknown key '{unknown[0]}' in 'source'", "source has only 'name' and 'url'")
        url = value.get("url")
        if url is not None and not _is_web_url(url):
            self.error("source", f"'source.url' must be an absolute http(s) URL, not {url!r}")
            url = None
        name = " ".join(value["name"].split())
        return Source(name=name, url=url, slug=slugify(name) or "source")

    def tags(self) -> tuple[Term, ...]:
        value = self.data.get("tags")
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(t, (str, int)) and str(t).strip() for t in value):
            self.error("tags", "'tags' must be a list of words", "tags: [politics, syria]")
            return ()
        terms: dict[str, Term] = {}
        lines = self.positions["tags"].items
        for number, tag in enumerate(value):
            name = " ".join(str(tag).split())  # as the curator wrote it; the slug folds case
            slug = slugify(name)
            if not slug:
                where = SourceLocation(self.path, lines[number], None) if number < len(lines) else None
                self.problems.append(Diagnostic(where or SourceLocation(self.path, self.positions["tags"].value_line,
                                                                         self.positions["tags"].value_column),
                                                f"tag {name!r} has no letter or digit to name its page by",
                                                hint="use words, e.g. tags: [politics, syria]"))
                continue
            terms.setdefault(slug, Term(name=name, slug=slug))
        return tuple(terms.values())

    def related(self) -> tuple[RelatedRef, ...]:
        value = self.data.get("related")
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error("related", "'related' must be a list of {title, url} entries")
            return ()
        refs = []
        lines = self.positions["related"].items
        for number, item in enumerate(value, 1):
            if isinstance(item, str):
                item = {"title": item}
            if not isinstance(item, dict) or not isinstance(item.get("title", item.get("url")), str):
                self.error("related", f"related entry {number} needs a 'title' (and may have a 'url')")
                continue
            url = item.get("url")
            if url is not None and not _is_web_url(url):
                self.error("related", f"related entry {number}: 'url' must be an absolute http(s) URL, not {url!r}")
                url = None
            unknown = sorted(set(item) - {"title", "url"})
            if unknown:
                self.error("related", f"related entry {number}: unknown key '{unknown[0]}'",
                           "a related entry has 'title' and 'url'")
            refs.append(RelatedRef(title=str(item.get("title") or url).strip(), url=url,
                                   line=lines[number - 1] if number <= len(lines) else None))
        return tuple(refs)

    def review(self) -> tuple[str, ...]:
        """What a curator still has to check or fill in (written by `digest import` on drafts)."""
        value = self.data.get("review")
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error("review", "'review' must be a list of notes, e.g. [\"add the date\"]")
            return ()
        return tuple(v.strip() for v in value)

    def exclusions(self) -> tuple[str, ...]:
        value = self.data.get("related_exclude")
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error("related_exclude", "'related_exclude' must be a list of article titles or slugs")
            return ()
        return tuple(v.strip() for v in value)


def _is_web_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _describe(value: Any) -> str:
    kinds: dict[type, str] = {list: "a list", dict: "a mapping", bool: "true/false"}
    return kinds.get(type(value), repr(value))


