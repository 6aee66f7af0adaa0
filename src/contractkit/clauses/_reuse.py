"""Reusing a clause's rendered markup when every value it reads is unchanged.

A template's output is a function of the values it reads. When a template
is compiled, :func:`read_plan` walks its syntax tree and lists each *read*:
a top-level name followed by the constant attribute and item steps the
template takes from it (``client.signatory.name``, ``payment["net_days"]``).
A read stops before a step whose value is called (``name.upper()``), before
an item step with a computed index, and at the top-level name itself when
the template uses the whole value, so every read ends at a value the
template only uses as a whole.

Before rendering, :func:`output_key` resolves each read with the sandbox's
own ``getattr`` and ``getitem`` and takes an exact, hashable snapshot of the
value: its type and its text form for scalars (so ``Decimal("45.0")`` and
``Decimal("45.00")`` differ), every item in iteration order for lists, sets
and mappings, and every field for a spec model. The locale and currency,
which the formatting filters take from the context, are always part of the
key. Two renders with equal keys read equal values at every step, so they
take the same branches and print the same markup; the second one is served
from the cache.

Limits: a template that uses a filter whose output is not a function of its
input (``random``), or a test of identity (``sameas``), is never cached, and
neither is a render that reads a value of a type the snapshot does not know
(a function, an arbitrary object). Spec models are assumed to be what they
are declared to be: their fields, and properties and methods computed from
those fields.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Hashable, Mapping
from decimal import Decimal
from typing import Any, Final

import jinja2
from jinja2 import nodes
from pydantic import BaseModel

Step = tuple[bool, Any]
"""One step of a read: ``(False, name)`` is ``.name``, ``(True, key)`` is ``[key]``."""

Read = tuple[str, tuple[Step, ...]]
"""A top-level name and the steps the template takes from it."""

_IMPURE_FILTERS: Final = frozenset({"random"})
_IDENTITY_TESTS: Final = frozenset({"sameas"})
"""Tests that compare identities, which equal snapshots do not capture."""
_CONTEXT_NAMES: Final = ("locale", "currency")
"""The names the formatting filters read from the render context."""

_ABSENT: Final = ("absent",)
_FAILED: Final = ("failed",)
_GLOBAL: Final = ("global",)
_SCALARS: Final = frozenset({int, bool, type(None)})
_CACHE_LIMIT: Final = 256
"""How many outputs each template keeps; the oldest goes first."""


class Uncacheable(Exception):
    """A value the snapshot cannot capture exactly; render without the cache."""


class ReadPlan:
    """What one compiled template reads, and the outputs it rendered lately."""

    __slots__ = ("outputs", "reads")

    def __init__(self, reads: tuple[Read, ...]) -> None:
        self.reads = reads
        self.outputs: dict[Hashable, str] = {}

    def remember(self, key: Hashable, markup: str) -> None:
        """Keep ``markup`` as the output for ``key``, dropping the oldest if full."""
        if len(self.outputs) >= _CACHE_LIMIT:
            try:
                del self.outputs[next(iter(self.outputs))]
            except (KeyError, RuntimeError, StopIteration):  # another thread's turn
                self.outputs.clear()
        self.outputs[key] = markup


def read_plan(tree: nodes.Template) -> ReadPlan | None:
    """Return the reads of a parsed template, or ``None`` if it cannot be cached."""
    for node in tree.find_all(nodes.Filter):
        if node.name in _IMPURE_FILTERS:
            return None
    for test in tree.find_all(nodes.Test):
        if test.name in _IDENTITY_TESTS:
            return None

    reads: set[Read] = set()
    _collect(tree, None, {}, reads)
    return ReadPlan(tuple(sorted(reads, key=repr)))


def _collect(
    node: nodes.Node,
    parent: nodes.Node | None,
    parents: dict[int, nodes.Node | None],
    reads: set[Read],
) -> None:
    """Walk the tree, noting every top-level name's read."""
    parents[id(node)] = parent
    if isinstance(node, nodes.Name) and node.ctx == "load":
        reads.add(_read_from(node, parents))
    for child in node.iter_child_nodes():
        parents[id(child)] = node
        _collect(child, node, parents, reads)


