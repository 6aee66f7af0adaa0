"""What the contracts of one batch share: the spec sections they have in common.

The records of a batch differ in a few sections (a client, a reference, a
rate) and share the rest with a base spec. :class:`BatchMemo` validates
each distinct raw section once and hands the same validated model to every
later record whose raw section is equal, so a record costs the validation
of the sections it changes, and the work that reads a shared section (the
snapshots templates take of it, its canonical JSON for the spec hash) is
done once per batch.

Equal means equal as pickled: the same types and the same values, so
``1`` and ``1.0``, or ``Decimal("45.0")`` and ``Decimal("45.00")``, are
different sections. A section that cannot be pickled is validated for each
record. The models the memo makes never leave the batch (a bulk result
holds the outputs, not the spec), so nothing changes them between records.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from typing import Any, Final

from contractkit.clauses._reuse import KeptSnapshots
from contractkit.loading import to_contract
from contractkit.models import Contract, SpecModel
from contractkit.provenance import canonical_text

__all__ = ["BatchMemo"]

_KEPT: Final = 1024
"""How many distinct sections a batch keeps before it starts afresh."""


class BatchMemo:
    """The validated sections, snapshots and JSON texts one batch shares."""

    def __init__(self) -> None:
        self._sections: dict[tuple[str, bytes], SpecModel] = {}
        self._texts: dict[int, tuple[SpecModel, str]] = {}
        self.snapshots = KeptSnapshots()

    def to_contract(self, spec: Contract | Mapping[str, Any] | Any) -> Contract:
        """Validate ``spec`` as :func:`~contractkit.loading.to_contract` does.

        Raw sections equal to one validated earlier in the batch are
        replaced by that section's model, which pydantic takes as it is.

        Raises:
            SpecError: the spec is not valid; lists every problem with its path.
        """
        if not isinstance(spec, Mapping) or isinstance(spec, Contract):
            return to_contract(spec)
        data = dict(spec)
        fresh: dict[str, bytes] = {}
        for key, value in data.items():
            if not isinstance(key, str) or not isinstance(value, Mapping):
                continue
            fingerprint = _fingerprint(value)
            if fingerprint is None:
                continue
            known = self._sections.get((key, fingerprint))
            if known is None:
                fresh[key] = fingerprint
            else:
                data[key] = known
        contract = to_contract(data)

        if len(self._sections) + len(fresh) > _KEPT:
            self._forget()
        for key, fingerprint in fresh.items():
            model = _section(contract, key)
            if model is not None and len(self._sections) < _KEPT:
                self._sections[(key, fingerprint)] = model
                self.snapshots.owned[id(model)] = model
        return contract

    def canonical_json(self, contract: Contract) -> str:
        """Return the canonical JSON of ``contract``, reusing shared sections.

        The text is the one :func:`~contractkit.provenance.spec_hash` hashes:
        each top-level key's canonical text, in sorted order.
        """
        owned = self.snapshots.owned
        texts: dict[str, str] = {}
        for key in (*Contract.model_fields, *contract.extensions):
            model = _section(contract, key)
            if model is None or owned.get(id(model)) is not model:
                continue
            kept = self._texts.get(id(model))
            if kept is None or kept[0] is not model:
                kept = (model, canonical_text(model.model_dump(mode="json")))
                self._texts[id(model)] = kept
            texts[key] = kept[1]
        rest = contract.model_dump(mode="json", exclude=set(texts))
        texts.update((key, canonical_text(value)) for key, value in rest.items())
        return _join(texts)

    def _forget(self) -> None:
        self._sections.clear()
        self._texts.clear()
        self.snapshots = KeptSnapshots()


def _join(texts: Mapping[str, str]) -> str:
    """Join top-level keys' canonical texts into the canonical text of them all."""
    return (
        "{"
        + ",".join(f"{canonical_text(key)}:{texts[key]}" for key in sorted(texts))
        + "}"
    )


def _fingerprint(value: Mapping[str, Any]) -> bytes | None:
    try:
        return pickle.dumps(value, protocol=5)
    except Exception:  # an object pickle cannot take: validate it every time
        return None


def _section(contract: Contract, key: str) -> SpecModel | None:
    """Return the validated model of top-level ``key``, if it is a model."""
    if key in Contract.model_fields:
        value = getattr(contract, key)
    else:
        value = contract.extensions.get(key)
    return value if isinstance(value, SpecModel) else None
