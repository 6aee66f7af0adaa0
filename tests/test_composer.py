"""The composer: clause selection, rules over the whole combination, the tree."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import Field

import contractkit as ck
from contractkit import plugins
from contractkit.clauses.pack import Clause, ClausePack
from contractkit.composer import select_clauses
from contractkit.document.nodes import CrossReference, ItemList, Paragraph, Table
from contractkit.models import SpecModel
from contractkit.rules.rule import RuleContext, Violation
from tests.support import EXAMPLE, INVALID_INDEMNITY, SpecFactory


def cross_references(document: ck.ComposedContract) -> Iterator[CrossReference]:
    tree = document.document
    blocks = [*tree.preamble, *(b for s in tree.sections for b in s.blocks)]
    for block in blocks:
        if isinstance(block, Paragraph):
            groups: list[Any] = [block.runs]
        elif isinstance(block, ItemList):
            groups = list(block.items)
        elif isinstance(block, Table):
            groups = [*block.header, *(cell for row in block.rows for cell in row)]
        for runs in groups:
            yield from (r for r in runs if isinstance(r, CrossReference))


def optional_clause_ids() -> list[str]:
    contract = ck.load(EXAMPLE)
    chain = plugins.pack_chain(contract.pack)
    selection, _ = select_clauses(contract, chain)
    return [
        pack.full_id(clause) for pack, clause in selection.entries if clause.optional
    ]


def test_example_composes_without_findings() -> None:
    """The bundled example is consistent: no errors and no warnings."""
    result = ck.compose(ck.load(EXAMPLE))

    assert result.ok
    assert list(result.report) == []


def test_compose_accepts_a_mapping(example_data: dict[str, Any]) -> None:
    """A plain dict with the spec's shape composes like the loaded file."""
    from_dict = ck.compose(example_data)
    from_file = ck.compose(ck.load(EXAMPLE))

    assert from_dict.to_text() == from_file.to_text()


def test_invalid_mapping_raises_spec_error(spec: SpecFactory) -> None:
    """An invalid dict raises SpecError naming every field at fault."""
    bad = spec({"provider.legal_name": "", "document.currency": "XYZ"})

    with pytest.raises(ck.SpecError) as caught:
        ck.compose(bad)

    paths = sorted(path for path, _ in caught.value.problems)
    assert paths == ["document.currency", "provider.legal_name"]


def test_errors_block_rendering(tmp_path: Path) -> None:
    """A contract with an error finding has no document and writes no file."""
    result = ck.compose(ck.load(INVALID_INDEMNITY))

    assert not result.ok
    assert "CK-MC-IND-001" in result.report.codes()
    with pytest.raises(ck.CompositionError, match="CK-MC-IND-001"):
        result.to_text()
    with pytest.raises(ck.CompositionError):
        result.write_docx(tmp_path / "x.docx")
    assert list(tmp_path.iterdir()) == []


def test_all_findings_reported_at_once(spec: SpecFactory) -> None:
    """A spec that breaks several rules gets every finding in one run."""
    broken = spec(
        {
            "liability.indemnity.good_faith_condition": False,
            "medical_coding.privacy.baa.breach_notice_days": 90,
            "medical_coding.accuracy.percent": "120",
            "payment.contingent_fee_percent": "4",
        }
    )

    codes = set(ck.compose(broken).report.codes())

    assert {"CK-MC-IND-001", "CK-MC-PHI-003", "CK-MC-ACC-001", "CK-MC-FEE-003"} <= codes


def test_unknown_clause_switch_is_an_error(spec: SpecFactory) -> None:
    """A switch that names no clause is reported at its path, not ignored."""
    result = ck.compose(spec({"clauses.no_such_clause": False}))

    finding = next(f for f in result.report if f.code == "CK-SPEC-001")
    assert finding.path == "clauses.no_such_clause"
    assert finding.severity is ck.Severity.ERROR


def test_required_clause_cannot_be_switched_off(spec: SpecFactory) -> None:
    """Switching off a required clause is an error naming the switch."""
    contract = ck.load(EXAMPLE)
    selection, _ = select_clauses(contract, plugins.pack_chain(contract.pack))
    required = next(
        pack.full_id(clause)
        for pack, clause in selection.entries
        if not clause.optional
    )

    data = spec()
    data.setdefault("clauses", {})[required] = False

    result = ck.compose(data)

    assert [f.path for f in result.report if f.code == "CK-SPEC-002"] == [
        f"clauses.{required}"
    ]


