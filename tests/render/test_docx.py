"""Tests of the DOCX renderer, read back through python-docx."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from contractkit.document.nodes import (
    CrossReference,
    DefinedTerm,
    Document,
    Emphasis,
    ItemList,
    LineBreak,
    Metadata,
    Paragraph,
    Section,
    SignatureBlock,
    SignatureParty,
    Table,
    Text,
    plain_text,
)
from contractkit.render import render
from contractkit.render.docx import render_docx
from contractkit.render.text import render_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
HOSTILE = "*ACME* {{ 7*7 }} & <Sons>"
EFFECTIVE = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def _attr(element: etree._Element, name: str = "val") -> str | None:
    return element.get(f"{{{W}}}{name}")


def _letter(index: int) -> str:
    return chr(ord("a") + index % 26) * (index // 26 + 1)


@pytest.fixture(scope="module")
def contract() -> Document:
    """A contract with every kind of block, inline run and numbering case."""
    services = Section(
        number="1",
        title="Services",
        clause_id="general.services",
        blocks=(
            Paragraph(
                (
                    Text("The "),
                    DefinedTerm("Provider", defining=True),
                    Text(" codes charts for "),
                    Text(HOSTILE),
                    Text(" as set out in "),
                    CrossReference("general.fees", "Section 2"),
                    Text("."),
                ),
                number="1.1",
            ),
            ItemList(
                (
                    (Text("initial "), Emphasis("audit"), Text(" of records;")),
                    (Text("coding"), LineBreak(), Text("of encounters;")),
                )
            ),
            Paragraph((Text("Both phases are billable."),)),
            ItemList(tuple((Text(f"item {n}"),) for n in range(28))),
            Paragraph(
                (Text("The "), DefinedTerm("Provider"), Text(" reports.")), "1.2"
            ),
        ),
    )
    fees = Section(
        number="2",
        title="Fees",
        clause_id="general.fees",
        blocks=(
            Paragraph((Text("The fees are:"),), number="2.1"),
            Table(
                header=((Text("Chart type"),), (Text("Rate"),)),
                rows=(
                    ((Text("Emergency"),), (Text("$4.00"),)),
                    ((Text("Surgery"),), (Text("$12.00"),)),
                ),
            ),
            Paragraph((Text("Invoices are monthly."),), number="2.2"),
            ItemList(((Text("by transfer;"),), (Text("by cheque."),))),
        ),
    )
    return Document(
        metadata=Metadata(
            reference="2026-001",
            title="Medical Coding Services Agreement",
            effective_date="2026-03-01",
            locale="en_US",
            provenance={
                "spec_sha256": "ab" * 32,
                "packs": '{"general": "1.0.0"}',
                "clauses": '{"general.fees": {"version": "1.0.0"}}',
            },
        ),
        header="Medical Coding Services Agreement \u2014 Reference 2026-001",
        footer="Page {page} of {pages}",
        preamble=(
            Paragraph((Text("This agreement is made between the parties below."),)),
        ),
        sections=(services, fees),
        signature=SignatureBlock(
            intro="Signed by the parties on the dates below.",
            parties=(
                SignatureParty("Provider", "Jane Coder LLC", "Jane Coder", "Owner"),
                SignatureParty("Client", HOSTILE, "Bob Boss", "Director"),
            ),
        ),
    )


@pytest.fixture(scope="module")
def rendered(contract: Document) -> bytes:
    """The contract as DOCX bytes."""
    return render_docx(contract)


@pytest.fixture(scope="module")
def word(rendered: bytes) -> DocxDocument:
    """The rendered contract reopened with python-docx."""
    return docx.Document(io.BytesIO(rendered))


def _members(rendered: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(rendered)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _num_pr(paragraph: DocxParagraph) -> tuple[int, int] | None:
    element = paragraph._p
    ilvl = element.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
    num_id = element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    if not num_id:
        return None
    return int(num_id[0]), int(ilvl[0])


def _expected_texts(document: Document) -> Iterator[str]:
    yield document.metadata.title
    yield document.header
    for block in document.preamble:
        assert isinstance(block, Paragraph)
        yield plain_text(block.runs)
    for section in document.sections:
        yield section.title
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield plain_text(block.runs)
            elif isinstance(block, ItemList):
                yield from (plain_text(item) for item in block.items)
    yield document.signature.intro


def _expected_numbers(document: Document) -> Iterator[str]:
    for section in document.sections:
        yield f"{section.number}."
        for block in section.blocks:
            if isinstance(block, Paragraph) and block.number:
                yield block.number
            elif isinstance(block, ItemList):
                yield from (f"({_letter(i)})" for i in range(len(block.items)))


def _shown_numbers(word: DocxDocument) -> list[str]:
    """Number the paragraphs as ECMA-376 says Word does, from the file alone."""
    numbering = word.part.numbering_part.element
    levels = {
        int(_attr(lvl, "ilvl")): (
            _attr(lvl.find("w:numFmt", NS)),
            _attr(lvl.find("w:lvlText", NS)),
        )
        for lvl in numbering.findall("w:abstractNum/w:lvl", NS)
    }
    restarts = {
        int(_attr(num, "numId")): {
            int(_attr(o, "ilvl")): int(_attr(o.find("w:startOverride", NS)))
            for o in num.findall("w:lvlOverride", NS)
        }
        for num in numbering.findall("w:num", NS)
    }
    counters = [0] * len(levels)
    started: set[int] = set()
    shown = []
    for paragraph in word.paragraphs:
        numbered = _num_pr(paragraph)
        if numbered is None:
            continue
        num_id, level = numbered
        if num_id not in started:
            started.add(num_id)
            for restarted, start in restarts[num_id].items():
                counters[restarted] = start - 1
        counters[level] += 1
        counters[level + 1 :] = [0] * (len(levels) - level - 1)
        fmt, text = levels[level]
        for n, value in enumerate(counters, start=1):
            digits = _letter(value - 1) if levels[n - 1][0] == "lowerLetter" else value
            text = text.replace(f"%{n}", str(digits))
        assert fmt in {"decimal", "lowerLetter"}
        shown.append(text)
    return shown


def test_title_and_sections_use_title_and_heading_styles(
    word: DocxDocument, contract: Document
) -> None:
    """The title is in the Title style and each section title in Heading 1."""
    paragraphs = word.paragraphs
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]

    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == contract.metadata.title
    assert headings == [section.title for section in contract.sections]


def test_paragraph_texts_are_the_plain_text_of_their_runs(
    word: DocxDocument, contract: Document
) -> None:
    """Body paragraphs hold the tree's words in order, with no typed numbers."""
    texts = [p.text for p in word.paragraphs]

    assert texts == list(_expected_texts(contract))


