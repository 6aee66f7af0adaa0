"""Real readers: LibreOffice opens every composed contract and shows its words.

A corpus of contracts (the example, every optional clause off, long names,
many phases and chart types) is converted to PDF and to plain text in one
``soffice`` run per format, with a private profile so runs never clash.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from contractkit.composer import compose
from tests.hardening.strategies import OPTIONAL_CLAUSES
from tests.support import SpecFactory

pytestmark = pytest.mark.libreoffice

LONG = "Wolfeschlegelsteinhausenbergerdorff Medical Coding and Revenue Integrity " * 4


def _corpus(spec: SpecFactory) -> dict[str, dict[str, Any]]:
    many_phases = spec()
    section = many_phases["medical_coding"]
    section["phases"] = [
        {"name": f"Phase number {n}", "description": f"Work of phase {n}."}
        for n in range(1, 13)
    ]
    section["chart_types"] = [
        {
            "id": f"type_{n}",
            "name": f"Chart type {n}",
            "definition": f"one encounter of kind {n}",
            "charts_per_hour": str(n),
            "rate_per_chart": f"{n}.25",
        }
        for n in range(1, 16)
    ]
    all_off = spec(clauses=dict.fromkeys(OPTIONAL_CLAUSES, False))
    del all_off["liability"]["indemnity"]
    return {
        "example": spec(),
        "all_on": spec(clauses=dict.fromkeys(OPTIONAL_CLAUSES, True)),
        "all_off": all_off,
        "long_names": spec(
            **{"provider.legal_name": LONG.strip(), "client.signatory.name": LONG[:300]}
        ),
        "many_phases": many_phases,
    }


def _convert(soffice: Path, sources: list[Path], target: str, work: Path) -> None:
    out = work / target.split(":")[0]
    subprocess.run(
        [
            str(soffice),
            f"-env:UserInstallation=file://{work / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def converted(
    soffice: Path,
    tmp_path_factory: pytest.TempPathFactory,
    example_data: dict[str, Any],
) -> dict[str, Any]:
    """Each corpus contract's spec, its PDF's words and its text export."""
    import copy

    from tests.support import set_path

    def spec(changes: dict[str, Any] | None = None, **more: Any) -> dict[str, Any]:
        data = copy.deepcopy(example_data)
        for dotted, value in {**(changes or {}), **more}.items():
            set_path(data, dotted, value)
        return data

    work = tmp_path_factory.mktemp("libreoffice")
    corpus = _corpus(spec)
    sources = []
    for name, data in corpus.items():
        result = compose(data)
        assert result.ok, (name, result.report.errors)
        sources.append(result.write_docx(work / f"{name}.docx"))

    _convert(soffice, sources, "pdf", work)
    _convert(soffice, sources, "txt:Text", work)
    found = {}
    for name, data in corpus.items():
        pdf = work / "pdf" / f"{name}.pdf"
        found[name] = {
            "spec": data,
            "pdf": pdf,
            "txt": (work / "txt" / f"{name}.txt").read_text(encoding="utf-8-sig"),
        }
    return found


def _pdf_words(pdf: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is needed to read the PDFs in CI")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        [tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    "name", ["example", "all_on", "all_off", "long_names", "many_phases"]
)
def test_libreoffice_reads_every_contract_and_its_words(
    converted: dict[str, Any], name: str
) -> None:
    """Party names, numbers 1. and 1.1 and the page footer survive conversion."""
    item = converted[name]
    spec = item["spec"]
    txt = item["txt"]
    pdf = _pdf_words(item["pdf"])

    assert item["pdf"].read_bytes().startswith(b"%PDF")
    for words in (_flat(txt), _flat(pdf)):
        for role in ("provider", "client"):
            assert _flat(spec[role]["legal_name"]) in words
    assert "1.1" in txt and "1." in txt
    assert "Page 1 of" in pdf
    assert "2.1" in pdf
