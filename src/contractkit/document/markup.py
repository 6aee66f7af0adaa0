"""The clause markup: what a clause template renders to, and its parser.

Clause templates write a small line-based markup; this module turns it into
document-tree blocks and escapes inserted values so they stay literal.

Blocks are separated by blank lines:

* a paragraph is one or more lines of text; it becomes a numbered
  subsection (``3.1``) unless its first line starts with ``~ ``;
* a list is a block whose lines start with ``- ``, one item per such line;
  it is printed lettered, ``(a)``, ``(b)``;
* a table is a block whose lines start with ``|``; cells are separated by
  ``|`` and the first row is the header.

Inside a block:

* ``*words*`` is emphasis;
* ``[=Term]`` defines a term, printed in quotes, and ``{Term}`` uses one;
* ``[>pack.clause]`` refers to the section that holds a clause;
* ``[br]`` is a line break;
* a backslash makes the next character literal.

:func:`escape` puts a backslash before every character that means something
here, so a value inserted with ``{{ }}`` can never become markup.
"""

from __future__ import annotations

import functools
import re
from functools import lru_cache

from contractkit.document.nodes import (
    Block,
    CrossReference,
    DefinedTerm,
    Emphasis,
    Inline,
    ItemList,
    LineBreak,
    Paragraph,
    Table,
    Text,
)
from contractkit.errors import MarkupError

__all__ = ["escape", "parse_blocks", "parse_inline"]

