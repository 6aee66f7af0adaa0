"""The styled base package every contract is written into.

The base is assembled from contractkit's own parts, not from python-docx's
default template, so nothing of that template (its author, its dates, its
thumbnail, its bibliography part, its revision ids) can reach a contract.
It is built once per process and kept as bytes; each document opens a fresh
copy, which costs only the parsing of a few small parts.
"""

from __future__ import annotations

import functools
import io
from typing import Final

import docx
from docx.document import Document as DocxDocument

from contractkit.render._docx import archive
from contractkit.render._docx.numbering import NUMBERING_XML
from contractkit.render._docx.styles import STYLES_XML
from contractkit.render._docx.xml import W_NS

_R_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_RT: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT: Final = "application/vnd.openxmlformats-officedocument"
_WML: Final = f"{_CT}.wordprocessingml"
_DECLARATION: Final = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

LETTER: Final = (12240, 15840)
"""US Letter, width and height in twips."""

A4: Final = (11906, 16838)
"""ISO A4, width and height in twips."""

MARGIN: Final = 1440
"""Every page margin, one inch, in twips."""

_CONTENT_TYPES: Final = f"""\
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.\
relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>
  <Override PartName="/docProps/core.xml" ContentType="application/\
vnd.openxmlformats-package.core-properties+xml"/>
  <Override PartName="/word/document.xml" ContentType="{_WML}.document.main+xml"/>
  <Override PartName="/word/footer1.xml" ContentType="{_WML}.footer+xml"/>
  <Override PartName="/word/header1.xml" ContentType="{_WML}.header+xml"/>
  <Override PartName="/word/numbering.xml" ContentType="{_WML}.numbering+xml"/>
  <Override PartName="/word/settings.xml" ContentType="{_WML}.settings+xml"/>
  <Override PartName="/word/styles.xml" ContentType="{_WML}.styles+xml"/>
</Types>
"""

_PACKAGE_RELS: Final = f"""\
<Relationships xmlns="{_PKG_RELS}">
  <Relationship Id="rId1" Type="{_RT}/officeDocument" Target="word/document.xml"/>
  <Relationship Id="rId2" Type="{_PKG_RELS}/metadata/core-properties" \
Target="docProps/core.xml"/>
  <Relationship Id="rId3" Type="{_RT}/extended-properties" Target="docProps/app.xml"/>
</Relationships>
"""

_DOCUMENT_RELS: Final = f"""\
<Relationships xmlns="{_PKG_RELS}">
  <Relationship Id="rId1" Type="{_RT}/styles" Target="styles.xml"/>
  <Relationship Id="rId2" Type="{_RT}/numbering" Target="numbering.xml"/>
  <Relationship Id="rId3" Type="{_RT}/settings" Target="settings.xml"/>
  <Relationship Id="rId4" Type="{_RT}/header" Target="header1.xml"/>
  <Relationship Id="rId5" Type="{_RT}/footer" Target="footer1.xml"/>
</Relationships>
"""

_DOCUMENT: Final = f"""\
<w:document xmlns:w="{W_NS}" xmlns:r="{_R_NS}">
  <w:body>
    <w:sectPr>
      <w:headerReference w:type="default" r:id="rId4"/>
      <w:footerReference w:type="default" r:id="rId5"/>
      <w:pgSz w:w="{LETTER[0]}" w:h="{LETTER[1]}"/>
      <w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" \
w:left="{MARGIN}" w:header="720" w:footer="720" w:gutter="0"/>
      <w:cols w:space="720"/>
      <w:docGrid w:linePitch="360"/>
    </w:sectPr>
  </w:body>
</w:document>
"""

_SETTINGS: Final = f"""\
<w:settings xmlns:w="{W_NS}">
  <w:zoom w:percent="100"/>
  <w:defaultTabStop w:val="720"/>
  <w:characterSpacingControl w:val="doNotCompress"/>
  <w:compat>
    <w:compatSetting w:name="compatibilityMode" \
w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>
  </w:compat>
  <w:decimalSymbol w:val="."/>
  <w:listSeparator w:val=","/>
</w:settings>
"""

_HEADER: Final = f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{_R_NS}"/>\n'
_FOOTER: Final = f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{_R_NS}"/>\n'

_CORE: Final = """\
<cp:coreProperties \
xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" \
xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:dcmitype="http://purl.org/dc/dcmitype/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>
"""

_APP: Final = """\
<Properties \
xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
  <Application>contractkit</Application>
  <DocSecurity>0</DocSecurity>
  <ScaleCrop>false</ScaleCrop>
  <LinksUpToDate>false</LinksUpToDate>
  <SharedDoc>false</SharedDoc>
  <HyperlinksChanged>false</HyperlinksChanged>
</Properties>
"""


@functools.cache
def base_package() -> bytes:
    """Return the bytes of the base package, built on the first call only."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _PACKAGE_RELS,
        "docProps/app.xml": _APP,
        "docProps/core.xml": _CORE,
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/document.xml": _DOCUMENT,
        "word/footer1.xml": _FOOTER,
        "word/header1.xml": _HEADER,
        "word/numbering.xml": NUMBERING_XML,
        "word/settings.xml": _SETTINGS,
        "word/styles.xml": STYLES_XML,
    }
    return archive.write_members(
        {
            name: (xml if xml.startswith("<?xml") else _DECLARATION + xml).encode()
            for name, xml in parts.items()
        }
    )


def open_base() -> DocxDocument:
    """Return a fresh python-docx document loaded from the base package."""
    return docx.Document(io.BytesIO(base_package()))
