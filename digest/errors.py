"""Errors as values with a location, and the one place they are formatted.

Every problem digest reports about user input is a `Diagnostic` (a message tied to a
`SourceLocation`).  Stages collect diagnostics and raise one `DigestError` carrying all of
them; the CLI prints them with `format_diagnostic` and exits 1.  Anything else that escapes
is a bug and keeps its traceback.

    DigestError                 user-facing failure; .diagnostics holds one or more Diagnostic
     +-- ConfigError            digest.yaml or command-line options
     +-- ContentError           content/ files: YAML, fields, encoding, URL collisions
     +-- TemplateError          Jinja syntax or render errors
     +-- ImportError_           digest import inputs
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class SourceLocation:
    """A place in a file: path plus optional 1-based line and column."""

    path: Path | str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Diagnostic:
    """One message about user input, with where it is and an optional hint."""

    location: SourceLocation
    message: str
    hint: str | None = None
    severity: Severity = "error"


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """GCC style: `path:line:col: error: message (hint: ...)` -- clickable in editors."""
    text = f"{diagnostic.location}: {diagnostic.severity}: {diagnostic.message}"
    if diagnostic.hint:
        text += f" (hint: {diagnostic.hint})"
    return text


class DigestError(Exception):
    """A failure caused by the user's input; carries every diagnostic found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        super().__init__("\n".join(format_diagnostic(d) for d in self.diagnostics))

    def __reduce__(self) -> tuple:
        """Pickle by diagnostics, so an error raised in a build worker arrives whole."""
        return (self.__class__, (self.diagnostics,))

    @classmethod
    def at(cls, path: Path | str, message: str, *, line: int | None = None,
           column: int | None = None, hint: str | None = None) -> "DigestError":
        """Build an error with a single diagnostic."""
        return cls([Diagnostic(SourceLocation(path, line, column), message, hint)])


class ConfigError(DigestError):
    """Problems in digest.yaml or in command-line options."""


class ContentError(DigestError):
    """Problems in content files."""


class TemplateError(DigestError):
    """Problems in Jinja templates."""


class ImportError_(DigestError):
    """Problems with inputs given to `digest import` (trailing _ avoids the builtin)."""


def display_path(path: Path) -> str:
    """A path as the user will want it in messages: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