def test_example_has_optional_clauses() -> None:
    """The example switches on several optional clauses to test with."""
    assert len(optional_clause_ids()) >= 3


@pytest.mark.parametrize("clause_id", optional_clause_ids())
def test_switching_a_clause_off_renumbers_and_keeps_references(
    spec: SpecFactory, clause_id: str
) -> None:
    """With any optional clause off, sections renumber and references follow."""
    data = spec()
    data.setdefault("clauses", {})[clause_id] = False

    result = ck.compose(data)

    if not result.ok:
        assert any(f.path == f"clauses.{clause_id}" for f in result.report.errors)
        return
    sections = result.document.sections
    assert clause_id not in [s.clause_id for s in sections]
    assert [s.number for s in sections] == [str(i) for i in range(1, len(sections) + 1)]
    numbers = {s.clause_id: s.number for s in sections}
    for reference in cross_references(result):
        assert reference.label == f"Section {numbers[reference.clause_id]}"


def test_cross_references_resolve_in_the_example() -> None:
    """Every cross-reference of the example names its target's section."""
    result = ck.compose(ck.load(EXAMPLE))
    numbers = {s.clause_id: s.number for s in result.document.sections}

    references = list(cross_references(result))

    assert references
    for reference in references:
        assert reference.label == f"Section {numbers[reference.clause_id]}"


def test_provenance_records_packs_clauses_and_spec_hash(spec: SpecFactory) -> None:
    """Provenance names each pack version, clause version and template hash."""
    result = ck.compose(spec())
    changed = ck.compose(spec({"client.legal_name": "Other Clinic LLC"}))

    contract = ck.load(EXAMPLE)
    selection, _ = select_clauses(contract, plugins.pack_chain(contract.pack))

    provenance = result.provenance
    assert provenance["packs"] == {"general": "1.0.0", "medical_coding": "1.0.0"}
    assert list(provenance["clauses"]) == list(selection.ids)
    for entry in provenance["clauses"].values():
        assert len(entry["template_sha256"]) == 64
    assert provenance["spec_sha256"] == ck.compose(spec()).provenance["spec_sha256"]
    assert provenance["spec_sha256"] != changed.provenance["spec_sha256"]


def test_packs_argument_restricts_loading(spec: SpecFactory) -> None:
    """``packs=`` that leaves out the spec's pack raises PackError."""
    with pytest.raises(ck.PackError, match="medical_coding"):
        ck.compose(spec(), packs=["general"])


def test_unknown_pack_is_named(spec: SpecFactory) -> None:
    """A spec asking for an uninstalled pack raises PackNotFoundError."""
    with pytest.raises(ck.PackNotFoundError, match="'plumbing'"):
        ck.compose(spec(pack="plumbing"))


class ExtraOptions(SpecModel):
    """Options of the tiny pack's extra clause."""

    days: int = Field(default=5, ge=1)


def _register_tiny(
    folder: Path, clauses: list[Clause], order: tuple[str, ...]
) -> ClausePack:
    """Register pack ``tiny``, built on ``general``, with templates in ``folder``."""
    folder.mkdir(exist_ok=True)
    (folder / "intro.j2").write_text(
        "The {Provider} works for the {Client} as [>tiny.extra] says.\n",
        encoding="utf-8",
    )
    (folder / "extra.j2").write_text(
        "~ Extra terms apply for {{ options.days }} days.\n", encoding="utf-8"
    )
    pack = ClausePack(
        "tiny",
        "0.1.0",
        description="A pack for tests.",
        extends=("general",),
        clauses=clauses,
        order=order,
        templates=folder,
    )
    plugins.register_pack(pack)
    return pack


@pytest.fixture
def tiny_pack(tmp_path: Path) -> Iterator[ClausePack]:
    """A pack built on ``general`` whose clause refers to a switchable clause."""
    yield _register_tiny(
        tmp_path / "templates",
        [
            Clause("intro", "Introduction", "intro.j2"),
            Clause("extra", "Extra", "extra.j2", optional=True, options=ExtraOptions),
        ],
        ("general.preamble", "tiny.intro", "tiny.extra"),
    )
    plugins.reset()


def tiny_spec(spec: SpecFactory, **changes: Any) -> dict[str, Any]:
    data = spec(pack="tiny", **changes)
    del data["medical_coding"]
    data["liability"].pop("indemnity", None)
    return data


