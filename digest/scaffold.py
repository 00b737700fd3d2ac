"""New sites and new articles: `digest init` and `digest new`.

`init` writes a site that builds at once: digest.yaml with every option (the ones given set, the
rest commented with their defaults and meaning, read from SiteConfig itself so the list never
falls behind), a welcome article, and a .gitignore for the output and the cache.  `new` writes
one article's Markdown file with its front matter filled in.  Neither ever overwrites a file.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import re
import tempfile
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo

from digest.config import CACHE_FOLDER, CONFIG_FILE, FILE_KEYS, SiteConfig, check_option
from digest.errors import ConfigError, Diagnostic, SourceLocation
from digest.slug import slugify

@dataclass(frozen=True)
class Created:
    """What a scaffold command wrote, for the CLI to print."""

    files: tuple[Path, ...]


def option_docs() -> dict[str, str]:
    """Each SiteConfig field's docstring (the string literal under it in config.py)."""
    tree = ast.parse(inspect.getsource(SiteConfig))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs: dict[str, str] = {}
    for node, after in zip(body, body[1:]):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)):
            docs[node.target.id] = " ".join(after.value.value.split())
    return docs


def config_text(values: dict[str, Any]) -> str:
    """digest.yaml listing every option: those in `values` set, the others commented out with
    their default, each under a comment saying what it does."""
    docs = option_docs()
    defaults = {f.name: f.default for f in fields(SiteConfig)}
    lines = ["# digest.yaml: the options of this digest. A commented option keeps the default shown.",
             "# Reference: README.md, 'Configuration'.", ""]
    values = {"title": defaults["title"], "base_url": defaults["base_url"], **values}
    for key in FILE_KEYS:
        lines.append(f"# {docs.get(key, key)}")
        if key == "base_url" and values[key] == defaults[key]:
            lines.append("# Change it to the digest's real address before publishing: feeds and the sitemap use it.")
        value = values.get(key, defaults[key])
        line = f"{key}: {_yaml_scalar(value)}"
        lines.append(line if key in values else f"# {line}")
        lines.append("")
    lines += [f"# {docs.get('subscriptions', 'subscriptions')}", "# subscriptions:", "#   - name: Harbour Wire",
              "#     feed: https://wire.example/feed.xml", "#     tags: [ports]", ""]
    return "\n".join(lines)


def _yaml_scalar(value: Any) -> str:
    """One YAML scalar (a JSON string is valid YAML and escapes everything that needs it)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain = text and text.strip() == text and all(c.isalnum() or c in "/:._-{} " for c in text) \
        and not text[0] in "{-" and ": " not in text and text.lower() not in ("yes", "no", "on", "off", "true",
                                                                               "false", "null", "~")
    return text if plain else json.dumps(text, ensure_ascii=False)


def init_site(folder: Path, values: dict[str, Any], now: datetime) -> Created:
    """Write a new site into `folder` (created if needed); raise ConfigError when a site is
    already there or a value is not acceptable.  `values` are digest.yaml options."""
    problems = [Diagnostic(SourceLocation("command line"), *problem) for key, value in values.items()
                if (problem := check_option(key, value))]
    if problems:
        raise ConfigError(problems)
    config_path = folder / CONFIG_FILE
    if config_path.exists():
        raise ConfigError.at(config_path, "a digest site is already here; nothing was written",
                             hint="run digest init with a new folder name")
    content = folder / SiteConfig.content_dir
    if content.is_dir() and any(content.iterdir()):
        raise ConfigError.at(content, "this folder already holds content; nothing was written",
                             hint="run digest init with a new folder name")
    zone = ZoneInfo(values.get("timezone", SiteConfig.timezone))
    title = values.get("title", SiteConfig.title)
    welcome = article_text({"title": f"Welcome to {title}",
                            "date": now.astimezone(zone).replace(microsecond=0),
                            "tags": ["digest"],
                            "summary": "This digest was just created. Edit or delete this article, "
                                       "then import or write your first story."},
                           WELCOME_BODY)
    written = [_write_new(config_path, config_text(values)),
               _write_new(content / f"{now.astimezone(zone):%Y}" / f"{now.astimezone(zone):%m}" / "welcome.md",
                          welcome)]
    written.append(_gitignore(folder, values.get("output_dir", SiteConfig.output_dir)))
    return Created(tuple(written))


WELCOME_BODY = """\
Every article of this digest is a Markdown file in `content/` with its facts in the front matter
above: title, date, source, tags and a summary.

