"""Building the document tree: rendering each selected clause and numbering it."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from json.encoder import encode_basestring_ascii
from typing import Any

from contractkit.clauses._holes import escaped_marker, render_with_holes
from contractkit.clauses._reuse import Snapshots
from contractkit.clauses.pack import ClausePack
from contractkit.clauses.templating import render_template
from contractkit.composer._batch import BatchMemo
from contractkit.composer._selection import Selection
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
    block_runs,
)
from contractkit.errors import MarkupError
from contractkit.models import Contract

__all__ = [
    "CORE_VARIABLES",
    "build_document",
]

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


def _variables(
    contract: Contract, chain: Sequence[ClausePack], reuse: BatchMemo | None
) -> dict[str, Any]:
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
        if reuse is None:
            variables.update(pack.variables(contract))
        else:
            variables.update(reuse.variables(pack, contract))
    return variables


def _title(contract: Contract, chain: Sequence[ClausePack]) -> str:
    if contract.document.title:
        return contract.document.title
    for pack in reversed(chain):
        if pack.default_title:
            return pack.default_title
    return "Services Agreement"


def build_document(
    contract: Contract,
    chain: Sequence[ClausePack],
    selection: Selection,
    provenance: Mapping[str, Any],
    *,
    reuse: BatchMemo | None = None,
) -> tuple[Document, dict[str, str]]:
    """Render the selected clauses into the numbered document tree.

    ``reuse`` is the memo of the batch that made ``contract``, if any.

    Returns:
        The tree and the section number of each selected clause id.
    """
    variables = _variables(contract, chain, reuse)
    variables["selected"] = selection.id_set
    numbers = selection.numbers
    snapshots = Snapshots(None if reuse is None else reuse.snapshots)

    def lay_out(index: int) -> Section | tuple[Block, ...]:
        """Render clause ``index`` and lay it out: a section, or preamble blocks."""
        pack, clause = selection.entries[index]
        full_id = pack.full_id(clause)
        variables["options"] = selection.options.get(full_id)
        template = pack.compiled(clause)
        markup = render_template(full_id, template, variables, snapshots=snapshots)
        return lay_out_markup(index, markup)

    def lay_out_markup(index: int, markup: str) -> Section | tuple[Block, ...]:
        pack, clause = selection.entries[index]
        full_id = pack.full_id(clause)
        blocks = shared_blocks(markup, where=f"clause {full_id!r}")
        if clause.kind == "preamble":
            return _lay_out(blocks, None, numbers)
        number = numbers[full_id]
        return Section(number, clause.title, full_id, _lay_out(blocks, number, numbers))

    def lay_out_holes(
        index: int, holed: dict[str, Any], bearers: set[int], holes: int
    ) -> Section | tuple[Block, ...] | None:
        """Lay out clause ``index`` rendered with holes, or ``None`` if it cannot be."""
        pack, clause = selection.entries[index]
        holed["options"] = selection.options.get(pack.full_id(clause))
        markup = render_with_holes(pack.compiled(clause), holed, bearers, holes)
        if markup is None or escaped_marker(markup):
            return None
        try:
            return lay_out_markup(index, markup)
        except MarkupError:
            return None

    if reuse is None:
        parts = [lay_out(index) for index in range(len(selection.entries))]
    else:
        parts = reuse.clauses(selection, variables, lay_out, lay_out_holes)
    laid_out: list[Section] = []
    preamble_blocks: list[Block] = []
    for part in parts:
        if isinstance(part, Section):
            laid_out.append(part)
        else:
            preamble_blocks += part
    sections, preamble = tuple(laid_out), tuple(preamble_blocks)
    title = str(variables["title"])
    document = Document(
        metadata=Metadata(
            reference=contract.document.reference,
            title=title,
            effective_date=contract.document.effective_date.isoformat(),
            locale=contract.document.locale,
            provenance={
                key: selection.provenance_json
                if value is selection.provenance
                else _json(value)
                for key, value in provenance.items()
            },
        ),
        header=f"{title} \u2014 Reference {contract.document.reference}",
        footer="Page {page} of {pages}",
        preamble=preamble,
        sections=sections,
        signature=_signature(contract, chain),
    )
    return document, dict(numbers)


_JSON: dict[tuple[tuple[str, str], ...], str] = {}
"""The JSON of the pack versions lately: a batch's contracts share them."""


def _json(value: object) -> str:
    """Return ``json.dumps(value, sort_keys=True)``, quickly for common values."""
    if type(value) is str:
        return encode_basestring_ascii(value)
    if type(value) is dict and all(
        type(k) is str and type(v) is str for k, v in value.items()
    ):
        key = tuple(value.items())
        text = _JSON.get(key)
        if text is None:
            if len(_JSON) >= 64:
                _JSON.clear()
            text = _JSON[key] = json.dumps(value, sort_keys=True)
        return text
    return json.dumps(value, sort_keys=True)


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

    key = (section, tuple([numbers.get(clause_id) for clause_id in entry[1]]))
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
        for runs in block_runs(block):
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
