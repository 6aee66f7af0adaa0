"""Property tests: valid specs render faithfully, invalid ones fail cleanly."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given
from typer.testing import CliRunner

from contractkit.cli import app
from contractkit.composer import compose
from contractkit.errors import ContractkitError
from contractkit.render import FORMATS, render
from contractkit.values import format_date, format_money
from tests.hardening.outputs import docx_words, mismatches, parse_every_part
from tests.hardening.strategies import (
    Fault,
    invalid_specs,
    party_names,
    printed_amounts,
    valid_specs,
)

ALLOWED_WARNINGS = {"CK-LINT-005", "CK-GEN-016"}
"""Warnings a valid random spec may get: random text may look like a
placeholder ("N/A", "<<"), and the strategy picks locales of other languages
than the clauses' English on purpose, to test their formats."""


@given(valid_specs())
def test_every_valid_spec_composes_and_renders_in_every_format(
    spec: dict[str, Any],
) -> None:
    """A consistent spec has no rule error or stray warning, and renders."""
    result = compose(spec)

    assert result.ok, result.report.errors
    assert {f.code for f in result.report.findings} <= ALLOWED_WARNINGS
    for fmt in FORMATS:
        assert render(result.document, fmt)


@given(valid_specs())
def test_names_amounts_and_dates_appear_in_text_and_docx(spec: dict[str, Any]) -> None:
    """Each party name, printed amount and the effective date is in both outputs."""
    result = compose(spec)
    text, words = result.to_text(), docx_words(result.to_docx())
    document = spec["document"]
    amounts = [
        format_money(Decimal(amount), document["currency"], document["locale"])
        for amount in printed_amounts(spec)
    ]
    date = format_date(
        dt.date.fromisoformat(document["effective_date"]), document["locale"]
    )

    for expected in [*party_names(spec), *amounts, date]:
        assert expected in text
        assert expected in words


@given(valid_specs())
def test_docx_paragraphs_equal_the_text_output(spec: dict[str, Any]) -> None:
    """The DOCX reopens, every part parses, and its paragraphs are the text's.

    The text output's section numbers, paragraph numbers and list letters,
    which DOCX writes with Word numbering, are stripped first; headings are
    compared upper-cased, table cells without their padding.
    """
    result = compose(spec)
    data = result.to_docx()

    parse_every_part(data)
    assert mismatches(result.to_text(), result.document, data) == []


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def _assert_names(error: BaseException, fault: Fault) -> None:
    assert isinstance(error, ContractkitError), repr(error)
    assert fault.path in str(error), (fault.path, str(error))


@given(invalid_specs())
def test_every_invalid_spec_fails_with_its_path_and_writes_nothing(
    case: tuple[dict[str, Any], Fault],
) -> None:
    """compose-and-write raises a ContractkitError naming the fault's path."""
    spec, fault = case
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        try:
            compose(spec).write(out)
        except Exception as exc:  # noqa: BLE001 - any other exception is the bug
            _assert_names(exc, fault)
        else:
            raise AssertionError(f"{fault} was accepted")
        assert not out.exists()


@given(invalid_specs())
def test_every_invalid_spec_file_fails_in_the_cli_and_writes_nothing(
    case: tuple[dict[str, Any], Fault],
) -> None:
    """``contractkit render`` exits 1 or 2, names the path, prints no traceback."""
    spec, fault = case
    if not fault.in_file:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "spec.json"
        path.write_text(json.dumps(spec, default=_plain), encoding="utf-8")
        out = Path(folder) / "out"

        result = CliRunner().invoke(app, ["render", str(path), "--out", str(out)])

        shown = result.output + (result.stderr if result.stderr_bytes else "")
        assert result.exit_code in (1, 2), (result.exit_code, shown, result.exception)
        assert fault.path in shown
        assert "Traceback" not in shown
        assert not out.exists()
