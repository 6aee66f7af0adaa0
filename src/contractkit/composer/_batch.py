"""What the contracts of one batch share: the spec sections they have in common.

The records of a batch differ in a few sections (a client, a reference, a
rate) and share the rest with a base spec. :class:`BatchMemo` validates
each distinct raw section once and hands the same validated model to every
later record whose raw section is equal. The work that reads a spec is then
done again only when what it read changed:

* clause selection, each spec rule and each pack's template variables run
  on a *watched* contract that notes which top-level sections they read; a
  later contract whose sections are those very objects gets the result
  again;
* with the selection of the last contract, a clause none of whose template
  variables changed keeps its laid-out section from the last contract;
  one that is made again still reuses outputs through the template output
  cache (:mod:`contractkit.clauses._reuse`);
* the snapshots templates take of shared sections, and their canonical JSON
  for the spec hash, are taken once.

Equal means equal as pickled, of plain data only (mappings, lists, text,
numbers, decimals, dates): ``1`` and ``1.0``, or ``Decimal("45.0")`` and
``Decimal("45.00")``, are different sections. A record with anything else
in it (a model instance, an object of the caller's) is composed without the
memo, since the caller may change that object between records. The objects
the memo makes never leave the batch (a bulk result holds the outputs, not
the spec) and nothing changes them, so the same object means the same value.

Rules, selection predicates and pack variables are assumed to be what they
are documented to be: functions of what they read from the contract. A
function that reads anything but the contract's sections and its documented
methods (``model_dump``, say) is run again for every contract.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import functools
import io
import itertools
import pickle
from collections.abc import Callable, Hashable, Mapping, Sequence
from decimal import Decimal
from json.encoder import encode_basestring_ascii
from typing import Any, Final, SupportsIndex, TypeVar, cast

from pydantic import BaseModel, ValidationError

from contractkit.clauses._reuse import KeptSnapshots
from contractkit.clauses.pack import ClausePack
from contractkit.clauses.templating import read_names
from contractkit.composer._selection import Selection, select_clauses
from contractkit.composer._stamp import Stamp, equal
from contractkit.loading import sets_in, to_contract
from contractkit.models import Contract, SpecModel
from contractkit.provenance import canonical_text
from contractkit.rules import lint
from contractkit.rules.finding import Finding
from contractkit.rules.rule import Rule, RuleContext

__all__ = ["BatchMemo"]

T = TypeVar("T")

_KEPT: Final = 1024
"""How many distinct sections a batch keeps before it starts afresh."""
_PLAIN_ATOMS: Final = (Decimal, dt.date, dt.datetime, dt.time)
"""Values besides mappings, lists, text and numbers a fingerprint may hold."""
_SCALARS: Final = (str, int, float, bool, type(None), *_PLAIN_ATOMS)
_EQUAL_BY_VALUE: Final = frozenset({str, int, bool, type(None)})
"""Types whose equal values print the same, so equality may stand for identity."""
_FIELDS: Final = frozenset(Contract.model_fields)
_EXTRA: Final = "__pydantic_extra__"
_ANYTHING: Final = "*"
"""The read of a watched contract that could depend on any part of it."""
_METHODS: Final = {
    "party": Contract.party,
    "extension": Contract.extension,
}
_MISSING: Final = object()
_STAMP_TRIES: Final = 3
"""How often a clause's stamp may fail to be made before the batch stops trying."""
_ABSENT: Final = b""
"""The fingerprint of a section the spec leaves out, which takes its default."""


def rules_by_stage(
    chain: Sequence[ClausePack],
) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """Return the spec rules of ``chain``, and its document rules after lint's."""
    rules = [rule for pack in chain for rule in pack.rules]
    return (
        tuple([rule for rule in rules if rule.stage == "spec"]),
        (*lint.RULES, *(rule for rule in rules if rule.stage == "document")),
    )


_StageRules = tuple[
    Sequence[ClausePack],
    tuple[tuple[int, int], ...],
    tuple[Rule, ...],
    tuple[Rule, ...],
]


