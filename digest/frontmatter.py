"""Split a Markdown file into its `---` YAML block and body, and parse the block.

Owns the line arithmetic: every key of the block is mapped to its 1-based file line and
column, so later validation can point at the exact spot.  Does not know what the keys mean
(see content.py).  Also parses digest.yaml, which is the same kind of YAML mapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from digest.errors import Diagnostic, SourceLocation


# libyaml's loader is ~10x faster than the pure-Python one and keeps the same node marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class KeyPosition:
    """Where a key and its value start in the file (1-based)."""

    line: int
    column: int
    value_line: int
    value_column: int
    items: tuple[int, ...] = ()
    """File line of each item when the value is a list."""


@dataclass(frozen=True)
class ParsedYaml:
    """A YAML mapping with the file position of each top-level key."""

    data: dict[str, Any]
    positions: dict[str, KeyPosition]


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


def parse_yaml_mapping(text: str, path: str, first_line: int = 1) -> ParsedYaml | Diagnostic:
    """Parse a YAML mapping; `first_line` is the file line of the text's first line."""
    parsed = _parse_yaml_mapping(text, path, first_line, _LOADER)
    if isinstance(parsed, Diagnostic) and _LOADER is not yaml.SafeLoader:
        # libyaml's messages are vaguer ("did not find expected node content"); errors are rare,
        # so ask the pure-Python loader again for its precise message and position.
        return _parse_yaml_mapping(text, path, first_line, yaml.SafeLoader)
    return parsed


def _parse_yaml_mapping(text: str, path: str, first_line: int, loader_class: type) -> ParsedYaml | Diagnostic:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return ParsedYaml({}, {})
        if not isinstance(node, yaml.MappingNode):
            return Diagnostic(SourceLocation(path, node.start_mark.line + first_line, node.start_mark.column + 1),
                              "front matter must be a mapping of keys to values",
                              hint="write 'key: value' lines")
        duplicate = _duplicate_key(node, path, first_line)
        if duplicate is not None:
            return duplicate
        try:
            data = loader.construct_document(node)
        except (ValueError, OverflowError, TypeError) as exc:  # e.g. 2015-02-30, an offset of +24:00
            return _unconstructible(node, loader_class, path, first_line, exc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        return Diagnostic(SourceLocation(path, line, column), f"invalid YAML: {problem}")
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        return Diagnostic(SourceLocation(path, first_line), f"invalid YAML: {exc}")
    finally:
        loader.dispose()
    positions: dict[str, KeyPosition] = {}
    for key_node, value_node in node.value:
        positions[str(key_node.value)] = KeyPosition(
            key_node.start_mark.line + first_line, key_node.start_mark.column + 1,
            value_node.start_mark.line + first_line, value_node.start_mark.column + 1,
            tuple(item.start_mark.line + first_line for item in value_node.value)
            if isinstance(value_node, yaml.SequenceNode) else ())
    non_string = [k for k in data if not isinstance(k, str)]
    if non_string:
        return Diagnostic(SourceLocation(path, first_line), f"front matter keys must be strings, got {non_string[0]!r}")
    return ParsedYaml(data, positions)


def _duplicate_key(node: yaml.Node, path: str, first_line: int) -> Diagnostic | None:
    """A key written twice in one mapping (at any depth): YAML would keep the last silently."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + first_line
            if isinstance(key_node, yaml.ScalarNode) and key in seen:
                return Diagnostic(SourceLocation(path, line, key_node.start_mark.column + 1),
                                  f"duplicate key '{key}' (first on line {seen[key]})",
                                  hint="keep one of them: YAML would silently use the last")
            seen[key] = line
            found = _duplicate_key(value_node, path, first_line)
            if found is not None:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found = _duplicate_key(item, path, first_line)
            if found is not None:
                return found
    return None


def _unconstructible(node: yaml.Node, loader_class: type, path: str, first_line: int,
                     exc: Exception) -> Diagnostic:
    """Locate the scalar whose value Python cannot hold (an impossible day, an offset of a day
    or more, a year out of range): construct each scalar alone until one fails."""
    for scalar in _scalars(node):
        loader = loader_class("")
        try:
            loader.construct_object(scalar, deep=True)
        except (ValueError, OverflowError, TypeError) as problem:
            reason = "a UTC offset must be less than 24 hours" if "offset" in str(problem) else str(problem)
            return Diagnostic(SourceLocation(path, scalar.start_mark.line + first_line, scalar.start_mark.column + 1),
                              f"not a possible value: {scalar.value!r} ({reason})",
                              hint="dates are YYYY-MM-DDTHH:MM:SS+HH:MM, with a real day and an offset "
                                   "from -12:00 to +14:00")
        finally:
            loader.dispose()
    return Diagnostic(SourceLocation(path, first_line), f"not a possible value ({exc})")


def _scalars(node: yaml.Node) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        return [node]
    children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
    return [scalar for child in children for scalar in _scalars(child)]


def read_document(text: str, path: str) -> tuple[SplitDocument, ParsedYaml] | Diagnostic:
    """Split a document and parse its front matter: the two steps every content file goes through."""
    split = split_document(text, path)
    if isinstance(split, Diagnostic):
        return split
    parsed = parse_yaml_mapping(split.yaml_text, path, split.yaml_line)
    if isinstance(parsed, Diagnostic):
        return parsed
    return split, parsed
