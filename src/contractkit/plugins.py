"""Discovery of clause packs through the ``contractkit.clause_packs`` entry points.

Every pack, the built-in ones included, is an entry point in that group whose
object is a :class:`~contractkit.clauses.pack.ClausePack`. Packs load on first
use, not on ``import contractkit``. A pack that fails to load is skipped with
a warning naming the pack and what went wrong, unless it was asked for by
name, which raises. Set ``CONTRACTKIT_PACKS`` to a comma-separated list of
names to load only those packs (and the packs they extend).
"""

from __future__ import annotations

import logging
import os
import threading
import warnings
from collections.abc import Iterable
from importlib.metadata import EntryPoint, entry_points

from contractkit.clauses.pack import ClausePack
from contractkit.errors import PackError, PackNotFoundError
from contractkit.models._base import SpecModel

__all__ = [
    "ENTRY_POINT_GROUP",
    "PackWarning",
    "available_packs",
    "load_pack",
    "pack_chain",
    "register_pack",
    "reset",
    "spec_extensions",
]

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "contractkit.clause_packs"
ENV_VAR = "CONTRACTKIT_PACKS"

_lock = threading.RLock()
_loaded: dict[str, ClausePack] = {}
_registered: dict[str, ClausePack] = {}
_broken: dict[str, str] = {}
_duplicates: set[str] = set()
_points: dict[str, EntryPoint] | None = None


class PackWarning(UserWarning):
    """A clause pack could not be loaded and was skipped."""


def _entry_points() -> dict[str, EntryPoint]:
    """Return the installed pack entry points by name, read once per process.

    :func:`reset` forgets them, for a process that installs packs as it runs.
    """
    global _points
    with _lock:
        if _points is None:
            _points = _read_entry_points()
        return dict(_points)


def _read_entry_points() -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        first = found.setdefault(point.name, point)
        if first.value != point.value and point.name not in _duplicates:
            _duplicates.add(point.name)
            warnings.warn(
                f"Two installed distributions register a clause pack named "
                f"{point.name!r} ({first.value} and {point.value}); contractkit "
                f"uses {first.value}. Uninstall one of them.",
                PackWarning,
                stacklevel=3,
            )
    return found


def _allowed(names: Iterable[str] | None) -> set[str] | None:
    if names is not None:
        return set(names)
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def register_pack(pack: ClausePack) -> None:
    """Make ``pack`` available in this process without an entry point.

    For trying out a pack in a notebook or a test before publishing it; a
    registered pack takes precedence over an installed one of the same name.
    """
    with _lock:
        _registered[pack.name] = pack
        _loaded.pop(pack.name, None)
        spec_extensions_cache.clear()


def reset() -> None:
    """Forget loaded and registered packs, so the next use discovers them again."""
    global _points
    with _lock:
        _points = None
        _loaded.clear()
        _registered.clear()
        _broken.clear()
        _duplicates.clear()
        spec_extensions_cache.clear()


def _names() -> list[str]:
    return sorted({*_entry_points(), *_registered})


def load_pack(name: str) -> ClausePack:
    """Load one pack by name.

    Raises:
        PackNotFoundError: no installed pack has that name.
        PackError: the pack is installed but broken; says what is wrong.
    """
    with _lock:
        if name in _registered:
            return _registered[name]
        if name in _loaded:
            return _loaded[name]
        points = _entry_points()
        if name not in points:
            raise PackNotFoundError(
                f"No clause pack named {name!r} is installed; installed packs: "
                f"{_names() or 'none'}."
            )
        pack = _load_entry_point(points[name])
        _loaded[name] = pack
        return pack


def _load_entry_point(point: EntryPoint) -> ClausePack:
    try:
        pack = point.load()
    except (Exception, SystemExit) as exc:
        raise PackError(
            f"Clause pack {point.name!r} ({point.value}) failed to import: "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    if not isinstance(pack, ClausePack):
        raise PackError(
            f"Clause pack entry point {point.name!r} ({point.value}) gives "
            f"{type(pack).__name__}, not a ClausePack."
        )
    if pack.name != point.name:
        raise PackError(
            f"Clause pack entry point {point.name!r} ({point.value}) gives a "
            f"pack named {pack.name!r}; the two names must match."
        )
    _check_structure(pack, point)
    logger.debug("loaded clause pack %s %s", pack.name, pack.version)
    return pack


def _check_structure(pack: ClausePack, point: EntryPoint) -> None:
    """Refuse a pack whose templates do not compile or whose ids dangle.

    Raises:
        TemplateError: a template does not compile; names the clause and line.
        PackError: ``order``, ``requires`` or ``excludes`` name a missing clause.
    """
    from contractkit.clauses.checking import structural_findings

    for clause in pack.clauses:
        pack.compiled(clause)
    problems = structural_findings(pack)
    if problems:
        details = "; ".join(f"{f.path}: {f.message}" for f in problems)
        raise PackError(
            f"Clause pack {point.name!r} ({point.value}) is broken: {details}"
        )


def available_packs(names: Iterable[str] | None = None) -> dict[str, ClausePack]:
    """Load and return every installed pack, by name.

    Args:
        names: load only these packs; ``CONTRACTKIT_PACKS`` when ``None``;
            every installed pack when that is unset too.

    A broken pack is skipped with a :class:`PackWarning`; a broken pack that
    was named in ``names`` raises instead.
    """
    wanted = _allowed(names)
    packs: dict[str, ClausePack] = {}
    for name in _names():
        if wanted is not None and name not in wanted:
            continue
        try:
            packs[name] = load_pack(name)
        except PackError as exc:
            if names is not None and name in set(names):
                raise
            if name not in _broken:
                _broken[name] = str(exc)
                warnings.warn(
                    f"{str(exc).rstrip('.')}. The pack was skipped.",
                    PackWarning,
                    stacklevel=2,
                )
    return packs


def pack_chain(name: str) -> list[ClausePack]:
    """Return the pack ``name`` after every pack it extends, bases first.

    Raises:
        PackNotFoundError: the pack or a pack it extends is not installed.
        PackError: the packs extend each other in a cycle.
    """
    chain: list[ClausePack] = []
    visiting: list[str] = []

    def visit(current: str) -> None:
        if any(pack.name == current for pack in chain):
            return
        if current in visiting:
            raise PackError(
                f"Clause packs extend each other in a cycle: {' -> '.join(visiting)}."
            )
        visiting.append(current)
        pack = load_pack(current)
        for base in pack.extends:
            visit(base)
        visiting.pop()
        chain.append(pack)

    visit(name)
    return chain


spec_extensions_cache: dict[tuple[str, ...] | None, dict[str, type[SpecModel]]] = {}


def spec_extensions(
    names: Iterable[str] | None = None,
) -> dict[str, type[SpecModel]]:
    """Return the spec section model of each loadable pack, by section key.

    Args:
        names: consider only these packs, as for :func:`available_packs`.
    """
    key = tuple(sorted(names)) if names is not None else None
    with _lock:
        if key not in spec_extensions_cache:
            spec_extensions_cache[key] = {
                pack.name: pack.spec_extension
                for pack in available_packs(names).values()
                if pack.spec_extension is not None
            }
        return dict(spec_extensions_cache[key])
