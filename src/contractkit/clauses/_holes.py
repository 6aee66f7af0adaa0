"""Rendering a clause template once for every value of a few text fields.

The records of a batch often differ only in text that the clauses print
as it is: a client's name, a reference. A template whose render reads such
a value only to print it gives, for every value, the same markup with the
escaped value in the same places. :func:`render_with_holes` renders a
template once with a :class:`Hole` in place of each such value, and the
caller fills the holes in for each record.

A hole stands in for a value that is not known. Printing it with ``{{ }}``
writes a marker; anything else a template can do with it raises
:class:`HoleTouched`, which no code in between catches:

* comparing, hashing, testing its truth, taking its length, iterating it,
  converting it, doing arithmetic on it or reading an attribute of it, by
  the hole's own special methods;
* passing it, or a value that holds one, to a filter, a test or a call, by
  the environment the template is compiled in for this purpose;
* reading a property or method of a spec model that holds one, which is
  Python code that could look at the value in ways a hole cannot catch.

A template that captures its own output as a value (a macro, a call block,
a filter block, a block ``set`` or a recursive loop) could measure a
marker, so such a template is never rendered with holes. So when a render with holes
finishes, no branch it took depended on the values, and the real render
differs only where markers are: a sound basis for filling them in.
"""

from __future__ import annotations

import functools
import re
import threading
import weakref
from collections.abc import Callable, Mapping
from typing import Any, Final, NoReturn

import jinja2
from jinja2 import nodes

from contractkit.models import SpecModel

__all__ = [
    "MARKER",
    "MARKER_CHARS",
    "MAX_HOLES",
    "Hole",
    "HoleTouched",
    "escaped_marker",
    "hole_number",
    "keep_source",
    "marker",
    "render_with_holes",
]

MARKER: Final = re.compile("\ue000(.)\ue001", re.DOTALL)
"""A printed hole: private-use characters around the hole's number."""
MARKER_CHARS: Final = ("\ue000", "\ue001")
MAX_HOLES: Final = 4096
"""The most holes one render may have."""

_CAPTURING: Final = (
    nodes.Macro,
    nodes.CallBlock,
    nodes.FilterBlock,
    nodes.AssignBlock,
    nodes.Block,
    nodes.EvalContextModifier,
)
"""Tags whose output becomes a value the template can look at."""


class HoleTouched(BaseException):  # noqa: N818 - a signal, not an error
    """A render looked at a hole other than by printing it.

    It derives from :class:`BaseException` so that no ``except Exception``
    between the template and the caller can take it for a failure and go
    on along another path.
    """


