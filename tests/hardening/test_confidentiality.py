"""Confidentiality: no contract content in logs or warnings, no network use."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from contractkit.bulk import compose_many
from contractkit.cli import app
from contractkit.composer import compose
from tests.support import EXAMPLE, ROOT, SpecFactory


def _secrets(data: dict[str, Any], text: str) -> list[str]:
    """Party names, amounts and clause sentences that must never be logged."""
    names = [
        data[role][key]
        for role in ("provider", "client")
        for key in ("legal_name", "entity_type")
    ] + [data[role]["signatory"]["name"] for role in ("provider", "client")]
    section = data["medical_coding"]
    amounts = [str(chart["rate_per_chart"]) for chart in section["chart_types"]]
    amounts += [
        str(value) for value in section["fees"].values() if value != "per_chart"
    ]
    amounts += ["$38.00", "$240.00", "$2,500.00"]
    sentences = [line.strip() for line in text.splitlines() if len(line.strip()) > 40]
    return [*names, *amounts, *sentences[::7]]


def _full_run(data: dict[str, Any], out: Path) -> str:
    result = compose(data)
    text = result.to_text()
    result.to_docx()
    result.write(out)
    results = list(
        compose_many([data, data, {"broken": True}], formats=("docx", "txt"))
    )
    assert [r.ok for r in results] == [True, True, False]
    CliRunner().invoke(app, ["render", str(EXAMPLE), "--out", str(out / "cli")])
    return text


def test_no_log_record_or_warning_holds_contract_content(
    spec: SpecFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Every record at DEBUG, from every logger, and every warning is clean."""
    data = spec()
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        logging.getLogger(name).setLevel(logging.DEBUG)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = _full_run(data, tmp_path)

    said = [record.getMessage() for record in caplog.records]
    said += [f"{record.args!r}" for record in caplog.records]
    said += [str(warning.message) for warning in caught]
    for secret in _secrets(data, text):
        assert not [line for line in said if secret in line], secret


def test_no_module_opens_a_network_connection(
    spec: SpecFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With connect and create_connection blocked, a full run makes no call."""
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise OSError("network use is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)

    _full_run(spec(), tmp_path)

    assert attempts == []


_NO_SOCKETS = """
import socket, sys

class NoSocket:
    def __init__(self, *args, **kwargs):
        raise SystemExit("a socket was created")

socket.socket = NoSocket
socket.create_connection = NoSocket

from contractkit.bulk import compose_many
from contractkit.composer import compose
from contractkit.loading import load
from contractkit.cli import main

contract = load(sys.argv[1])
compose(contract).write(sys.argv[2])
assert all(r.ok for r in compose_many([contract], formats=("docx", "txt")))
try:
    main(["render", sys.argv[1], "--out", sys.argv[2] + "/cli"])
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
print("no sockets")
"""


def test_a_process_without_sockets_composes_renders_and_bulk_runs(
    tmp_path: Path,
) -> None:
    """With ``socket.socket`` replaced before import, everything still works."""
    done = subprocess.run(
        [sys.executable, "-c", _NO_SOCKETS, str(EXAMPLE), str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("no sockets")
