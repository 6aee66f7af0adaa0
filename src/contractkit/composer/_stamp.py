"""Stamps: a clause laid out once with holes, filled in for each record.

When two records of a batch differ, in what a clause reads, only in text
values (the client's name, the reference), the clause is rendered once
with a hole for each such value (:mod:`contractkit.clauses._holes`) and
laid out; each later record that differs from that one only there gets
the laid-out clause with its own values written into the holes.

Filling is exact because of what a hole render proves and what the markup
does with printed text:

* the render with holes printed each hole and looked at none, so the real
  render takes the same branches and writes the escaped value where a
  marker is;
* escaped text parses to the same characters as literal text, in the same
  run, when it is not empty, has no line break and no backslash stands
  before it; values that are not such text are not filled, and neither is
  a marker that lands anywhere but in the text of a run.

Before a stamp is kept, it is filled with the record it was made from and
compared with that record's clause laid out in full; a stamp that does not
give the same tree is not kept.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import math
import re
from collections.abc import Callable, Collection, Hashable, Mapping
from decimal import Decimal
from typing import Any, Final, TypeVar, cast

from contractkit.clauses._holes import (
    MARKER,
    MARKER_CHARS,
    MAX_HOLES,
    Hole,
    hole_number,
)
from contractkit.document.nodes import (
    Block,
    CrossReference,
    DefinedTerm,
    Emphasis,
    Inline,
    ItemList,
    LineBreak,
    Paragraph,
    Section,
    Table,
    Text,
    block_runs,
)
from contractkit.models import SpecModel

__all__ = ["Path", "Stamp", "equal", "leaf_changes", "with_holes"]

T = TypeVar("T")

Path = tuple[Hashable, ...]
"""A variable's name, then the field names, indexes and keys down to a value."""

_MISSING: Final = object()
_LINE_BREAKS: Final = re.compile(r"[\r\n\v]")
_SAME_WHEN_EQUAL: Final = frozenset({str, int, bool, type(None), dt.date})
"""Types whose equal values print the same (text is compared on its own first)."""
_SAME_WHEN_REPR: Final = frozenset({dt.datetime, dt.time})


def leaf_changes(a: object, b: object, path: Path, out: list[Path]) -> bool:
    """Add to ``out`` the path of every text value in which ``b`` differs from ``a``.

    Returns ``False`` when they differ otherwise: in a type, a length, a
    key, or a value that is not plain text. Values are compared by what
    they print: ``Decimal("45.0")`` and ``Decimal("45.00")`` differ.
    """
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind is str:
        if a != b:
            out.append(path)
        return True
    if kind in _SAME_WHEN_EQUAL:
        return a == b
    if kind in _SAME_WHEN_REPR:
        return repr(a) == repr(b)
    if kind is float:
        # a NaN is not equal to itself, and ``in`` tells NaNs apart by identity
        return not math.isnan(cast(float, a)) and repr(a) == repr(b)
    if kind is Decimal:
        return not cast(Decimal, a).is_nan() and repr(a) == repr(b)
    if kind is tuple or kind is list:
        x: Any = a
        y: Any = b
        if len(x) != len(y):
            return False
        kinds = list(map(type, x))
        if (
            kinds == list(map(type, y))
            and _SAME_WHEN_EQUAL.issuperset(kinds)
            and x == y
        ):
            return True  # text, whole numbers and the like, each equal to its own
        return all(leaf_changes(x[i], y[i], (*path, i), out) for i in range(len(x)))
    if kind is dict:
        m: Any = a
        n: Any = b
        return list(m) == list(n) and all(
            type(key) is str and leaf_changes(m[key], n[key], (*path, key), out)
            for key in m
        )
    if isinstance(a, SpecModel):
        model: Any = b  # of the same type as a
        if a.__pydantic_private__ or model.__pydantic_private__:
            return False
        if a.__pydantic_extra__ is not model.__pydantic_extra__ and (
            a.__pydantic_extra__ or model.__pydantic_extra__
        ):
            return False
        if a.__pydantic_fields_set__ != model.__pydantic_fields_set__:
            return False  # what exclude_unset and model_fields_set show
        return _fields_changes(a.__dict__, model.__dict__, path, out)
    if isinstance(a, enum.Enum):
        return False  # not the same member
    return False  # some other object: only the very same one is the same


def equal(a: object, b: object) -> bool:
    """Tell whether two values are the same value: same types, same text."""
    changes: list[Path] = []
    return leaf_changes(a, b, (), changes) and not changes


def _fields_changes(
    fields: dict[str, Any], others: dict[str, Any], path: Path, out: list[Path]
) -> bool:
    """:func:`leaf_changes` for the fields of two models of one type."""
    if len(fields) != len(others):
        return False
    for key, value in fields.items():
        other = others.get(key, _MISSING)
        if value is other:
            continue
        if type(value) is str and type(other) is str:
            if value != other:
                out.append((*path, key))
        elif not leaf_changes(value, other, (*path, key), out):
            return False
    return True


