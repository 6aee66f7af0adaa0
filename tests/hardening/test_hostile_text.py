"""Hostile text in every free-text field: kept literally, or rejected by a rule.

docs/limitations.md lists what is rejected: control characters and the
non-characters U+FFFE and U+FFFF in any text field (with the field's path),
and markup characters in a party's short name (rule CK-GEN-013). Everything
else must reach every output exactly as given, and the DOCX must stay
well-formed XML.
"""

from __future__ import annotations

from typing import Any

import pytest

from contractkit.composer import compose
from contractkit.errors import SpecError
from tests.hardening.outputs import (
    docx_core_title,
    docx_paragraphs,
    docx_words,
    mismatches,
    parse_every_part,
)
from tests.hardening.strategies import set_path
from tests.support import SpecFactory

PRINTED_FIELDS = (
    "document.title",
    "governing_law.jurisdiction",
    "governing_law.courts",
    "provider.legal_name",
    "provider.entity_type",
    "provider.address.lines[0]",
    "provider.signatory.name",
    "provider.signatory.title",
    "client.legal_name",
    "client.entity_type",
    "client.address.lines[1]",
    "client.signatory.name",
    "client.signatory.title",
    "liability.indemnity.covered_claims[0]",
    "liability.indemnity.loss_types[2]",
    "medical_coding.coder.credentials[0]",
    "medical_coding.excluded_duties[0]",
    "medical_coding.phases[0].name",
    "medical_coding.phases[1].description",
    "medical_coding.phases[2].deliverables[0]",
    "medical_coding.accuracy.sampling",
    "medical_coding.accuracy.auditor",
    "medical_coding.chart_types[0].name",
    "medical_coding.chart_types[1].definition",
    "medical_coding.software.tools[0]",
    "medical_coding.downtime.definition",
    "medical_coding.audit.audit_types[0]",
)
"""Free-text fields of the example spec that the contract prints."""

UNPRINTED_FIELDS = ("governing_law.courts_jurisdiction",)
"""Free-text fields only rules read; they are validated like the others."""

HOSTILE = {
    "emphasis": "*bold* and *",
    "brackets": "[ ] { } [[ ]] {{ }}",
    "pipes": "| a | b |",
    "tilde": "~ not a paragraph",
    "dash": "- not an item",
    "backslashes": "C:\\ \\* \\\\ ends with \\",
    "line break markup": "one[br]two",
    "definition markup": "[=X]",
    "reference markup": "[>a.b]",
    "term markup": "{Client}",
    "jinja expression": "{{ 7*7 }}",
    "jinja statement": "{% for x in y %}{% endfor %}",
    "jinja comment": "{# hidden #}",
    "xml specials": "& < > \" ' &amp; &#x0; <w:p/> ]]>",
    "right to left": "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627"
    " \u200fmarked\u200e",
    "cjk": "\u6771\u4eac\u90fd\u5343\u4ee3\u7530\u533a \uc11c\uc6b8",
    "emoji": "\U0001f469\u200d\u2695\ufe0f \U0001f3e5 \U0001f1fa\U0001f1f8",
    "combining marks": "e\u0301\u0328 Z\u0351\u0352\u0353a\u0300\u0301",
    "line separator": "a\u2028b\u2029c",
    "inner spaces": "a\u00a0b\u3000c  d",
    "surrogate-looking": "\ud7ff\ue000\U0010fffd",
    "astral non-character": "\U0001fffe\ufdd0",
}

CONTROL_CHARACTERS = [chr(code) for code in (*range(0x20), 0x7F, 0x85, 0x9F)] + [
    "\ufffe",
    "\uffff",
]


def _example(spec: SpecFactory) -> dict[str, Any]:
    """The example spec, with the defaulted lists the fields above index."""
    return spec(**{"medical_coding.excluded_duties": ["registration errors"]})


def _hostile_spec(
    spec: SpecFactory, value: str, *, title: bool = True
) -> dict[str, Any]:
    """The example spec with ``f<n> `` + ``value`` in every printed field."""
    data = _example(spec)
    for index, path in enumerate(PRINTED_FIELDS):
        if path == "document.title" and not title:
            continue
        set_path(data, path, f"f{index} {value}")
    return data


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_appears_literally_in_every_output(
    spec: SpecFactory, value: str
) -> None:
    """Each field's value is in the text and the DOCX exactly as given."""
    data = _hostile_spec(spec, value)

    result = compose(data)
    assert result.ok, result.report.errors
    text, docx = result.to_text(), result.to_docx()
    words = docx_words(docx)

    parse_every_part(docx)
    assert mismatches(text, result.document, docx) == []
    for index, path in enumerate(PRINTED_FIELDS):
        assert f"f{index} {value}" in text, path
        assert f"f{index} {value}" in words, path