class BatchMemo:
    """The validated sections, and what was computed from them, that a batch shares."""

    def __init__(self, packs: Sequence[str] | None = None) -> None:
        self._packs = packs
        self._sections: dict[tuple[str, bytes], object] = {}
        self._texts: dict[int, tuple[object, str]] = {}
        self._fields = _FieldTexts()
        self._canonical: tuple[int, dict[str, int], list[str]] | None = None
        """The serial of the contract whose canonical JSON was made last, where
        each key's piece is in it, and the pieces."""
        self._calls: dict[Hashable, _Call] = {}
        self._laid_out: (
            tuple[
                Selection,
                dict[str, Any],
                list[tuple[str, ...] | None],
                dict[str, list[int]],
                list[int],
                list[Any],
            ]
            | None
        ) = None
        """The last selection, its template variables, what each clause's
        template reads, the clauses reading each variable, the clauses that
        may read anything, and what each clause was laid out as."""
        self._current: tuple[Contract | None, dict[str, object]] = (None, {})
        """The contract made last from plain data, and its sections."""
        self._serial = 0
        """The number of the contract in ``_current``; 0 for none."""
        self._shape: tuple[object, ...] | None = None
        """The keys and plain values of the spec that contract was made from."""
        self._changed: frozenset[str | tuple[str, str]] | None = None
        """What that contract differs from the one before it in, when that one
        was made from plain data too: the changed sections, and the changed
        fields of each changed core section."""
        self.snapshots = KeptSnapshots()
        self._stamps: dict[int, tuple[Stamp | None, int]] = {}
        """Each clause's stamp for the last selection, and the failed tries."""
        self._fitted: set[int] = set()
        """The clauses whose stamp fits the last contract's variables."""
        self._fingerprints = _Fingerprints()
        self._nested = _NestedModels(self._fingerprints)
        self._rules: _RuleRun | None = None
        self._stage_rules: _StageRules | None = None
        """The last chain, its packs' rule lists, and its rules by stage."""

    # validation ------------------------------------------------------------

    def to_contract(self, spec: Contract | Mapping[str, Any] | Any) -> Contract:
        """Validate ``spec`` as :func:`~contractkit.loading.to_contract` does.

        Raw sections equal to one validated earlier in the batch are
        replaced by that section's validated value; the others are
        validated from the batch's own copy of them, so that what the batch
        keeps never holds a list or mapping of the caller's.

        Raises:
            SpecError: the spec is not valid; lists every problem with its path.
        """
        earlier, before = self._current
        self._current = (None, {})
        self._changed = None
        if not isinstance(spec, Mapping) or isinstance(spec, Contract):
            return to_contract(spec, packs=self._packs)
        data = dict(spec)
        fresh: dict[str, bytes] = {}
        known: dict[str, object] = {}
        plain = True
        shaped: list[object] = []
        for key, value in data.items():
            if type(value) is not dict and not isinstance(value, Mapping):
                plain = plain and isinstance(value, _SCALARS)
                shaped.append((key, type(value), value))
                continue
            shaped.append(key)
            fingerprint = self._fingerprints.take(value)
            if fingerprint is None:
                plain = False
                continue
            kept = self._sections.get((str(key), fingerprint))
            if kept is None:
                fresh[key] = fingerprint
                data[key] = pickle.loads(fingerprint)  # the batch's own copy
            else:
                known[key] = kept
                if isinstance(kept, SpecModel):
                    data[key] = kept
        shape = tuple(shaped) if plain else None
        contract = None
        if earlier is not None and shape is not None and shape == self._shape:
            contract = _copied(earlier, data, fresh, self._nested)
        if contract is None:
            contract = to_contract(data, packs=self._packs)
        self._shape = shape
        for key in _FIELDS.difference(data):
            kept = self._sections.get((key, _ABSENT))
            if kept is None:
                fresh[key] = _ABSENT
            else:
                known[key] = kept
        for key, kept in known.items():
            _replace(contract, key, kept)

        if len(self._sections) + len(fresh) > _KEPT:
            self._prune(contract)
        for key, fingerprint in fresh.items():
            value = _value(contract, key)
            if value is not _MISSING and len(self._sections) < _KEPT:
                self._sections[(key, fingerprint)] = value
                self.snapshots.owned[id(value)] = value
        if plain:
            now = _sections_of(contract)
            if earlier is not None:
                extra = before[_EXTRA]
                if _same(extra, now[_EXTRA]):
                    now[_EXTRA] = extra  # the very same, so a look-up is quick
                self._changed = _changes(before, now)
            self._serial += 1
            self._current = (contract, now)
        return contract

    def owns(self, contract: Contract) -> bool:
        """Tell whether the memo made ``contract`` from plain data just now.

        Only such a contract's sections are known to stay as they are, so
        only its composition may reuse results keyed by their identity.
        """
        return contract is self._current[0]

    # functions of the spec ---------------------------------------------------

    def select(
        self, contract: Contract, chain: Sequence[ClausePack]
    ) -> tuple[Selection, list[Finding]]:
        """Return :func:`select_clauses` of ``contract``, again only on change.

        Selection runs again only when a section it read changed.
        """
        selection, findings = self._call(
            ("select", id(chain)),
            chain,
            contract,
            lambda watched: _frozen(select_clauses(watched, chain)),
        )
        return selection, list(findings)

    def stage_rules(
        self, chain: Sequence[ClausePack]
    ) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
        """Return :func:`rules_by_stage` of ``chain``, gathered once per chain.

        They are gathered again when a pack's rule list is another list, or
        of another length, than when they were gathered.
        """
        key = tuple([(id(pack.rules), len(pack.rules)) for pack in chain])
        kept = self._stage_rules
        if kept is None or kept[0] is not chain or kept[1] != key:
            kept = (chain, key, *rules_by_stage(chain))
            self._stage_rules = kept
        return kept[2], kept[3]

    def run_rules(
        self, rules: Sequence[Rule], contract: Contract, clause_ids: tuple[str, ...]
    ) -> list[Finding]:
        """Run the spec rules, each again only when what it read changed.

        When the last contract ran these rules and this one differs from it
        in a few sections, only the rules that read one of those run again.
        """
        key = (tuple(map(id, rules)), clause_ids)
        last = self._rules
        if (
            last is not None
            and last.key == key
            and last.serial == self._serial - 1
            and self._changed is not None
            and contract is self._current[0]
        ):
            stale = set(last.always)
            for read in self._changed:
                stale.update(last.readers.get(read, ()))
            results = list(last.results)
            for index in sorted(stale):
                results[index] = self._rule(rules[index], contract, clause_ids)
        else:
            results = [self._rule(rule, contract, clause_ids) for rule in rules]
            stale = set(range(len(rules)))
        if (
            last is None
            or last.key != key
            or any(
                self._rule_names(rules[index]) != last.names[index] for index in stale
            )
        ):
            last = _RuleRun(key, [self._rule_names(rule) for rule in rules])
        last.results = results
        last.serial = self._serial if contract is self._current[0] else 0
        self._rules = last
        return list(itertools.chain.from_iterable(results))

    def _rule(
        self, rule: Rule, contract: Contract, clause_ids: tuple[str, ...]
    ) -> tuple[Finding, ...]:
        check = functools.partial(_run_rule, rule, clause_ids)
        return self._call(("rule", id(rule)), rule, contract, check, also=clause_ids)

    def _rule_names(self, rule: Rule) -> frozenset[str | tuple[str, str]] | None:
        """Return what ``rule`` read last, or ``None`` for anything at all."""
        entry = self._calls.get(("rule", id(rule)))
        return entry.names if entry is not None and entry.owner is rule else None

    def variables(self, pack: ClausePack, contract: Contract) -> Mapping[str, Any]:
        """Return ``pack.variables(contract)``, again only when what it read changed.

        Variables that are not plain data (a function, say, which could read
        the contract later, when nothing notes it) are made every time.
        """
        return self._call(
            ("variables", id(pack)), pack, contract, pack.variables, plain=True
        )

    def _call(
        self,
        key: Hashable,
        owner: object,
        contract: Contract,
        function: Callable[[Contract], T],
        *,
        also: Hashable = None,
        plain: bool = False,
    ) -> T:
        """Return ``function(contract)``, or its result when nothing it read changed.

        The last result is kept with what ``function`` read (fields of core
        sections, other values whole); a contract on which those reads give
        the same values gets it again.
        """
        owned, now = self._current
        if owned is not contract:
            now = _sections_of(contract)
        entry = self._calls.get(key)
        if entry is not None and entry.owner is owner:
            if owned is contract and entry.fits(self._serial, self._changed, also):
                return cast(T, entry.result)
            if entry.matches(now, also):
                entry.serial = self._serial if owned is contract else 0
                return cast(T, entry.result)
        watched = _Watched(contract, now)
        result = function(cast(Contract, watched))
        if plain:
            result = cast(T, _unwatched(result))
        known = entry is not None and entry.owner is owner
        if known and _same(result, cast(_Call, entry).result):
            result = cast(T, cast(_Call, entry).result)  # keep the object known
            plain = False  # it was kept, so it is plain
        if _ANYTHING not in watched.reads and (not plain or _plain(result)):
            serial = self._serial if owned is contract else 0
            self._calls[key] = _Call(
                owner, tuple(watched.reads.items()), also, result, serial
            )
        else:
            self._calls.pop(key, None)  # what it read last time is not all it reads
        return result

    # templates -------------------------------------------------------------

    def clauses(
        self,
        selection: Selection,
        variables: Mapping[str, Any],
        make: Callable[[int], T],
        lay_out_holes: Callable[[int, dict[str, Any], set[int], int], T | None]
        | None = None,
    ) -> list[T]:
        """Return ``make(i)`` for each selected clause, reusing the last contract's.

        When the last contract had this very selection, a clause none of
        whose template's variables changed since keeps what ``make`` gave
        it then; the options of each clause come with the selection, so
        they are the same too. A clause whose variables changed only in
        text values is filled in from its stamp (:mod:`._stamp`), made with
        ``lay_out_holes``. A template whose output is not a function of
        what it reads is made every time.
        """
        last = self._laid_out
        if last is None or last[0] is not selection:
            names = [
                read_names(pack.compiled(clause)) for pack, clause in selection.entries
            ]
            readers: dict[str, list[int]] = {}
            for index, read in enumerate(names):
                for name in read or ():
                    readers.setdefault(name, []).append(index)
            always = [index for index, read in enumerate(names) if read is None]
            made = [make(index) for index in range(len(names))]
            self._stamps = {}
            self._fitted = set()
        else:
            _, before, names, readers, always, previous = last
            earlier = before.get
            changed = {
                name
                for name, value in variables.items()
                if value is not earlier(name, _MISSING)
                and not _same(value, earlier(name, _MISSING))
            }
            if not before.keys() <= variables.keys():
                changed.update(before.keys() - variables.keys())
            changed.discard("options")  # each clause's come with the selection
            stale = set(always)
            for name in changed:
                stale.update(readers.get(name, ()))
            seen: dict[tuple[str, int], Any] = {}
            fitted = self._fitted - stale  # kept clauses' variables are as they were
            made = list(previous)
            for index in sorted(stale):
                made[index] = self._remade(
                    index,
                    names[index],
                    make,
                    lay_out_holes,
                    before=before,
                    variables=variables,
                    seen=seen,
                    changed=changed,
                    fitted=fitted,
                )
            self._fitted = fitted
        self._laid_out = (selection, dict(variables), names, readers, always, made)
        return made

    def _remade(
        self,
        index: int,
        read: tuple[str, ...] | None,
        make: Callable[[int], T],
        lay_out_holes: Callable[[int, dict[str, Any], set[int], int], T | None] | None,
        *,
        before: Mapping[str, Any],
        variables: Mapping[str, Any],
        seen: dict[tuple[str, int], Any],
        changed: set[str],
        fitted: set[int],
    ) -> T:
        """Return clause ``index`` for new variables: from its stamp, or made.

        A stamp that fitted ``before`` is checked only on the ``changed``
        variables (see :meth:`Stamp.fill`); ``fitted`` gets the clauses
        whose stamp fits ``variables``.
        """
        stamp, tries = self._stamps.get(index, (None, 0))
        if stamp is not None:
            fitted_before = index in self._fitted
            filled = stamp.fill(variables, seen, changed if fitted_before else None)
            if filled is not None:
                fitted.add(index)
                return cast(T, filled)
        made = make(index)
        if read is not None and lay_out_holes is not None and tries < _STAMP_TRIES:
            names = tuple(name for name in read if name != "options")
            made_again = Stamp.make(
                names,
                before,
                variables,
                made,
                functools.partial(lay_out_holes, index),
            )
            self._stamps[index] = (made_again or stamp, tries + (made_again is None))
            if made_again is not None:  # it was checked against these variables
                fitted.add(index)
        return made

    # the spec hash -----------------------------------------------------------

    def canonical_json(self, contract: Contract) -> str:
        """Return the canonical JSON of ``contract``, reusing shared sections.

        The text is the one :func:`~contractkit.provenance.spec_hash` hashes:
        each top-level key's canonical text, in sorted order. For a contract
        that differs from the one before it in a few sections, only their
        texts are made again.
        """
        owned = contract is self._current[0]
        last = self._canonical
        changed = self._changed
        if (
            owned
            and last is not None
            and last[0] == self._serial - 1
            and changed is not None
            and _EXTRA not in changed
        ):
            positions, pieces = last[1], list(last[2])
            for name in changed:
                if type(name) is str:
                    position = positions.get(name)
                    if position is None:  # a key that was not there before
                        break
                    pieces[position] = self._piece(contract, name)
            else:
                self._canonical = (self._serial, positions, pieces)
                return "{" + ",".join(pieces) + "}"
        texts = self._texts_of(contract)
        keys = sorted(texts)
        pieces = [f"{_key_text(key)}:{texts[key]}" for key in keys]
        positions = {key: position for position, key in enumerate(keys)}
        self._canonical = (self._serial, positions, pieces) if owned else None
        return "{" + ",".join(pieces) + "}"

    def _piece(self, contract: Contract, key: str) -> str:
        """Return ``"key":text`` of top-level ``key`` for the canonical JSON."""
        value = _value(contract, key)
        if self.snapshots.owned.get(id(value)) is value:
            text = self._section_text(contract, key, value)
        else:
            text = self._texts_of(contract, only=key)[key]
        return f"{_key_text(key)}:{text}"

    def _texts_of(self, contract: Contract, only: str | None = None) -> dict[str, str]:
        """Return the canonical text of each top-level key (or of ``only``)."""
        kept = self.snapshots.owned
        texts: dict[str, str] = {}
        keys = (*_FIELDS, *contract.extensions) if only is None else (only,)
        for key in keys:
            value = _value(contract, key)
            if kept.get(id(value)) is value:
                texts[key] = self._section_text(contract, key, value)
            elif (
                key in _PLAIN_FIELDS
                and key in contract.__dict__
                and type(value) in _SCALAR_TEXTS
            ):
                texts[key] = _SCALAR_TEXTS[type(value)](value)
        wanted = set(keys) & {*contract.__dict__, *contract.extensions}
        if len(texts) < len(wanted):
            left = contract.model_dump(mode="json", include=wanted - set(texts))
            texts.update((key, canonical_text(value)) for key, value in left.items())
        return texts

    def _section_text(self, contract: Contract, key: str, value: object) -> str:
        """Return the canonical text of ``value``, a section the batch keeps."""
        text = self._texts.get(id(value))
        if text is None or text[0] is not value:
            text = (value, self._fields.section(contract, key, value))
            self._texts[id(value)] = text
        return text[1]

    def _prune(self, contract: Contract) -> None:
        """Forget every kept section but those of ``contract``.

        What was computed from the sections (rule results, stamps, the last
        layout) stays: each entry holds the values it compares against.
        """
        keep = {id(value) for value in contract.__dict__.values()}
        keep.update(id(value) for value in (contract.__pydantic_extra__ or {}).values())
        self._sections = {
            key: value for key, value in self._sections.items() if id(value) in keep
        }
        self._texts = {key: text for key, text in self._texts.items() if key in keep}
        self._fields = _FieldTexts()
        snapshots = KeptSnapshots()
        snapshots.owned.update(
            (key, value) for key, value in self.snapshots.owned.items() if key in keep
        )
        self.snapshots = snapshots


