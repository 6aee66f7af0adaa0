"""Reused template outputs and layouts give exactly what a fresh composition gives."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contractkit.clauses import _reuse, templating
from contractkit.clauses._reuse import read_plan
from contractkit.clauses.templating import compile_template, render_template
from contractkit.composer import _document as composer_document
from contractkit.composer import compose
from contractkit.document import markup
from contractkit.document.nodes import Document, Paragraph, Section, Text
from contractkit.errors import ContractkitError
from contractkit.loading import load_data
from contractkit.render import docx as docx_renderer
from contractkit.render import text as text_renderer
from contractkit.render.docx import render_docx
from contractkit.render.text import render_text
from contractkit.rules import lint
from tests.support import EXAMPLE, spec_changes, variant


def _outcome(data: dict[str, Any]) -> tuple[Any, ...]:
    """Everything a composition shows a user: findings, text, DOCX bytes, errors."""
    try:
        result = compose(data)
    except ContractkitError as exc:
        return ("error", type(exc).__name__, str(exc))
    findings = [repr(f) for f in result.report.findings]
    if not result.ok:
        return ("findings", findings, result.provenance)
    document = result.document
    return ("ok", findings, render_text(document), render_docx(document), document)


def _fresh(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    """Compose with every reuse off and every cache emptied."""
    markup._parse_blocks.cache_clear()
    composer_document._LAID_OUT.clear()
    docx_renderer._SECTIONS.clear()
    text_renderer._SECTIONS.clear()
    lint._PARTS.clear()
    lint._LAST.clear()
    lint._PLACEHOLDERS_SEEN.clear()
    with monkeypatch.context() as patch:
        patch.setattr(templating, "reuse_outputs", False)
        return _outcome(data)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(spec_changes, min_size=2, max_size=6))
def test_reused_outputs_match_fresh_compositions(
    example_data: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    batch: list[dict[str, Any]],
) -> None:
    """A batch of varied specs composes to the same bytes and findings either way."""
    variants = [variant(example_data, picked) for picked in batch]
    reused = [_outcome(data) for data in variants]
    fresh = [_fresh(data, monkeypatch) for data in variants]
    assert reused == fresh


def _render(source: str, variables: dict[str, Any]) -> str:
    return render_template("t.t", compile_template("t.t", source), variables)


def _twice(source: str, first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    template = compile_template("t.t", source)
    return [render_template("t.t", template, v) for v in (first, second)]


@pytest.mark.parametrize(
    ("source", "first", "second"),
    [
        ("{{ a.b }}", {"a": {"b": "x"}}, {"a": {"b": "y"}}),
        ("{{ a['b'] }}", {"a": {"b": 1}}, {"a": {"b": True}}),
        ("{{ n }}", {"n": Decimal("1.5")}, {"n": Decimal("1.50")}),
        ("{{ s.upper() }}", {"s": "a"}, {"s": "b"}),
        ("{{ xs|join_words }}", {"xs": ["a", "b"]}, {"xs": ["a", "c"]}),
        ("{% for x in xs %}{{ x }}{% endfor %}", {"xs": ("a",)}, {"xs": ("a", "b")}),
        ("{% set c = a %}{{ c.b }}", {"a": {"b": "x"}}, {"a": {"b": "y"}}),
        (
            "{{ a[k] }}",
            {"a": {"x": "1", "y": "2"}, "k": "x"},
            {"a": {"y": "2"}, "k": "y"},
        ),
        (
            "{{ n|money }}",
            {"n": Decimal(5), "currency": "USD", "locale": "en_US"},
            {"n": Decimal(5), "currency": "EUR", "locale": "en_US"},
        ),
        ("{% if a is defined %}{{ a }}{% endif %}", {"a": "x"}, {}),
    ],
)
def test_a_changed_read_renders_again(
    source: str, first: dict[str, Any], second: dict[str, Any]
) -> None:
    """A change in any value the template reads gives the new output."""
    outputs = _twice(source, first, second)
    assert outputs == [_render(source, first), _render(source, second)]
    assert outputs[0] != outputs[1]


def test_an_unread_change_reuses_the_output() -> None:
    """Values the template does not read do not stop the output being reused."""
    template = compile_template("t.t", "{{ a.b }}")
    render_template("t.t", template, {"a": {"b": "x", "c": "1"}})
    plan = templating._PLANS[template]
    render_template("t.t", template, {"a": {"b": "x", "c": "2"}})
    assert len(plan.outputs) == 1


@pytest.mark.parametrize(
    "source", ["{{ [1, 2]|random }}", "{% if a is sameas b %}x{% endif %}"]
)
def test_impure_templates_are_never_reused(source: str) -> None:
    """A template whose output is not a function of the values it reads has no plan."""
    assert read_plan(templating._ENVIRONMENT.parse(source)) is None


def _names(source: str) -> Iterator[str]:
    plan = read_plan(templating._ENVIRONMENT.parse(source))
    assert plan is not None
    for name, steps in plan.reads:
        yield name + "".join(f"[{k!r}]" if item else f".{k}" for item, k in steps)


@pytest.mark.parametrize(
    ("source", "reads"),
    [
        ("{{ client.signatory.name }}", {"client.signatory.name"}),
        ("{{ client.name.upper() }}", {"client.name"}),
        ("{{ a[k] }}", {"a", "k"}),
        ("{{ a['k'].b }}", {"a['k'].b"}),
        ("{% if 'x' in selected %}y{% endif %}", {"selected"}),
    ],
)
def test_reads_stop_where_the_value_is_used_whole(source: str, reads: set[str]) -> None:
    """A read follows constant steps and stops at calls and computed indexes."""
    assert set(_names(source)) == reads


def _bad_section(document: Document, index: int) -> Document:
    section = document.sections[index]
    bad = (Paragraph((Text("a stray \x01 here"),), f"{section.number}.1"),)
    sections = list(document.sections)
    sections[index] = Section(section.number, section.title, section.clause_id, bad)
    return replace(document, sections=tuple(sections))


def _docx_error(document: Document) -> str:
    with pytest.raises(ValueError, match="XML compatible") as caught:
        render_docx(document)
    return str(caught.value)


def test_reused_sections_report_bad_characters_as_fresh_ones() -> None:
    """With earlier sections reused, a bad character gives the same message."""
    document = compose(_example()).document
    broken = _bad_section(document, 2)
    docx_renderer._SECTIONS.clear()
    fresh = _docx_error(broken)

    render_docx(document)
    assert _docx_error(broken) == fresh
    assert _docx_error(broken) == fresh


def test_reused_sections_still_check_their_numbers() -> None:
    """A reused section's heading number is still checked against its place."""
    document = compose(_example()).document
    render_docx(document)
    first, second, *rest = document.sections
    swapped = replace(document, sections=(second, first, *rest))

    with pytest.raises(ValueError, match="expected section '1'"):
        render_docx(swapped)


def _example() -> dict[str, Any]:
    data, _ = load_data(EXAMPLE)
    return dict(data)


def test_equal_snapshots_share_a_token_and_tokens_are_never_reused() -> None:
    """A cleared token table gives new numbers, so no old key can match anew."""
    first = _reuse._token(("snapshot", "a"))
    assert _reuse._token(("snapshot", "a")) == first
    _reuse._TOKENS.clear()
    again = _reuse._token(("snapshot", "a"))
    other = _reuse._token(("snapshot", "b"))
    assert len({first, again, other}) == 3