def test_headings_clauses_and_items_carry_their_numbering_level(
    word: DocxDocument,
) -> None:
    """Headings are level 0, numbered paragraphs level 1, list items level 2."""
    levels = {"Heading 1": 0, "Clause": 1, "Clause Item": 2}

    for paragraph in word.paragraphs:
        numbered = _num_pr(paragraph)
        expected = levels.get(paragraph.style.name)
        assert (numbered and numbered[1]) == expected, paragraph.text


def test_unnumbered_paragraphs_use_body_styles(word: DocxDocument) -> None:
    """Paragraphs without a number are body text with no numbering."""
    body = [p for p in word.paragraphs if p.style.name.startswith("Body Text")]

    assert [p.text for p in body] == [
        "This agreement is made between the parties below.",
        "Both phases are billable.",
        "Signed by the parties on the dates below.",
    ]
    assert all(_num_pr(p) is None for p in body)


def test_numbering_definition_has_one_format_per_level(word: DocxDocument) -> None:
    """numbering.xml defines %1. on Heading 1, %1.%2 and (%3) in letters."""
    numbering = word.part.numbering_part.element
    lvls = numbering.findall("w:abstractNum/w:lvl", NS)
    found = [
        (
            _attr(lvl.find("w:numFmt", NS)),
            _attr(lvl.find("w:lvlText", NS)),
            _attr(lvl.find("w:pStyle", NS)),
        )
        for lvl in lvls
    ]

    assert len(numbering.findall("w:abstractNum", NS)) == 1
    assert found == [
        ("decimal", "%1.", "Heading1"),
        ("decimal", "%1.%2", "Clause"),
        ("lowerLetter", "(%3)", "ClauseItem"),
    ]
    assert numbering.findall(".//w:lvlRestart", NS) == []


