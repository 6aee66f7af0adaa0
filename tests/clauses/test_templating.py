"""Tests for the sandboxed clause-template environment."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractkit.clauses.templating import Markup, compile_template, render_template
from contractkit.document.markup import parse_inline
from contractkit.document.nodes import Text, plain_text
from contractkit.errors import PackError, TemplateError

CLAUSE = "medical_coding.fees"
US = {"locale": "en_US", "currency": "USD"}


def render(source: str, **variables: Any) -> str:
    return render_template(CLAUSE, compile_template(CLAUSE, source), variables)


def render_error(source: str, **variables: Any) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        render(source, **variables)
    return caught.value


def test_template_renders_its_variables() -> None:
    """Variables are printed where the template puts them."""
    assert render("The {{ role }} codes {{ n }} charts.", role="Provider", n=300) == (
        "The Provider codes 300 charts."
    )


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("{{ missing }}", 1),
        ("first line\nsecond line\n{{ provider.legal_nme }}", 3),
        ("a\n{% if missing %}yes{% endif %}", 2),
        ("a\nb\nc\n{% for x in missing %}{{ x }}{% endfor %}", 4),
    ],
)
def test_undefined_variable_names_the_clause_and_line(source: str, line: int) -> None:
    """StrictUndefined: using an undefined name fails with clause id and line."""
    error = render_error(source, provider={"legal_name": "ACME"})

    assert error.clause_id == CLAUSE
    assert error.line == line
    assert str(error).startswith(f"Clause {CLAUSE!r} template, line {line}: ")


def test_printing_none_is_an_error() -> None:
    """A None value is never printed as an empty placeholder or 'None'."""
    error = render_error("Fee:\n{{ fee }}", fee=None)

    assert error.line == 2
    assert "None" in str(error)


def test_none_can_be_guarded() -> None:
    """The documented guard keeps a None value off the page."""
    source = "Fee{% if fee is not none %} {{ fee }}{% endif %}."

    assert render(source, fee=None) == "Fee."


def test_printed_values_are_escaped_so_they_stay_literal() -> None:
    """Markup characters in a value come back as the same characters."""
    value = "*ACME* {{ 7*7 }} & <Sons>"

    markup = render("{{ name }}", name=value)

    assert markup == r"\*ACME\* \{\{ 7\*7 \}\} & <Sons>"
    assert parse_inline(markup, where=CLAUSE) == (Text(value),)


@given(st.text())
def test_any_printed_text_parses_back_to_itself(value: str) -> None:
    """Whatever text a value holds, the parsed clause shows exactly that text."""
    markup = render("{{ value }}", value=value)

    shown = plain_text(parse_inline(markup, where=CLAUSE))
    assert shown == re.sub(r"\r\n|[\r\n\v]", "\n", value)


def test_markup_values_pass_through_unescaped() -> None:
    """Markup is already clause markup and is printed as it is."""
    assert render("{{ text }}", text=Markup("*emphasis* [=Fees]")) == (
        "*emphasis* [=Fees]"
    )


@pytest.mark.parametrize(("value", "expected"), [(True, "yes"), (False, "no")])
def test_booleans_print_as_words(value: bool, expected: str) -> None:
    """True and False print as yes and no."""
    assert render("{{ flag }}", flag=value) == expected


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ f.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ obj._secret }}",
        "{{ obj.__dict__ }}",
        "{{ '{0.__class__}'.format(obj) }}",
    ],
)
def test_sandbox_blocks_internal_attributes(source: str) -> None:
    """Dunder and private attributes are refused with a TemplateError."""

    class Thing:
        _secret = "hidden"

    error = render_error(source, f=lambda: None, obj=Thing())

    assert error.clause_id == CLAUSE
    assert "hidden" not in str(error)


@pytest.mark.parametrize(
    ("source", "variables"),
    [
        ("{{ items.append(4) }}", {"items": [1, 2, 3]}),
        ("{{ items.pop() }}", {"items": [1, 2, 3]}),
        ("{{ items.clear() }}", {"items": [1, 2, 3]}),
        ("{{ fees.update({'x': 1}) }}", {"fees": {"a": 1}}),
        ("{{ fees.setdefault('x', 1) }}", {"fees": {"a": 1}}),
        ("{{ ids.add('x') }}", {"ids": {"a"}}),
    ],
)
def test_sandbox_forbids_mutating_values(
    source: str, variables: dict[str, Any]
) -> None:
    """Templates cannot change the data they are given."""
    before = {key: value.copy() for key, value in variables.items()}

    with pytest.raises(TemplateError, match="unsafe"):
        render(source, **variables)

    assert variables == before


def test_sandbox_limits_huge_ranges() -> None:
    """A range beyond the sandbox's limit fails instead of eating memory."""
    error = render_error("{% for i in range(10 ** 9) %}{% endfor %}")

    assert error.clause_id == CLAUSE


def test_arithmetic_errors_become_template_errors() -> None:
    """A failing expression is a TemplateError naming the exception type."""
    error = render_error("a\n{{ 1 / zero }}", zero=0)

    assert error.line == 2
    assert "ZeroDivisionError" in str(error)


