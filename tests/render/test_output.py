"""Tests for atomic output: write_atomic and write_all."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from contractkit.errors import ContractkitError, OutputError
from contractkit.render import output
from contractkit.render.output import write_all, write_atomic


def test_write_atomic_writes_the_bytes_and_returns_the_path(tmp_path: Path) -> None:
    """The file holds exactly the bytes given."""
    path = tmp_path / "2026-001.docx"

    assert write_atomic(path, b"PK\x03\x04 contract") == path
    assert path.read_bytes() == b"PK\x03\x04 contract"


def test_write_atomic_creates_missing_folders(tmp_path: Path) -> None:
    """Missing parent folders are created."""
    path = tmp_path / "out" / "2026" / "contract.txt"

    write_atomic(path, b"text")

    assert path.read_bytes() == b"text"


def test_write_atomic_replaces_an_earlier_version(tmp_path: Path) -> None:
    """An existing file is replaced in full, also by shorter content."""
    path = tmp_path / "contract.txt"
    path.write_bytes(b"a much longer earlier version")

    write_atomic(path, b"new")

    assert path.read_bytes() == b"new"


def test_write_atomic_writes_empty_files(tmp_path: Path) -> None:
    """Zero bytes make an empty file."""
    path = tmp_path / "empty.txt"

    write_atomic(path, b"")

    assert path.read_bytes() == b""


def test_write_atomic_leaves_no_temporary_file(tmp_path: Path) -> None:
    """After a write, the folder holds only the output file."""
    write_atomic(tmp_path / "contract.txt", b"one")
    write_atomic(tmp_path / "contract.txt", b"two")

    assert [p.name for p in tmp_path.iterdir()] == ["contract.txt"]


def test_write_atomic_renames_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data is written to a file in the same folder, then renamed over."""
    calls: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(source: Any, target: Any) -> None:
        calls.append((str(source), str(target)))
        assert Path(source).read_bytes() == b"data"
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", spy)
    path = tmp_path / "contract.txt"

    write_atomic(path, b"data")

    [(source, target)] = calls
    assert Path(source).parent == tmp_path
    assert Path(source).name != path.name
    assert target == str(path)


def failing_replace(source: Any, target: Any) -> None:
    raise PermissionError(errno.EACCES, "Permission denied")


def test_failed_rename_keeps_the_earlier_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the rename fails the old file is intact and no temp file is left."""
    path = tmp_path / "contract.txt"
    path.write_bytes(b"signed version")
    monkeypatch.setattr(output.os, "replace", failing_replace)

    with pytest.raises(OutputError) as caught:
        write_atomic(path, b"draft")

    assert path.read_bytes() == b"signed version"
    assert [p.name for p in tmp_path.iterdir()] == ["contract.txt"]
    assert repr(str(path)) in str(caught.value)
    assert "Permission denied" in str(caught.value)


class FailingStream:
    """A file object whose writes fail as on a full disk."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def __enter__(self) -> FailingStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stream.close()

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def test_failed_write_keeps_the_earlier_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails halfway leaves the old file and no temp file."""
    path = tmp_path / "contract.txt"
    path.write_bytes(b"signed version")
    real_fdopen = os.fdopen
    monkeypatch.setattr(
        output.os, "fdopen", lambda *a, **k: FailingStream(real_fdopen(*a, **k))
    )

    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(path, b"draft")

    assert path.read_bytes() == b"signed version"
    assert [p.name for p in tmp_path.iterdir()] == ["contract.txt"]


def test_failed_first_write_creates_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without an earlier version, a failed write leaves the folder empty."""
    monkeypatch.setattr(output.os, "replace", failing_replace)

    with pytest.raises(OutputError):
        write_atomic(tmp_path / "contract.txt", b"draft")

    assert list(tmp_path.iterdir()) == []


def test_folder_that_is_a_file_is_an_output_error(tmp_path: Path) -> None:
    """A parent path that is a regular file cannot become a folder."""
    blocker = tmp_path / "out"
    blocker.write_bytes(b"not a folder")

    with pytest.raises(OutputError, match="Cannot write"):
        write_atomic(blocker / "contract.txt", b"data")

    assert blocker.read_bytes() == b"not a folder"


def test_target_that_is_a_folder_is_an_output_error(tmp_path: Path) -> None:
    """Writing over a folder fails, and the folder and its content stay."""
    target = tmp_path / "contract.txt"
    target.mkdir()
    (target / "keep").write_bytes(b"kept")

    with pytest.raises(OutputError):
        write_atomic(target, b"data")

    assert (target / "keep").read_bytes() == b"kept"
    assert [p.name for p in tmp_path.iterdir()] == ["contract.txt"]


def test_output_error_is_a_contractkit_error_and_an_os_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Callers may catch it as ContractkitError or as OSError."""
    monkeypatch.setattr(output.os, "replace", failing_replace)

    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "contract.txt", b"data")

    assert isinstance(caught.value, ContractkitError)
    assert isinstance(caught.value, OSError)


def test_write_all_writes_every_file(tmp_path: Path) -> None:
    """write_all writes each payload and returns the paths in order."""
    payloads = {tmp_path / "a.txt": b"A", tmp_path / "sub" / "b.docx": b"B"}

    assert write_all(payloads) == list(payloads)
    assert {p: p.read_bytes() for p in payloads} == payloads


def test_error_names_the_file_that_could_not_be_written(tmp_path: Path) -> None:
    """When the second target is a folder, the message names it, not the first."""
    blocked = tmp_path / "b.txt"
    blocked.mkdir()

    with pytest.raises(OutputError, match="b.txt"):
        write_all({tmp_path / "a.docx": b"a", blocked: b"b"})

    assert not (tmp_path / "a.docx").exists()
