"""Body blocks -> Markdown that renders back to exactly the scraped text.

The build renders Markdown with raw HTML off, but Markdown syntax still applies, so every
character that could start emphasis, a link, code, an autolink, an entity, a table or a block
(heading, quote, list, thematic break, setext underline) is backslash-escaped.  `{{ x }}` and
`{% raw %}` are not Markdown and pass through untouched.
"""

from __future__ import annotations

import re

from digest.importer.article import Block

_INLINE = re.compile(r"([\\`*])")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")   # `snake_case` stays; `_x_` does not
_LINK_CLOSE = re.compile(r"\](?=[(\[:])")               # `[t](u)`, `[t][r]`, `[r]: u` need "]" + one of these
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")            # HTML tags and autolinks; "a < b" stays
_ENTITY = re.compile(r"&(?=#?\w+;)")
_TILDES = re.compile(r"~(?=~)")
_LINE_START = re.compile(r"^(\s*)([#>+\-=*_\[]|(\d{1,9})([.)]))")


def escape_line(text: str) -> str:
    """Escape one line of plain text so CommonMark shows it literally."""
    if "\\" in text or "`" in text or "*" in text:   # each substitution only when its character is there
        text = _INLINE.sub(r"\\\1", text)
    if "_" in text:
        text = _UNDERSCORE.sub(r"\\_", text)
    if "]" in text:
        text = _LINK_CLOSE.sub(r"\\]", text)
    if "<" in text:
        text = _TAG_OPEN.sub(r"\\<", text)
    if "&" in text:
        text = _ENTITY.sub(r"\\&", text)
    if "~" in text:
        text = _TILDES.sub(r"\\~", text)
    text = text.strip()
    match = _LINE_START.match(text)
    if match:
        if match.group(3):  # "1984. That year" would become an ordered list
            text = f"{match.group(3)}\\{match.group(4)}{text[match.end():]}"
        elif not text.startswith("\\"):
            text = "\\" + text
    return text


def render_blocks(blocks: tuple[Block, ...] | list[Block]) -> str:
    """The Markdown body: blocks separated by blank lines, ending with one newline."""
    parts: list[str] = []
    for block in blocks:
        lines = [escape_line(line) for line in block.lines if line.strip()]
        if not lines:
            continue
        if block.kind == "list":
            parts.append("\n".join(f"- {line}" for line in lines))
        elif block.kind == "ordered":
            parts.append("\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1)))
        elif block.kind == "quote":
            parts.append("\n>\n".join(f"> {line}" for line in lines))
        elif block.kind == "heading":
            parts.append(f"## {' '.join(lines)}")
        else:
            parts.append(" ".join(lines))
    return "\n\n".join(parts) + "\n"
