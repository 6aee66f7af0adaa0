"""Clause selection: which clauses a spec gets, and its ``clauses:`` findings."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from contractkit.clauses.pack import Clause, ClausePack, clause_ids
from contractkit.errors import PackError
from contractkit.loading import format_path
from contractkit.models import Contract, SpecModel
from contractkit.rules.finding import Finding, Severity

__all__ = [
    "SELECTION_EXCLUDES",
    "SELECTION_INAPPLICABLE",
    "SELECTION_NOT_OPTIONAL",
    "SELECTION_OPTIONS",
    "SELECTION_REQUIRES",
    "SELECTION_UNKNOWN",
    "Selection",
    "select_clauses",
]

SELECTION_UNKNOWN = "CK-SPEC-001"
SELECTION_NOT_OPTIONAL = "CK-SPEC-002"
SELECTION_REQUIRES = "CK-SPEC-003"
SELECTION_EXCLUDES = "CK-SPEC-004"
SELECTION_OPTIONS = "CK-SPEC-005"
SELECTION_INAPPLICABLE = "CK-SPEC-006"


@dataclass(frozen=True)
class Selection:
    """The clauses chosen for one contract, in document order."""

    entries: tuple[tuple[ClausePack, Clause], ...]
    options: Mapping[str, SpecModel] = field(default_factory=dict)
    """The validated options of each selected clause that has an options model."""

    @functools.cached_property
    def ids(self) -> tuple[str, ...]:
        """The namespaced ids of the selected clauses."""
        return tuple(pack.full_id(clause) for pack, clause in self.entries)

    @functools.cached_property
    def provenance(self) -> dict[str, dict[str, str]]:
        """The version and template hash of each selected clause, by id."""
        return {
            pack.full_id(clause): {
                "version": clause.version,
                "template_sha256": pack.template_hash(clause),
            }
            for pack, clause in self.entries
        }

    @functools.cached_property
    def provenance_json(self) -> str:
        """:attr:`provenance` as the JSON text the DOCX properties hold."""
        return json.dumps(self.provenance, sort_keys=True)

    @functools.cached_property
    def numbers(self) -> dict[str, str]:
        """The section number of each selected clause but the preamble's, by id."""
        sections = [
            pack.full_id(clause)
            for pack, clause in self.entries
            if clause.kind != "preamble"
        ]
        return {full_id: str(n) for n, full_id in enumerate(sections, start=1)}

    @functools.cached_property
    def id_set(self) -> frozenset[str]:
        """The namespaced ids of the selected clauses, as templates read them."""
        return frozenset(self.ids)


def select_clauses(
    contract: Contract, chain: Sequence[ClausePack]
) -> tuple[Selection, list[Finding]]:
    """Choose the clauses of ``contract`` from ``chain``, in document order.

    Returns:
        The selection and the findings about the spec's ``clauses`` entries.
    """
    known = clause_ids(chain)
    top = chain[-1]
    order = top.order or tuple(known)
    findings: list[Finding] = []
    switches, given, keys = _read_clause_entries(contract, top, known, findings)

    missing = [full_id for full_id in order if full_id not in known]
    if missing:
        raise PackError(
            f"Clause pack {top.name!r} orders clauses that no pack it uses "
            f"defines: {missing}; run 'contractkit packs check {top.name}'."
        )
    entries: list[tuple[ClausePack, Clause]] = []
    options: dict[str, SpecModel] = {}
    for full_id in order:
        pack, clause = known[full_id]
        asked = switches.get(full_id) is True or full_id in given
        on = (
            full_id in given or switches.get(full_id, clause.default_on)
            if clause.optional
            else True
        )
        applies = clause.applies is None or clause.applies(contract)
        if on and applies:
            entries.append((pack, clause))
        if (on and applies) or full_id in given:
            chosen = _clause_options(full_id, clause, given.get(full_id), findings)
            if chosen is not None:
                options[full_id] = chosen
        if asked and not applies:
            key = keys[full_id]
            findings.append(
                Finding(
                    SELECTION_INAPPLICABLE,
                    Severity.ERROR,
                    f"clauses.{key}",
                    f"Clause {full_id!r} is switched on, but the spec lacks the "
                    "terms it drafts, so it would be left out.",
                    f"Fill in the spec section the clause {clause.title!r} "
                    f"needs, or remove 'clauses.{key}'.",
                )
            )

    selection = Selection(tuple(entries), options)
    findings.extend(_check_requires(selection))
    return selection, findings