_SPECIAL = re.compile(r"([\\*\[\]{}|~\-])")
_NEWLINES = re.compile(r"\r\n|[\r\n\v]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TERM = re.compile(r"[^\[\]{}\\*|]+")
_CLAUSE_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


@functools.lru_cache(maxsize=4096)
def escape(value: str) -> str:
    r"""Escape ``value`` so that it reads literally in clause markup.

    Line breaks in the value (CR, LF, CRLF, vertical tab) become ``[br]``,
    and whitespace at either end is escaped too, so that the parser, which
    trims the lines and cells of the markup, keeps it.

    >>> escape("*ACME* [Sons] {{ 7*7 }}")
    '\\*ACME\\* \\[Sons\\] \\{\\{ 7\\*7 \\}\\}'
    """
    text = _NEWLINES.sub("[br]", _SPECIAL.sub(r"\\\1", value))
    start = len(text) - len(text.lstrip())
    end = max(start, len(text.rstrip()))
    lead = "".join(f"\\{char}" for char in text[:start])
    trail = "".join(f"\\{char}" for char in text[end:])
    return lead + text[start:end] + trail


def _strip(text: str) -> str:
    """Trim whitespace from both ends, keeping a backslash-escaped last one."""
    left = text.lstrip()
    trimmed = left.rstrip()
    if len(trimmed) < len(left):
        backslashes = len(trimmed) - len(trimmed.rstrip("\\"))
        if backslashes % 2 == 1:
            trimmed = left[: len(trimmed) + 1]
    return trimmed


def parse_blocks(markup: str, *, where: str) -> list[Block]:
    """Parse rendered clause markup into blocks.

    The tree is immutable, so markup that many contracts share (most clauses
    of a batch render the same text for every record) is parsed once and
    its blocks reused, from a bounded cache.

    Args:
        markup: the rendered template.
        where: what produced the markup, such as a clause id, for messages.

    Raises:
        MarkupError: the markup is malformed; the message names ``where``.
    """
    return list(_parse_blocks(markup, where))


def shared_blocks(markup: str, *, where: str) -> tuple[Block, ...]:
    """Parse clause markup like :func:`parse_blocks`, returning the shared tuple.

    The same markup gives the very same tuple while it stays in the cache,
    so callers may cache what they derive from it by identity.

    Raises:
        MarkupError: the markup is malformed; the message names ``where``.
    """
    return _parse_blocks(markup, where)


@lru_cache(maxsize=2048)
def _parse_blocks(markup: str, where: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for chunk in _BLANK_LINE.split(markup.replace("\r\n", "\n").strip("\n")):
        lines = [_strip(line) for line in chunk.strip("\n").split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("- "):
            blocks.append(_parse_list(lines, where))
        elif lines[0].startswith("|"):
            blocks.append(_parse_table(lines, where))
        elif lines[0] == "~" or lines[0].startswith("~ "):
            text = _strip(" ".join([lines[0][2:], *lines[1:]]))
            blocks.append(Paragraph(parse_inline(text, where=where)))
        else:
            blocks.append(Paragraph(parse_inline(" ".join(lines), where=where), ""))
    return tuple(blocks)


def _parse_list(lines: list[str], where: str) -> ItemList:
    items: list[list[str]] = []
    for line in lines:
        if line.startswith("- "):
            items.append([line[2:]])
        else:
            items[-1].append(line)
    return ItemList(tuple(parse_inline(" ".join(item), where=where) for item in items))


def _parse_table(lines: list[str], where: str) -> Table:
    rows: list[tuple[tuple[Inline, ...], ...]] = []
    for line in lines:
        if not line.startswith("|"):
            raise MarkupError(f"{where}: table line {line!r} does not start with '|'")
        cells = _split_cells(line)
        rows.append(tuple(parse_inline(_strip(cell), where=where) for cell in cells))
    width = len(rows[0])
    for row in rows:
        if len(row) != width:
            raise MarkupError(
                f"{where}: table rows have {width} and {len(row)} cells; every "
                "row needs the same number of cells"
            )
    return Table(header=rows[0], rows=tuple(rows[1:]))


def _split_cells(line: str) -> list[str]:
    """Split a table line on unescaped ``|``, keeping escapes in the cells."""
    cells: list[str] = []
    current: list[str] = []
    index = 1
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line):
            current.append(line[index : index + 2])
            index += 2
            continue
        if char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    if "".join(current).strip():
        cells.append("".join(current))
    return cells


_INLINE = re.compile(
    r"\\(?P<escaped>.)|(?P<dangling>\\)\Z|(?P<star>\*)|(?P<br>\[br\])"
    r"|\[(?P<bracket>[^\]]*)\]|(?P<open_bracket>\[)"
    r"|\{(?P<term>[^}]*)\}|(?P<open_brace>\{)|(?P<unmatched>[\]}])",
    re.DOTALL,
)
"""One token of inline markup; the text between tokens is literal."""


def parse_inline(text: str, *, where: str) -> tuple[Inline, ...]:
    """Parse one block's inline markup into runs.

    The runs of a text parsed lately are returned again: a batch's clauses
    change a paragraph or two and keep the rest.

    Raises:
        MarkupError: an unclosed ``*``, ``[`` or ``{``, or a bad clause id.
    """
    return _parse_inline(text, where)


@lru_cache(maxsize=4096)
def _parse_inline(text: str, where: str) -> tuple[Inline, ...]:
    runs: list[Inline] = []
    buffer: list[str] = []
    emphasis = False
    position = 0

    def flush() -> None:
        content = "".join(buffer)
        if content:
            runs.append(Emphasis(content) if emphasis else Text(content))
        buffer.clear()

    for match in _INLINE.finditer(text):
        buffer.append(text[position : match.start()])
        position = match.end()
        kind = match.lastgroup
        if kind == "escaped":
            buffer.append(match.group("escaped"))
            continue
        flush()
        if kind == "star":
            emphasis = not emphasis
        elif kind == "br":
            runs.append(LineBreak())
        elif kind == "bracket":
            runs.append(_bracket(match.group("bracket"), text, where))
        elif kind == "term" and _TERM.fullmatch(match.group("term")):
            runs.append(DefinedTerm(match.group("term")))
        elif kind == "unmatched":
            raise MarkupError(f"{where}: unmatched {match.group()!r} in {text!r}")
        else:
            raise MarkupError(f"{where}: {_PROBLEMS[kind or '']} in {text!r}")
    buffer.append(text[position:])

    if emphasis:
        raise MarkupError(f"{where}: unclosed '*' in {text!r}")
    flush()
    return tuple(runs)


_PROBLEMS = {
    "dangling": "a backslash ends the text",
    "open_bracket": "unclosed '['",
    "term": "unclosed or empty '{'",
    "open_brace": "unclosed or empty '{'",
}


def _bracket(body: str, text: str, where: str) -> Inline:
    if body.startswith("=") and _TERM.fullmatch(body[1:]):
        return DefinedTerm(body[1:], defining=True)
    if body.startswith(">") and _CLAUSE_ID.fullmatch(body[1:]):
        return CrossReference(body[1:])
    raise MarkupError(
        f"{where}: '[{body}]' is neither a definition '[=Term]', a reference "
        f"'[>pack.clause]' nor '[br]' in {text!r}"
    )
