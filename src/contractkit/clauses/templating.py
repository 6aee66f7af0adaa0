"""The sandboxed jinja2 environment clause templates run in.

Templates run in jinja2's immutable sandbox with ``StrictUndefined``: a
missing variable is an error naming the clause and the template line. Every
value a template prints with ``{{ }}`` passes through :func:`_finalize`,
which escapes it for the clause markup and refuses ``None``, so no input
text becomes markup and no empty placeholder reaches the page.
"""

from __future__ import annotations

import datetime as dt
import traceback
from decimal import Decimal
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from contractkit.document.markup import escape
from contractkit.errors import TemplateError
from contractkit.values import format_date, format_money, format_number, format_percent

__all__ = [
    "Markup",
    "compile_template",
    "render_template",
    "template_globals",
    "template_variables",
]


class Markup(str):
    """Text that is already clause markup and is printed without escaping."""

    __slots__ = ()


class _MissingValueError(ValueError):
    """A template printed ``None``: a value the clause needs is not set."""


def _require(value: Any, what: str) -> None:
    if value is None:
        raise _MissingValueError(
            f"the template {what} a value that is not set (None); guard it "
            "with {% if %} or make the field required"
        )


def _finalize(value: Any) -> str:
    _require(value, "printed")
    if isinstance(value, Markup):
        return value
    if isinstance(value, bool):
        return escape("yes" if value else "no")
    return escape(str(value))


@jinja2.pass_context
def _money(context: jinja2.runtime.Context, amount: Decimal) -> str:
    _require(amount, "formatted as money")
    return format_money(amount, context["currency"], context["locale"])


@jinja2.pass_context
def _date(context: jinja2.runtime.Context, value: dt.date) -> str:
    _require(value, "formatted as a date")
    return format_date(value, context["locale"])


@jinja2.pass_context
def _percent(context: jinja2.runtime.Context, value: Decimal) -> str:
    _require(value, "formatted as a percentage")
    return format_percent(value, context["locale"])


@jinja2.pass_context
def _number(context: jinja2.runtime.Context, value: Decimal | int) -> str:
    _require(value, "formatted as a number")
    return format_number(value, context["locale"])


def _join_words(items: list[str], conjunction: str = "and") -> str:
    """Join ``["a", "b", "c"]`` as ``a, b and c``."""
    words = [str(item) for item in items]
    if len(words) <= 2:
        return f" {conjunction} ".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return singular if count == 1 else (plural or singular + "s")


def _make_environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )
    env.filters.update(
        money=_money,
        date=_date,
        percent=_percent,
        number=_number,
        join_words=_join_words,
        plural=_plural,
    )
    return env


_ENVIRONMENT = _make_environment()


def compile_template(clause_id: str, source: str) -> jinja2.Template:
    """Compile a clause template in the sandbox.

    Raises:
        TemplateError: the template has a syntax error; names the clause and line.
    """
    try:
        return _ENVIRONMENT.from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(clause_id, exc.lineno, exc.message or str(exc)) from None


def render_template(
    clause_id: str, template: jinja2.Template, variables: dict[str, Any]
) -> str:
    """Render a compiled clause template to clause markup.

    Raises:
        TemplateError: a variable is undefined, a value is unset, or the
            template tried something the sandbox forbids; names the clause
            and the template line.
    """
    try:
        return template.render(variables)
    except (jinja2.TemplateError, SecurityError, _MissingValueError) as exc:
        raise TemplateError(clause_id, _template_line(exc), str(exc)) from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise TemplateError(
            clause_id, _template_line(exc), f"{type(exc).__name__}: {exc}"
        ) from None


def _template_line(exc: BaseException) -> int | None:
    """Find the template line in the traceback jinja2 rewrote for templates."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line


def template_globals() -> frozenset[str]:
    """Return the names every template can read without a spec, such as ``range``."""
    return frozenset(_ENVIRONMENT.globals)


def template_variables(source: str) -> set[str]:
    """Return the names a template reads from its context.

    Raises:
        jinja2.TemplateSyntaxError: the template does not compile.
    """
    from jinja2 import meta, nodes

    tree = _ENVIRONMENT.parse(source)
    assigned = {
        node.name for node in tree.find_all(nodes.Name) if node.ctx in ("store", "param")
    }
    return set(meta.find_undeclared_variables(tree)) - assigned
