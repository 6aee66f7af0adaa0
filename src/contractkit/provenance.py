"""Provenance: what produced a composed contract, and what changed since.

Every composition records the spec's hash, each pack's version and each
selected clause's version and template hash. Comparing a stored record with
a new one says whether the same spec and packs would give the same document,
and if not, what differs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contractkit.clauses.pack import ClausePack
    from contractkit.composer import Selection
    from contractkit.models import Contract

__all__ = ["provenance_changes", "provenance_json", "record_provenance", "spec_hash"]


def provenance_json(provenance: Mapping[str, Any]) -> str:
    """Return a provenance record as stable, sorted JSON."""
    return json.dumps(provenance, indent=2, sort_keys=True) + "\n"


def provenance_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Describe how ``new`` differs from ``old``, one sentence per change.

    An empty list means the same spec was composed by the same packs and
    clauses, so the output is the same.
    """
    changes: list[str] = []
    if old.get("spec_sha256") != new.get("spec_sha256"):
        changes.append("The spec has changed.")

    old_packs: Mapping[str, str] = old.get("packs", {})
    new_packs: Mapping[str, str] = new.get("packs", {})
    for name in sorted({*old_packs, *new_packs}):
        before, after = old_packs.get(name), new_packs.get(name)
        if before is None:
            changes.append(f"Pack {name!r} {after} is now used.")
        elif after is None:
            changes.append(f"Pack {name!r} {before} is no longer used.")
        elif before != after:
            changes.append(f"Pack {name!r} changed from {before} to {after}.")

    old_clauses: Mapping[str, Mapping[str, str]] = old.get("clauses", {})
    new_clauses: Mapping[str, Mapping[str, str]] = new.get("clauses", {})
    for clause_id in sorted({*old_clauses, *new_clauses}):
        changes.extend(_clause_change(clause_id, old_clauses, new_clauses))
    return changes


def _clause_change(
    clause_id: str,
    old: Mapping[str, Mapping[str, str]],
    new: Mapping[str, Mapping[str, str]],
) -> list[str]:
    before, after = old.get(clause_id), new.get(clause_id)
    if before is None:
        return [f"Clause {clause_id!r} was added."]
    if after is None:
        return [f"Clause {clause_id!r} was removed."]
    if before.get("version") != after.get("version"):
        return [
            f"Clause {clause_id!r} changed from version {before.get('version')} "
            f"to {after.get('version')}."
        ]
    if before.get("template_sha256") != after.get("template_sha256"):
        return [f"Clause {clause_id!r} has new wording in the same version."]
    return []


def canonical_text(value: object) -> str:
    """Return ``value`` as canonical JSON: sorted keys, no spaces, ASCII only."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def spec_hash(contract: Contract, canonical: str | None = None) -> str:
    """Return the SHA-256 of the spec's canonical JSON form.

    ``canonical`` is that form when the caller has it already.
    """
    if canonical is None:
        canonical = canonical_text(contract.model_dump(mode="json"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record_provenance(
    contract: Contract,
    chain: Sequence[ClausePack],
    selection: Selection,
    *,
    canonical: str | None = None,
) -> dict[str, Any]:
    """Return what produced a composition: spec hash, packs, clauses.

    ``canonical`` is the spec's canonical JSON when the caller has it already.
    """
    return {
        "spec_sha256": spec_hash(contract, canonical),
        "packs": {pack.name: pack.version for pack in chain},
        "clauses": selection.provenance,
    }
