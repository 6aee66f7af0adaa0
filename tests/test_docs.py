"""The documentation: generated references are current, codes documented,
examples run."""

from __future__ import annotations

import doctest
import importlib
import re
import shutil
from pathlib import Path

import pytest

from contractkit import _docgen
from tests.support import EXAMPLES, ROOT

DOCS = ROOT / "docs"


def test_spec_reference_is_current() -> None:
    """docs/spec.md is what the models generate; regenerate after a change."""
    assert (DOCS / "spec.md").read_text(encoding="utf-8") == _docgen.spec_markdown()


def test_rules_reference_is_current() -> None:
    """docs/rules.md is what the rules generate; regenerate after a change."""
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == _docgen.rules_markdown()


def test_every_code_has_a_section() -> None:
    """Every code contractkit can report has its own section in docs/rules.md."""
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^## (CK-[A-Z0-9-]+)$", text, flags=re.MULTILINE))

    missing = sorted(set(_docgen.all_codes()) - headings)

    assert missing == []


def test_every_rule_has_documentation() -> None:
    """Each rule's documentation text says something."""
    for code, (title, doc) in _docgen.all_codes().items():
        assert title.strip(), code
        assert len(doc.split()) >= 8, code


@pytest.mark.parametrize(
    "module",
    ["contractkit.values", "contractkit.document.markup"],
)
def test_docstring_examples_run(module: str) -> None:
    """The examples in the module's docstrings give what they show."""
    failures, tried = doctest.testmod(importlib.import_module(module))

    assert tried > 0
    assert failures == 0


def _python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize(
    "page", ["README.md", "docs/getting-started.md", "docs/bulk.md"]
)
def test_python_examples_in_docs_run(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every Python example on the page runs from a fresh folder."""
    shutil.copytree(EXAMPLES, tmp_path / "examples" / "medical-coding")
    shutil.copy(EXAMPLES / "orthopedic-backlog.yaml", tmp_path / "my-contract.yaml")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    blocks = _python_blocks(ROOT / page)

    printed: list[tuple[object, ...]] = []
    assert blocks
    for block in blocks:
        exec(compile(block, page, "exec"), {"print": lambda *a, **k: printed.append(a)})
    if page == "docs/bulk.md":
        assert [row for row, *_ in printed] == [3]
    else:
        assert any(p.suffix == ".docx" for p in (tmp_path / "out").iterdir())


def test_pack_guide_quotes_the_current_packs_list() -> None:
    """The guide's 'packs list' lines for the built-in packs match the command."""
    from typer.testing import CliRunner

    from contractkit.cli import app

    listing = CliRunner().invoke(app, ["packs", "list"]).stdout.splitlines()
    guide = (DOCS / "writing-clause-packs.md").read_text(encoding="utf-8")

    for line in listing:
        if line.startswith(("general ", "medical_coding ")):
            assert line in guide.splitlines()
