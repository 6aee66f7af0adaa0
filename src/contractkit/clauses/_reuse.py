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

Each snapshot stands in the key as a *token*, a number handed out once per
distinct snapshot and never reused, so a key is a short tuple of numbers
that hashes fast. A contract takes each read's snapshot once
(:class:`Snapshots`); a batch keeps the tokens of the spec sections it
validated once and shares between its contracts (:class:`KeptSnapshots`),
so a shared section is snapshotted once per batch, not once per contract.

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
import itertools
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

_FAILED: Final = ("failed",)
_SCALARS: Final = frozenset({int, bool, type(None)})
_CACHE_LIMIT: Final = 256
"""How many outputs each template keeps; the oldest goes first."""
_KEPT_LIMIT: Final = 4096
_TOKENS_LIMIT: Final = 65536
_TOKENS: dict[Hashable, int] = {}
"""The token of each snapshot taken lately."""
_NEXT_TOKEN: Final = itertools.count(3)
_ABSENT_TOKEN: Final = 1
_GLOBAL_TOKEN: Final = 2


class Uncacheable(Exception):
    """A value the snapshot cannot capture exactly; render without the cache."""


class ReadPlan:
    """What one compiled template reads, and the outputs it rendered lately."""

    __slots__ = ("names", "outputs", "reads")

    def __init__(self, reads: tuple[Read, ...]) -> None:
        self.reads = reads
        self.names = tuple(sorted({name for name, _ in reads} | set(_CONTEXT_NAMES)))
        """Every top-level name a render can read, the context's included."""
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


class KeptSnapshots:
    """Tokens of values that stay the same across the contracts of a batch.

    Only values in ``owned`` are kept: objects that the batch made itself
    (the spec sections it validated once and hands to every contract whose
    raw section is equal) and that nothing changes afterwards. A value the
    caller made may change between two contracts, so it is snapshotted
    afresh for each contract that reads it.
    """

    __slots__ = ("_kept", "owned")

    def __init__(self) -> None:
        self.owned: dict[int, object] = {}
        """The objects the batch made, by identity; the batch fills it."""
        self._kept: dict[tuple[str, tuple[Step, ...], int], tuple[object, int]] = {}

    def token(
        self,
        environment: jinja2.Environment,
        name: str,
        steps: tuple[Step, ...],
        root: object,
    ) -> int | None:
        """Return the token of the read, or ``None`` if ``root`` is not owned.

        Raises:
            Uncacheable: the read reaches a value the snapshot cannot capture.
        """
        if self.owned.get(id(root)) is not root:
            return None
        key = (name, steps, id(root))
        kept = self._kept.get(key)
        if kept is not None and kept[0] is root:
            return kept[1]
        token = _token(_snapshot_read(environment, root, steps))
        if len(self._kept) >= _KEPT_LIMIT:
            self._kept.clear()
        self._kept[key] = (root, token)
        return token


class Snapshots:
    """The tokens of the values one contract's templates read.

    A read is snapshotted once per contract however many templates take it,
    and a read of a value the batch owns once per batch (see
    :class:`KeptSnapshots`).
    """

    __slots__ = ("_kept", "_taken")

    def __init__(self, kept: KeptSnapshots | None = None) -> None:
        self._kept = kept
        self._taken: dict[tuple[str, tuple[Step, ...], int], int] = {}

    def token(
        self,
        environment: jinja2.Environment,
        name: str,
        steps: tuple[Step, ...],
        root: object,
    ) -> int:
        """Return the token of the value ``steps`` reach from ``root``.

        Raises:
            Uncacheable: the read reaches a value the snapshot cannot capture.
        """
        key = (name, steps, id(root))
        token = self._taken.get(key)
        if token is None:
            if self._kept is not None:
                token = self._kept.token(environment, name, steps, root)
            if token is None:
                token = _token(_snapshot_read(environment, root, steps))
            self._taken[key] = token
        return token


def output_key(
    plan: ReadPlan,
    environment: jinja2.Environment,
    variables: Mapping[str, Any],
    snapshots: Snapshots,
) -> tuple[int, ...]:
    """Return the tokens of everything a render of ``plan`` can read.

    ``snapshots`` must only be used with one set of ``variables``: it keys
    what it has taken with the identity of each read's root value.

    Raises:
        Uncacheable: a read reaches a value the snapshot cannot capture.
    """
    parts = [
        snapshots.token(environment, name, (), variables[name])
        if name in variables
        else _ABSENT_TOKEN
        for name in _CONTEXT_NAMES
    ]
    for name, steps in plan.reads:
        if name in variables:
            parts.append(snapshots.token(environment, name, steps, variables[name]))
        else:
            parts.append(
                _ABSENT_TOKEN if name not in environment.globals else _GLOBAL_TOKEN
            )
    return tuple(parts)


def _token(snapshot: Hashable) -> int:
    """Return the number that stands for ``snapshot``, equal for equal snapshots.

    Numbers are never reused, even after the table is cleared, so two output
    keys made of equal numbers were made of equal snapshots.
    """
    token = _TOKENS.get(snapshot)
    if token is None:
        if len(_TOKENS) >= _TOKENS_LIMIT:
            _TOKENS.clear()
        token = _TOKENS.setdefault(snapshot, next(_NEXT_TOKEN))
    return token


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
