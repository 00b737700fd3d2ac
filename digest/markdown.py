"""Markdown -> HTML with markdown-it-py, plus the plain-text summary, standfirst and word count.

Raw HTML is off: scraped text must stay inert, so `<script>` in a body is shown as text.
Typography is markdown-it's typographer (curly quotes, dashes, ellipses) outside code; the same
rules make headlines agree with bodies (`MarkdownRenderer.smarten`).
Owns the Markdown options (part of the cache key); does not know about URLs or templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore, replace, smartquotes
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from digest.model import RenderedMarkdown
from digest.slug import slugify

SUMMARY_LIMIT = 300
OPTIONS_KEY = "commonmark+table+strikethrough+footnote+anchors2-3;html=off;typographer;img=lazy;scroll=tabindex;standfirst;v4"
_URL_ATTR = re.compile(r'\b(href|src)="([^"]*)"')
_TYPOGRAPHIC = re.compile(r"""['"]|--|\.\.|\(|\+-|!!!!|\?\?\?\?|,,""")  # what the typographer may change
_WORDS = re.compile(r"\w+")


def rewrite_links(html: str, rewrite: Callable[[str], str]) -> str:
    """Apply `rewrite` to every href/src value of HTML that this module produced."""
    return _URL_ATTR.sub(lambda m: f'{m.group(1)}="{rewrite(m.group(2))}"', html)


@dataclass(frozen=True)
class MarkdownRenderer:
    """A configured markdown-it parser; build one per build with `new_renderer()`."""

    md: MarkdownIt

    def render(self, body: str, summary: str | None = None, key: str = "") -> RenderedMarkdown:
        """Render a body; `summary` (front matter) wins over the first paragraph.  The standfirst
        is the front matter's summary unless it repeats the body's first paragraph (a summary
        taken from the body never stands above it).  Words are counted as Hugo counts them: runs
        of non-space characters of the text."""
        env: dict = {}
        tokens = self.md.parse(body, env)
        html = self.md.renderer.render(tokens, self.md.options, env)
        text = _plain_text(tokens)
        opening = _first_paragraph(tokens)
        written = self.smarten(" ".join(summary.split())) if summary else ""
        standfirst = written if written and not repeats(written, opening) else ""
        return RenderedMarkdown.of(html, _shorten(written or opening, SUMMARY_LIMIT), len(text.split()), key,
                                   standfirst)

    def smarten(self, text: str) -> str:
        """Plain text (a headline, a summary) through the body's typographic rules: 'it's' -> 'it’s',
        "a" -> “a”, -- -> –.  The text is not read as Markdown."""
        if not _TYPOGRAPHIC.search(text):
            return text
        child = Token("text", "", 0, content=text)
        state = StateCore(text, self.md, {})
        state.tokens = [Token("inline", "", 0, content=text, children=[child])]
        replace(state)
        smartquotes(state)
        return child.content


def new_renderer() -> MarkdownRenderer:
    """The Markdown dialect of digest: CommonMark, tables, strikethrough, footnotes, heading ids."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": True})
    md.options["xhtmlOut"] = False  # HTML5 output: <br>, not <br />
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.add_render_rule("image", _lazy_image)
    # tables and code blocks scroll sideways on a narrow screen: keyboard users must reach them too
    md.add_render_rule("table_open", _focusable(RendererHTML.renderToken))
    md.add_render_rule("fence", _focusable_pre(RendererHTML.fence))
    md.add_render_rule("code_block", _focusable_pre(RendererHTML.code_block))
    md.use(footnote_plugin)
    # A titled notes section: an untitled <section> is an outline gap (the Nu checker warns).
    md.add_render_rule("footnote_block_open",
                       lambda *_: '<hr class="footnotes-sep">\n<section class="footnotes">\n'
                                  '<h2 class="footnotes-title">Notes</h2>\n<ol class="footnotes-list">\n')
    md.use(anchors_plugin, min_level=2, max_level=3, slug_func=lambda s: slugify(s) or "section")
    return MarkdownRenderer(md)


def _lazy_image(renderer: RendererHTML, tokens: list[Token], idx: int, options: dict, env: dict) -> str:
    """Images load when they come near the screen and decode off the main thread.  No width and
    height: a body's images are remote (content/ files are not published), their size unknown."""
    tokens[idx].attrSet("loading", "lazy")
    tokens[idx].attrSet("decoding", "async")
    return RendererHTML.image(renderer, tokens, idx, options, env)


def _focusable(render: Callable[..., str]) -> Callable[..., str]:
    def rule(renderer: RendererHTML, tokens: list[Token], idx: int, options: dict, env: dict) -> str:
        tokens[idx].attrSet("tabindex", "0")
        return render(renderer, tokens, idx, options, env)
    return rule


def _focusable_pre(render: Callable[..., str]) -> Callable[..., str]:
    def rule(renderer: RendererHTML, tokens: list[Token], idx: int, options: dict, env: dict) -> str:
        html = render(renderer, tokens, idx, options, env)
        return html.replace("<pre>", '<pre tabindex="0">', 1) if html.startswith("<pre>") else html
    return rule


def repeats(summary: str, paragraph: str) -> bool:
    """Whether a summary says what the paragraph says: its words (case, quotes and punctuation
    aside; a word cut by an ellipsis dropped) are a run of the paragraph's words, or the paragraph
    (of eight words or more) is a run of the summary's."""
    words = _WORDS.findall(summary.casefold())
    if summary.rstrip().endswith(("…", "...")):
        words = words[:-1]  # cut short: its last word may be a part of one
    others = _WORDS.findall(paragraph.casefold())
    mine, theirs = f" {' '.join(words)} ", f" {' '.join(others)} "
    return bool(words and others) and (mine in theirs or (len(others) >= 8 and theirs in mine))


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
