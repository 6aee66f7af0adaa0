"""Tests for the clause markup parser and its escaping."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractkit.document.markup import escape, parse_blocks, parse_inline
from contractkit.document.nodes import (
    CrossReference,
    DefinedTerm,
    Emphasis,
    ItemList,
    LineBreak,
    Paragraph,
    Table,
    Text,
    plain_text,
)
from contractkit.errors import MarkupError

WHERE = "general.parties"

# The line breaks escape() turns into [br]: CRLF first, then CR, LF and VT.
LINE_BREAKS = re.compile(r"\r\n|[\r\n\v]")


def inline(text: str) -> tuple[object, ...]:
    return parse_inline(text, where=WHERE)


def blocks(markup: str) -> list[object]:
    return parse_blocks(markup, where=WHERE)


def as_broken_lines(value: str) -> str:
    """Return ``value`` as plain_text shows it once its breaks are [br]."""
    return LINE_BREAKS.sub("\n", value)


@given(st.text())
def test_escaped_text_parses_back_to_the_same_words(value: str) -> None:
    """For any text, parse_inline(escape(s)) shows s, line breaks as breaks."""
    runs = inline(escape(value))

    assert plain_text(runs) == as_broken_lines(value)
    assert all(isinstance(run, Text | LineBreak) for run in runs)
    assert sum(isinstance(run, LineBreak) for run in runs) == len(
        LINE_BREAKS.findall(value)
    )


@given(st.text())
def test_an_escaped_value_is_always_one_numbered_paragraph(value: str) -> None:
    """An escaped value is one numbered paragraph with every character kept.

    It never starts a list, a table or an unnumbered paragraph, and the
    whitespace at its ends survives the parser's trimming.
    """
    expected = "\n".join(LINE_BREAKS.split(value))

    result = blocks(escape(value))

    if not value:
        assert result == []
    else:
        assert len(result) == 1
        paragraph = result[0]
        assert isinstance(paragraph, Paragraph)
        assert paragraph.number == ""
        assert plain_text(paragraph.runs) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a\r\nb", "a[br]b"),
        ("a\rb", "a[br]b"),
        ("a\nb", "a[br]b"),
        ("a\vb", "a[br]b"),
        ("a\n\nb", "a[br][br]b"),
        ("a\r\n\rb", "a[br][br]b"),
    ],
)
def test_escape_turns_each_line_break_into_br(value: str, expected: str) -> None:
    """CRLF, CR, LF and VT each become one [br]."""
    assert escape(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("*", r"\*"),
        ("[", r"\["),
        ("]", r"\]"),
        ("{", r"\{"),
        ("}", r"\}"),
        ("|", r"\|"),
        ("~", r"\~"),
        ("-", r"\-"),
        ("\\", "\\\\"),
        ("[br]", r"\[br\]"),
        ("plain words, 45.00 & <b>", "plain words, 45.00 & <b>"),
    ],
)
def test_escape_puts_a_backslash_before_every_markup_character(
    value: str, expected: str
) -> None:
    """Every markup character is escaped; other text is left as it is."""
    assert escape(value) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("plain", (Text("plain"),)),
        ("a *b* c", (Text("a "), Emphasis("b"), Text(" c"))),
        ("**", ()),
        ("one[br]two", (Text("one"), LineBreak(), Text("two"))),
        ("the [=Services]", (Text("the "), DefinedTerm("Services", defining=True))),
        ("the {Services}", (Text("the "), DefinedTerm("Services"))),
        (
            "see [>general.payment]",
            (Text("see "), CrossReference("general.payment")),
        ),
        ("*see {Fees}*", (Emphasis("see "), DefinedTerm("Fees"))),
        (r"a \* b \[c\] \{d\} \\", (Text("a * b [c] {d} \\"),)),
    ],
)
def test_parse_inline_reads_each_inline_construct(
    markup: str, expected: tuple[object, ...]
) -> None:
    """Emphasis, breaks, definitions, term uses, references and escapes."""
    assert inline(markup) == expected


def test_plain_text_quotes_a_defined_term_where_it_is_defined() -> None:
    """A defining use is printed in curly quotes, a plain use without."""
    runs = inline("[=Fees] are {Fees}")

    assert plain_text(runs) == "\u201cFees\u201d are Fees"


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("an *unclosed emphasis", "unclosed '\\*'"),
        ("an [=Unclosed term", "unclosed '\\['"),
        ("a [br", "unclosed '\\['"),
        ("a {Unclosed", "unclosed or empty '\\{'"),
        ("an empty {}", "unclosed or empty '\\{'"),
        ("a {bad*term}", "unclosed or empty '\\{'"),
        ("a [plain] bracket", "neither a definition"),
        ("an empty [=]", "neither a definition"),
        ("a [>NotAnId] reference", "neither a definition"),
        ("a [>general] reference", "neither a definition"),
        ("a [>general.] reference", "neither a definition"),
        ("a stray ] bracket", "unmatched '\\]'"),
        ("a stray } brace", "unmatched '}'"),
        ("a trailing backslash \\", "backslash ends"),
    ],
)
def test_parse_inline_rejects_malformed_markup(markup: str, message: str) -> None:
    """Malformed inline markup is a MarkupError naming where it came from."""
    with pytest.raises(MarkupError, match=message) as caught:
        inline(markup)

    assert str(caught.value).startswith(f"{WHERE}: ")


def test_markup_error_is_a_value_error() -> None:
    """MarkupError can be caught as ValueError."""
    with pytest.raises(ValueError):
        inline("*")


def test_plain_paragraph_is_numbered_and_lines_are_joined() -> None:
    """A plain paragraph waits for a number ("") and its lines join with spaces."""
    assert blocks("The Provider\n  performs the Services.") == [
        Paragraph((Text("The Provider performs the Services."),), "")
    ]


def test_tilde_paragraph_is_unnumbered() -> None:
    """A paragraph whose first line starts with '~ ' has no number."""
    assert blocks("~ Between the parties\nbelow.") == [
        Paragraph((Text("Between the parties below."),), None)
    ]


def test_blank_lines_separate_blocks() -> None:
    """Blank lines, even with spaces or tabs on them, separate blocks."""
    result = blocks("\n\nFirst.\n \t\nSecond.\r\n\r\n~ Third.\n\n\n")

    assert result == [
        Paragraph((Text("First."),), ""),
        Paragraph((Text("Second."),), ""),
        Paragraph((Text("Third."),), None),
    ]


def test_blank_markup_has_no_blocks() -> None:
    """Markup with nothing but blank lines yields no blocks."""
    assert blocks("\n  \n\n") == []


def test_list_items_start_with_a_dash_and_may_continue() -> None:
    """Each '- ' line starts an item; other lines continue the item above."""
    result = blocks("- first item\n- second\n  continued *here*\n- {Fees}")

    assert result == [
        ItemList(
            (
                (Text("first item"),),
                (Text("second continued "), Emphasis("here")),
                (DefinedTerm("Fees"),),
            )
        )
    ]


def test_table_has_a_header_row_and_body_rows() -> None:
    """The first '|' line is the header; cells are split on '|' and trimmed."""
    result = blocks("| Chart type | Rate |\n| Surgery | $4.00 |\n| ED | *$2.50* |")

    assert result == [
        Table(
            header=((Text("Chart type"),), (Text("Rate"),)),
            rows=(
                ((Text("Surgery"),), (Text("$4.00"),)),
                ((Text("ED"),), (Emphasis("$2.50"),)),
            ),
        )
    ]


def test_table_closing_pipe_is_optional() -> None:
    """A row without its closing '|' has the same cells as one with it."""
    assert blocks("| a | b |") == blocks("| a | b")


def test_escaped_pipe_stays_inside_its_cell() -> None:
    r"""A '\|' in a cell is a literal pipe, not a cell boundary."""
    cell = escape("A|B")

    result = blocks(f"| Name | Note |\n| {cell} | x |")

    assert result == [
        Table(
            header=((Text("Name"),), (Text("Note"),)),
            rows=(((Text("A|B"),), (Text("x"),)),),
        )
    ]


def test_ragged_table_is_rejected() -> None:
    """Rows with different numbers of cells are a MarkupError."""
    with pytest.raises(MarkupError, match="2 and 3 cells"):
        blocks("| a | b |\n| c | d | e |")


def test_table_line_without_a_pipe_is_rejected() -> None:
    """Every line of a table block must start with '|'."""
    with pytest.raises(MarkupError, match="does not start with '\\|'"):
        blocks("| a | b |\nloose text")


def test_block_errors_name_where_the_markup_came_from() -> None:
    """A malformed paragraph inside blocks names the clause."""
    with pytest.raises(MarkupError, match=f"^{WHERE}: "):
        blocks("Fine.\n\nNot *fine.")
