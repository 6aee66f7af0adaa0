"""Hostile clause templates fail with a TemplateError and leak nothing.

Each template is installed in a pack, as a plugin author would ship it, so
the error seen is the one a user of the pack would see: it names the pack's
clause and the template line, and carries none of the data it tried to read.
"""

from __future__ import annotations

import os
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from contractkit import TemplateError, compose
from contractkit.clauses.templating import compile_template, render_template
from tests.plugins.conftest import PackMaker
from tests.support import ROOT

SAMPLE = ROOT / "tests/plugins/contractkit-translation/src/contractkit_translation"
SECRET = "correct-horse-battery-staple"

PACK = """
from contractkit import Clause, ClausePack

pack = ClausePack(
    "hostile",
    "0.1.0",
    description="Templates that try to escape the sandbox.",
    package=__name__,
    extends=("general",),
    clauses=[Clause("attack", "Attack", "attack.j2")],
    order=["general.preamble", "hostile.attack"],
)
"""

HOSTILE = {
    "mro": "{{ ''.__class__.__mro__ }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler_globals": "{{ cycler.__init__.__globals__ }}",
    "lipsum_os": "{{ lipsum.__globals__.os }}",
    "self_dict": "{{ self.__dict__ }}",
    "self": "{{ self }}",
    "config": "{{ config }}",
    "include_passwd": "{% include '/etc/passwd' %}",
    "import": "{% import 'secrets.j2' as secrets %}{{ secrets.key }}",
    "from_import": "{% from '/etc/passwd' import root %}{{ root }}",
    "extends": "{% extends '/etc/passwd' %}",
    "environ": "{{ environ }}",
    "os_environ": "{{ os.environ }}",
    "model_env": "{{ provider.__class__.__init__.__globals__['os'].environ }}",
    "range": "{% for i in range(10**9) %}.{% endfor %}",
    "list_append": "{% set x = [] %}{{ x.append(1) }}",
    "dict_update": "{% set x = {} %}{{ x.update(a=1) }}",
    "format_attr": "{{ '{0.__class__}'.format(provider) }}",
    "format_globals": "{{ '{0.__init__.__globals__}'.format(provider) }}",
    "format_repr": "{{ '{0}'.format(provider) }}",
    "percent_repr": "{{ '%s' % provider }}",
    "format_filter": "{{ '%s'|format(provider) }}",
    "attr_filter": "{{ provider|attr('__dict__') }}",
    "string_filter": "{{ provider|string }}",
    "pprint": "{{ provider|pprint }}",
    "tojson": "{{ provider.legal_name|tojson }}",
    "dump_model": "{{ provider }}",
    "dump_dict": "{{ party_term }}",
    "private": "{{ provider._abc_impl }}",
    "power": "{{ 10 ** (10 ** 10) }}",
    "repeat": "{{ 'x' * 10 ** 9 }}",
}


def _spec() -> dict[str, Any]:
    data = yaml.safe_load((SAMPLE / "examples" / "sample.yaml").read_text("utf-8"))
    data["pack"] = "hostile"
    del data["translation"]
    return data


@pytest.fixture(autouse=True)
def secret_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """An environment variable no template may print."""
    monkeypatch.setenv("CONTRACTKIT_TEST_SECRET", SECRET)


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_template_fails_naming_the_clause_and_line(
    make_pack: PackMaker, source: str
) -> None:
    """The attack is a TemplateError naming hostile.attack and line 3."""
    make_pack(
        "hostile",
        init=PACK,
        templates={"attack.j2": f"{{{{ Provider }}}} agrees.\n\n{source}\n"},
    )
    started = time.monotonic()

    with pytest.raises(TemplateError) as caught:
        compose(_spec(), packs=["hostile", "general"])

    error = caught.value
    assert time.monotonic() - started < 5
    assert error.clause_id == "hostile.attack"
    assert error.line == 3
    assert str(error).startswith("Clause 'hostile.attack' template, line 3: ")
    for leak in (SECRET, "root:", "Lena Hoffmann", "0x", "<built-in", "module"):
        assert leak not in str(error)


@pytest.mark.parametrize(
    "tag",
    ["{% include 'x' %}", "{% import 'x' as y %}", "{% from 'x' import y %}"]
    + ["{% extends 'x' %}"],
)
def test_file_tags_are_refused_when_compiling(tag: str) -> None:
    """Tags that would read another template fail before anything renders."""
    with pytest.raises(TemplateError, match="cannot read other templates or files"):
        compile_template("hostile.attack", f"one\n{tag}\n")


def test_removed_globals_are_undefined() -> None:
    """lipsum, cycler and joiner are gone; range, dict and namespace stay."""
    source = "{% set n = namespace(total=0) %}"
    source += "{% for i in range(3) %}{% set n.total = n.total + i %}{% endfor %}"
    source += "{{ n.total }} {{ dict(a=1)['a'] }}"
    template = compile_template("hostile.attack", source)

    assert render_template("hostile.attack", template, {}) == "3 1"
    for name in ("lipsum", "cycler", "joiner"):
        with pytest.raises(TemplateError, match=f"'{name}' is undefined"):
            render_template(
                "hostile.attack",
                compile_template("hostile.attack", f"{{{{ {name}() }}}}"),
                {},
            )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 2 ** 10 }}", "1024"),
        ("{{ '-' * 3 }}", r"\-\-\-"),
        ("{{ '%s of %d'|format('one', 2) }}", "one of 2"),
        ("{{ '{0} and {1}'.format('a', rate) }}", "a and 1.50"),
        ("{{ rate|string }}", "1.50"),
    ],
)
def test_ordinary_arithmetic_and_formatting_still_work(
    source: str, expected: str
) -> None:
    """The checks on **, *, % and format refuse only what they must."""
    template = compile_template("hostile.attack", source)

    assert render_template("hostile.attack", template, {"rate": Decimal("1.50")}) == (
        expected
    )


def test_environment_is_not_a_template_variable(tmp_path: Path) -> None:
    """No variable of a composed contract holds the process environment."""
    assert os.environ["CONTRACTKIT_TEST_SECRET"] == SECRET
    template = compile_template("hostile.attack", "{{ environ }}")

    with pytest.raises(TemplateError, match="'environ' is undefined"):
        render_template("hostile.attack", template, {})