@pytest.mark.parametrize(
    "source",
    [
        "{% for x in [1] %}{{ loop.cycle() }}{% endfor %}",
        "{% set fees.rate = 1 %}",
    ],
)
def test_jinja_runtime_errors_become_template_errors(source: str) -> None:
    """Errors jinja2 raises at run time are TemplateErrors naming the clause."""
    error = render_error(source, fees={"rate": 0})

    assert error.clause_id == CLAUSE


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("{{ fee ", 1),
        ("one\ntwo\n{% if x %}never closed", 3),
        ("a\n{% endfor %}", 2),
        ("a\n{{ x | no_such_filter }}", 2),
    ],
)
def test_syntax_error_names_the_clause_and_line(source: str, line: int) -> None:
    """A template that does not compile is a TemplateError with its line."""
    with pytest.raises(TemplateError) as caught:
        compile_template(CLAUSE, source)

    assert caught.value.clause_id == CLAUSE
    assert caught.value.line == line


def test_template_error_is_a_pack_error() -> None:
    """A broken template is a problem of its pack."""
    assert issubclass(TemplateError, PackError)


@pytest.mark.parametrize(
    ("locale", "currency", "expected"),
    [
        ("en_US", "USD", "$1,234.50"),
        ("de_DE", "EUR", "1.234,50\u00a0\u20ac"),
        ("en_US", "JPY", "\u00a51,235"),
    ],
)
def test_money_filter_uses_the_contract_locale_and_currency(
    locale: str, currency: str, expected: str
) -> None:
    """money formats in the locale and currency of the template context."""
    markup = render(
        "{{ fee | money }}", fee=Decimal("1234.5"), locale=locale, currency=currency
    )

    assert markup == expected


def test_money_filter_output_is_escaped() -> None:
    """A negative amount's minus sign cannot start a list item."""
    markup = render("{{ fee | money }}", fee=Decimal("-5"), **US)

    assert markup == r"\-$5.00"
    assert plain_text(parse_inline(markup, where=CLAUSE)) == "-$5.00"


def test_money_filter_on_a_missing_amount_is_a_template_error() -> None:
    """An unset (None) amount passed to money fails as a TemplateError."""
    render_error("{{ fee | money }}", fee=None, **US)


def test_money_filter_needs_a_currency_in_context() -> None:
    """Without a currency in the context, money fails as a TemplateError."""
    render_error("{{ fee | money }}", fee=Decimal("1"), locale="en_US")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en_US", "December 31, 2029"), ("de_DE", "31. Dezember 2029")],
)
def test_date_filter_uses_the_contract_locale(locale: str, expected: str) -> None:
    """date writes the long date of the context's locale."""
    assert render("{{ d | date }}", d=dt.date(2029, 12, 31), locale=locale) == expected


def test_date_filter_on_a_missing_date_is_a_template_error() -> None:
    """An unset (None) date is an error, not today's date."""
    render_error("{{ d | date }}", d=None, **US)


@pytest.mark.parametrize(
    ("locale", "value", "expected"),
    [("en_US", 95, "95%"), ("en_US", Decimal("97.5"), "97.5%")]
    + [("de_DE", Decimal("1.5"), "1,5\u00a0%")],
)
def test_percent_filter_reads_percent_values(
    locale: str, value: Decimal | int, expected: str
) -> None:
    """percent prints 95 as 95 % in the context's locale."""
    assert render("{{ p | percent }}", p=value, locale=locale) == expected


def test_number_filter_uses_the_contract_locale() -> None:
    """number groups digits the locale's way."""
    assert render("{{ n | number }}", n=1234567, locale="de_DE") == "1.234.567"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["CPT"], "CPT"),
        (["CPT", "HCPCS"], "CPT and HCPCS"),
        (["ICD-10-CM", "CPT", "HCPCS"], r"ICD\-10\-CM, CPT and HCPCS"),
    ],
)
def test_join_words_joins_with_commas_and_and(items: list[str], expected: str) -> None:
    """join_words writes 'a, b and c'; its output is escaped like any value."""
    assert render("{{ items | join_words }}", items=items) == expected


def test_join_words_takes_another_conjunction() -> None:
    """The conjunction can be given, such as 'or'."""
    assert render("{{ items | join_words('or') }}", items=["a", "b", "c"]) == (
        "a, b or c"
    )


@pytest.mark.parametrize(
    ("source", "count", "expected"),
    [
        ("{{ n | plural('day') }}", 1, "day"),
        ("{{ n | plural('day') }}", 2, "days"),
        ("{{ n | plural('day') }}", 0, "days"),
        ("{{ n | plural('query', 'queries') }}", 1, "query"),
        ("{{ n | plural('query', 'queries') }}", 5, "queries"),
    ],
)
def test_plural_picks_the_form_for_the_count(
    source: str, count: int, expected: str
) -> None:
    """plural gives the singular for one and the plural otherwise."""
    assert render(source, n=count) == expected


def test_blocks_are_trimmed() -> None:
    """trim_blocks and lstrip_blocks: block tags leave no blank lines behind."""
    source = "Start\n  {% if flag %}\nyes\n  {% endif %}\nEnd"

    assert render(source, flag=True) == "Start\nyes\nEnd"
