"""The composer: selects clauses, runs every rule, builds the document tree.

``compose(spec)`` validates the spec, resolves its clause pack and the packs
it extends, selects the clauses the spec calls for, runs every rule of those
packs over the whole combination and, when no finding is an error, renders
each clause's template into the document tree.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from contractkit.clauses.pack import Clause, ClausePack, clause_ids
from contractkit.clauses.templating import render_template
from contractkit.document.markup import shared_blocks
from contractkit.document.nodes import (
    Block,
    CrossReference,
    Document,
    Inline,
    ItemList,
    Metadata,
    Paragraph,
    Section,
    SignatureBlock,
    SignatureParty,
    Table,
)
from contractkit.errors import CompositionError, PackError
from contractkit.loading import format_path, to_contract
from contractkit.models import Contract, SpecModel
from contractkit.plugins import available_packs, pack_chain
from contractkit.rules import lint
from contractkit.rules.finding import Finding, Report, Severity
from contractkit.rules.rule import RuleContext, run_rules

__all__ = ["ComposedContract", "Selection", "compose", "select_clauses"]

logger = logging.getLogger(__name__)

SELECTION_UNKNOWN = "CK-SPEC-001"
SELECTION_NOT_OPTIONAL = "CK-SPEC-002"
SELECTION_REQUIRES = "CK-SPEC-003"
SELECTION_EXCLUDES = "CK-SPEC-004"
SELECTION_OPTIONS = "CK-SPEC-005"
SELECTION_INAPPLICABLE = "CK-SPEC-006"
_DEFAULT_PACK = str(Contract.model_fields["pack"].default)


@dataclass(frozen=True)
class Selection:
    """The clauses chosen for one contract, in document order."""

    entries: tuple[tuple[ClausePack, Clause], ...]
    options: Mapping[str, SpecModel] = field(default_factory=dict)
    """The validated options of each selected clause that has an options model."""

    @property
    def ids(self) -> tuple[str, ...]:
        """The namespaced ids of the selected clauses."""
        return tuple(pack.full_id(clause) for pack, clause in self.entries)


@dataclass(frozen=True)
class ComposedContract:
    """The result of :func:`compose`: the report and, if it allows, the document.

    Attributes:
        contract: the validated spec.
        report: every finding, errors and warnings.
        provenance: the packs, clauses, versions and hashes that produced it.
    """

    contract: Contract
    report: Report
    provenance: Mapping[str, Any]
    _document: Document | None = None

    @property
    def ok(self) -> bool:
        """Whether the contract can be rendered (no finding is an error)."""
        return self.report.ok and self._document is not None

    @property
    def reference(self) -> str:
        """The document reference, used as the output file name."""
        return self.contract.document.reference

    @property
    def document(self) -> Document:
        """The document tree.

        Raises:
            CompositionError: the report has errors, so there is no document.
        """
        if self._document is None or not self.report.ok:
            raise CompositionError(self.report)
        return self._document

    def changes_since(self, provenance: Mapping[str, Any]) -> list[str]:
        """Say what differs from an earlier composition's provenance record.

        An empty list means the same spec, packs and clauses produced both.
        """
        from contractkit.provenance import provenance_changes

        return provenance_changes(provenance, self.provenance)

    def to_text(self) -> str:
        """Render the contract as plain text."""
        from contractkit.render.text import render_text

        return render_text(self.document)

    def to_docx(self) -> bytes:
        """Render the contract as the bytes of a DOCX file."""
        from contractkit.render.docx import render_docx

        return render_docx(self.document)

    def write_text(self, path: str | Path) -> Path:
        """Write the plain-text contract to ``path`` atomically."""
        from contractkit.render.output import write_atomic

        return write_atomic(Path(path), self.to_text().encode("utf-8"))

    def write_docx(self, path: str | Path) -> Path:
        """Write the DOCX contract to ``path`` atomically."""
        from contractkit.render.output import write_atomic

        return write_atomic(Path(path), self.to_docx())

    def write(
        self, out_dir: str | Path, formats: Sequence[str] = ("docx", "txt")
    ) -> list[Path]:
        """Write ``<reference>.<format>`` for each format into ``out_dir``.

        Every file is rendered before any is written, so a failure leaves
        nothing behind.
        """
        from contractkit.render import render
        from contractkit.render.output import write_all

        payloads = {
            Path(out_dir) / f"{self.reference}.{fmt}": render(self.document, fmt)
            for fmt in formats
        }
        return write_all(payloads)


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


def _compose_with(contract: Contract, chain: Sequence[ClausePack]) -> ComposedContract:
    """Compose a validated spec with its resolved pack chain, bases first."""
    selection, findings = select_clauses(contract, chain)
    context = RuleContext(contract, selection.ids)
    spec_rules = [r for p in chain for r in p.rules if r.stage == "spec"]
    findings.extend(run_rules(spec_rules, context))
    provenance = _provenance(contract, chain, selection)

    if any(f.severity is Severity.ERROR for f in findings):
        return ComposedContract(contract, Report(findings), provenance)

    document, sections = _build_document(contract, chain, selection, provenance)
    doc_context = RuleContext(contract, selection.ids, document, sections)
    document_rules = [
        *lint.RULES,
        *(r for p in chain for r in p.rules if r.stage == "document"),
    ]
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
        on = switches.get(full_id, clause.default_on) if clause.optional else True
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


CORE_VARIABLES = frozenset(
    {
        "client",
        "confidentiality",
        "contract",
        "currency",
        "doc",
        "law",
        "liability",
        "locale",
        "options",
        "payment",
        "provider",
        "selected",
        "term",
        "title",
    }
)
"""The variables every clause template can read, besides pack sections."""


def _variables(contract: Contract, chain: Sequence[ClausePack]) -> dict[str, Any]:
    variables: dict[str, Any] = {
        "contract": contract,
        "doc": contract.document,
        "provider": contract.provider,
        "client": contract.client,
        "law": contract.governing_law,
        "term": contract.term,
        "payment": contract.payment,
        "liability": contract.liability,
        "confidentiality": contract.confidentiality,
        "locale": contract.document.locale,
        "currency": contract.document.currency,
        "title": _title(contract, chain),
    }
    variables.update(contract.extensions)
    for pack in chain:
        variables.update(pack.variables(contract))
    return variables


def _title(contract: Contract, chain: Sequence[ClausePack]) -> str:
    if contract.document.title:
        return contract.document.title
    for pack in reversed(chain):
        if pack.default_title:
            return pack.default_title
    return "Services Agreement"


def _build_document(
    contract: Contract,
    chain: Sequence[ClausePack],
    selection: Selection,
    provenance: Mapping[str, Any],
) -> tuple[Document, dict[str, str]]:
    variables = _variables(contract, chain)
    variables["selected"] = frozenset(selection.ids)
    preamble: list[tuple[Block, ...]] = []
    raw_sections: list[tuple[str, str, tuple[Block, ...]]] = []
    memo: dict[Any, Hashable] = {}
    for pack, clause in selection.entries:
        full_id = pack.full_id(clause)
        variables["options"] = selection.options.get(full_id)
        template = pack.compiled(clause)
        markup = render_template(full_id, template, variables, memo=memo)
        blocks = shared_blocks(markup, where=f"clause {full_id!r}")
        if clause.kind == "preamble":
            preamble.append(blocks)
        else:
            raw_sections.append((full_id, clause.title, blocks))

    numbers = {cid: str(i) for i, (cid, _, _) in enumerate(raw_sections, start=1)}
    sections = tuple(
        Section(numbers[cid], title, cid, _lay_out(blocks, numbers[cid], numbers))
        for cid, title, blocks in raw_sections
    )
    title = str(variables["title"])
    document = Document(
        metadata=Metadata(
            reference=contract.document.reference,
            title=title,
            effective_date=contract.document.effective_date.isoformat(),
            locale=contract.document.locale,
            provenance={
                k: json.dumps(v, sort_keys=True) for k, v in provenance.items()
            },
        ),
        header=f"{title} \u2014 Reference {contract.document.reference}",
        footer="Page {page} of {pages}",
        preamble=tuple(b for part in preamble for b in _lay_out(part, None, numbers)),
        sections=sections,
        signature=_signature(contract, chain),
    )
    return document, numbers


_LaidOut = tuple[
    tuple[Block, ...],
    tuple[str, ...],
    dict[tuple[str | None, tuple[str | None, ...]], tuple[Block, ...]],
]
_LAID_OUT: dict[int, _LaidOut] = {}
"""Numbered blocks by the identity of the parsed blocks they come from."""
_LAID_OUT_LIMIT = 2048


def _lay_out(
    blocks: tuple[Block, ...], section: str | None, numbers: Mapping[str, str]
) -> tuple[Block, ...]:
    """Number ``blocks`` as section ``section`` and resolve their references.

    ``section`` is ``None`` for the preamble, whose paragraphs are unnumbered.
    The result depends only on the blocks, the section and the numbers of
    the clauses they refer to, so it is kept for the next contract that
    parses the same markup (the entry holds the blocks, so their identity
    stays theirs).
    """
    entry = _LAID_OUT.get(id(blocks))
    if entry is None or entry[0] is not blocks:
        if len(_LAID_OUT) >= _LAID_OUT_LIMIT:
            _LAID_OUT.clear()
        entry = (blocks, _references(blocks), {})
        _LAID_OUT[id(blocks)] = entry

    key = (section, tuple(numbers.get(clause_id) for clause_id in entry[1]))
    laid_out = entry[2].get(key)
    if laid_out is None:
        if section is None:
            laid_out = tuple(_resolve_refs(b, numbers) for b in _unnumbered(blocks))
        else:
            laid_out = _number(blocks, section, numbers)
        if len(entry[2]) >= 16:
            entry[2].clear()
        entry[2][key] = laid_out
    return laid_out


def _references(blocks: Sequence[Block]) -> tuple[str, ...]:
    """Return the clause ids that ``blocks`` refer to, each once."""
    found: dict[str, None] = {}
    for block in blocks:
        if isinstance(block, Paragraph):
            groups: tuple[tuple[Inline, ...], ...] = (block.runs,)
        elif isinstance(block, ItemList):
            groups = block.items
        else:
            groups = (*block.header, *(cell for row in block.rows for cell in row))
        for runs in groups:
            for run in runs:
                if isinstance(run, CrossReference):
                    found[run.clause_id] = None
    return tuple(found)


def _unnumbered(blocks: Sequence[Block]) -> list[Block]:
    return [replace(b, number=None) if isinstance(b, Paragraph) else b for b in blocks]


def _number(
    blocks: Sequence[Block], section: str, numbers: Mapping[str, str]
) -> tuple[Block, ...]:
    numbered: list[Block] = []
    count = 0
    for block in blocks:
        if isinstance(block, Paragraph) and block.number == "":
            count += 1
            block = replace(block, number=f"{section}.{count}")
        numbered.append(_resolve_refs(block, numbers))
    return tuple(numbered)


def _resolve_refs(block: Block, numbers: Mapping[str, str]) -> Block:
    def runs(items: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return tuple(
            replace(run, label=f"Section {numbers[run.clause_id]}")
            if isinstance(run, CrossReference) and run.clause_id in numbers
            else run
            for run in items
        )

    if isinstance(block, Paragraph):
        return replace(block, runs=runs(block.runs))
    if isinstance(block, ItemList):
        return ItemList(tuple(runs(item) for item in block.items))
    return Table(
        tuple(runs(cell) for cell in block.header),
        tuple(tuple(runs(cell) for cell in row) for row in block.rows),
    )


def _signature(contract: Contract, chain: Sequence[ClausePack]) -> SignatureBlock:
    intro = next(
        (p.signature_intro for p in reversed(chain) if p.signature_intro),
        "Signed by the parties' authorised representatives.",
    )
    parties = tuple(
        SignatureParty(
            role=(party.short_name or role.title()),
            legal_name=party.legal_name,
            signatory_name=party.signatory.name,
            signatory_title=party.signatory.title,
        )
        for role, party in (
            ("provider", contract.provider),
            ("client", contract.client),
        )
    )
    return SignatureBlock(intro=intro, parties=parties)


def spec_hash(contract: Contract) -> str:
    """Return the SHA-256 of the spec's canonical JSON form."""
    canonical = json.dumps(
        contract.model_dump(mode="json"), sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _provenance(
    contract: Contract, chain: Sequence[ClausePack], selection: Selection
) -> dict[str, Any]:
    return {
        "spec_sha256": spec_hash(contract),
        "packs": {pack.name: pack.version for pack in chain},
        "clauses": {
            pack.full_id(clause): {
                "version": clause.version,
                "template_sha256": pack.template_hash(clause),
            }
            for pack, clause in selection.entries
        },
    }
