"""The sandboxed jinja2 environment clause templates run in.

Templates run in jinja2's immutable sandbox with ``StrictUndefined``: a
missing variable is an error naming the clause and the template line. Every
value a template prints with ``{{ }}`` passes through :func:`_finalize`,
which escapes it for the clause markup and refuses ``None``, so no input
text becomes markup and no empty placeholder reaches the page.

The sandbox refuses attributes that reach Python internals (``__class__``,
``__globals__``, names starting with an underscore), calls that change a
value (``list.append``), and ranges beyond ``MAX_RANGE``. On top of that:

* a template cannot include, import or extend another template, so it
  cannot name a file; :func:`compile_template` rejects those tags;
* its only globals are ``range``, ``dict`` and ``namespace`` (jinja2's
  ``lipsum``, ``cycler`` and ``joiner`` are removed: they add nothing a
  clause needs, and ``lipsum`` writes placeholder text);
* it may print only text, numbers, dates and booleans, never an object,
  list or mapping whose ``repr`` would reach the page;
* ``**`` and ``*`` refuse results larger than ``MAX_RANGE`` digits or items.

The sandbox does not bound the time or memory a template may use in other
ways, such as nested loops or padding a string to a huge width. A pack is
Python code its user chose to install; the sandbox guards against mistakes
and against templates reaching data they were not given, not against a
pack written to do harm.
"""

from __future__ import annotations

import datetime as dt
import traceback
import weakref
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment

from contractkit.clauses import _holes, _reuse
from contractkit.document.markup import escape
from contractkit.errors import TemplateError
from contractkit.models import SpecModel
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


_PRINTABLE = (str, int, Decimal, dt.date)
_GLOBALS = ("range", "dict", "namespace")
_FILE_TAGS = (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)
_REMOVED_FILTERS = ("pprint", "tojson")


def _plain(value: Any, what: str) -> Any:
    """Return ``value`` if it is text, a number, a date or a boolean.

    Raises:
        SecurityError: it is an object, list or mapping, whose ``repr`` must
            not reach the page.
    """
    if isinstance(value, jinja2.Undefined):
        str(value)
    _require(value, what)
    if not isinstance(value, _PRINTABLE):
        raise SecurityError(
            f"the template {what} a {type(value).__name__} object; use one of "
            "its fields, or join a list with the join_words filter"
        )
    return value


def _finalize(value: Any) -> str:
    _plain(value, "printed")
    if isinstance(value, Markup):
        return value
    if isinstance(value, bool):
        return escape("yes" if value else "no")
    return escape(str(value))


def _string(value: Any) -> str:
    return str(_plain(value, "converted to text"))


def _format(text: str, *args: Any, **kwargs: Any) -> str:
    for value in (*args, *kwargs.values()):
        _plain(value, "formatted")
    return text % (kwargs or args)


class _ClauseSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox; ``**``, ``*`` and ``%`` are checked first."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        """Apply ``operator``; refuse huge results and formatting objects."""
        if operator == "**" and _too_big_power(left, right):
            raise SecurityError(
                f"{left!r} ** {right!r} is too large for a template to compute"
            )
        if operator == "*" and _too_long_repeat(left, right):
            raise SecurityError(
                f"repeating a value more than {MAX_RANGE} items long is not "
                "allowed in a template"
            )
        if operator == "%" and isinstance(left, str):
            values = right if isinstance(right, tuple) else (right,)
            for value in values:
                _plain(value, "formatted")
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Read ``attribute`` of ``obj``; a spec model's field directly.

        A declared field of a spec model is plain data, so it needs none of
        the checks the sandbox makes for other attributes.
        """
        kind = type(obj)
        if issubclass(kind, SpecModel) and attribute in kind.__pydantic_fields__:
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Sandbox ``str.format``, and refuse to format anything but plain values."""
        sandboxed = super().wrap_str_format(value)
        if sandboxed is None:
            return None
        format_text = sandboxed

        def checked(*args: Any, **kwargs: Any) -> str:
            for item in (*args, *kwargs.values()):
                _plain(item, "formatted")
            return format_text(*args, **kwargs)

        return checked


def _too_big_power(base: Any, exponent: Any) -> bool:
    """Tell whether ``base ** exponent`` would have more than MAX_RANGE digits."""
    if not isinstance(base, int | Decimal) or not isinstance(exponent, int | Decimal):
        return False
    size, times = abs(Decimal(base)), Decimal(exponent)
    digits = len(str(int(size)))
    return size > 1 and times > 0 and digits * times > MAX_RANGE


def _too_long_repeat(left: Any, right: Any) -> bool:
    """Tell whether repeating a sequence would give more than MAX_RANGE items."""
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(count, int):
            return len(sequence) * count > MAX_RANGE
    return False


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
    env = _ClauseSandbox(
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
        format=_format,
        string=_string,
    )
    for name in _REMOVED_FILTERS:
        del env.filters[name]
    for name in set(env.globals) - set(_GLOBALS):
        del env.globals[name]
    return env


_ENVIRONMENT = _make_environment()
_PLANS: weakref.WeakKeyDictionary[jinja2.Template, _reuse.ReadPlan] = (
    weakref.WeakKeyDictionary()
)
"""What each template compiled here reads, for reusing its output."""

reuse_outputs = True
"""Whether a template's output is reused for renders that read equal values."""


