"""The bundled example, end to end: the words of the text and the DOCX."""

from __future__ import annotations

import io

import docx
import pytest

import contractkit as ck
from tests.support import EXAMPLE, ROOT

EXPECTED_TEXT = ROOT / "tests" / "data" / "orthopedic-backlog.txt"


@pytest.fixture(scope="module")
def result() -> ck.ComposedContract:
    return ck.compose(ck.load(EXAMPLE))


def test_text_matches_the_reviewed_contract(result: ck.ComposedContract) -> None:
    """The text output equals the reviewed copy in tests/data.

    After a deliberate change to a clause, read the new text through and
    replace the file with it.
    """
    assert result.to_text() == EXPECTED_TEXT.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "words",
    [
        "Whitfield Coding Services LLC",
        "Gulf Coast Orthopedic Surgery Center, LLC",
        "Dana Whitfield, CPC, CPC-O",
        "Marisol Ortega",
        "only where Provider acted in \u201cGood Faith\u201d on the records",
        "ICD-10-CM, CPT and HCPCS Level II",
        "HIPAA",
        "BUSINESS ASSOCIATE TERMS",
        "$38.00 per chart",
        "$7.50 per query",
        "$240.00 per day",
        "within 48 hours",
        "February 2, 2026",
    ],
)
def test_text_says_what_the_issue_requires(
    result: ck.ComposedContract, words: str
) -> None:
    """The contract names the parties, the key terms and the fees in en_US."""
    assert words in result.to_text()


@pytest.fixture(scope="module")
def document(result: ck.ComposedContract) -> docx.document.Document:
    return docx.Document(io.BytesIO(result.to_docx()))


def test_docx_has_a_heading_per_section(
    result: ck.ComposedContract, document: docx.document.Document
) -> None:
    """Each section is a Heading 1 paragraph with its title, in order."""
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]

    assert headings == [s.title for s in result.document.sections]


def test_docx_numbers_sections_and_subsections(
    document: docx.document.Document,
) -> None:
    """Headings and subsections carry Word numbering at levels 0 and 1."""
    levels = {
        p.style.name: p._p.pPr.numPr.ilvl.val
        for p in document.paragraphs
        if p._p.pPr is not None and p._p.pPr.numPr is not None
    }

    assert levels["Heading 1"] == 0
    assert 1 in levels.values()
    assert 2 in levels.values()


def test_docx_fee_schedule_table(document: docx.document.Document) -> None:
    """The fee schedule is a table whose cells hold the formatted rates."""
    fee_table = next(t for t in document.tables if "Rate" in t.rows[0].cells[-1].text)
    cells = [cell.text for row in fee_table.rows for cell in row.cells]

    assert "Ambulatory surgery encounter" in cells
    assert "$38.00 per chart" in cells


def test_docx_signature_table(document: docx.document.Document) -> None:
    """The last table is the signature table with both parties and signatories."""
    cells = " ".join(
        cell.text for row in document.tables[-1].rows for cell in row.cells
    )

    assert "Whitfield Coding Services LLC" in cells
    assert "Gulf Coast Orthopedic Surgery Center, LLC" in cells
    assert "Name: Marisol Ortega" in cells


def test_docx_header_footer_and_properties(document: docx.document.Document) -> None:
    """Header has the reference, footer page fields; properties from the contract."""
    section = document.sections[0]
    footer_xml = section.footer._element.xml
    core = document.core_properties

    assert "Reference 2026-001" in section.header.paragraphs[0].text
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert core.title == "Medical Coding Services Agreement"
    assert core.identifier == "2026-001"
    assert core.author != "python-docx"
    assert core.created is not None and core.created.date().isoformat() == "2026-02-02"