class _RuleRun:
    """The spec rules run on the last contract: each one's findings and reads."""

    __slots__ = ("always", "key", "names", "readers", "results", "serial")

    def __init__(
        self, key: Hashable, names: list[frozenset[str | tuple[str, str]] | None]
    ) -> None:
        self.key = key
        self.names = names
        self.readers: dict[str | tuple[str, str], list[int]] = {}
        self.always = [index for index, read in enumerate(names) if read is None]
        for index, read in enumerate(names):
            for name in read or ():
                self.readers.setdefault(name, []).append(index)
        self.results: list[tuple[Finding, ...]] = []
        self.serial = 0


class _Call:
    """The result of a function of a contract, with the sections it read."""

    __slots__ = ("also", "names", "owner", "reads", "result", "serial")

    def __init__(
        self,
        owner: object,
        reads: tuple[tuple[str | tuple[str, str], object], ...],
        also: Hashable,
        result: object,
        serial: int,
    ) -> None:
        self.owner = owner
        self.reads = reads
        self.names = frozenset(read for read, _ in reads)
        """What was read: sections, fields of core sections as pairs."""
        self.also = also
        self.result = result
        self.serial = serial
        """The number of the last contract the result is known to hold for."""

    def fits(
        self,
        serial: int,
        changed: frozenset[str | tuple[str, str]] | None,
        also: Hashable,
    ) -> bool:
        """Tell whether the result holds for contract number ``serial``.

        It does when it held for the contract before, and that one differs
        from this one only in sections and fields ``changed`` that the
        function did not read.
        """
        if (
            changed is None
            or self.serial != serial - 1
            or not self.names.isdisjoint(changed)
            or also != self.also
        ):
            return False
        self.serial = serial
        return True

    def matches(self, now: Mapping[str, object], also: Hashable) -> bool:
        """Tell whether a contract's sections ``now`` are the sections read."""
        if also != self.also:
            return False
        for read, value in self.reads:
            if isinstance(read, str):
                current = now.get(read, _MISSING)
            else:  # a field of a section
                section = now.get(read[0], _MISSING)
                current = getattr(section, "__dict__", {}).get(read[1], _MISSING)
            if current is not value and not _same(current, value):
                return False
        return True