def compile_template(clause_id: str, source: str) -> jinja2.Template:
    """Compile a clause template in the sandbox.

    Raises:
        TemplateError: the template has a syntax error; names the clause and line.
    """
    try:
        tree = _ENVIRONMENT.parse(source)
        _refuse_file_tags(clause_id, tree)
        plan = _reuse.read_plan(tree)
        template = _ENVIRONMENT.from_string(tree)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(clause_id, exc.lineno, exc.message or str(exc)) from None

    if plan is not None:
        _PLANS[template] = plan
    _holes.keep_source(template, source)
    return template


def _refuse_file_tags(clause_id: str, tree: nodes.Template) -> None:
    """Refuse the tags that would load another template, and so read a file."""
    for node in tree.find_all(_FILE_TAGS):
        tag = type(node).__name__.lower().replace("fromimport", "from ... import")
        raise TemplateError(
            clause_id,
            node.lineno,
            f"a clause template cannot use {{% {tag} %}}; templates cannot read "
            "other templates or files, so write the text into this template",
        )


def render_template(
    clause_id: str,
    template: jinja2.Template,
    variables: dict[str, Any],
    *,
    snapshots: _reuse.Snapshots | None = None,
) -> str:
    """Render a compiled clause template to clause markup.

    A template compiled by :func:`compile_template` remembers its recent
    outputs, each under a snapshot of every value it read (see
    :mod:`contractkit.clauses._reuse`), and a render that would read equal
    values returns the remembered markup instead of running the template.

    Args:
        clause_id: the clause, for messages.
        template: the compiled template.
        variables: the template variables.
        snapshots: the snapshots already taken of ``variables``, shared by
            the templates of one contract; pass the same object only while
            ``variables`` holds the same values.

    Raises:
        TemplateError: a variable is undefined, a value is unset, or the
            template tried something the sandbox forbids; names the clause
            and the template line.
    """
    plan = _PLANS.get(template) if reuse_outputs else None
    if plan is None:
        return _render(clause_id, template, variables)

    try:
        key = _reuse.output_key(
            plan,
            _ENVIRONMENT,
            variables,
            _reuse.Snapshots() if snapshots is None else snapshots,
        )
    except _reuse.Uncacheable:
        return _render(clause_id, template, variables)
    markup = plan.outputs.get(key)
    if markup is None:
        markup = _render(clause_id, template, variables)
        plan.remember(key, markup)
    return markup


def _render(
    clause_id: str, template: jinja2.Template, variables: dict[str, Any]
) -> str:
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


def read_names(template: jinja2.Template) -> tuple[str, ...] | None:
    """Return every top-level name a render of ``template`` can read.

    ``None`` for a template whose output is not a function of what it reads
    (see :mod:`contractkit.clauses._reuse`), and when reuse is switched off.
    """
    plan = _PLANS.get(template) if reuse_outputs else None
    return None if plan is None else plan.names


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
        node.name
        for node in tree.find_all(nodes.Name)
        if node.ctx in ("store", "param")
    }
    return set(meta.find_undeclared_variables(tree)) - assigned