- `digest import PAGE` turns a saved news page (a text dump, HTML, scraper JSON or a feed) into an
  article here.
- `digest new "Headline" --source "Outlet" --url https://...` starts one by hand.
- `digest serve` shows the site at <http://127.0.0.1:8000/> and reloads it as you edit.
- `digest build` writes the finished site into `site/`, ready for any static host.
"""


def new_article(content: Path, title: str, *, now: datetime, zone: ZoneInfo, source: str | None = None,
                url: str | None = None, tags: tuple[str, ...] = (), author: str | None = None,
                draft: bool = False) -> Path:
    """Write `content/<yyyy>/<mm>/<slug>.md` for a new article dated now in the site's zone;
    raise ConfigError when the title is empty or the file exists."""
    if not title.strip():
        raise ConfigError.at("command line", "the headline is empty", hint='digest new "A headline"')
    slug = slugify(title, max_words=8)
    if not slug:
        raise ConfigError.at("command line", f"the headline {title!r} has no letters or digits to name a file by")
    local = now.astimezone(zone).replace(microsecond=0)
    meta: dict[str, Any] = {"title": title.strip(), "date": local}
    if author:
        meta["author"] = author
    if source or url:
        meta["source"] = {k: v for k, v in (("name", source), ("url", url)) if v}
    if tags:
        meta["tags"] = list(tags)
    if draft:
        meta["draft"] = True
    path = content / f"{local:%Y}" / f"{local:%m}" / f"{slug}.md"
    if path.exists():
        raise ConfigError.at(path, "an article with this name already exists; nothing was written",
                             hint="choose another headline, or edit that file")
    return _write_new(path, article_text(meta, "Write the article here.\n"))


def article_text(meta: dict[str, Any], body: str) -> str:
    """A Markdown file: YAML front matter between --- lines, a blank line, the body."""
    import yaml

    front = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in meta.items()}
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    text = re.sub(r"^date: '([0-9T:+-]+)'$", r"date: \1", text, flags=re.MULTILINE)  # a timestamp, not text
    return f"---\n{text}---\n\n{body}"


def _write_new(path: Path, text: str) -> Path:
    """Create `path` with `text`, atomically, failing (not overwriting) when it exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.link(tmp, path)  # fails with FileExistsError instead of replacing a file made meanwhile
    except FileExistsError:
        raise ConfigError.at(path, "already exists; nothing was overwritten") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def _gitignore(folder: Path, output_dir: str) -> Path:
    """.gitignore with the output and cache folders: created, or the missing lines appended."""
    path = folder / ".gitignore"
    wanted = [f"/{output_dir.strip('/')}/", f"/{CACHE_FOLDER}/"]
    if not path.exists():
        return _write_new(path, "# built by digest: not sources\n" + "\n".join(wanted) + "\n")
    text = path.read_text(encoding="utf-8")
    missing = [line for line in wanted if line not in text.splitlines()]
    if missing:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(("" if text.endswith("\n") or not text else "\n") + "\n".join(missing) + "\n")
    return path


def ask(values: dict[str, Any], prompt: Callable[[str], str], echo: Callable[[str], None]) -> dict[str, Any]:
    """--interactive: ask for title, base URL, timezone and language, re-asking until each is
    acceptable; an empty answer keeps the value shown in brackets."""
    answers = dict(values)
    for key, question in (("title", "Title of the digest"), ("base_url", "Address it will be published at"),
                          ("timezone", "Timezone (IANA name)"), ("language", "Language (e.g. en, de)")):
        default = answers.get(key, getattr(SiteConfig, key))
        while True:
            answer = prompt(f"{question} [{default}]: ").strip() or default
            problem = check_option(key, answer)
            if problem is None:
                answers[key] = answer
                break
            echo(f"  {problem[0]}" + (f" ({problem[1]})" if problem[1] else ""))
    return answers