class _StandIn:
    """A watched stand-in: it copies and pickles as what it stands in for.

    Copying or pickling it reads all of it.
    """

    __slots__ = ()

    def _whole(self) -> Any:
        raise NotImplementedError

    def __copy__(self) -> Any:
        return copy.copy(self._whole())

    def __deepcopy__(self, memo: dict[int, object]) -> Any:
        return copy.deepcopy(self._whole(), memo)

    def __reduce_ex__(self, protocol: SupportsIndex) -> Any:
        return self._whole().__reduce_ex__(protocol)


class _Watched(_StandIn):
    """A contract that notes what is read from it.

    Reading a field of a core section notes that field (the section comes
    as a :class:`_WatchedSection`); reading another top-level value or a
    pack section notes it whole. The contract's own methods run on the
    watched contract, so what they read is noted too. Reading anything
    else (``model_dump``, say) notes that anything may have been read.
    """

    __slots__ = ("_contract", "_now", "_sections", "reads")

    def __init__(self, contract: Contract, now: Mapping[str, object]) -> None:
        self._contract = contract
        self._now = now
        self._sections: dict[str, _WatchedSection] = {}
        self.reads: dict[str | tuple[str, str], object] = {}

    def __getattr__(self, name: str) -> Any:
        contract = self._contract
        if name in _SECTION_MODELS:
            watched = self._sections.get(name)
            if watched is None:
                value = contract.__dict__.get(name, _MISSING)
                if not isinstance(value, SpecModel):
                    self.reads[name] = value
                    return getattr(contract, name)
                watched = _WatchedSection(value, name, self.reads)
                self._sections[name] = watched
            return watched
        if name in _FIELDS or name == _EXTRA:
            self.reads[name] = self._now.get(name, _MISSING)
            return (
                contract.__pydantic_extra__
                if name == _EXTRA
                else getattr(contract, name)
            )
        if name in _METHODS:
            return _METHODS[name].__get__(self)
        if name == "extensions":
            return Contract.extensions.__get__(self)
        extra = contract.__pydantic_extra__ or {}
        if name in extra:
            self.reads[_EXTRA] = self._now[_EXTRA]
            return extra[name]
        self.reads[_ANYTHING] = None
        return getattr(contract, name)

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # noqa: D105 - isinstance sees a Contract
        return Contract

    def _whole(self) -> Contract:
        self.reads[_ANYTHING] = None
        return self._contract


