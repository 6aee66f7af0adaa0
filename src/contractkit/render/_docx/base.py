"""The fixed parts of every contract's package, deflated once per process.

The package is assembled from contractkit's own parts, never from a word
processor's template, so no foreign author, date, thumbnail or revision id
can reach a contract. The parts that are the same for every contract are
compacted and deflated on first use and then only copied into each archive;
the styles and numbering parts, which vary with the locale and with the
number of lists, are kept deflated for the variants seen most recently.
"""

from __future__ import annotations

import functools
from typing import Final

from lxml import etree

from contractkit.render._docx.archive import Member, deflate
from contractkit.render._docx.numbering import (
    CLAUSE_NUM_ID,
    NUMBERING_XML,
    list_restart,
)
from contractkit.render._docx.styles import STYLES_XML
from contractkit.render._docx.xml import DECLARATION, W_NS, escape_attribute

_PKG_RELS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_RT: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT: Final = "application/vnd.openxmlformats-officedocument"
_WML: Final = f"{_CT}.wordprocessingml"
_APP_DECLARATION: Final = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_VARIANTS: Final = 64
"""How many variants of the styles and numbering parts stay deflated."""

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
  <Override PartName="/docProps/custom.xml" ContentType="{_CT}.custom-properties+xml"/>
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
  <Relationship Id="rId4" Type="{_RT}/custom-properties" Target="docProps/custom.xml"/>
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

_DEFAULT_LANGUAGE: Final = '<w:lang w:val="en-US"'


def compact(xml: str) -> str:
    """Return part ``xml`` without the whitespace between its elements.

    The result starts with the declaration every part of the package uses.
    """
    parser = etree.XMLParser(remove_blank_text=True)
    root = etree.fromstring(xml.encode("utf-8"), parser)
    return DECLARATION + etree.tostring(root, encoding="unicode")


@functools.cache
def fixed_members() -> tuple[Member, ...]:
    """Return the members that are the same in every package, deflated."""
    parts = {
        "[Content_Types].xml": compact(_CONTENT_TYPES),
        "_rels/.rels": compact(_PACKAGE_RELS),
        "word/_rels/document.xml.rels": compact(_DOCUMENT_RELS),
        "word/settings.xml": compact(_SETTINGS),
    }
    members = [deflate(name, xml.encode("utf-8")) for name, xml in parts.items()]
    members.append(deflate("docProps/app.xml", (_APP_DECLARATION + _APP).encode()))
    return tuple(members)


@functools.cache
def _compact_styles() -> str:
    styles = compact(STYLES_XML)
    if _DEFAULT_LANGUAGE not in styles:
        raise RuntimeError("The styles part has lost its default language.")
    return styles


@functools.lru_cache(maxsize=_VARIANTS)
def styles_member(language: str) -> Member:
    """Return ``word/styles.xml`` with ``language`` as the proofing language."""
    styles = _compact_styles().replace(
        _DEFAULT_LANGUAGE, f'<w:lang w:val="{escape_attribute(language)}"', 1
    )
    return deflate("word/styles.xml", styles.encode("utf-8"))


@functools.lru_cache(maxsize=_VARIANTS)
def numbering_member(restarts: int) -> Member:
    """Return ``word/numbering.xml`` with ``restarts`` extra list instances.

    The extra instances, numbered from ``CLAUSE_NUM_ID + 1``, each start
    their list level over at (a).
    """
    numbering = compact(NUMBERING_XML)
    closing = "</w:numbering>"
    first = CLAUSE_NUM_ID + 1
    extra = "".join(list_restart(n) for n in range(first, first + restarts))
    xml = numbering[: -len(closing)] + extra + closing
    return deflate("word/numbering.xml", xml.encode("utf-8"))
