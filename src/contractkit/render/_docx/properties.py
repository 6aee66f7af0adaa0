"""Document properties taken from the contract alone: core, custom, language.

Nothing here reads the clock or the machine: the creation and modification
times are the effective date at midnight UTC, and the author fields are
left empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Final

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from contractkit.document.nodes import Metadata
from contractkit.render._docx.xml import w

_CUSTOM_NS: Final = (
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
)
_VT_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_USER_DEFINED: Final = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The format id Office gives every user-defined custom property."""

PROPERTY_PREFIX: Final = "contractkit."


def language_tag(locale: str) -> str:
    """Return the BCP 47 tag of a locale name: ``en_US`` gives ``en-US``."""
    return locale.replace("_", "-")


def set_core_properties(document: DocxDocument, metadata: Metadata) -> None:
    """Fill the core properties from ``metadata``; every other field is empty."""
    moment = _midnight(metadata.effective_date)
    core = document.core_properties

    core.title = metadata.title
    core.subject = f"Reference {metadata.reference}"
    core.identifier = metadata.reference
    core.keywords = metadata.reference
    core.language = language_tag(metadata.locale)
    core.author = ""
    core.last_modified_by = ""
    core.comments = ""
    core.category = ""
    core.content_status = ""
    core.created = moment
    core.modified = moment
    core.revision = 1


def add_custom_properties(
    document: DocxDocument, provenance: Mapping[str, str]
) -> None:
    """Add ``docProps/custom.xml`` holding ``provenance``, one text property a key.

    Properties are named ``contractkit.<key>`` and written in key order.
    """
    root = etree.fromstring(f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}"/>')
    for pid, key in enumerate(sorted(provenance), start=2):
        entry = etree.SubElement(
            root,
            _custom("property"),
            {"fmtid": _USER_DEFINED, "pid": str(pid), "name": PROPERTY_PREFIX + key},
        )
        etree.SubElement(entry, f"{{{_VT_NS}}}lpwstr").text = provenance[key]
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    package = document.part.package
    part = Part(
        PackURI("/docProps/custom.xml"),
        CONTENT_TYPE.OFC_CUSTOM_PROPERTIES,
        blob,
        package,
    )
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def set_proofing_language(document: DocxDocument, locale: str) -> None:
    """Make ``locale`` the proofing language of all text by default."""
    defaults = document.styles.element.find(f"{w('docDefaults')}//{w('lang')}")
    if defaults is not None:
        defaults.set(w("val"), language_tag(locale))


def _custom(name: str) -> str:
    return f"{{{_CUSTOM_NS}}}{name}"


def _midnight(iso_date: str) -> dt.datetime:
    day = dt.date.fromisoformat(iso_date)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