class _WatchedSection(_StandIn):
    """A core section of a watched contract that notes the fields read from it.

    It passes for the section's model in ``isinstance``; anything but
    reading a field (a method, comparing it, printing it) notes that the
    whole contract may have been read.
    """

    __slots__ = ("_model", "_name", "_reads")

    def __init__(
        self, model: SpecModel, name: str, reads: dict[str | tuple[str, str], object]
    ) -> None:
        object.__setattr__(self, "_model", model)
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_reads", reads)

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # noqa: D105 - isinstance sees the model's class
        return type(object.__getattribute__(self, "_model"))

    def __getattr__(self, name: str) -> Any:
        model: SpecModel = object.__getattribute__(self, "_model")
        reads = object.__getattribute__(self, "_reads")
        fields = model.__dict__
        if name in fields and name in type(model).model_fields:
            value = fields[name]
            reads[(object.__getattribute__(self, "_name"), name)] = value
            return value
        reads[_ANYTHING] = None
        return getattr(model, name)

    def _read_whole(self) -> SpecModel:
        """Note that the whole section is read, and return its model."""
        model: SpecModel = object.__getattribute__(self, "_model")
        name = object.__getattribute__(self, "_name")
        object.__getattribute__(self, "_reads")[name] = model
        return model

    def _whole(self) -> SpecModel:
        object.__getattribute__(self, "_reads")[_ANYTHING] = None
        model: SpecModel = object.__getattribute__(self, "_model")
        return model

    def __setattr__(self, name: str, value: object) -> None:
        setattr(self._whole(), name, value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _WatchedSection):
            other = other._whole()
        return self._whole() == other

    def __hash__(self) -> int:
        return hash(self._whole())

    def __repr__(self) -> str:
        return repr(self._whole())

    def __str__(self) -> str:
        return str(self._whole())

    def __iter__(self) -> Any:
        return iter(self._whole())


