"""The contractkit command: exit codes, messages and files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from contractkit.cli import app
from tests.support import EXAMPLE, INVALID_INDEMNITY, SpecFactory

runner = CliRunner()


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


def write_spec(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(_plain(data), sort_keys=False), encoding="utf-8")
    return path


def _plain(value: Any) -> Any:
    """Turn Decimals and dates into YAML-safe strings for writing specs."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value.__class__.__name__ == "Decimal":
        return str(value)
    return value


def test_render_writes_docx_and_text(tmp_path: Path) -> None:
    """``render`` writes <reference>.docx and .txt and names them."""
    result = invoke("render", str(EXAMPLE), "--out", str(tmp_path))

    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2026-001.docx",
        "2026-001.txt",
    ]
    assert "2026-001.docx" in result.output


def test_render_one_format(tmp_path: Path) -> None:
    """``--format txt`` writes only the text file."""
    result = invoke("render", str(EXAMPLE), "--out", str(tmp_path), "--format", "txt")

    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["2026-001.txt"]


def test_render_format_ignores_case(tmp_path: Path) -> None:
    """``--format TXT`` is the same as ``--format txt``."""
    result = invoke("render", str(EXAMPLE), "--out", str(tmp_path), "--format", "TXT")

    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["2026-001.txt"]


def test_render_unknown_format_is_bad_input(tmp_path: Path) -> None:
    """An unknown format exits 2, names the format and writes nothing."""
    result = invoke("render", str(EXAMPLE), "--out", str(tmp_path), "--format", "pdf")

    assert result.exit_code == 2
    assert "'pdf'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_render_refuses_a_spec_with_errors(tmp_path: Path) -> None:
    """A spec that breaks a rule exits 1, prints the code and writes no file."""
    result = invoke("render", str(INVALID_INDEMNITY), "--out", str(tmp_path))

    assert result.exit_code == 1
    assert "CK-MC-IND-001" in result.output
    assert list(tmp_path.iterdir()) == []


def test_validate_clean_spec_exits_zero() -> None:
    """``validate`` exits 0 for the example."""
    result = invoke("validate", str(EXAMPLE))

    assert result.exit_code == 0, result.output


def test_validate_invalid_indemnity_prints_code_and_path() -> None:
    """``validate`` exits 1 with the rule code and the field path."""
    result = invoke("validate", str(INVALID_INDEMNITY))

    assert result.exit_code == 1
    assert "CK-MC-IND-001" in result.output
    assert "liability.indemnity.good_faith_condition" in result.output


def test_validate_json_lists_findings() -> None:
    """``validate --format json`` prints machine-readable findings."""
    result = invoke("validate", str(INVALID_INDEMNITY), "--format", "json")

    payload = json.loads(result.stdout)
    assert result.exit_code == 1
    assert payload["ok"] is False
    codes = [f["code"] for f in payload["findings"]]
    assert "CK-MC-IND-001" in codes
    first = payload["findings"][codes.index("CK-MC-IND-001")]
    assert set(first) == {"code", "severity", "path", "message", "hint", "section"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("document: [unclosed\n", "line"),
        ("document:\n  reference: '2026-001'\n  bogus: 1\n", "document.bogus"),
        ("- just\n- a list\n", "mapping"),
    ],
    ids=["yaml-syntax", "unknown-field", "not-a-mapping"],
)
def test_unusable_input_exits_2_without_traceback(
    tmp_path: Path, content: str, expected: str
) -> None:
    """Bad input gets a short message naming the file and the problem, exit 2."""
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    out = tmp_path / "out"

    result = invoke("render", str(path), "--out", str(out))

    assert result.exit_code == 2
    assert str(path) in result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not out.exists()


def test_wrong_type_names_line_and_path(tmp_path: Path, spec: SpecFactory) -> None:
    """A wrong type names the field path and its line in the file."""
    path = write_spec(
        tmp_path / "s.yaml", spec({"payment.payment_period_days": "soon"})
    )
    line = next(
        number
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if "payment_period_days" in text
    )

    result = invoke("validate", str(path))

    assert result.exit_code == 2
    assert "payment.payment_period_days" in result.stderr
    assert f"line {line}" in result.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    """A missing spec file exits 2 and names the file."""
    result = invoke("validate", str(tmp_path / "nope.yaml"))

    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr
    assert "does not exist" in result.stderr


def test_example_prints_the_example_spec() -> None:
    """``example medical-coding`` prints the bundled example spec."""
    result = invoke("example", "medical-coding")

    assert result.exit_code == 0
    assert result.stdout == EXAMPLE.read_text(encoding="utf-8")


def test_example_writes_a_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    """``example --out`` writes the spec once and will not overwrite it."""
    target = tmp_path / "mine.yaml"

    first = invoke("example", "medical-coding", "--out", str(target))
    second = invoke("example", "medical-coding", "--out", str(target))

    assert first.exit_code == 0
    assert target.read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")
    assert second.exit_code == 2


def test_unknown_example_exits_2() -> None:
    """An unknown example name exits 2 and lists the examples."""
    result = invoke("example", "plumbing")

    assert result.exit_code == 2
    assert "medical-coding" in result.stderr


def test_schema_is_json_schema_with_pack_section() -> None:
    """``schema`` prints a JSON Schema that includes the medical_coding section."""
    result = invoke("schema")

    schema = json.loads(result.stdout)
    assert result.exit_code == 0
    assert "medical_coding" in schema["properties"]
    assert "document" in schema["required"]
    assert schema["additionalProperties"] is False


def test_schema_accepts_the_example_and_is_valid_json_schema() -> None:
    """The printed schema is valid JSON Schema and the example spec passes it."""
    import datetime
    import decimal

    import jsonschema

    from contractkit.loading import load_data

    schema = json.loads(invoke("schema").stdout)
    data, _ = load_data(EXAMPLE)

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, datetime.date | decimal.Decimal):
            return str(value)
        return value

    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(plain(data), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**plain(data), "bogus": 1}, schema)


def test_console_script_runs() -> None:
    """The installed entry point runs as a real process."""
    completed = subprocess.run(
        [sys.executable, "-m", "contractkit", "validate", str(INVALID_INDEMNITY)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 1
    assert "CK-MC-IND-001" in completed.stdout


def test_packs_show_lists_clauses_and_rules() -> None:
    """``packs show`` lists each clause with its id and each rule with its code."""
    result = invoke("packs", "show", "medical_coding")

    assert result.exit_code == 0
    assert "medical_coding.downtime 1.0 (optional): System Downtime" in result.stdout
    assert "CK-MC-IND-001 error" in result.stdout


def test_rules_json_lists_every_rule() -> None:
    """``rules --format json`` lists code, pack, severity and title of each rule."""
    from contractkit._docgen import all_rules

    result = invoke("rules", "--format", "json")

    rows = json.loads(result.stdout)
    assert result.exit_code == 0
    assert {row["code"] for row in rows} == {rule.code for rule in all_rules()}
    assert set(rows[0]) == {"code", "pack", "severity", "stage", "title"}


def test_version_is_printed() -> None:
    """``--version`` prints the package version and exits 0."""
    import contractkit

    result = invoke("--version")

    assert result.exit_code == 0
    assert result.stdout == f"contractkit {contractkit.__version__}\n"
