"""The body must render back to exactly the scraped text with the build's Markdown settings."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from digest.importer.article import Block
from digest.importer.literal import escape_line, render_blocks

_MD = MarkdownIt("commonmark", {"html": False}).enable("table").use(footnote_plugin)

TRICKY = [
    "---", "===", "***", "___", "- - -", "# not a heading", "## nor this", "> not a quote", "- not a list",
    "* star", "+ plus", "1984. That was the year.", "3) three", "a \\ b \\", "*emph* and _under_ and snake_case",
    "**bold** __bold__", "[link](http://x.example) and ![img](y.png)", "[ref] [ref][] [ref][x]", "[x]: http://x.example",
    "[^1] a footnote mark", "<http://auto.example> and <script>alert(1)</script>", "a < b > c",
    "&copy; &amp; &#169; &#x41; AT&T", "{{ x }} {% raw %}{{ y }}{% endraw %} {# c #}", "a | b | c", "~~strike~~",
    "`code` and ``more``", "Price: $5 * 3 = 15", "    indented four spaces", "<!-- comment -->", "\\*already\\*",
    "Привет, _мир_ и *звёзды*", "https://example.com/a_b_c?x=1&y=2", "C:\\path\\to\\file",
]


def rendered_text(markdown: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", _MD.render(markdown))).strip()


@pytest.mark.parametrize("line", TRICKY)
def test_escaped_line_renders_as_itself(line: str) -> None:
    assert rendered_text(escape_line(line)) == line.strip()


def test_thematic_break_line_in_a_block_stays_text() -> None:
    body = render_blocks([Block.paragraph("Intro line"), Block.paragraph("---"), Block.paragraph("===")])
    assert "<hr" not in _MD.render(body) and "<h" not in _MD.render(body)


def test_lists_and_quotes_keep_their_structure() -> None:
    body = render_blocks([Block("list", ("one *1*", "two")), Block("ordered", ("first", "second")),
                          Block("quote", ("said <b>",))])
    out = _MD.render(body)
    assert "<ul>" in out and "<ol>" in out and "<blockquote>" in out
    assert "one *1*" in html.unescape(out) and "said <b>" in html.unescape(out)
