"""Rendering with holes: a hole may be printed; any other look at it fails."""

from __future__ import annotations

from typing import Any

import pytest

from contractkit.clauses._holes import Hole, escaped_marker, marker, render_with_holes
from contractkit.clauses.templating import compile_template
from contractkit.models import SpecModel


class _Person(SpecModel):
    name: str
    title: str = "Director"

    @property
    def shout(self) -> str:
        return self.name.upper()


def _render(source: str, **extra: Any) -> str | None:
    template = compile_template("test.clause", source)
    person = _Person.model_construct(name=Hole(0), title="Director")  # type: ignore[arg-type]
    variables = {"person": person, "locale": "en_US", "currency": "USD", **extra}
    return render_with_holes(template, variables, {id(person)}, 1)


def test_a_printed_hole_becomes_its_marker() -> None:
    """Printing a hole, in a loop and beside other values, writes its marker."""
    markup = _render(
        "~ {% for n in range(2) %}{{ person.name }} ({{ person.title }}) {% endfor %}"
    )
    assert markup == f"~ {marker(0)} (Director) {marker(0)} (Director) "


def test_a_hole_passed_through_variables_is_still_only_printed() -> None:
    """Assigning a hole, or putting it in a list and taking it out, is not a look."""
    markup = _render(
        "~ {% set who = person.name %}{% set all = [person] %}"
        "{% for p in all %}{{ who }}/{{ p.name }}{% endfor %}"
    )
    assert markup == f"~ {marker(0)}/{marker(0)}"


@pytest.mark.parametrize(
    "source",
    [
        "{% if person.name %}x{% endif %}",
        "{{ person.name|length }}",
        "{{ person.name|upper }}",
        "{{ person.name|default('x') }}",
        "{{ person.name.upper() }}",
        "{{ person.name[0] }}",
        "{{ person.name ~ '!' }}",
        "{{ person.name + '!' }}",
        "{{ 'Mr ' + person.name }}",
        "{{ person.name == 'Ann' }}",
        "{{ 'Ann' == person.name }}",
        "{{ person.name < 'B' }}",
        "{{ person.name in 'Ann Lee' }}",
        "{{ 'A' in person.name }}",
        "{{ person.name in ['Ann'] }}",
        "{{ person.name in {'Ann': 1} }}",
        "{% if person.name is string %}x{% endif %}",
        "{% if person.name is none %}x{% endif %}",
        "{% if person.name is defined %}x{% endif %}",
        "{{ person.name.foo is defined }}",
        "{{ '%s' % person.name }}",
        "{{ '{}'.format(person.name) }}",
        "{{ [person.name]|join(', ') }}",
        "{{ [person.name]|sort|first }}",
        "{{ [person]|map(attribute='name')|join }}",
        "{{ [person]|selectattr('name', 'equalto', 'Ann')|list|length }}",
        "{{ person|attr('name') }}",
        "{{ person.shout }}",
        "{{ person.model_dump()['name'] }}",
        "{{ person['name'] }}",
        "{{ dict(a=1)[person.name] }}",
        "{{ -person.name }}",
        "{{ person.name * 2 }}",
        "{% for c in person.name %}{{ c }}{% endfor %}",
        "{% macro m() %}{{ person.name }}{% endmacro %}{{ m()|length }}",
        "{% set x %}{{ person.name }}{% endset %}{{ x|length }}",
        "{% filter upper %}{{ person.name }}{% endfilter %}",
        "{% for x in [1] recursive %}{% if x == 1 %}{{ loop([2])|length }}"
        "{% else %}{{ person.name }}{% endif %}{% endfor %}",
        "{{ person.name|money }}",
        "{{ range(person.name) }}",
        "{{ namespace(a=person.name).a|length }}",
        "no hole printed at all",
    ],
)
def test_any_other_use_of_a_hole_refuses_the_render(source: str) -> None:
    """A template that could act on the value (or prints no hole) cannot be stamped."""
    assert _render(source) is None


@pytest.mark.parametrize("fake", [marker(0), marker(255), "\ue000\u0041\ue001"])
def test_a_marker_from_another_value_refuses_the_render(fake: str) -> None:
    """Text that only looks like a marker would be filled in wrongly; it is refused."""
    assert _render("~ {{ person.name }} {{ other }}", other=fake) is None
    assert _render("~ {{ other }} {{ person.name }}", other=fake) is None


def test_a_backslash_before_a_marker_is_found() -> None:
    """A value printed after a backslash would lose its first character to it."""
    assert escaped_marker(f"a \\{marker(0)}")
    assert not escaped_marker(f"a \\\\{marker(0)}")
    assert not escaped_marker(f"a {marker(0)}")
