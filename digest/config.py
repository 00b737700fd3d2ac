"""Site configuration: `SiteConfig` (every option, its default and meaning) and `load_config`.

Reads `digest.yaml` at the site root and applies command-line overrides.  Unknown keys and
wrong types are errors pointing at the line.  Does not read content or templates.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest.characters import describe, forbidden_positions
from digest.errors import ConfigError, Diagnostic, SourceLocation
from digest.yamlpos import ParsedYaml, parse_yaml_mapping

CONFIG_FILE = "digest.yaml"
CACHE_FOLDER = ".digest-cache"  # the build cache, the build lock and the preview, beside digest.yaml


@dataclass(frozen=True)
class SiteConfig:
    """All site options; the defaults here are the documented defaults."""

    root: Path = Path(".")
    """Site root: the folder holding digest.yaml, content/ and templates/."""
    title: str = "My Digest"
    """Site name, shown in the header, page titles and feeds."""
    description: str = ""
    """One sentence about the digest; home page meta description and feed subtitle."""
    base_url: str = "http://localhost:8000/"
    """Absolute URL the site is published at; used for feeds, sitemap and canonical links."""
    language: str = "en"
    """BCP 47 language of the site (html lang, feed language)."""
    timezone: str = "UTC"
    """IANA zone for dates written without an offset, and for archives."""
    author: str = ""
    """Publisher / editor name for feeds and the footer."""
    per_page: int = 10
    """Articles per page on the home, tag, source and archive pages."""
    permalink: str = "/{year}/{month}/{slug}/"
    """Article URL pattern; placeholders {year} {month} {day} {slug}."""
    feed_size: int = 20
    """Entries in feed.xml and atom.xml (newest first), and in each tag, source, author and editions feed."""
    related_count: int = 5
    """How many related articles each article page shows (0 turns related coverage off)."""
    editions: str = "daily"
    """Publish editions: daily, weekly (named by their Monday) or off."""
    editions_email: bool = False
    """Also write each edition as an e-mail (editions/<date>/email.html and email.txt)."""
    content_dir: str = "content"
    """Folder of Markdown articles, relative to root."""
    templates_dir: str = "templates"
    """Folder of Jinja templates (and static/), relative to root."""
    output_dir: str = "site"
    """Build output folder, relative to root."""
    follow_symlinks: bool = False
    """Read content files that are symbolic links to files outside the site folder."""
    drafts: bool = False
    """Include articles with draft: true (command line: --drafts)."""
    future: bool = False
    """Include articles dated after the build time (command line: --future)."""
    subscriptions: tuple = ()
    """Outlets `digest fetch` follows: a list of {name, feed, site, tags, timezone, include, exclude,
    max_age, full_text} (digest/sources/subscriptions.py)."""

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def templates_path(self) -> Path:
        return self.root / self.templates_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """The path part of base_url, always ending in '/' (e.g. '/' or '/digest/')."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"


# Keys a user may write in digest.yaml (runtime-only options are not among them).
FILE_KEYS = ("title", "description", "base_url", "language", "timezone", "author", "per_page",
              "permalink", "feed_size", "related_count", "editions", "editions_email", "content_dir", "templates_dir",
              "output_dir", "follow_symlinks")
# Sections: keys of digest.yaml holding a list, validated by their own module (not in `digest init`'s list).
SECTION_KEYS = ("subscriptions",)
_TYPES: dict[str, type] = {f.name: type(f.default) for f in fields(SiteConfig)
                           if f.name != "root" and f.name not in SECTION_KEYS}


def load_config(root: Path, overrides: dict[str, Any] | None = None) -> SiteConfig:
    """Read root/digest.yaml (optional) and apply overrides; raise ConfigError on problems."""
    path = root / CONFIG_FILE
    values: dict[str, Any] = {}
    sections: dict[str, Any] = {}
    diagnostics: list[Diagnostic] = []
    positions = {}
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ConfigError.at(path, f"not valid UTF-8 (byte {exc.start})") from None
        forbidden = [Diagnostic(SourceLocation(path, line, column), f"{describe(char)} is not allowed in {CONFIG_FILE}",
                                hint="delete it: pages and feeds cannot carry it")
                     for line, column, char in forbidden_positions(text)]
        if forbidden:
            raise ConfigError(forbidden[:5])
        parsed = parse_yaml_mapping(text, str(path))
        if isinstance(parsed, Diagnostic):
            raise ConfigError([parsed])
        assert isinstance(parsed, ParsedYaml)
        positions = parsed.positions
        for key, value in parsed.data.items():
            pos = positions[key]
            if key == "subscriptions":
                from digest.sources.subscriptions import parse_subscriptions

                found = parse_subscriptions(text, str(path))
                if isinstance(found, list):
                    diagnostics.extend(found)
                else:
                    sections = {key: found}
                continue
            if key not in FILE_KEYS:
                close = difflib.get_close_matches(key, FILE_KEYS, n=1)
                diagnostics.append(Diagnostic(SourceLocation(path, pos.line, pos.column), f"unknown option '{key}'",
                                              hint=f"did you mean '{close[0]}'?" if close else
                                              "options are " + ", ".join(FILE_KEYS)))
                continue
            values[key] = value
    if values.get("editions") is False:  # YAML reads a bare `off` as false
        values["editions"] = "off"
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = value
            positions.pop(key, None)
    for key, value in values.items():
        where = SourceLocation(path, positions[key].value_line, positions[key].value_column) \
            if key in positions else SourceLocation("command line")
        problem = check_option(key, value)
        if problem:
            diagnostics.append(Diagnostic(where, problem[0], hint=problem[1]))
    if diagnostics:
        raise ConfigError(diagnostics)
    if not values.get("base_url", "/").endswith("/"):
        values["base_url"] += "/"
    return replace(SiteConfig(root=root), **values, **sections)


def check_option(key: str, value: Any) -> tuple[str, str | None] | None:
    """Return (message, hint) when `value` is not acceptable for option `key`."""
    expected = _TYPES[key]
    if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
        return f"'{key}' must be a whole number, not {value!r}", None
    if expected is not int and not isinstance(value, expected):
        return f"'{key}' must be a {expected.__name__}, not {value!r}", None
    if key in ("per_page", "feed_size") and value < 1:
        return f"'{key}' must be at least 1, not {value}", None
    if key == "related_count" and value < 0:
        return f"'related_count' must be 0 or more, not {value}", None
    if key == "editions" and value not in ("daily", "weekly", "off"):
        return f"'editions' must be daily, weekly or off, not {value!r}", None
    if key == "base_url":
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return f"'base_url' must be an absolute http(s) URL, not {value!r}", "e.g. https://news.example.org/"
    if key == "timezone":
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            return f"unknown timezone {value!r}", "use an IANA name such as Europe/London or UTC"
    if key == "permalink":
        if "{slug}" not in value or not value.startswith("/") or not value.endswith("/"):
            return f"'permalink' must start and end with '/' and contain {{slug}}, not {value!r}", \
                "e.g. /{year}/{month}/{slug}/"
        try:
            value.format(year="2000", month="01", day="01", slug="x")
        except (KeyError, IndexError, ValueError):
            return f"'permalink' may only use {{year}} {{month}} {{day}} {{slug}}: {value!r}", None
    return None
