"""The batch memo: sections a batch shares are validated once, with the same result."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contractkit.bulk import compose_many
from contractkit.composer import _batch, compose
from contractkit.composer._batch import BatchMemo
from contractkit.errors import ContractkitError, SpecError
from contractkit.loading import to_contract
from contractkit.provenance import canonical_text
from tests.support import CHANGES, spec_changes, variant


def _alone(data: dict[str, Any]) -> dict[str, Any]:
    """What composing ``data`` by itself shows, in the terms of a bulk result."""
    try:
        result = compose(data)
    except ContractkitError as exc:
        return {"error": str(exc)}
    shown: dict[str, Any] = {
        "findings": result.report.findings,
        "spec_sha256": result.provenance["spec_sha256"],
    }
    if result.ok:
        shown["outputs"] = {
            "docx": result.to_docx(),
            "txt": result.to_text().encode("utf-8"),
        }
    return shown


def _texts_of_test_pack(
    tmp_path: Path,
    spec: Any,
    templates: dict[str, str],
    changes: list[Callable[[dict[str, Any]], None]],
    pack_class: Any = None,
    provides: tuple[str, ...] = (),
    rule: Callable[..., Any] | None = None,
) -> tuple[list[Any], list[Any]]:
    """Compose a row per change with a test pack: the batch's, and each alone.

    The pack is built on ``general`` with a clause per template, after the
    preamble, and ``rule`` if given; each row is the example without its
    medical coding parts, changed by one of ``changes``. Each row gives its
    text, or with a ``rule`` its findings.
    """
    from contractkit import plugins
    from contractkit.clauses.pack import Clause, ClausePack

    for name, source in templates.items():
        (tmp_path / f"{name}.j2").write_text(source + "\n", encoding="utf-8")
    pack = (pack_class or ClausePack)(
        "testing",
        "0.1.0",
        description="A pack for tests.",
        extends=("general",),
        clauses=[Clause(name, name.title(), f"{name}.j2") for name in templates],
        order=("general.preamble", *(f"testing.{name}" for name in templates)),
        provides=provides,
        templates=tmp_path,
    )
    if rule is not None:
        pack.rule("CK-TEST-001", "warning", "A rule for tests")(rule)
    plugins.register_pack(pack)
    try:
        rows = []
        for change in changes:
            data = spec(pack="testing")
            del data["medical_coding"]
            data["liability"].pop("indemnity", None)
            change(data)
            rows.append(data)
        batch = list(compose_many(rows, formats=("txt",)))
        alone = [_alone(data) for data in rows]
    finally:
        plugins.reset()
    if rule is not None:
        return [r.findings for r in batch], [shown["findings"] for shown in alone]
    return [r.outputs["txt"] for r in batch], [s["outputs"]["txt"] for s in alone]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(spec_changes, min_size=2, max_size=6))
def test_a_batch_gives_what_each_spec_composed_alone_gives(
    example_data: dict[str, Any], batch: list[dict[str, Any]]
) -> None:
    """Findings, spec hash and output bytes match, row by row, whatever repeats."""
    variants = [variant(example_data, picked) for picked in batch]
    for data, result in zip(variants, compose_many(variants), strict=True):
        alone = _alone(data)
        if "error" in alone:
            assert result.error == alone["error"]
            continue
        assert result.findings == alone["findings"]
        assert result.spec_sha256 == alone["spec_sha256"]
        assert result.outputs == alone.get("outputs", {})


def test_equal_sections_share_one_model(example_data: dict[str, Any]) -> None:
    """A section equal to one seen before is that section's model, not a copy."""
    memo = BatchMemo()
    second = copy.deepcopy(example_data)
    second["client"]["legal_name"] = "Second Clinic LLC"

    first_contract = memo.to_contract(example_data)
    second_contract = memo.to_contract(second)

    assert second_contract.provider is first_contract.provider
    assert second_contract.medical_coding is first_contract.medical_coding
    assert second_contract.client is not first_contract.client
    assert second_contract.client.legal_name == "Second Clinic LLC"


