"""Split a Markdown file into its `---` YAML block and body, and parse the block.

Owns the line arithmetic: every key of the block is mapped to its 1-based file line and
column, so later validation can point at the exact spot.  Does not know what the keys mean
(see content.py); the YAML parser itself is yamlpos.py, shared with digest.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass

from digest.errors import Diagnostic, SourceLocation
from digest.yamlpos import KeyPosition, ParsedYaml, parse_yaml_mapping

__all__ = ["KeyPosition", "ParsedYaml", "SplitDocument", "parse_yaml_mapping", "read_document", "split_document"]


@dataclass(frozen=True)
class SplitDocument:
    """A file cut into its YAML block and body; `body_line` is the body's first file line."""

    yaml_text: str
    yaml_line: int
    body: str
    body_line: int


def split_document(text: str, path: str) -> SplitDocument | Diagnostic:
    """Cut `---\\n yaml \\n---\\n body`; a file without the opening fence is an error."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return Diagnostic(SourceLocation(path, 1, 1), "missing front matter: the file must start with a '---' line",
                          hint="put title and date between two '---' lines at the top")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return SplitDocument(yaml_text, 2, body, index + 2)
    return Diagnostic(SourceLocation(path, 1, 1), "front matter is not closed: no second '---' line",
                      hint="end the YAML block with a line that is only '---'")


def read_document(text: str, path: str) -> tuple[SplitDocument, ParsedYaml] | Diagnostic:
    """Split a document and parse its front matter: the two steps every content file goes through."""
    split = split_document(text, path)
    if isinstance(split, Diagnostic):
        return split
    parsed = parse_yaml_mapping(split.yaml_text, path, split.yaml_line)
    if isinstance(parsed, Diagnostic):
        return parsed
    return split, parsed