def _read_clause_entries(
    contract: Contract,
    top: ClausePack,
    known: Mapping[str, tuple[ClausePack, Clause]],
    findings: list[Finding],
) -> tuple[dict[str, bool], dict[str, tuple[str, Mapping[str, Any]]], dict[str, str]]:
    """Resolve ``clauses:`` keys (namespaced, or local to a pack) to full ids.

    Returns:
        The on/off switches, the options given (with the key they were given
        under), and the spec's key for each, all by namespaced clause id.
    """
    switches: dict[str, bool] = {}
    given: dict[str, tuple[str, Mapping[str, Any]]] = {}
    keys: dict[str, str] = {}
    for key, value in contract.clauses.items():
        candidates = (
            [key]
            if key in known
            else [full for full in known if full.split(".", 1)[1] == key]
        )
        if len(candidates) != 1:
            what = "names no clause" if not candidates else "is ambiguous"
            findings.append(
                Finding(
                    SELECTION_UNKNOWN,
                    Severity.ERROR,
                    f"clauses.{key}",
                    f"The clause entry {key!r} {what} in pack {top.name!r}.",
                    f"Use a clause id that 'contractkit packs show {top.name}' "
                    f"lists; the optional ones are {_optional_ids(known)}.",
                )
            )
            continue
        full_id = candidates[0]
        keys[full_id] = key
        if isinstance(value, Mapping):
            given[full_id] = (key, value)
            continue
        if not known[full_id][1].optional:
            findings.append(
                Finding(
                    SELECTION_NOT_OPTIONAL,
                    Severity.ERROR,
                    f"clauses.{key}",
                    f"Clause {full_id!r} is required and cannot be switched.",
                    f"Remove 'clauses.{key}' from the spec.",
                )
            )
            continue
        switches[full_id] = value
    return switches, given, keys


def _clause_options(
    full_id: str,
    clause: Clause,
    given: tuple[str, Mapping[str, Any]] | None,
    findings: list[Finding],
) -> SpecModel | None:
    """Validate the options given for a selected clause, or take its defaults."""
    key, raw = given if given is not None else (full_id, {})
    if clause.options is None:
        if given is not None:
            findings.append(
                Finding(
                    SELECTION_OPTIONS,
                    Severity.ERROR,
                    f"clauses.{key}",
                    f"Clause {full_id!r} takes no options.",
                    f"Give 'clauses.{key}' as true or false instead of a mapping.",
                )
            )
        return None
    try:
        return clause.options.model_validate(dict(raw))
    except ValidationError as exc:
        for error in exc.errors():
            findings.append(
                Finding(
                    SELECTION_OPTIONS,
                    Severity.ERROR,
                    format_path(("clauses", key, *error["loc"])),
                    f"Option of clause {full_id!r}: {error['msg']}.",
                    "Fix the option; 'contractkit packs show PACK' lists each "
                    "clause's options.",
                )
            )
        return None


def _optional_ids(known: Mapping[str, tuple[ClausePack, Clause]]) -> str:
    return ", ".join(sorted(k for k, (_, c) in known.items() if c.optional))


def _check_requires(selection: Selection) -> list[Finding]:
    findings: list[Finding] = []
    chosen = set(selection.ids)
    for pack, clause in selection.entries:
        full_id = pack.full_id(clause)
        for needed in clause.requires:
            if needed not in chosen:
                findings.append(
                    Finding(
                        SELECTION_REQUIRES,
                        Severity.ERROR,
                        f"clauses.{needed.split('.', 1)[1]}",
                        f"Clause {full_id!r} requires clause {needed!r}, "
                        "which is not selected.",
                        f"Switch {needed!r} on, or switch {full_id!r} off.",
                    )
                )
        for excluded in clause.excludes:
            if excluded in chosen:
                findings.append(
                    Finding(
                        SELECTION_EXCLUDES,
                        Severity.ERROR,
                        f"clauses.{excluded.split('.', 1)[1]}",
                        f"Clause {full_id!r} cannot be combined with {excluded!r}.",
                        f"Switch one of {full_id!r} and {excluded!r} off.",
                    )
                )
    return findings