_SECTION_MODELS: Final = {
    name: field.annotation
    for name, field in Contract.model_fields.items()
    if isinstance(field.annotation, type) and issubclass(field.annotation, SpecModel)
}
"""The core sections that are each one spec model, by name."""
_SECTION_FIELDS: Final = {
    name: tuple(model.model_fields) for name, model in _SECTION_MODELS.items()
}


def _copied(
    earlier: Contract,
    data: Mapping[str, Any],
    fresh: Mapping[str, bytes],
    nested: _NestedModels,
) -> Contract | None:
    """Return ``earlier`` with the ``fresh`` sections of ``data`` validated in.

    ``data`` has the keys and plain values of the spec ``earlier`` was made
    from, and its other sections are put in by the caller; so validating
    the fresh sections, each by its own model, is validating the spec.
    ``None`` when a fresh section is not a core spec model, or is not valid
    (the spec is then validated whole, to report every problem).
    """
    sections: dict[str, SpecModel] = {}
    for key in fresh:
        model = _SECTION_MODELS.get(key)
        if model is None or key not in data:
            return None
        raw = data[key]
        prints = nested.reuse(key, raw)
        try:
            sections[key] = model.model_validate(raw)
        except ValidationError:
            return None
        nested.keep(key, sections[key], prints)
    contract = earlier.model_copy()
    contract.__dict__.update(sections)
    return contract


class _NestedModels:
    """The models inside the last validated section of each key, to reuse.

    A row's new client usually has the address and signatory of the one
    before. A raw nested value with the fingerprint of the one that was
    validated into a model last time is replaced by that model, which
    validation keeps as it is (pydantic does not validate an instance of a
    model again), so the new section holds the very same objects.
    """

    def __init__(self, fingerprints: _Fingerprints) -> None:
        self._fingerprints = fingerprints
        self._last: dict[str, tuple[SpecModel, dict[str, bytes]]] = {}

    def reuse(self, key: str, raw: Any) -> dict[str, bytes]:
        """Put in ``raw`` (the batch's own copy) the models it may reuse.

        Returns the fingerprints of its nested mappings, by field.
        """
        prints: dict[str, bytes] = {}
        if type(raw) is not dict:
            return prints
        last = self._last.get(key)
        for field, value in raw.items():
            if type(value) is dict:
                taken = self._fingerprints.take(value)
                if taken is None:
                    continue
                prints[field] = taken
                if last is not None and last[1].get(field) == taken:
                    model = last[0].__dict__.get(field)
                    if isinstance(model, SpecModel):
                        raw[field] = model
        return prints

    def keep(self, key: str, section: SpecModel, prints: dict[str, bytes]) -> None:
        """Remember ``section``, validated from a value with nested ``prints``."""
        self._last[key] = (section, prints)