def test_dangling_reference_is_a_lint_error(
    tiny_pack: ClausePack, spec: SpecFactory
) -> None:
    """A reference to a switched-off clause is CK-LINT-001 with its section."""
    result = ck.compose(tiny_spec(spec, **{"clauses.extra": False}))

    finding = next(f for f in result.report if f.code == "CK-LINT-001")
    assert finding.section == "1"
    assert "tiny.extra" in finding.message
    assert not result.ok


def test_reference_resolves_when_target_is_on(
    tiny_pack: ClausePack, spec: SpecFactory
) -> None:
    """The same reference prints the target's section number when it is on."""
    result = ck.compose(tiny_spec(spec))

    assert result.ok, result.report.codes()
    assert "as Section 2 says." in result.to_text()


def test_crashing_rule_is_a_finding(tiny_pack: ClausePack, spec: SpecFactory) -> None:
    """A rule that raises is reported as CK-RULE-001 naming it; others still run."""

    @tiny_pack.rule("CK-TINY-001", "warning", "Always crashes")
    def crash(ctx: RuleContext) -> Iterator[Violation]:
        """Crash on purpose."""
        raise RuntimeError("boom")

    @tiny_pack.rule("CK-TINY-002", "warning", "Always warns")
    def warn(ctx: RuleContext) -> Iterator[Violation]:
        """Warn on purpose."""
        yield Violation("document.title", "A warning.", "Ignore it.")

    result = ck.compose(tiny_spec(spec))

    crashed = [f for f in result.report if f.code == "CK-RULE-001"]
    assert len(crashed) == 1
    assert "CK-TINY-001" in crashed[0].message
    assert "CK-TINY-002" in result.report.codes()


def test_clause_options_default_and_given(
    tiny_pack: ClausePack, spec: SpecFactory
) -> None:
    """A clause's options take their defaults, or the mapping the spec gives."""
    default = ck.compose(tiny_spec(spec))
    given = ck.compose(tiny_spec(spec, **{"clauses.extra": {"days": 9}}))

    assert "Extra terms apply for 5 days." in default.to_text()
    assert "Extra terms apply for 9 days." in given.to_text()


def test_options_switch_on_a_clause_that_is_off_by_default(
    tmp_path: Path, spec: SpecFactory
) -> None:
    """Giving a clause's options switches it on, as the spec's docs say."""
    extra = Clause(
        "extra",
        "Extra",
        "extra.j2",
        optional=True,
        default_on=False,
        options=ExtraOptions,
    )
    _register_tiny(tmp_path / "templates", [extra], ("general.preamble", "tiny.extra"))
    try:
        off = ck.compose(tiny_spec(spec))
        given = ck.compose(tiny_spec(spec, **{"clauses.extra": {"days": 9}}))
    finally:
        plugins.reset()

    assert "Extra terms" not in off.to_text()
    assert "Extra terms apply for 9 days." in given.to_text()


def test_invalid_clause_option_is_reported_at_its_path(
    tiny_pack: ClausePack, spec: SpecFactory
) -> None:
    """An invalid option is CK-SPEC-005 at clauses.<id>.<option>."""
    result = ck.compose(tiny_spec(spec, **{"clauses.extra": {"days": 0, "x": 1}}))

    paths = sorted(f.path for f in result.report if f.code == "CK-SPEC-005")
    assert paths == ["clauses.extra.days", "clauses.extra.x"]
    assert not result.ok


def test_options_for_a_clause_without_options_are_an_error(
    tiny_pack: ClausePack, spec: SpecFactory
) -> None:
    """A mapping for a clause that takes no options is CK-SPEC-005."""
    result = ck.compose(tiny_spec(spec, **{"clauses.intro": {"days": 3}}))

    assert [f.path for f in result.report if f.code == "CK-SPEC-005"] == [
        "clauses.intro"
    ]


def test_switching_on_a_clause_without_its_terms_is_an_error(
    spec: SpecFactory,
) -> None:
    """A clause switched on while the spec part it drafts is unset is CK-SPEC-006."""
    result = ck.compose(
        spec({"medical_coding.downtime": None, "clauses.downtime": True})
    )

    finding = next(f for f in result.report if f.code == "CK-SPEC-006")
    assert finding.path == "clauses.downtime"
    assert not result.ok
