"""docs/writing-clause-packs.md shows the real code of the translation pack.

Each code block of the pack's files follows a ``<!-- file: PATH -->``
marker and must equal that file; the one block without a marker, the
notebook example, must run.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.support import ROOT

DOC = ROOT / "docs" / "writing-clause-packs.md"
PLUGIN = ROOT / "tests" / "plugins" / "contractkit-translation"
PACKAGE = PLUGIN / "src" / "contractkit_translation"
BLOCK = re.compile(
    r"(?:<!-- file: (?P<file>\S+) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)```", re.S
)


def _blocks() -> list[re.Match[str]]:
    return list(BLOCK.finditer(DOC.read_text(encoding="utf-8")))


def _shown() -> dict[str, str]:
    return {m["file"]: m["body"] for m in _blocks() if m["file"]}


def test_every_marked_block_is_its_file() -> None:
    """The text under each file marker is that file, byte for byte."""
    shown = _shown()

    assert shown
    for name, body in shown.items():
        assert body == (ROOT / name).read_text(encoding="utf-8"), name


def test_every_file_of_the_pack_is_shown() -> None:
    """The page walks through every source, template and example of the pack."""
    files = [PLUGIN / "pyproject.toml"] + sorted(
        p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )

    assert sorted(_shown()) == sorted(str(p.relative_to(ROOT)) for p in files)


def test_only_console_and_the_notebook_block_are_unmarked() -> None:
    """Code that is not a file of the pack is shell output, a tree, or runs."""
    unmarked = [m["lang"] for m in _blocks() if not m["file"]]

    assert sorted(set(unmarked)) == ["console", "python", "text"]
    assert unmarked.count("python") == 1


def test_notebook_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The register_pack example composes the sample spec with the pack."""
    (code,) = [m["body"] for m in _blocks() if m["lang"] == "python" and not m["file"]]
    shutil.copy(PACKAGE / "examples" / "sample.yaml", tmp_path / "sample.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(PACKAGE.parent))
    printed: list[str] = []

    exec(compile(code, str(DOC), "exec"), {"print": printed.append})

    assert "TRANSLATION SERVICES AGREEMENT" in printed[0]