def _changes(
    before: Mapping[str, object], now: Mapping[str, object]
) -> frozenset[str | tuple[str, str]]:
    """Return the sections in which ``now`` differs from ``before``.

    For a changed core section of the same model, the changed fields come
    too, as ``(section, field)``: a function that read only other fields of
    it read nothing that changed. A field holding an equal value (a new
    address with the same lines) has not changed, and gets the earlier
    section's value in place of its own, so that later comparisons (of
    template variables, of laid-out clauses) find the very same object.
    """
    changed: set[str | tuple[str, str]] = set()
    for name, value in now.items():
        earlier = before.get(name, _MISSING)
        if earlier is value:
            continue
        changed.add(name)
        if name in _SECTION_MODELS and type(earlier) is type(value):
            fields = cast(SpecModel, earlier).__dict__
            own = cast(SpecModel, value).__dict__
            for field, item in own.items():
                old = fields.get(field, _MISSING)
                if old is item:
                    continue
                kind = type(item)
                if kind in _EQUAL_BY_VALUE:
                    same = type(old) is kind and old == item
                else:
                    same = equal(old, item)
                if same:
                    own[field] = old
                else:
                    changed.add((name, field))
        elif name in _SECTION_MODELS:
            changed.update((name, field) for field in _SECTION_FIELDS[name])
    return frozenset(changed)


def _sections_of(contract: Contract) -> dict[str, object]:
    """Return what a watched ``contract`` notes for each name it can read."""
    now: dict[str, object] = dict(contract.__dict__)
    now[_EXTRA] = _read(contract, _EXTRA)
    return now


def _read(contract: Contract, name: str) -> object:
    """Return what a watched contract notes for reading ``name``.

    Pack sections are noted together: their names, and each model.
    """
    if name == _EXTRA:
        extra = contract.__pydantic_extra__ or {}
        return tuple(extra.items())
    return contract.__dict__.get(name, _MISSING)


def _same(a: object, b: object) -> bool:
    """Tell whether two values read are certainly the same value.

    The same object is; so are text (of the same class), whole numbers,
    booleans and ``None`` that are equal, and tuples and dicts of such.
    Anything else must be the same object: equal decimals or floats may
    print differently.
    """
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind is tuple:
        x, y = cast(tuple[object, ...], a), cast(tuple[object, ...], b)
        return len(x) == len(y) and all(map(_same, x, y))
    if kind is dict:
        m, n = cast(dict[object, object], a), cast(dict[object, object], b)
        return (
            len(m) == len(n)
            and all(map(_same, m, n))
            and all(map(_same, m.values(), n.values()))
        )
    return (kind in _EQUAL_BY_VALUE or issubclass(kind, str)) and a == b


_PLAIN_VALUES: Final = (
    str,
    int,
    float,
    Decimal,
    bool,
    type(None),
    dt.date,
    dt.time,
    enum.Enum,
)


