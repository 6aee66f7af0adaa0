"""Provenance records, and what changed between two compositions."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import contractkit as ck
from contractkit.cli import app
from contractkit.provenance import provenance_changes, provenance_json
from tests.support import EXAMPLE, SpecFactory


@pytest.fixture(scope="module")
def record() -> dict[str, Any]:
    return dict(ck.compose(ck.load(EXAMPLE)).provenance)


def test_same_composition_has_no_changes(record: dict[str, Any]) -> None:
    """Composing the same spec with the same packs reports nothing changed."""
    assert ck.compose(ck.load(EXAMPLE)).changes_since(record) == []


def test_spec_change_is_reported(record: dict[str, Any], spec: SpecFactory) -> None:
    """A changed spec is reported as such."""
    changed = ck.compose(spec({"client.legal_name": "Bayside Surgery LLC"}))

    assert changed.changes_since(record) == ["The spec has changed."]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda r: r["packs"].update(medical_coding="0.9.0"),
            "Pack 'medical_coding' changed from 0.9.0 to 1.0.0.",
        ),
        (
            lambda r: r["packs"].pop("general"),
            "Pack 'general' 1.0.0 is now used.",
        ),
        (
            lambda r: r["packs"].update(extra="2.0"),
            "Pack 'extra' 2.0 is no longer used.",
        ),
        (
            lambda r: r["clauses"]["medical_coding.fees"].update(version="0.1"),
            "Clause 'medical_coding.fees' changed from version 0.1 to 1.0.",
        ),
        (
            lambda r: r["clauses"]["medical_coding.fees"].update(template_sha256="0"),
            "Clause 'medical_coding.fees' has new wording in the same version.",
        ),
        (
            lambda r: r["clauses"].pop("medical_coding.downtime"),
            "Clause 'medical_coding.downtime' was added.",
        ),
        (
            lambda r: r["clauses"].update({"old.clause": {"version": "1.0"}}),
            "Clause 'old.clause' was removed.",
        ),
    ],
)
def test_pack_and_clause_changes_are_named(
    record: dict[str, Any], edit: Any, expected: str
) -> None:
    """Each difference in packs or clauses gets its own sentence."""
    old = copy.deepcopy(record)
    edit(old)

    assert provenance_changes(old, record) == [expected]


def test_provenance_json_is_stable(record: dict[str, Any]) -> None:
    """The sidecar JSON is sorted and round-trips."""
    text = provenance_json(record)

    assert json.loads(text) == record
    assert text == provenance_json(json.loads(text))


def test_cli_writes_sidecar_and_reports_changes(tmp_path: Path) -> None:
    """``render --provenance`` writes the sidecar and compares with the old one."""
    runner = CliRunner()
    args = ["render", str(EXAMPLE), "--out", str(tmp_path), "--format", "txt"]
    first = runner.invoke(app, [*args, "--provenance"])
    sidecar = tmp_path / "2026-001.provenance.json"
    stored = json.loads(sidecar.read_text(encoding="utf-8"))
    stored["packs"]["medical_coding"] = "0.9.0"
    sidecar.write_text(json.dumps(stored), encoding="utf-8")

    second = runner.invoke(app, [*args, "--provenance"])

    assert first.exit_code == 0, first.output
    assert (
        stored["spec_sha256"] == ck.compose(ck.load(EXAMPLE)).provenance["spec_sha256"]
    )
    assert "changed from 0.9.0 to 1.0.0" in second.output
