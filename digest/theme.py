"""The theme a site is rendered with: the site's own `templates/` over the built-in default theme.

The default theme is the repository's top-level `templates/` folder; the wheel ships it as the
package data `digest/default_theme/`.  A site without a `templates/` folder uses it as it is; a
site's `templates/` overrides it file by file, templates and `static/` files alike (the way Hugo
and MkDocs themes are overridden).  Owns which folders make the theme, which static files it
publishes, and which templates a theme must have; not how pages are rendered (templates.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digest.errors import ConfigError, Diagnostic, SourceLocation, display_path

STATIC = "static"
# The templates a page of the site is rendered with; a theme without one of them cannot build.
PAGE_TEMPLATES = ("404.html", "archive.html", "article.html", "edition.html", "editions.html", "index.html",
                  "list.html", "terms.html")


def builtin_theme() -> Path:
    """The default theme's folder: package data in an installed wheel, the repository's
    `templates/` in a source checkout or an editable install."""
    installed = Path(__file__).with_name("default_theme")
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Theme:
    """Template folders in lookup order: the first folder holding a file wins."""

    folders: tuple[Path, ...]

    @property
    def own(self) -> Path:
        """The site's own template folder (the first in the lookup order)."""
        return self.folders[0]

    def find(self, name: str) -> Path | None:
        """The file that template `name` (a '/'-separated path) is read from, or None."""
        for folder in self.folders:
            path = folder / name
            if path.is_file():
                return path
        return None

    def static_files(self) -> dict[str, Path]:
        """Files under `static/` by their path inside it, the site's own over the default's."""
        found: dict[str, Path] = {}
        for folder in reversed(self.folders):
            static = folder / STATIC
            if not static.is_dir():
                continue
            for path in static.rglob("*"):
                relative = path.relative_to(static)
                if path.is_file() and not _hidden(relative):
                    found[relative.as_posix()] = path
        return dict(sorted(found.items()))

    def check(self, required: tuple[str, ...] = PAGE_TEMPLATES) -> None:
        """Raise one ConfigError listing every required template the theme lacks."""
        missing = [name for name in required if self.find(name) is None]
        if missing:
            raise ConfigError([Diagnostic(SourceLocation(display_path(self.own / name)),
                                          f"template not found: {name}",
                                          hint=f"add it to {display_path(self.own)}")
                               for name in missing])


def site_theme(own: Path, default: Path | None = None) -> Theme:
    """The theme of a site whose own templates folder is `own`: it, then the default theme
    (once, when `own` is the default theme's folder, as in the repository's sample)."""
    default = builtin_theme() if default is None else default
    folders = [own]
    if not own.exists() or own.resolve() != default.resolve():
        folders.append(default)
    return Theme(tuple(folders))


def _hidden(relative: Path) -> bool:
    """Editor backups, swap files and dot files are never part of a theme."""
    return any(part.startswith(".") or part.endswith("~") for part in relative.parts) or \
        relative.suffix in (".swp", ".swx", ".tmp", ".bak")