def test_the_unchanged_fields_of_a_changed_section_are_the_earlier_ones(
    example_data: dict[str, Any],
) -> None:
    """A new client with the same address gets the address model seen before."""
    memo = BatchMemo()
    second = copy.deepcopy(example_data)
    second["client"]["legal_name"] = "Second Clinic LLC"

    first_contract = memo.to_contract(example_data)
    second_contract = memo.to_contract(second)

    assert second_contract.client is not first_contract.client
    assert second_contract.client.address is first_contract.client.address
    assert second_contract.client.legal_name == "Second Clinic LLC"
    assert second_contract.client.model_dump() == {
        **first_contract.client.model_dump(),
        "legal_name": "Second Clinic LLC",
    }


def test_a_nested_model_is_reused_only_for_the_same_raw_value(
    example_data: dict[str, Any],
) -> None:
    """A new client at the old address keeps its model; a moved one gets its own."""
    memo = BatchMemo()
    rows = _clients(example_data, ["One LLC", "Two LLC", "Three LLC", "Four LLC"])
    rows[2]["client"]["address"]["lines"] = ["9 New Street", "Suite 1"]
    rows[3]["client"]["signatory"]["name"] = "Someone Else"
    contracts = [memo.to_contract(row) for row in rows]

    first, second, moved, signed = (contract.client for contract in contracts)
    assert second.address is first.address
    assert moved.address is not first.address
    assert moved.address is not None and moved.address.lines == [
        "9 New Street",
        "Suite 1",
    ]
    assert signed.signatory.name == "Someone Else"
    assert signed.address == first.address and signed.address is not moved.address
    for row, contract in zip(rows, contracts, strict=True):
        assert contract.model_dump() == to_contract(row).model_dump()
    batch = list(compose_many(rows, formats=("txt",)))
    assert [r.outputs["txt"] for r in batch] == [
        _alone(row)["outputs"]["txt"] for row in rows
    ]


def test_sections_equal_in_value_but_not_in_type_are_not_shared(
    example_data: dict[str, Any],
) -> None:
    """``Decimal("1.5")`` and ``Decimal("1.50")`` print differently, so both stay."""
    memo = BatchMemo()
    specs = []
    for percent in (Decimal("1.5"), Decimal("1.50")):
        data = copy.deepcopy(example_data)
        data["payment"]["late_fee"]["percent_per_month"] = percent
        specs.append(data)

    contracts = [memo.to_contract(data) for data in specs]

    rates = [c.payment.late_fee.percent_per_month for c in contracts]  # type: ignore[union-attr]
    assert [str(rate) for rate in rates] == ["1.5", "1.50"]
    assert contracts[0].payment is not contracts[1].payment


def test_an_invalid_section_is_reported_as_alone(example_data: dict[str, Any]) -> None:
    """A bad row after good ones gets the error plain validation gives."""
    memo = BatchMemo()
    memo.to_contract(example_data)
    bad = copy.deepcopy(example_data)
    bad["payment"]["payment_period_days"] = -3

    with pytest.raises(SpecError) as in_batch:
        memo.to_contract(bad)
    with pytest.raises(SpecError) as alone:
        to_contract(bad)
    assert str(in_batch.value) == str(alone.value)


def test_a_section_pickle_cannot_take_is_validated_every_time(
    example_data: dict[str, Any],
) -> None:
    """A value with no fingerprint is never looked up, and fails as it should."""
    memo = BatchMemo()
    bad = copy.deepcopy(example_data)
    bad["client"]["legal_name"] = lambda: "not text"

    for _ in range(2):
        with pytest.raises(SpecError, match="client.legal_name"):
            memo.to_contract(bad)


