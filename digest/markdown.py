"""Markdown -> HTML with markdown-it-py, plus the plain-text summary and word count.

Raw HTML is off: scraped text must stay inert, so `<script>` in a body is shown as text.
Owns the Markdown options (part of the cache key); does not know about URLs or templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from digest.model import RenderedMarkdown
from digest.slug import slugify

SUMMARY_LIMIT = 300
OPTIONS_KEY = "commonmark+table+strikethrough+footnote+anchors2-3;html=off;v3"
_URL_ATTR = re.compile(r'\b(href|src)="([^"]*)"')


def rewrite_links(html: str, rewrite: Callable[[str], str]) -> str:
    """Apply `rewrite` to every href/src value of HTML that this module produced."""
    return _URL_ATTR.sub(lambda m: f'{m.group(1)}="{rewrite(m.group(2))}"', html)


@dataclass(frozen=True)
class MarkdownRenderer:
    """A configured markdown-it parser; build one per build with `new_renderer()`."""

    md: MarkdownIt

    def render(self, body: str, summary: str | None = None, key: str = "") -> RenderedMarkdown:
        """Render a body; `summary` (front matter) wins over the first paragraph.  Words are counted
        as Hugo counts them: runs of non-space characters of the text."""
        env: dict = {}
        tokens = self.md.parse(body, env)
        html = self.md.renderer.render(tokens, self.md.options, env)
        text = _plain_text(tokens)
        first = summary if summary else _first_paragraph(tokens)
        return RenderedMarkdown.of(html, _shorten(first, SUMMARY_LIMIT), len(text.split()), key)


def new_renderer() -> MarkdownRenderer:
    """The Markdown dialect of digest: CommonMark, tables, strikethrough, footnotes, heading ids."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.options["xhtmlOut"] = False  # HTML5 output: <br>, not <br />
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    # A titled notes section: an untitled <section> is an outline gap (the Nu checker warns).
    md.add_render_rule("footnote_block_open",
                       lambda *_: '<hr class="footnotes-sep">\n<section class="footnotes">\n'
                                  '<h2 class="footnotes-title">Notes</h2>\n<ol class="footnotes-list">\n')
    md.use(anchors_plugin, min_level=2, max_level=3, slug_func=lambda s: slugify(s) or "section")
    return MarkdownRenderer(md)


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _first_paragraph(tokens: list[Token]) -> str:
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and index + 1 < len(tokens) and token.level == 0:
            text = _inline_text(tokens[index + 1]).strip()
            if text:
                return text
    return ""


def _plain_text(tokens: list[Token]) -> str:
    return " ".join(_inline_text(t) for t in tokens if t.type == "inline")


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-–—")
    return cut + "…"