def _plain(value: object, depth: int = 0) -> bool:
    """Tell whether ``value`` is data that reads nothing when it is used.

    That is no function, no watched stand-in, and no object but a spec
    model whose fields are plain too.
    """
    kind = type(value)
    if kind is _WatchedSection or kind is _Watched or depth > 16:
        return False
    if isinstance(value, SpecModel):
        return not value.__pydantic_private__ and all(
            _plain(item, depth + 1)
            for item in (*value.__dict__.values(), *(value.model_extra or {}).values())
        )
    if isinstance(value, _PLAIN_VALUES):
        return True
    if isinstance(value, tuple | list | set | frozenset):
        return all(_plain(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(
            _plain(k, depth + 1) and _plain(v, depth + 1) for k, v in value.items()
        )
    return False


def _unwatched(value: Any, depth: int = 0) -> Any:
    """Return ``value`` with each watched section in it replaced by its model."""
    if type(value) is _WatchedSection:
        return value._read_whole()
    if type(value) is _Watched:
        value.reads[_ANYTHING] = None
        return value._contract
    if depth > 16:
        return value
    if type(value) is dict:
        return {k: _unwatched(v, depth + 1) for k, v in value.items()}
    if type(value) is list:
        return [_unwatched(item, depth + 1) for item in value]
    if type(value) is tuple:
        return tuple(_unwatched(item, depth + 1) for item in value)
    return value


def _run_rule(
    rule: Rule, clause_ids: tuple[str, ...], contract: Contract
) -> tuple[Finding, ...]:
    return tuple(rule.run(RuleContext(contract, clause_ids)))


def _frozen(
    chosen: tuple[Selection, list[Finding]],
) -> tuple[Selection, tuple[Finding, ...]]:
    selection, findings = chosen
    return selection, tuple(findings)


class _PlainPickler(pickle.Pickler):
    """Pickles plain data only; anything else stops the fingerprint.

    The C pickler asks :meth:`reducer_override` only about objects that are
    not exactly a built-in container, text or number, so plain data is
    pickled at full speed. It keeps no memo (``fast``): an object met twice
    is written twice, which a fingerprint of content wants, and a cycle is
    an error.
    """

    def __init__(self, out: io.BytesIO) -> None:
        super().__init__(out, protocol=5)
        self.fast = True

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) in _PLAIN_ATOMS or any(obj is atom for atom in _PLAIN_ATOMS):
            return NotImplemented
        raise pickle.PicklingError(type(obj).__name__)


def _may_hold_sets(data: bytes) -> bool:
    """Tell whether a pickle may hold a set (EMPTY_SET, FROZENSET)."""
    return b"\x8f" in data or b"\x91" in data


class _Fingerprints:
    """Takes fingerprints of raw sections, with one pickler for all of them."""

    def __init__(self) -> None:
        self._out = io.BytesIO()
        self._pickler = _PlainPickler(self._out)

    def take(self, value: Mapping[str, Any]) -> bytes | None:
        """Return the pickle of ``value``; ``None`` if it holds more than plain data."""
        if type(value) is not dict:
            return None
        out = self._out
        out.seek(0)
        out.truncate()
        try:
            self._pickler.dump(value)
        except (pickle.PicklingError, TypeError, ValueError, RecursionError):
            self._out = io.BytesIO()  # a failed dump may leave the pickler mid-way
            self._pickler = _PlainPickler(self._out)
            return None
        data = out.getvalue()
        if _may_hold_sets(data) and sets_in(value):
            return None  # validation refuses it, with its path
        return data


_SCALAR_TEXTS: Final[dict[type, Callable[[Any], str]]] = {
    str: encode_basestring_ascii,
    bool: lambda value: "true" if value else "false",
    int: int.__repr__,
    type(None): lambda value: "null",
}
"""The canonical JSON of values that a JSON dump leaves as they are."""


def _dumps_fields_alone(model: type[BaseModel]) -> bool:
    """Tell whether a model's JSON dump is each field's dump, under its name.

    It is unless something serializes the model or a field its own way,
    adds fields, or leaves some out.
    """
    decorators = model.__pydantic_decorators__
    return not (
        decorators.model_serializers
        or decorators.field_serializers
        or model.model_computed_fields
        or any(f.exclude or f.exclude_if for f in model.model_fields.values())
    )


_PLAIN_FIELDS: Final = (
    frozenset(
        name
        for name, field in Contract.model_fields.items()
        if field.annotation in (str, int, bool)
    )
    if _dumps_fields_alone(Contract)
    else frozenset()
)
"""Top-level fields whose JSON dump is their value as it is."""


class _FieldTexts:
    """Makes a section's canonical JSON from its fields' texts.

    A batch's sections share most of their fields with the section of the
    row before (see :func:`_changes`), so each field value's text is kept
    by identity, and a new section costs the texts of its new fields.
    """

    _KEPT: Final = 4096

    def __init__(self) -> None:
        self._texts: dict[tuple[int, type, str], tuple[object, str]] = {}
        self._alone: dict[type, tuple[str, ...] | None] = {}

    def section(self, contract: Contract, key: str, value: object) -> str:
        """Return the canonical JSON of top-level ``key``, whose value is ``value``."""
        names = self._names(type(value)) if isinstance(value, SpecModel) else None
        if names is None or value.__pydantic_extra__:  # type: ignore[attr-defined]
            return canonical_text(_dumped(contract, key, value))
        model = cast(SpecModel, value)
        fields = model.__dict__
        pieces = []
        for name in names:
            item = fields[name]
            quick = _SCALAR_TEXTS.get(type(item))
            if quick is not None:
                text = quick(item)
            else:
                where = (id(item), type(model), name)
                kept = self._texts.get(where)
                if kept is None or kept[0] is not item:
                    dumped = model.__pydantic_serializer__.to_python(
                        model, mode="json", include={name}
                    )
                    kept = (item, canonical_text(dumped[name]))
                    if len(self._texts) >= self._KEPT:
                        self._texts.clear()
                    self._texts[where] = kept
                text = kept[1]
            pieces.append(f"{_key_text(name)}:{text}")
        return "{" + ",".join(pieces) + "}"

    def _names(self, model: type[SpecModel]) -> tuple[str, ...] | None:
        """Return the field names of ``model`` in canonical order, if it dumps alone."""
        if model not in self._alone:
            alone = _dumps_fields_alone(model)
            self._alone[model] = tuple(sorted(model.model_fields)) if alone else None
        return self._alone[model]


def _dumped(contract: Contract, key: str, value: object) -> object:
    """Return the JSON-mode dump of top-level ``key``, whose value is ``value``."""
    if isinstance(value, SpecModel):
        return value.model_dump(mode="json")
    return contract.model_dump(mode="json", include={key})[key]


@functools.lru_cache(maxsize=256)
def _key_text(key: str) -> str:
    return canonical_text(key)


def _value(contract: Contract, key: str) -> object:
    """Return the validated value of top-level ``key``."""
    if key in _FIELDS:
        return contract.__dict__.get(key, _MISSING)
    return contract.extensions.get(key, _MISSING)


def _replace(contract: Contract, key: str, value: object) -> None:
    """Put the kept value of ``key`` in place of the equal one just validated."""
    if key in _FIELDS:
        contract.__dict__[key] = value
    elif contract.__pydantic_extra__ is not None and key in contract.__pydantic_extra__:
        contract.__pydantic_extra__[key] = value