def fillable(value: object) -> bool:
    """Tell whether ``value`` is text a hole may be filled with."""
    return (
        type(value) is str
        and value != ""
        and _LINE_BREAKS.search(value) is None
        and MARKER_CHARS[0] not in value
        and MARKER_CHARS[1] not in value
    )


def resolve(variables: Mapping[str, Any], path: Path) -> object:
    """Return the value ``path`` leads to in ``variables``."""
    value: Any = variables.get(cast(str, path[0]), _MISSING)
    for step in path[1:]:
        if isinstance(value, SpecModel):
            value = value.__dict__[cast(str, step)]
        else:
            value = value[step]
    return value


def with_holes(
    variables: Mapping[str, Any], holes: tuple[Path, ...]
) -> tuple[dict[str, Any], list[object]]:
    """Return ``variables`` with hole ``i`` at ``holes[i]``, and the copies made.

    Every value on the way to a hole is copied (spec models without
    validation), so the caller's values stay as they are.
    """
    tree: dict[Hashable, Any] = {}
    for number, path in enumerate(holes):
        node = tree
        for step in path[:-1]:
            node = node.setdefault(step, {})
        node[path[-1]] = Hole(number)
    bearers: list[object] = []

    def rebuild(value: Any, branches: Mapping[Any, Any]) -> Any:
        copy: Any
        if isinstance(value, SpecModel):
            copy = value.model_copy()
            for step, below in branches.items():
                copy.__dict__[step] = _down(value.__dict__[step], below)
        elif isinstance(value, dict):
            copy = dict(value)
            for step, below in branches.items():
                copy[step] = _down(value[step], below)
        else:
            items = list(value)
            for step, below in branches.items():
                items[step] = _down(value[step], below)
            copy = items if isinstance(value, list) else tuple(items)
        bearers.append(copy)
        return copy

    def _down(value: Any, below: Any) -> Any:
        return below if isinstance(below, Hole) else rebuild(value, below)

    holed = dict(variables)
    for name, below in tree.items():
        holed[str(name)] = _down(variables[str(name)], below)
    return holed, bearers


class Stamp:
    """One clause laid out with holes, and the values it was made from."""

    __slots__ = ("_plan", "base", "hole_set", "holed", "holes")

    def __init__(
        self, base: dict[str, object], holes: tuple[Path, ...], holed: object
    ) -> None:
        self.base = base
        self.holes = holes
        self.hole_set = frozenset(holes)
        self.holed = holed
        self._plan = _plan(holed)

    @classmethod
    def make(
        cls,
        names: tuple[str, ...],
        before: Mapping[str, Any],
        variables: Mapping[str, Any],
        made: T,
        lay_out_holes: Callable[[dict[str, Any], set[int], int], T | None],
    ) -> Stamp | None:
        """Make the stamp of a clause that ``variables`` laid out as ``made``.

        The holes are the text values that differ from ``before``. ``None``
        when the clause cannot be stamped that way.
        """
        base = {name: variables.get(name, _MISSING) for name in names}
        changes: list[Path] = []
        for name in names:
            earlier = before.get(name, _MISSING)
            if not leaf_changes(earlier, base[name], (name,), changes):
                return None
        holes = tuple(changes)
        if not holes or len(holes) > MAX_HOLES:
            return None
        if not all(fillable(resolve(variables, path)) for path in holes):
            return None
        holed_variables, bearers = with_holes(variables, holes)
        bearing = {id(value) for value in bearers}
        holed = lay_out_holes(holed_variables, bearing, len(holes))
        if holed is None or not _markers_only_in_text(holed):
            return None
        stamp = cls(base, holes, holed)
        if stamp.fill(variables, {}) != made:
            return None
        return stamp

    def fill(
        self,
        variables: Mapping[str, Any],
        seen: dict[tuple[str, int], Any],
        changed: Collection[str] | None = None,
    ) -> Any:
        """Return the clause laid out for ``variables``, or ``None`` if it does not fit.

        It fits when ``variables`` differ from the stamp's own only in
        text values at its holes, each of them text a hole may be filled
        with. ``seen`` keeps, for one set of ``variables``, how each
        variable differs from the values stamps were made from.

        ``changed``, when given, names every variable that is not the same
        value as in variables the stamp fitted before; only those are
        compared, as the others differ from the stamp's as they did then.
        """
        base = self.base
        names = base if changed is None else [name for name in changed if name in base]
        for name in names:
            value = base[name]
            current = variables.get(name, _MISSING)
            if current is value:
                continue
            key = (name, id(value))
            kept = seen.get(key)
            if kept is None or kept[0] is not value:
                changes: list[Path] = []
                same_shape = leaf_changes(value, current, (name,), changes)
                kept = (value, frozenset(changes) if same_shape else None)
                seen[key] = kept
            if kept[1] is None or not self.hole_set.issuperset(kept[1]):
                return None
        values = [resolve(variables, path) for path in self.holes]
        if not all(map(fillable, values)):
            return None
        laid_out = self.holed
        if isinstance(laid_out, Section):
            blocks = self._fill_blocks(laid_out.blocks, values)
            return Section(laid_out.number, laid_out.title, laid_out.clause_id, blocks)
        return self._fill_blocks(cast(tuple[Block, ...], laid_out), values)

    def _fill_blocks(
        self, blocks: tuple[Block, ...], values: list[object]
    ) -> tuple[Block, ...]:
        filled = list(blocks)
        for index, make in self._plan:
            filled[index] = make(values)
        return tuple(filled)