def test_ten_thousand_character_values_reach_every_output(spec: SpecFactory) -> None:
    """A value of exactly 10,000 characters is printed whole, in both outputs."""
    value = ("Ab\u00e7 \u6771 & <x> " * 1000)[: 10_000 - 5] + "."
    data = _hostile_spec(spec, value, title=False)

    result = compose(data)
    text, docx = result.to_text(), result.to_docx()
    words = docx_words(docx)

    parse_every_part(docx)
    for index, path in enumerate(PRINTED_FIELDS[1:], start=1):
        assert len(f"f{index} {value}") <= 10_000
        assert f"f{index} {value}" in text, path
        assert f"f{index} {value}" in words, path


def test_the_longest_title_reaches_the_docx_core_properties(spec: SpecFactory) -> None:
    """A 200-character title, the most allowed, is the DOCX title property."""
    title = ("\U0001f3e5 T\u00eftle & <Co> " * 20)[:200]

    result = compose(spec(**{"document.title": title}))

    assert docx_core_title(result.to_docx()) == title
    assert result.to_text().startswith(title.upper() + "\n")


def test_a_title_over_200_characters_is_rejected_with_its_path(
    spec: SpecFactory,
) -> None:
    """python-docx refuses titles over 255 characters; validation stops at 200."""
    with pytest.raises(SpecError) as caught:
        compose(spec(**{"document.title": "T" * 256}))

    assert [path for path, _ in caught.value.problems] == ["document.title"]


@pytest.mark.parametrize(
    "char", CONTROL_CHARACTERS, ids=[f"U+{ord(c):04X}" for c in CONTROL_CHARACTERS]
)
def test_control_characters_are_rejected_with_every_field_path(
    spec: SpecFactory, char: str
) -> None:
    """A control character or U+FFFE/U+FFFF is refused in every text field."""
    data = _example(spec)
    fields = (*PRINTED_FIELDS, *UNPRINTED_FIELDS, "provider.notice_email")
    for path in fields:
        set_path(data, path, f"x{char}y@example.com")

    with pytest.raises(SpecError) as caught:
        compose(data)

    assert sorted(path for path, _ in caught.value.problems) == sorted(fields)
    assert "U+" in str(caught.value)


@pytest.mark.parametrize("char", ["*", "[", "]", "{", "}", "|", "\\"])
def test_markup_characters_in_a_short_name_are_a_rule_error(
    spec: SpecFactory, char: str
) -> None:
    """A short name becomes a defined term, so CK-GEN-013 rejects markup in it."""
    result = compose(spec(**{"provider.short_name": f"Co{char}der"}))

    assert [(f.code, f.path) for f in result.report.errors] == [
        ("CK-GEN-013", "provider.short_name")
    ]


@pytest.mark.parametrize(
    "name", ["Coder & <Co>", "\u6771\u4eac", "Jos\u00e9 \U0001f3e5"]
)
def test_other_short_names_are_printed_as_given(spec: SpecFactory, name: str) -> None:
    """A short name without markup characters is the party's term everywhere."""
    result = compose(spec(**{"provider.short_name": name}))

    assert result.ok, result.report.errors
    assert f"\u201c{name}\u201d" in result.to_text()
    assert f"\u201c{name}\u201d" in docx_words(result.to_docx())


@pytest.mark.parametrize("name", ["  Leading Space LLC", "Trailing Space LLC\u00a0 "])
def test_surrounding_whitespace_is_kept(spec: SpecFactory, name: str) -> None:
    """A legal name with spaces around it is printed with them in the preamble.

    Validation accepts such a name and keeps it exactly, so the contract must
    print it exactly: the preamble writes it between "between " and ", a".
    """
    result = compose(spec(**{"provider.legal_name": name}))

    assert f"between {name}, a " in result.to_text()
    assert f"between {name}, a " in docx_words(result.to_docx())


@pytest.mark.parametrize("name", [" Surgery", "Surgery\u2003"])
def test_surrounding_whitespace_is_kept_in_table_cells(
    spec: SpecFactory, name: str
) -> None:
    """A chart type's name with a space at either end is a fee table cell as given."""
    result = compose(spec(**{"medical_coding.chart_types[0].name": name}))

    assert name in docx_paragraphs(result.to_docx())