def test_canonical_json_is_the_plain_dump_of_the_spec(
    example_data: dict[str, Any],
) -> None:
    """The JSON built from shared sections is the one spec_hash hashes."""
    memo = BatchMemo()
    for name in ("First LLC", "Second LLC", "First LLC"):
        data = copy.deepcopy(example_data)
        data["client"]["legal_name"] = name
        contract = memo.to_contract(data)
        assert memo.canonical_json(contract) == canonical_text(
            contract.model_dump(mode="json")
        )


def test_canonical_json_follows_each_changed_field(
    example_data: dict[str, Any],
) -> None:
    """Sections made text by text from their fields give the plain dump's text."""
    memo = BatchMemo()
    rows = [
        variant(example_data, {path: value})
        for path, values in CHANGES.items()
        for value in values
    ]
    rows.append(variant(example_data, {"client.legal_name": "Cl\u0113nic \U0001f600"}))
    checked = 0
    for data in rows:
        try:
            contract = memo.to_contract(data)
        except SpecError:
            continue
        assert memo.canonical_json(contract) == canonical_text(
            contract.model_dump(mode="json")
        )
        checked += 1
    assert checked > len(rows) // 2


def test_a_contract_changed_between_rows_is_composed_as_it_now_is(
    example_data: dict[str, Any],
) -> None:
    """Specs the caller made are read afresh for every row, even the same object."""
    contract = to_contract(example_data)
    names = ["Alpha Clinic LLC", "Beta Clinic LLC", "Gamma Clinic LLC"]

    def rows() -> Iterator[Any]:
        for name in names:
            contract.client.legal_name = name
            yield contract

    texts = [r.outputs["txt"].decode() for r in compose_many(rows(), formats=("txt",))]
    for name, text in zip(names, texts, strict=True):
        assert name in text
        assert [other for other in names if other != name and other in text] == []


