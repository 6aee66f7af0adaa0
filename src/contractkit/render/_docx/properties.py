"""Document properties taken from the contract alone: core, custom, language.

Nothing here reads the clock or the machine: the creation and modification
times are the effective date at midnight UTC, and the author fields are
left empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Final

from contractkit.document.nodes import Metadata
from contractkit.render._docx.xml import DECLARATION, escape, escape_attribute

_CUSTOM_NS: Final = (
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
)
_VT_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_USER_DEFINED: Final = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The format id Office gives every user-defined custom property."""

_CORE_OPEN: Final = (
    "<cp:coreProperties "
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
)
_EMPTY_FIELDS: Final = (
    "<dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy>"
    "<dc:description></dc:description><cp:category></cp:category>"
    "<cp:contentStatus></cp:contentStatus>"
)
_CORE_LIMIT: Final = 255
"""The most characters a core property may hold."""

PROPERTY_PREFIX: Final = "contractkit."


def language_tag(locale: str) -> str:
    """Return the BCP 47 tag of a locale name: ``en_US`` gives ``en-US``."""
    return locale.replace("_", "-")


def core_xml(metadata: Metadata) -> str:
    """Return ``docProps/core.xml``: title, reference, language and dates.

    Raises:
        ValueError: the effective date is not an ISO date, or a property is
            longer than the 255 characters a core property may hold.
    """
    moment = f"{_midnight(metadata.effective_date):%Y-%m-%dT%H:%M:%SZ}"
    fields = (
        ("dc:title", metadata.title),
        ("dc:subject", f"Reference {metadata.reference}"),
        ("dc:identifier", metadata.reference),
        ("cp:keywords", metadata.reference),
        ("dc:language", language_tag(metadata.locale)),
    )

    pieces = [DECLARATION, _CORE_OPEN]
    for tag, value in fields:
        if len(value) > _CORE_LIMIT:
            raise ValueError(
                f"The DOCX core property {tag!r} can hold at most {_CORE_LIMIT} "
                f"characters, but it would get {len(value)}; shorten the "
                "title or the reference."
            )
        pieces.append(f"<{tag}>{escape(value)}</{tag}>")
    pieces.append(_EMPTY_FIELDS)
    for tag in ("dcterms:created", "dcterms:modified"):
        pieces.append(f'<{tag} xsi:type="dcterms:W3CDTF">{moment}</{tag}>')
    pieces.append("<cp:revision>1</cp:revision></cp:coreProperties>")
    return "".join(pieces)


def custom_xml(provenance: Mapping[str, str]) -> str:
    """Return ``docProps/custom.xml`` holding ``provenance``, a text property a key.

    Properties are named ``contractkit.<key>`` and written in key order.
    """
    opening = f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}"'
    if not provenance:
        return f"{DECLARATION}{opening}/>"

    pieces = [DECLARATION, opening, ">"]
    for pid, key in enumerate(sorted(provenance), start=2):
        name = escape_attribute(PROPERTY_PREFIX + key)
        pieces.append(
            f'<property fmtid="{_USER_DEFINED}" pid="{pid}" name="{name}">'
            f"<vt:lpwstr>{escape(provenance[key])}</vt:lpwstr></property>"
        )
    pieces.append("</Properties>")
    return "".join(pieces)


def _midnight(iso_date: str) -> dt.datetime:
    day = dt.date.fromisoformat(iso_date)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