def _read_from(name: nodes.Name, parents: dict[int, nodes.Node | None]) -> Read:
    """Follow constant attribute and item steps up from ``name``."""
    steps: list[Step] = []
    current: nodes.Node = name
    while True:
        above = parents.get(id(current))
        if isinstance(above, nodes.Getattr) and above.node is current:
            step: Step = (False, above.attr)
        elif (
            isinstance(above, nodes.Getitem)
            and above.node is current
            and isinstance(above.arg, nodes.Const)
        ):
            step = (True, above.arg.value)
        else:
            break
        callee = parents.get(id(above))
        if isinstance(callee, nodes.Call) and callee.node is above:
            break
        steps.append(step)
        current = above
    return name.name, tuple(steps)


def output_key(
    plan: ReadPlan,
    environment: jinja2.Environment,
    variables: Mapping[str, Any],
    memo: dict[Any, Hashable],
) -> Hashable:
    """Return the snapshot of everything a render of ``plan`` can read.

    ``memo`` holds the snapshots already taken for one set of ``variables``,
    keyed with the identity of each read's root value.

    Raises:
        Uncacheable: a read reaches a value the snapshot cannot capture.
    """
    parts: list[Hashable] = [
        _snapshot(variables[name]) if name in variables else _ABSENT
        for name in _CONTEXT_NAMES
    ]
    for name, steps in plan.reads:
        if name not in variables:
            parts.append(_ABSENT if name not in environment.globals else _GLOBAL)
            continue
        root = variables[name]
        memo_key = (name, steps, id(root))
        snapshot = memo.get(memo_key)
        if snapshot is None:
            snapshot = _snapshot_read(environment, root, steps)
            memo[memo_key] = snapshot
        parts.append(snapshot)
    return tuple(parts)


def _snapshot_read(
    environment: jinja2.Environment, value: Any, steps: tuple[Step, ...]
) -> Hashable:
    """Resolve ``steps`` from ``value`` as the template would, and snapshot it."""
    for is_item, key in steps:
        try:
            if is_item:
                value = environment.getitem(value, key)
            else:
                value = environment.getattr(value, key)
        except Exception:  # the render fails or skips this read in the same way
            return _FAILED
    return _snapshot(value)


def _snapshot(value: Any) -> Hashable:
    """Return an exact, hashable image of ``value``.

    Text is its own image; every other image is a tuple that starts with
    the value's type, so no two kinds of value share an image.

    Raises:
        Uncacheable: ``value`` is of a type the image cannot capture.
    """
    kind = type(value)
    if kind is str:
        text: str = value
        return text
    if kind in _SCALARS or issubclass(kind, str):
        return (kind, value)
    if isinstance(value, jinja2.Undefined):
        return (kind, value._undefined_name, value._undefined_hint)
    if isinstance(value, enum.Enum):
        return (kind, value.name)
    if kind is Decimal or kind is float:
        return (kind, repr(value))
    if kind is dt.date:
        return (kind, value)
    if kind is dt.datetime or kind is dt.time:
        return (kind, value.isoformat(), repr(value.tzinfo))
    if isinstance(value, list | tuple | set | frozenset):
        return (kind, tuple([_snapshot(item) for item in value]))
    if isinstance(value, dict):
        return (kind, tuple([(_snapshot(k), _snapshot(v)) for k, v in value.items()]))
    if isinstance(value, BaseModel):
        return _snapshot_model(value)
    raise Uncacheable(kind.__name__)


def _snapshot_model(model: BaseModel) -> Hashable:
    """Return the image of a spec model: its type and every field's image.

    A validated model keeps its fields, and nothing else, in ``__dict__``.
    """
    if model.__pydantic_private__:
        raise Uncacheable(type(model).__name__)

    fields = tuple([(name, _snapshot(v)) for name, v in model.__dict__.items()])
    extra = model.model_extra
    return (type(model), fields, _snapshot(extra) if extra else None)