def test_numbers_shown_by_word_are_the_numbers_of_the_tree(
    word: DocxDocument, contract: Document
) -> None:
    """Word's numbering gives 1., 1.1, (a) ... (z), (aa), (bb) as in the tree."""
    shown = _shown_numbers(word)

    assert shown == list(_expected_numbers(contract))
    assert "(aa)" in shown and "(bb)" in shown


def test_a_second_list_under_one_clause_restarts_at_a(word: DocxDocument) -> None:
    """A list after an unnumbered paragraph gets an instance restarting level 2."""
    numbering = word.part.numbering_part.element
    overrides = numbering.findall("w:num/w:lvlOverride", NS)

    assert [_attr(o, "ilvl") for o in overrides] == ["2"]
    assert _attr(overrides[0].find("w:startOverride", NS)) == "1"


def test_defined_terms_are_bold_and_emphasis_is_italic(word: DocxDocument) -> None:
    """A defining term is bold in curly quotes; emphasis is italic."""
    runs = [run for p in word.paragraphs for run in p.runs]
    bold = [run.text for run in runs if run.bold]
    italic = [run.text for run in runs if run.italic]

    assert "\u201cProvider\u201d" in bold
    assert "Provider" not in bold
    assert italic == ["audit"]


def test_line_break_is_a_word_break(word: DocxDocument) -> None:
    """A LineBreak becomes a w:br inside the list item's paragraph."""
    item = next(p for p in word.paragraphs if p.text.startswith("coding"))

    assert item.text == "coding\nof encounters;"
    assert len(item._p.xpath(".//w:br")) == 1


def test_fee_table_has_a_bold_repeating_header_and_a_grid(
    word: DocxDocument,
) -> None:
    """Document tables are Table Grid with a bold header row that repeats."""
    table = word.tables[0]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    header = table.rows[0]

    assert table.style.name == "Table Grid"
    assert cells == [
        ["Chart type", "Rate"],
        ["Emergency", "$4.00"],
        ["Surgery", "$12.00"],
    ]
    assert header._tr.xpath("./w:trPr/w:tblHeader")
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for run in table.rows[1].cells[0].paragraphs[0].runs)


def test_signature_table_says_what_the_text_renderer_says(
    word: DocxDocument, contract: Document
) -> None:
    """The signature table has a column per party with the text renderer's lines."""
    table = word.tables[-1]
    columns = [[row.cells[i].text for row in table.rows] for i in range(2)]
    text_lines = render_text(contract).splitlines()

    assert len(table.columns) == len(contract.signature.parties)
    assert columns[0][0] == "PROVIDER: Jane Coder LLC"
    assert columns[1][0] == f"CLIENT: {HOSTILE}"
    for column in columns:
        start = text_lines.index(column[0])
        assert column == text_lines[start : start + 5]
    assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)


def test_header_has_the_header_line(word: DocxDocument, contract: Document) -> None:
    """The page header holds the document's header text."""
    header = word.sections[0].header

    assert [p.text for p in header.paragraphs] == [contract.header]
    assert header.paragraphs[0].style.name == "Header"


def test_footer_counts_pages_with_fields(word: DocxDocument) -> None:
    """The footer's {page} and {pages} are PAGE and NUMPAGES fields."""
    footer = word.sections[0].footer.paragraphs[0]
    codes = [code.strip() for code in footer._p.xpath(".//w:instrText/text()")]
    kinds = footer._p.xpath(".//w:fldChar/@w:fldCharType")

    assert codes == ["PAGE", "NUMPAGES"]
    assert kinds == ["begin", "separate", "end"] * 2
    assert footer.text == "Page 1 of 1"


