"""Nothing lost: a failure at any write step leaves no partial file behind.

Each test writes a first version, makes one step of the next write fail, and
checks that the earlier version is intact and no temporary file is left.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import contractkit.render.docx
import contractkit.render.output as output
from contractkit.cli import app
from contractkit.composer import ComposedContract, compose
from contractkit.errors import OutputError
from tests.support import EXAMPLE, SpecFactory


@pytest.fixture
def contract(spec: SpecFactory) -> ComposedContract:
    """The example contract, composed."""
    return compose(spec())


def _earlier(folder: Path) -> dict[str, bytes]:
    folder.mkdir(exist_ok=True)
    files = {"2026-001.docx": b"earlier docx", "2026-001.txt": b"earlier text"}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def _contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def _failing(*_: Any, **__: Any) -> Any:
    raise OSError(errno.EIO, "Input/output error")


_REAL_FDOPEN = os.fdopen


class _FullDisk:
    """A file object whose writes fail as on a full disk."""

    def __init__(self, fd: int, *args: Any, **kwargs: Any) -> None:
        self._stream = _REAL_FDOPEN(fd, *args, **kwargs)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


STEPS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "os.replace fails": lambda mp: mp.setattr(output.os, "replace", _failing),
    "fsync fails": lambda mp: mp.setattr(output.os, "fsync", _failing),
    "disk full on write": lambda mp: mp.setattr(output.os, "fdopen", _FullDisk),
    "mkstemp fails": lambda mp: mp.setattr(output.tempfile, "mkstemp", _failing),
}


@pytest.mark.parametrize("step", STEPS.values(), ids=STEPS.keys())
@pytest.mark.parametrize("how", ["write", "write_docx", "write_text"])
def test_a_failed_write_keeps_the_earlier_version(
    tmp_path: Path,
    contract: ComposedContract,
    monkeypatch: pytest.MonkeyPatch,
    step: Callable[[pytest.MonkeyPatch], None],
    how: str,
) -> None:
    """OutputError is raised; earlier files are untouched; no temp file remains."""
    earlier = _earlier(tmp_path)
    step(monkeypatch)

    with pytest.raises(OutputError):
        if how == "write":
            contract.write(tmp_path)
        elif how == "write_docx":
            contract.write_docx(tmp_path / "2026-001.docx")
        else:
            contract.write_text(tmp_path / "2026-001.txt")

    assert _contents(tmp_path) == earlier


def test_a_render_failure_writes_nothing(
    tmp_path: Path, contract: ComposedContract, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the DOCX renderer raises, not even the text file is written."""
    earlier = _earlier(tmp_path)

    def broken(*_: Any) -> bytes:
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(contractkit.render.docx, "render_docx", broken)

    with pytest.raises(RuntimeError):
        contract.write(tmp_path, ["txt", "docx"])
    assert _contents(tmp_path) == earlier


def test_a_failure_on_the_second_file_leaves_the_first_untouched(
    tmp_path: Path, contract: ComposedContract, monkeypatch: pytest.MonkeyPatch
) -> None:
    """write() promises that a failure leaves nothing behind: all files or none.

    The rename of the second file fails; the first file must still be its
    earlier version, or the folder holds a DOCX and a text file of two
    different contracts.
    """
    earlier = _earlier(tmp_path)
    real_replace = os.replace
    calls: list[str] = []

    def second_fails(source: str, target: Any) -> None:
        calls.append(str(target))
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", second_fails)

    with pytest.raises(OutputError):
        contract.write(tmp_path)
    assert _contents(tmp_path) == earlier


@pytest.mark.parametrize("step", STEPS.values(), ids=STEPS.keys())
def test_the_cli_reports_a_failed_write_without_a_traceback(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    step: Callable[[pytest.MonkeyPatch], None],
) -> None:
    """``contractkit render`` exits 2 with a message and keeps earlier files."""
    earlier = _earlier(tmp_path)
    step(monkeypatch)

    result = CliRunner().invoke(app, ["render", str(EXAMPLE), "--out", str(tmp_path)])

    assert result.exit_code == 2, result.output
    assert "Cannot write" in result.output
    assert "Traceback" not in result.output
    assert _contents(tmp_path) == earlier


def test_new_files_are_private_and_replaced_files_keep_their_mode(
    tmp_path: Path, contract: ComposedContract
) -> None:
    """A new contract file is 0600; a replaced one keeps its bits."""
    fresh = contract.write_text(tmp_path / "new.txt")
    kept = tmp_path / "kept.txt"
    kept.write_bytes(b"old")
    kept.chmod(0o640)

    contract.write_text(kept)

    assert fresh.stat().st_mode & 0o777 == 0o600
    assert kept.stat().st_mode & 0o777 == 0o640