def test_the_memo_keeps_a_bounded_number_of_sections(
    example_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When full, a batch forgets all sections but those of the row at hand."""
    monkeypatch.setattr(_batch, "_KEPT", 8)
    memo = BatchMemo()
    for n in range(20):
        data = copy.deepcopy(example_data)
        data["client"]["legal_name"] = f"Clinic {n} LLC"
        contract = memo.to_contract(data)
        assert contract.client.legal_name == f"Clinic {n} LLC"
        assert len(memo._sections) <= 8 + len(data)


def _clients(example_data: dict[str, Any], names: list[str]) -> list[dict[str, Any]]:
    specs = []
    for name in names:
        data = copy.deepcopy(example_data)
        data["client"]["legal_name"] = name
        specs.append(data)
    return specs


def test_rules_run_again_only_when_what_they_read_changed(
    example_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule reading a changed field runs again; one reading other fields, once."""
    runs: list[str] = []
    run_rule = _batch._run_rule

    def counting(rule: Any, clause_ids: Any, contract: Any) -> Any:
        runs.append(rule.code)
        return run_rule(rule, clause_ids, contract)

    monkeypatch.setattr(_batch, "_run_rule", counting)
    specs = _clients(example_data, ["One LLC", "Two LLC", "Three LLC"])
    for number, spec in enumerate(specs):
        spec["client"]["notice_email"] = f"notices{number}@example.org"
    assert all(r.ok for r in compose_many(specs, formats=()))

    assert runs.count("CK-GEN-001") == 3  # the parties: reads the notice emails
    assert runs.count("CK-GEN-013") == 1  # the short names, which stay the same
    assert runs.count("CK-GEN-005") == 1  # the late fee: reads only the payment terms


def test_a_function_that_reads_the_whole_spec_is_never_reused(
    example_data: dict[str, Any],
) -> None:
    """Reading anything but sections (model_dump here) counts as reading all."""
    memo = BatchMemo()
    calls: list[int] = []

    def dumps(contract: Any) -> int:
        calls.append(1)
        return len(contract.model_dump())

    for data in _clients(example_data, ["One LLC", "One LLC"]):
        contract = memo.to_contract(data)
        memo._call("dumps", dumps, contract, dumps)
    assert len(calls) == 2


def test_a_section_read_field_by_field_is_still_its_model(
    example_data: dict[str, Any],
) -> None:
    """A watched section passes for its model; a method or an == reads it all."""
    from contractkit.models import Party

    memo = BatchMemo()
    seen: list[tuple[bool, str]] = []

    def names(contract: Any) -> str:
        client = contract.client
        seen.append((isinstance(client, Party), client.legal_name))
        return str(client.legal_name)

    def dumped(contract: Any) -> int:
        seen.append((True, "dump"))
        return len(contract.client.model_dump())

    def compared(contract: Any) -> bool:
        seen.append((True, "compare"))
        return bool(contract.client == contract.provider)

    rows = _clients(example_data, ["One LLC", "One LLC"])
    rows[1]["client"]["notice_email"] = "other@example.org"
    for data in rows:
        contract = memo.to_contract(data)
        assert memo._call("names", names, contract, names) == "One LLC"
        memo._call("dumped", dumped, contract, dumped)
        memo._call("compared", compared, contract, compared)

    # the name did not change, so names ran once; the others read the whole
    # client, which did change
    assert seen.count((True, "One LLC")) == 1
    assert seen.count((True, "dump")) == 2
    assert seen.count((True, "compare")) == 2


def test_a_spec_holding_an_object_of_the_caller_is_not_shared(
    example_data: dict[str, Any],
) -> None:
    """A model the caller put in a spec may change after its row, so none is kept.

    Row 1 holds one address object, row 2 another with the same lines. Had
    row 2 been given row 1's validated client, it would print the lines the
    caller gave row 1's object after row 1 was done.
    """
    from contractkit.models.parties import Address

    first = Address(lines=["1 First Street", "Tampa, FL 33601"])
    second = Address(lines=["1 First Street", "Tampa, FL 33601"])

    def specs() -> Iterator[dict[str, Any]]:
        for address in (first, second):
            data = copy.deepcopy(example_data)
            data["client"]["address"] = address
            yield data
            first.lines[0] = "9 Changed Street"

    texts = [r.outputs["txt"].decode() for r in compose_many(specs(), formats=("txt",))]
    assert "1 First Street" in texts[1]
    assert "9 Changed Street" not in texts[1]

    memo = BatchMemo()
    data = copy.deepcopy(example_data)
    data["client"]["address"] = second
    assert not memo.owns(memo.to_contract(data))


def test_threads_sharing_a_batch_give_the_in_process_results(
    example_data: dict[str, Any],
) -> None:
    """Each worker thread keeps its own memo, so threads cannot mix their rows."""
    from concurrent.futures import ThreadPoolExecutor

    specs = _clients(example_data, [f"Clinic {n % 5} LLC" for n in range(24)])
    for n, data in enumerate(specs):
        data["document"]["reference"] = f"T-{n:03d}"

    alone = [r.outputs for r in compose_many(specs, formats=("txt",))]
    with ThreadPoolExecutor(4) as pool:
        threaded = compose_many(specs, formats=("txt",), executor=pool, chunk_size=2)
        assert [r.outputs for r in threaded] == alone


def test_rows_that_change_the_selection_or_the_terms_compose_as_alone(
    example_data: dict[str, Any],
) -> None:
    """Switching clauses off and on, and changing terms, between rows."""
    picks: list[dict[str, Any]] = [
        {},
        {"clauses.warranties": False},
        {"clauses.warranties": False, "client.legal_name": "Other LLC"},
        {},
        {"payment.payment_period_days": 15},
        {"payment.payment_period_days": 15, "document.locale": "en_GB"},
        {"liability.cap.months": 6, "clauses.audit_support": False},
        {},
    ]
    specs = [variant(example_data, picked) for picked in picks]
    for data, result in zip(specs, compose_many(specs), strict=True):
        alone = _alone(data)
        assert result.findings == alone["findings"]
        assert result.outputs == alone["outputs"]
        assert result.spec_sha256 == alone["spec_sha256"]


def test_a_kept_section_holds_no_list_of_the_callers(
    example_data: dict[str, Any],
) -> None:
    """A list changed after its row does not change a later equal row's spec."""
    note = [1]

    def specs() -> Iterator[dict[str, Any]]:
        first = copy.deepcopy(example_data)
        first["clauses"] = {"downtime": {"note": note}}
        yield first
        note.append(2)
        second = copy.deepcopy(example_data)
        second["clauses"] = {"downtime": {"note": [1]}}
        yield second

    results = list(compose_many(specs(), formats=()))
    again = copy.deepcopy(example_data)
    again["clauses"] = {"downtime": {"note": [1]}}
    assert results[1].spec_sha256 == _alone(again)["spec_sha256"]


@pytest.mark.parametrize("chunk_size", [1, 8])
def test_one_dict_reused_for_every_row_on_threads(
    example_data: dict[str, Any], chunk_size: int
) -> None:
    """A row is copied when read, so the caller may change the dict afterwards."""
    from concurrent.futures import ThreadPoolExecutor

    data = copy.deepcopy(example_data)
    names = [f"Reused {n} LLC" for n in range(12)]

    def specs() -> Iterator[dict[str, Any]]:
        for n, name in enumerate(names):
            data["document"]["reference"] = f"U-{n:03d}"
            data["client"]["legal_name"] = name
            yield data

    with ThreadPoolExecutor(2) as pool:
        results = list(
            compose_many(
                specs(), formats=("txt",), executor=pool, chunk_size=chunk_size
            )
        )
    assert [r.reference for r in results] == [f"U-{n:03d}" for n in range(12)]
    for name, result in zip(names, results, strict=True):
        assert name in result.outputs["txt"].decode()


def test_rows_read_before_the_input_fails_still_get_results(
    example_data: dict[str, Any],
) -> None:
    """With an executor too, the rows read are composed before the error is raised."""
    from concurrent.futures import ThreadPoolExecutor

    def specs() -> Iterator[dict[str, Any]]:
        for n in range(10):
            data = copy.deepcopy(example_data)
            data["document"]["reference"] = f"F-{n:03d}"
            yield data
        raise OSError("the source went away")

    seen: list[int] = []
    with ThreadPoolExecutor(2) as pool, pytest.raises(OSError, match="went away"):
        for result in compose_many(specs(), formats=(), executor=pool, chunk_size=4):
            seen.append(result.row)
    assert seen == list(range(1, 11))


def test_the_packs_argument_limits_the_spec_sections_as_compose_does(
    example_data: dict[str, Any],
) -> None:
    """A section of a pack that is not allowed is an unknown field, as alone."""
    data = copy.deepcopy(example_data)
    data["pack"] = "general"

    (result,) = compose_many([data], formats=(), packs=["general"])

    with pytest.raises(SpecError) as alone:
        compose(data, packs=["general"])
    assert result.error == str(alone.value)


def test_a_spec_pickle_cannot_take_is_an_error_row_on_an_executor(
    example_data: dict[str, Any],
) -> None:
    """The row becomes an error; its neighbours, in the same chunk, compose."""
    from concurrent.futures import ThreadPoolExecutor

    specs: list[Any] = []
    for n in range(4):
        data = copy.deepcopy(example_data)
        data["document"]["reference"] = f"P-{n:03d}"
        specs.append(data)
    specs[1]["client"]["legal_name"] = lambda: "not plain data"

    with ThreadPoolExecutor(2) as pool:
        results = list(compose_many(specs, formats=(), executor=pool, chunk_size=2))

    assert [r.ok for r in results] == [True, False, True, True]
    assert "cannot be sent to the executor" in (results[1].error or "")


def test_a_template_variable_that_goes_away_renders_the_clause_again(
    tmp_path: Path, spec: Any
) -> None:
    """A pack variable present for one row and absent for the next is a change."""
    from contractkit.clauses.pack import ClausePack

    class NicknamePack(ClausePack):
        def variables(self, contract: Any) -> dict[str, Any]:
            short = contract.provider.short_name
            return {} if short is None else {"nick": short}

    def named(data: dict[str, Any]) -> None:
        data["provider"]["short_name"] = "Coder"

    def unnamed(data: dict[str, Any]) -> None:
        data["provider"].pop("short_name", None)

    texts, alone = _texts_of_test_pack(
        tmp_path,
        spec,
        {
            "nick": "~ {% if nick is defined %}Also called {{ nick }}.{% else %}"
            "No nickname.{% endif %}"
        },
        [named, unnamed],
        NicknamePack,
        ("nick",),
    )

    assert texts == alone
    assert b"No nickname." in texts[1]


def test_a_clause_that_looks_at_a_text_value_is_not_filled_in(
    tmp_path: Path, spec: Any
) -> None:
    """Templates that branch on a name, measure or reshape it compose as alone.

    The clause prints the names too, so a batch would fill it in if a
    render with holes did not refuse what the template does with them.
    """
    printed = "~ {{ client.legal_name }} "
    looks = {
        "length": printed
        + "{{ 'long' if client.legal_name|length > 12 else 'short' }}",
        "first": printed + "{{ 'an' if client.legal_name[:1] in 'AEIOU' else 'a' }}",
        "upper": printed + "{{ client.legal_name|upper }}",
        "compare": printed + "{% if client.legal_name == 'Ann LLC' %}Ann{% endif %}",
        "plain": "~ {{ client.legal_name }} / {{ doc.reference }}",
    }
    names = ["Ann LLC", "Bo LLC", "Evergreen Ortho LLC", "Ann LLC", "Io *Care* LLC"]

    def row(number: int, name: str) -> Callable[[dict[str, Any]], None]:
        def change(data: dict[str, Any]) -> None:
            data["client"]["legal_name"] = name
            data["document"]["reference"] = f"R-{number}"

        return change

    changes = [row(number, name) for number, name in enumerate(names * 2)]
    texts, alone = _texts_of_test_pack(tmp_path, spec, looks, changes)

    assert texts == alone
    assert b"long" in texts[2] and b"short" in texts[1]
    assert b"EVERGREEN ORTHO LLC" in texts[2] and b"Ann\n" in texts[0]


def test_a_clause_that_only_prints_changed_names_is_filled_in(
    example_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows differing in printed names get the preamble and notices filled in."""
    from contractkit.composer import _stamp

    filled: list[str] = []
    real = _stamp.Stamp.fill

    def counting(stamp: _stamp.Stamp, variables: Any, seen: Any, *changed: Any) -> Any:
        laid_out = real(stamp, variables, seen, *changed)
        if laid_out is not None:
            filled.append(getattr(laid_out, "clause_id", "preamble"))
        return laid_out

    monkeypatch.setattr(_stamp.Stamp, "fill", counting)
    rows = _clients(example_data, [f"Filled {n} LLC" for n in range(6)])
    for row, number in zip(rows, range(6), strict=True):
        row["document"] = {**row["document"], "reference": f"F-{number}"}
    results = list(compose_many(rows, formats=("txt",)))
    in_batch = list(filled)

    texts = [result.outputs["txt"] for result in results]
    assert texts == [_alone(row)["outputs"]["txt"] for row in rows]
    assert all(f"Filled {n} LLC".encode() in texts[n] for n in range(6))
    # the second row makes the stamps and checks them by filling them in
    # once; rows three to six are filled in
    assert in_batch.count("preamble") == 5
    assert in_batch.count("general.notices") == 5


def test_a_row_changing_only_sections_is_validated_as_the_whole_spec(
    example_data: dict[str, Any],
) -> None:
    """Validating only the changed sections gives what validating the spec gives."""
    memo = BatchMemo()
    rows = _clients(example_data, ["One LLC", "Two LLC", "   ", "Three LLC"])
    rows[3]["document"]["reference"] = "T-3"
    memo.to_contract(rows[0])
    for row in rows[1:]:
        try:
            contract = memo.to_contract(row)
        except SpecError as exc:
            with pytest.raises(SpecError) as alone:
                to_contract(row)
            assert str(exc) == str(alone.value)
            continue
        whole = to_contract(row)
        assert contract.model_dump() == whole.model_dump()
        assert contract.model_fields_set == whole.model_fields_set
        assert contract.extensions.keys() == whole.extensions.keys()
        assert canonical_text(contract.model_dump(mode="json")) == canonical_text(
            whole.model_dump(mode="json")
        )


def test_pack_variables_that_read_the_contract_later_are_made_every_time(
    tmp_path: Path, spec: Any
) -> None:
    """A variable holding a function reads the spec when the template calls it."""
    from contractkit.clauses.pack import ClausePack

    class LazyPack(ClausePack):
        def variables(self, contract: Any) -> dict[str, Any]:
            return {"name_of": lambda role: contract.party(role).legal_name}

    texts, alone = _texts_of_test_pack(
        tmp_path,
        spec,
        {"lazy": "~ Client: {{ name_of('client') }}."},
        [_named(name) for name in ("Ann LLC", "Bo LLC", "Cy LLC")],
        LazyPack,
        ("name_of",),
    )

    assert texts == alone
    assert b"Client: Cy LLC." in texts[2]


def test_a_fingerprint_is_the_content_of_plain_data_and_nothing_else() -> None:
    """Equal plain data gets equal bytes however it is shared; anything else none."""
    from collections import OrderedDict

    fingerprints = _batch._Fingerprints()
    plain = {"name": "Clinic LLC", "n": [1, 2.5, None, True]}
    tricky = {"name": "Cl\u0113nic LLC"}  # its UTF-8 holds the STACK_GLOBAL byte
    dated = {"on": Decimal("1.50"), "at": dt.date(2026, 1, 2)}
    for value in (plain, tricky, dated):
        taken = fingerprints.take(value)
        assert taken is not None
        assert pickle.loads(taken) == value
        assert fingerprints.take(copy.deepcopy(value)) == taken
    item = {"line": "1 Main St"}
    assert fingerprints.take({"a": [item, item]}) == fingerprints.take(
        {"a": [item, dict(item)]}
    )
    assert fingerprints.take({"a": 1}) != fingerprints.take({"a": 1.0})
    assert fingerprints.take({"a": 1}) != fingerprints.take({"a": True})
    assert fingerprints.take({"a": OrderedDict(b=1)}) is None
    assert fingerprints.take({"a": object()}) is None
    assert fingerprints.take({"a": "x"[:0] + "y"}) == fingerprints.take({"a": "y"})

    class Name(str):
        pass

    assert fingerprints.take({"a": Name("y")}) is None
    cycle: list[Any] = []
    cycle.append(cycle)
    assert fingerprints.take({"a": cycle}) is None
    assert fingerprints.take(plain) == fingerprints.take(copy.deepcopy(plain))


def _named(name: str) -> Callable[[dict[str, Any]], None]:
    """Return a change that gives the client ``name``."""
    return lambda data: data["client"].update(legal_name=name)


def _with_rule(
    tmp_path: Path, spec: Any, check: Callable[..., Any], rows: list[Any]
) -> None:
    """Compose ``rows`` with a test pack holding rule ``check``: batch == alone."""
    batch, alone = _texts_of_test_pack(
        tmp_path, spec, {"note": "~ A note."}, rows, rule=check
    )
    assert batch == alone


def _client_and_days(name: str, days: int) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["client"]["legal_name"] = name
        data["payment"]["payment_period_days"] = days

    return change


def test_a_rule_that_reads_the_whole_spec_only_sometimes_runs_again(
    tmp_path: Path, spec: Any
) -> None:
    """A run that read more than fields drops what an earlier run noted."""
    from contractkit.rules.rule import Violation

    def check(ctx: Any) -> Any:
        """Report the payment days of clients whose name starts with X."""
        if ctx.contract.client.legal_name.startswith("X"):
            days = vars(ctx.contract.payment)["payment_period_days"]
            yield Violation(path="payment", message=f"pays in {days} days", hint="")

    rows = [("Ann LLC", 30), ("Xeno LLC", 15), ("Xeno LLC", 45), ("Xeno LLC", 60)]
    _with_rule(tmp_path, spec, check, [_client_and_days(*r) for r in rows])


def test_a_rule_may_copy_pickle_and_validate_the_spec_it_reads(
    tmp_path: Path, spec: Any
) -> None:
    """The stand-ins a batch hands rules copy, pickle and validate as the models."""
    import pickle

    from contractkit.models import Contract, Party
    from contractkit.rules.rule import Violation

    def check(ctx: Any) -> Any:
        """Report what copies of the client and the spec say."""
        client = copy.copy(ctx.contract.client)
        again = pickle.loads(pickle.dumps(ctx.contract.client))
        whole = to_contract(ctx.contract)
        assert isinstance(whole, Contract) and isinstance(client, Party)
        yield Violation(
            path="client",
            message=f"{client.legal_name} {again.legal_name} {whole.pack}",
            hint="",
        )

    rows = [("Ann LLC", 30), ("Bo LLC", 30), ("Ann LLC", 45)]
    _with_rule(tmp_path, spec, check, [_client_and_days(*r) for r in rows])


def test_pack_variables_holding_a_section_in_a_model_are_made_every_time(
    tmp_path: Path, spec: Any
) -> None:
    """A section kept inside another model is read later; it is never reused."""
    from contractkit.clauses.pack import ClausePack
    from contractkit.models import Party, SpecModel

    class Billed(SpecModel):
        party: Party

    class BilledPack(ClausePack):
        def variables(self, contract: Any) -> dict[str, Any]:
            return {"billed": Billed(party=contract.client)}

    texts, alone = _texts_of_test_pack(
        tmp_path,
        spec,
        {"billed": "~ Billed to {{ billed.party.legal_name }}."},
        [_named(name) for name in ("Ann LLC", "Bob LLC", "Ann LLC", "Cy LLC")],
        BilledPack,
        ("billed",),
    )
    assert texts == alone
    assert b"Billed to Bob LLC." in texts[1]


def test_a_set_where_a_list_goes_is_refused_alone_and_in_a_batch(
    example_data: dict[str, Any],
) -> None:
    """A set has no fixed order, so it would print differently from run to run."""
    data = copy.deepcopy(example_data)
    data["provider"]["address"]["lines"] = set(data["provider"]["address"]["lines"])
    with pytest.raises(SpecError) as alone:
        to_contract(data)
    assert "provider.address.lines" in str(alone.value)
    assert "is a set" in str(alone.value)
    rows = [copy.deepcopy(example_data), data]
    results = list(compose_many(rows, formats=()))
    assert results[0].ok
    assert results[1].error == str(alone.value)


def test_a_chain_rules_by_stage_follow_its_packs_rule_lists() -> None:
    """The rules are gathered again when a pack's rule list changes."""
    from types import SimpleNamespace

    from contractkit.rules import lint

    def rule(stage: str) -> Any:
        return SimpleNamespace(stage=stage)

    first, second = rule("spec"), rule("document")
    pack = SimpleNamespace(rules=[first, second])
    chain: Any = [pack]
    memo = BatchMemo()
    assert memo.stage_rules(chain) == ((first,), (*lint.RULES, second))
    third = rule("spec")
    pack.rules.append(third)
    assert memo.stage_rules(chain) == ((first, third), (*lint.RULES, second))
    pack.rules = [second]
    assert memo.stage_rules(chain) == ((), (*lint.RULES, second))
