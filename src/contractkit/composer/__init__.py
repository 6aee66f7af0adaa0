"""The composer: selects clauses, runs every rule, builds the document tree.

``compose(spec)`` validates the spec, resolves its clause pack and the packs
it extends, selects the clauses the spec calls for, runs every rule of those
packs over the whole combination and, when no finding is an error, renders
each clause's template into the document tree.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from contractkit.clauses.pack import ClausePack
from contractkit.composer._batch import BatchMemo, rules_by_stage
from contractkit.composer._document import CORE_VARIABLES, build_document
from contractkit.composer._result import ComposedContract
from contractkit.composer._selection import (
    SELECTION_EXCLUDES,
    SELECTION_INAPPLICABLE,
    SELECTION_NOT_OPTIONAL,
    SELECTION_OPTIONS,
    SELECTION_REQUIRES,
    SELECTION_UNKNOWN,
    Selection,
    select_clauses,
)
from contractkit.errors import PackError
from contractkit.loading import to_contract
from contractkit.models import Contract
from contractkit.plugins import available_packs, pack_chain
from contractkit.provenance import record_provenance, spec_hash
from contractkit.rules.finding import Report, Severity
from contractkit.rules.rule import RuleContext, run_rules

__all__ = [
    "CORE_VARIABLES",
    "SELECTION_EXCLUDES",
    "SELECTION_INAPPLICABLE",
    "SELECTION_NOT_OPTIONAL",
    "SELECTION_OPTIONS",
    "SELECTION_REQUIRES",
    "SELECTION_UNKNOWN",
    "ComposedContract",
    "Selection",
    "compose",
    "select_clauses",
    "spec_hash",
]

logger = logging.getLogger(__name__)

_DEFAULT_PACK = str(Contract.model_fields["pack"].default)


def compose(
    spec: Contract | Mapping[str, Any], *, packs: Sequence[str] | None = None
) -> ComposedContract:
    """Compose a contract from its spec.

    Args:
        spec: a :class:`~contractkit.models.Contract` or its data as a mapping.
        packs: the only packs that may be used; the ``CONTRACTKIT_PACKS``
            environment variable, or every installed pack, when ``None``.

    Returns:
        The composition; check ``result.report`` (or ``result.ok``) before
        rendering. Rendering a result whose report has errors raises
        :class:`~contractkit.errors.CompositionError`.

    Raises:
        SpecError: the spec is not valid; names every field at fault.
        PackError: the spec's pack is not installed, not allowed, or broken.
    """
    if packs is not None and isinstance(spec, Mapping):
        _resolve_packs(str(spec.get("pack", _DEFAULT_PACK)), packs)
    contract = to_contract(spec, packs=packs)
    chain = _resolve_packs(contract.pack, packs)
    return _compose_with(contract, chain)


def _compose_with(
    contract: Contract, chain: Sequence[ClausePack], batch: BatchMemo | None = None
) -> ComposedContract:
    """Compose a validated spec with its resolved pack chain, bases first.

    ``batch`` is what the contracts of a batch share; when it made
    ``contract``, work on sections it shares is reused. The result is the
    same with or without it.
    """
    reuse = batch if batch is not None and batch.owns(contract) else None
    if batch is None:
        spec_rules, document_rules = rules_by_stage(chain)
    else:
        spec_rules, document_rules = batch.stage_rules(chain)
    if reuse is None:
        selection, findings = select_clauses(contract, chain)
        findings.extend(run_rules(spec_rules, RuleContext(contract, selection.ids)))
        canonical = None
    else:
        selection, findings = reuse.select(contract, chain)
        findings.extend(reuse.run_rules(spec_rules, contract, selection.ids))
        canonical = reuse.canonical_json(contract)
    provenance = record_provenance(contract, chain, selection, canonical=canonical)

    if any(f.severity is Severity.ERROR for f in findings):
        return ComposedContract(contract, Report(findings), provenance)

    document, sections = build_document(
        contract, chain, selection, provenance, reuse=reuse
    )
    doc_context = RuleContext(contract, selection.ids, document, sections)
    findings.extend(run_rules(document_rules, doc_context))
    logger.debug("composed a contract with %d findings", len(findings))
    return ComposedContract(contract, Report(findings), provenance, document)


def _resolve_packs(name: str, allowed: Sequence[str] | None) -> list[ClausePack]:
    permitted = available_packs(allowed)
    chain = pack_chain(name)
    missing = [pack.name for pack in chain if pack.name not in permitted]
    if missing:
        raise PackError(
            f"The spec asks for clause pack {name!r}, which needs {missing}, "
            f"but only {sorted(permitted)} may be loaded; allow them with the "
            "packs argument or the CONTRACTKIT_PACKS environment variable."
        )
    return chain
