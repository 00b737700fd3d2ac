"""The Jinja environment: StrictUndefined, autoescaping, digest's filters; template errors
become `TemplateError` values pointing at the template file and line.

Owns nothing about which page uses which template (render.py decides that).
"""

from __future__ import annotations

import hashlib
import re
import sys
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from digest.errors import Diagnostic, SourceLocation, TemplateError
from digest.structured import script_json, structured_data
from digest.theme import Theme


@dataclass(frozen=True)
class Templates:
    """A loaded theme; `render` turns a template and a context into text."""

    env: jinja2.Environment
    theme: Theme

    @property
    def folder(self) -> Path:
        """The site's own template folder, where a missing template is to be added."""
        return self.theme.own

    def render(self, name: str, context: dict[str, Any]) -> str:
        """Render template `name`; any Jinja failure becomes a TemplateError with file:line."""
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            path = self._display(exc.filename, exc.name or name)
            raise TemplateError([Diagnostic(SourceLocation(path, exc.lineno), f"template syntax: {exc.message}")]) \
                from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError([Diagnostic(SourceLocation(self.folder / name),
                                            f"template not found: {exc.name}",
                                            hint=f"add it to {self.folder}")]) from None
        except jinja2.TemplateError as exc:
            where = self._frame_location(exc, name)
            raise TemplateError([Diagnostic(where, f"template error: {exc.message or exc}")]) from None

    def macro(self, template: str, name: str) -> Any:
        """A macro of a template, or None when the theme has no such template or macro."""
        try:
            return getattr(self.env.get_template(template).module, name, None)
        except jinja2.TemplateNotFound:
            return None
        except jinja2.TemplateError:
            return None  # reported with its location when a page renders the template

    def call(self, macro: Any, *args: Any) -> str:
        """Call a template macro, turning Jinja failures into located TemplateErrors like render()."""
        try:
            return macro(*args)
        except jinja2.TemplateError as exc:
            raise TemplateError([Diagnostic(self._frame_location(exc, "_macros.html"),
                                            f"template error: {exc.message or exc}")]) from None

    def digest(self, *names: str) -> str:
        """A hash of the named templates and of every template they extend, include or import,
        transitively (all templates when one is named by an expression); "" for no such template."""
        seen: dict[str, bytes] = {}
        todo = list(names)
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            try:
                source = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
            except jinja2.TemplateNotFound:
                seen[name] = b"\x00missing"
                continue
            seen[name] = source.encode("utf-8")
            referenced = referenced_templates(source)
            if referenced is None:
                todo.extend(self.env.list_templates(filter_func=lambda n: not n.startswith("static/")))
            else:
                todo.extend(referenced)
        digest = hashlib.sha256()
        for name in sorted(seen):
            digest.update(name.encode("utf-8") + b"\x00" + seen[name] + b"\x00")
        return digest.hexdigest()

    def _display(self, filename: str | None, name: str) -> str:
        return str(Path(filename)) if filename else str(self.folder / name)

    def _frame_location(self, exc: BaseException, name: str) -> SourceLocation:
        """The innermost traceback frame inside a theme folder (Jinja maps lines back)."""
        folders = tuple(str(folder.resolve()) for folder in self.theme.folders)
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename and str(Path(frame.filename).resolve()).startswith(folders):
                return SourceLocation(Path(frame.filename).relative_to(Path.cwd()) if
                                      Path(frame.filename).is_relative_to(Path.cwd()) else frame.filename,
                                      frame.lineno)
        return SourceLocation(self.folder / name)


# How templates are compiled: part of the key of every compiled template kept between builds
_COMPILE_OPTIONS = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
_ESCAPED = ("html", "xml")  # templates whose output is autoescaped (decided as they compile)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between builds in a mapping the caller owns (the build cache):
    compiling the theme is most of a small rebuild.  Jinja checks each entry against the hash of
    its template's source; the key adds the compile options, Jinja's and Python's versions (a
    stored entry of another compiler is never loaded).  `kept` names the entries worth keeping
    (the caller drops the rest); `compiled` counts the templates compiled anew."""

    def __init__(self, store: dict[str, bytes]) -> None:
        self.store, self.used, self.compiled = store, set(), 0

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha256(repr((name, filename, _COMPILE_OPTIONS, _ESCAPED, jinja2.__version__,
                                    sys.version_info[:2])).encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        stored = self.store.get(bucket.key)
        if stored is not None:
            self.used.add(bucket.key)
            bucket.bytecode_from_string(stored)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.used.add(bucket.key)
        self.compiled += 1
        self.store[bucket.key] = bucket.bytecode_to_string()

    def kept(self, env: jinja2.Environment) -> set[str]:
        """The entries worth keeping: those this build used, and those of the theme's other
        templates (an incremental build renders few of them, and will need the rest later)."""
        keys = set(self.used)
        for name in env.list_templates(filter_func=lambda n: not n.startswith("static/")):
            try:
                filename = env.loader.get_source(env, name)[1]  # type: ignore[union-attr]
            except jinja2.TemplateNotFound:
                continue
            keys.add(self.get_cache_key(name, filename))
        return keys


def load_templates(theme: Theme, compiled: CompiledTemplates | None = None) -> Templates:
    """A Jinja environment over a theme (theme.py: the site's templates over the default theme),
    strict about undefined names, escaping HTML and XML; with `compiled`, templates compiled by an
    earlier build are reused while their source is unchanged."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in theme.folders]),
        autoescape=jinja2.select_autoescape(_ESCAPED, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # one build reads each template once: no mtime check per page rendered
        bytecode_cache=compiled,
        **_COMPILE_OPTIONS,
    )
    env.filters["datefmt"] = _datefmt
    env.filters["ld_json"] = script_json
    # the calling page's structured data (structured.py), made from its context alone
    env.globals["structured_data"] = jinja2.pass_context(lambda context: structured_data(context))
    return Templates(env, theme)


def _datefmt(value: datetime, fmt: str = "%-d %B %Y") -> str:
    """strftime for templates: {{ article.date | datefmt('%d %b %Y') }}."""
    return value.strftime(fmt)


_REFERENCE = re.compile(r"\{%[-+]?\s*(?:extends|include|import|from)\s+(.*?)[-+]?%\}", re.DOTALL)
_LITERAL = re.compile(r"""\s*(["'])([^"']+)\1""")
_EXPRESSION = re.compile(r"""["'~+(\[]|\bif\b""")  # after the name: more than import/as/context words


def referenced_templates(source: str) -> list[str] | None:
    """The templates a template's extends, include, import and from tags name; None when one is
    named by an expression (then any template may be).  A scan, not a parse (a fraction of the
    cost): a tag inside a comment or raw block only adds a name, which costs nothing but a
    rebuild."""
    names = []
    for match in _REFERENCE.finditer(source):
        literal = _LITERAL.match(match.group(1))
        if literal is None or _EXPRESSION.search(match.group(1), literal.end()):
            return None
        names.append(literal.group(2))
    return names