def _touched(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise HoleTouched


class Hole:
    """An unknown text value; every use but printing raises :class:`HoleTouched`."""

    __slots__ = ("number",)

    def __init__(self, number: int) -> None:
        object.__setattr__(self, "number", number)

    def __getattribute__(self, name: str) -> Any:
        raise HoleTouched

    __setattr__ = __delattr__ = __bool__ = __len__ = __iter__ = _touched
    __contains__ = __getitem__ = __eq__ = __ne__ = __lt__ = __le__ = _touched
    __gt__ = __ge__ = __hash__ = __str__ = __repr__ = __format__ = _touched
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _touched
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _touched
    __mod__ = __rmod__ = __pow__ = __rpow__ = __neg__ = __pos__ = _touched
    __abs__ = __invert__ = __int__ = __float__ = __index__ = __round__ = _touched
    __and__ = __rand__ = __or__ = __ror__ = __xor__ = __rxor__ = _touched
    __lshift__ = __rlshift__ = __rshift__ = __rrshift__ = __call__ = _touched
    __reversed__ = __bytes__ = __complex__ = __copy__ = __deepcopy__ = _touched
    __reduce__ = __reduce_ex__ = __getstate__ = __fspath__ = _touched


def escaped_marker(markup: str) -> bool:
    """Tell whether a backslash escapes the first character of a marker in ``markup``.

    A value printed there would lose its first character to that escape.
    """
    for match in MARKER.finditer(markup):
        start = match.start()
        before = markup[:start]
        if (len(before) - len(before.rstrip("\\"))) % 2 == 1:
            return True
    return False


def _number(hole: Hole) -> int:
    return int(object.__getattribute__(hole, "number"))


def marker(number: int) -> str:
    """Return the text a hole's number prints as."""
    return f"\ue000{chr(0xE100 + number)}\ue001"


def hole_number(text: str) -> int:
    """Return the number of the hole a :data:`MARKER` match's group names."""
    return ord(text) - 0xE100


class _HoleRender:
    """What one render with holes knows: the values that hold a hole."""

    def __init__(self, bearers: set[int]) -> None:
        self.bearers = bearers
        self.printed: list[int] = []
        """The number of each hole printed, in order."""

    def holds(self, value: Any, depth: int = 0) -> bool:
        """Tell whether ``value`` is a hole or holds one, as far as we can see."""
        if type(value) is Hole or id(value) in self.bearers:
            return True
        if depth > 8:
            return True  # too deep to look: take it as holding one
        if isinstance(value, list | tuple | set | frozenset):
            return any(self.holds(item, depth + 1) for item in value)
        if isinstance(value, dict):
            return any(
                self.holds(k, depth + 1) or self.holds(v, depth + 1)
                for k, v in value.items()
            )
        return False

    def check(self, *values: Any) -> None:
        for value in values:
            if self.holds(value):
                raise HoleTouched


class _Under(threading.local):
    renders: list[_HoleRender]

    def __init__(self) -> None:
        self.renders = []


_UNDER: Final = _Under()
"""The renders with holes under way in each thread."""


_COMPILING: Final = _HoleRender(set())
"""What the environment sees while it folds constants, when no render is under way."""


def _current() -> _HoleRender:
    renders = _UNDER.renders
    return renders[-1] if renders else _COMPILING


def _guarded(function: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a filter or test so that it refuses every argument holding a hole."""

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        render = _current()
        render.check(*args, *kwargs.values())
        return function(*args, **kwargs)

    return guarded


def _make_environment(base: jinja2.Environment) -> jinja2.Environment:
    """Return the clause sandbox as it renders with holes."""
    sandbox: Any = type(base)

    class _HoleSandbox(sandbox):  # type: ignore[misc]
        def getattr(self, obj: Any, attribute: str) -> Any:
            render = _current()
            if type(obj) is Hole:
                raise HoleTouched
            kind = type(obj)
            field = issubclass(kind, SpecModel) and attribute in kind.model_fields
            if id(obj) in render.bearers and not field:
                raise HoleTouched  # a property or method could look at the hole
            return super().getattr(obj, attribute)

        def getitem(self, obj: Any, argument: Any) -> Any:
            render = _current()
            if type(obj) is Hole:
                raise HoleTouched
            render.check(argument)
            if issubclass(type(obj), SpecModel) and id(obj) in render.bearers:
                raise HoleTouched
            return super().getitem(obj, argument)

        def call(
            __self,
            __context: Any,
            __obj: Any,
            *args: Any,
            **kwargs: Any,  # noqa: N805
        ) -> Any:
            _current().check(__obj, *args, *kwargs.values())
            return super().call(__context, __obj, *args, **kwargs)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _current().check(left, right)
            return super().call_binop(context, operator, left, right)

        def call_unop(self, context: Any, operator: str, arg: Any) -> Any:
            _current().check(arg)
            return super().call_unop(context, operator, arg)

    finalize = base.finalize
    assert finalize is not None

    def finalize_hole(value: Any) -> Any:
        if type(value) is Hole:
            number = _number(value)
            _current().printed.append(number)
            return marker(number)
        _current().check(value)
        return finalize(value)

    env = _HoleSandbox(
        undefined=base.undefined,
        finalize=finalize_hole,
        autoescape=False,
        trim_blocks=base.trim_blocks,
        lstrip_blocks=base.lstrip_blocks,
        keep_trailing_newline=base.keep_trailing_newline,
        auto_reload=False,
    )
    filters: dict[str, Any] = dict(base.filters)
    tests: dict[str, Any] = dict(base.tests)
    env.filters = {name: _guarded(f) for name, f in filters.items()}
    env.tests = {name: _guarded(t) for name, t in tests.items()}
    env.globals = dict(base.globals)
    return env


_ENVIRONMENTS: weakref.WeakKeyDictionary[jinja2.Environment, jinja2.Environment] = (
    weakref.WeakKeyDictionary()
)
_COMPILED: weakref.WeakKeyDictionary[jinja2.Template, jinja2.Template | None] = (
    weakref.WeakKeyDictionary()
)
_SOURCES: weakref.WeakKeyDictionary[jinja2.Template, str] = weakref.WeakKeyDictionary()


def keep_source(template: jinja2.Template, source: str) -> None:
    """Keep the source of a compiled clause template, to render it with holes."""
    _SOURCES[template] = source


def _compiled(template: jinja2.Template) -> jinja2.Template | None:
    """Return ``template`` compiled for rendering with holes, or ``None``."""
    if template in _COMPILED:
        return _COMPILED[template]
    source = _SOURCES.get(template)
    compiled = None
    if source is not None:
        base = template.environment
        env = _ENVIRONMENTS.get(base)
        if env is None:
            env = _make_environment(base)
            _ENVIRONMENTS[base] = env
        tree = env.parse(source)
        capturing = next(tree.find_all(_CAPTURING), None) is not None or any(
            loop.recursive for loop in tree.find_all(nodes.For)
        )
        if not capturing:
            compiled = env.from_string(tree)
    _COMPILED[template] = compiled
    return compiled


def render_with_holes(
    template: jinja2.Template,
    variables: Mapping[str, Any],
    bearers: set[int],
    holes: int,
) -> str | None:
    """Render ``template`` with the holes in ``variables``; ``None`` if it cannot be.

    ``bearers`` are the identities of the values made to hold the holes
    (spec model copies, lists, mappings), and ``holes`` how many holes
    there are. The markup has a marker for each printed hole, in the order
    printed; ``None`` means the template looked at a hole, failed, or
    may not be rendered with holes at all.
    """
    compiled = _compiled(template)
    if compiled is None:
        return None
    render = _HoleRender(bearers)
    _UNDER.renders.append(render)
    try:
        markup = compiled.render(variables)
    except HoleTouched:
        return None
    except Exception:  # the real render will fail the same way and say why
        return None
    finally:
        _UNDER.renders.pop()
    opened, closed = (markup.count(char) for char in MARKER_CHARS)
    if not render.printed or not opened == closed == len(render.printed):
        return None  # a value that is not a hole printed marker characters
    written = [hole_number(number) for number in MARKER.findall(markup)]
    if written != render.printed or not all(0 <= n < holes for n in written):
        return None
    return markup