_Filler = Callable[[list[object]], Any]


def _plan(laid_out: object) -> list[tuple[int, _Filler]]:
    """Return how to fill each block of a laid-out clause that holds a marker."""
    blocks = laid_out.blocks if isinstance(laid_out, Section) else laid_out
    plan: list[tuple[int, _Filler]] = []
    for index, block in enumerate(cast(tuple[Block, ...], blocks)):
        if not any(_holds_marker(runs) for runs in block_runs(block)):
            continue
        if isinstance(block, Paragraph):
            filler = _paragraph_filler(_runs_plan(block.runs), block.number)
            plan.append((index, filler))
        elif isinstance(block, ItemList):
            filler = _list_filler([_runs_plan(item) for item in block.items])
            plan.append((index, filler))
        else:
            head = [_runs_plan(cell) for cell in block.header]
            body = [[_runs_plan(cell) for cell in row] for row in block.rows]
            plan.append((index, _table_filler(head, body)))
    return plan


def _holds_marker(runs: tuple[Inline, ...]) -> bool:
    return any(
        isinstance(run, Text | Emphasis) and MARKER_CHARS[0] in run.text for run in runs
    )


def _runs_plan(runs: tuple[Inline, ...]) -> _Filler:
    """Return how to fill ``runs`` with the values of the holes."""
    if not _holds_marker(runs):
        return lambda values: runs
    parts: list[Inline | tuple[type[Text | Emphasis], list[str | int]]] = []
    for run in runs:
        if isinstance(run, Text | Emphasis) and MARKER_CHARS[0] in run.text:
            pieces = MARKER.split(run.text)
            segments: list[str | int] = [
                piece if even else hole_number(piece)
                for piece, even in zip(pieces, itertools.cycle((True, False)))
            ]
            parts.append((type(run), segments))
        else:
            parts.append(run)

    def fill(values: list[object]) -> tuple[Inline, ...]:
        return tuple(
            [
                part[0]("".join([_text(s, values) for s in part[1]]))
                if isinstance(part, tuple)
                else part
                for part in parts
            ]
        )

    return fill


def _text(segment: str | int, values: list[object]) -> str:
    return segment if isinstance(segment, str) else cast(str, values[segment])


def _paragraph_filler(runs: _Filler, number: str | None) -> _Filler:
    return lambda values: Paragraph(runs(values), number)


def _list_filler(items: list[_Filler]) -> _Filler:
    return lambda values: ItemList(tuple([item(values) for item in items]))


def _table_filler(header: list[_Filler], rows: list[list[_Filler]]) -> _Filler:
    return lambda values: Table(
        tuple([cell(values) for cell in header]),
        tuple([tuple([cell(values) for cell in row]) for row in rows]),
    )


def _markers_only_in_text(laid_out: object) -> bool:
    """Tell whether every marker of a laid-out clause is in the text of a run."""
    blocks: tuple[Block, ...]
    if isinstance(laid_out, Section):
        if _has_marker(laid_out.number, laid_out.title, laid_out.clause_id):
            return False
        blocks = laid_out.blocks
    elif isinstance(laid_out, tuple):
        blocks = laid_out
    else:
        return False
    for block in blocks:
        if not isinstance(block, Paragraph | ItemList | Table):
            return False
        if isinstance(block, Paragraph) and _has_marker(block.number or ""):
            return False
        for runs in block_runs(block):
            for run in runs:
                if isinstance(run, Text | Emphasis):
                    continue
                if isinstance(run, DefinedTerm):
                    if _has_marker(run.term):
                        return False
                elif isinstance(run, CrossReference):
                    if _has_marker(run.clause_id, run.label):
                        return False
                elif not isinstance(run, LineBreak):
                    return False
    return True


def _has_marker(*texts: str) -> bool:
    return any(char in text for text in texts for char in MARKER_CHARS)