def test_core_properties_come_from_the_document(word: DocxDocument) -> None:
    """Core properties hold the title, reference and effective date, nothing else."""
    core = word.core_properties

    assert core.title == "Medical Coding Services Agreement"
    assert core.subject == "Reference 2026-001"
    assert core.identifier == "2026-001"
    assert core.keywords == "2026-001"
    assert core.language == "en-US"
    assert core.created == EFFECTIVE
    assert core.modified == EFFECTIVE
    assert core.author == core.last_modified_by == core.comments == ""
    assert core.revision == 1
    assert core.last_printed is None


def test_no_trace_of_python_docx_or_its_template(rendered: bytes) -> None:
    """No part names python-docx or carries its template's extras."""
    members = _members(rendered)
    app = members["docProps/app.xml"].decode()

    assert not any(b"python-docx" in data for data in members.values())
    assert "<Application>contractkit</Application>" in app
    assert "Microsoft" not in app
    assert not any(
        re.search(r"thumbnail|customXml|stylesWithEffects", n) for n in members
    )
    assert b"w:rsid" not in members["word/settings.xml"]


def test_custom_properties_hold_the_provenance(
    rendered: bytes, contract: Document
) -> None:
    """custom.xml has one text property per provenance key, in key order."""
    members = _members(rendered)
    root = etree.fromstring(members["docProps/custom.xml"])
    found = [(p.get("name"), p[0].text, p[0].tag.split("}")[1]) for p in root]
    provenance = contract.metadata.provenance

    assert found == [
        (f"contractkit.{key}", provenance[key], "lpwstr") for key in sorted(provenance)
    ]
    assert [p.get("pid") for p in root] == ["2", "3", "4"]
    assert b"/docProps/custom.xml" in members["[Content_Types].xml"]
    assert b"custom-properties" in members["_rels/.rels"]


def test_two_renders_are_byte_identical(rendered: bytes, contract: Document) -> None:
    """The same tree gives the same bytes, with a fixed zip layout."""
    with zipfile.ZipFile(io.BytesIO(rendered)) as archive:
        infos = archive.infolist()

    assert render_docx(contract) == rendered
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}


def test_hostile_text_appears_literally(word: DocxDocument, rendered: bytes) -> None:
    """Markup, template and XML characters in a name reach Word unchanged."""
    document_xml = _members(rendered)["word/document.xml"].decode()

    assert any(HOSTILE in p.text for p in word.paragraphs)
    assert "*ACME* {{ 7*7 }} &amp; &lt;Sons&gt;" in document_xml
    assert "&amp;amp;" not in document_xml


def test_render_dispatches_docx_here(contract: Document, rendered: bytes) -> None:
    """render(document, "docx") is this renderer."""
    assert render(contract, "docx") == rendered


@pytest.mark.parametrize(
    ("locale", "size"),
    [
        ("en_US", ("12240", "15840")),
        ("en-CA", ("12240", "15840")),
        ("de_DE", ("11906", "16838")),
    ],
)
def test_page_size_follows_the_locale(
    contract: Document, locale: str, size: tuple[str, str]
) -> None:
    """Letter paper where the locale's country uses it, A4 elsewhere."""
    metadata = replace(contract.metadata, locale=locale)
    word = docx.Document(io.BytesIO(render_docx(replace(contract, metadata=metadata))))
    page = word.element.body.sectPr.find("w:pgSz", NS)

    assert (_attr(page, "w"), _attr(page, "h")) == size


def test_numbers_out_of_sequence_are_refused(contract: Document) -> None:
    """A tree whose numbers Word could not show is an error, not a silent change."""
    skipped = replace(contract.sections[1], number="3")
    broken = replace(contract, sections=(contract.sections[0], skipped))

    with pytest.raises(ValueError, match="expected section '2'.*says '3'"):
        render_docx(broken)


def test_text_xml_cannot_hold_is_refused(contract: Document) -> None:
    """A control character, which XML 1.0 cannot hold, fails before any output."""
    metadata = replace(contract.metadata, title="Agreement\x01")

    with pytest.raises(ValueError, match="XML compatible"):
        render_docx(replace(contract, metadata=metadata))
