"""Hypothesis strategies that build valid and invalid contract specs.

A valid spec is built to compose without a single rule error: the strategy
draws only combinations the rules accept (a per-chart fee with a query
protocol, PHI access with a business associate agreement, short names that
can serve as defined terms). An invalid spec is a valid one with exactly one
fault, together with the field path an error about it must name.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from contractkit.clauses.pack import clause_ids
from contractkit.plugins import pack_chain

LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "de_CH", "ja_JP", "es_ES")
CURRENCIES = ("USD", "EUR", "JPY", "BHD", "GBP", "CHF")

OPTIONAL_CLAUSES = tuple(
    sorted(
        full_id
        for full_id, (_, clause) in clause_ids(pack_chain("medical_coding")).items()
        if clause.optional
    )
)
"""The namespaced ids of the clauses a spec may switch on or off."""

RESERVED_TERMS = frozenset(
    {"Agreement", "Effective Date", "Services", "Fees", "Due Date", "Term"}
)

printable = st.characters(
    exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff"
)
"""Every character validation accepts in a text field."""


def _no_surrounding_space(value: str) -> bool:
    return bool(value.strip()) and value == value.strip()


def free_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Text of any accepted characters, with no space at either end.

    Surrounding spaces are left to their own test
    (``test_hostile_text.py::test_surrounding_whitespace_is_kept``), where
    their loss is shown once instead of in every property.
    """
    return st.text(printable, min_size=1, max_size=max_size).filter(
        _no_surrounding_space
    )


def decimal_strings(max_places: int = 3) -> st.SearchStrategy[str]:
    """Non-negative amounts as strings, with 0 to ``max_places`` decimals."""
    return st.integers(0, max_places).flatmap(
        lambda places: st.decimals(
            min_value=0,
            max_value=Decimal(10) ** 7,
            places=places,
            allow_nan=False,
            allow_infinity=False,
        ).map(str)
    )


_term_letters = st.characters(categories=("Lu", "Ll", "Lo"))

short_names = st.text(_term_letters, min_size=1, max_size=16).filter(
    lambda name: name not in RESERVED_TERMS | {"Provider", "Client"}
)

identifiers = st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True)


@st.composite
def parties(draw: st.DrawFn) -> dict[str, Any]:
    """One fully identified party, as every clause that names it needs."""
    return {
        "legal_name": draw(free_text()),
        "entity_type": draw(free_text()),
        "address": {"lines": draw(st.lists(free_text(), min_size=1, max_size=3))},
        "notice_email": draw(
            st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.org", fullmatch=True)
        ),
        "signatory": {"name": draw(free_text()), "title": draw(free_text())},
    }


@st.composite
def chart_types(draw: st.DrawFn) -> list[dict[str, Any]]:
    """One to four chart types with distinct ids, definitions and rates."""
    ids = draw(st.lists(identifiers, min_size=1, max_size=4, unique=True))
    return [
        {
            "id": chart_id,
            "name": draw(free_text()),
            "definition": draw(free_text()),
            "charts_per_hour": draw(st.integers(1, 40).map(str)),
            "rate_per_chart": draw(decimal_strings()),
        }
        for chart_id in ids
    ]


@st.composite
def phases(draw: st.DrawFn) -> list[dict[str, Any]]:
    """One to five phases, each with up to three deliverables."""
    return [
        {
            "name": draw(free_text()),
            "description": draw(free_text(80)),
            "deliverables": draw(st.lists(free_text(), max_size=3)),
            "requires_ehr_access": draw(st.booleans()),
        }
        for _ in range(draw(st.integers(1, 5)))
    ]


@st.composite
def valid_specs(draw: st.DrawFn) -> dict[str, Any]:
    """A spec the composer accepts with no rule error."""
    provider, client = draw(parties()), draw(parties())
    names = draw(st.lists(st.none() | short_names, min_size=2, max_size=2))
    if names[0] is not None and names[0] == names[1]:
        names[1] = None
    if (names[0] or "Provider") == (names[1] or "Client"):
        names = [None, None]
    for party, name in zip((provider, client), names, strict=True):
        if name is not None:
            party["short_name"] = name

    switches = draw(
        st.fixed_dictionaries(
            {}, optional={cid: st.booleans() for cid in OPTIONAL_CLAUSES}
        )
    )
    fixed_cap = draw(st.booleans())
    spec = {
        "pack": "medical_coding",
        "document": {
            "reference": draw(
                st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True)
            ),
            "effective_date": draw(
                st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31))
            ).isoformat(),
            "title": draw(st.none() | free_text(120)),
            "locale": draw(st.sampled_from(LOCALES)),
            "currency": draw(st.sampled_from(CURRENCIES)),
        },
        "provider": provider,
        "client": client,
        "governing_law": {
            "jurisdiction": draw(free_text()),
            "courts": draw(free_text()),
        },
        "liability": {
            "cap": (
                {"basis": "fixed", "amount": draw(decimal_strings())}
                if fixed_cap
                else {"basis": "fees_paid", "months": draw(st.integers(1, 120))}
            ),
            "indemnity": {
                "covered_claims": draw(st.lists(free_text(), min_size=1, max_size=3)),
                "loss_types": draw(st.lists(free_text(), min_size=1, max_size=3)),
                "good_faith_condition": True,
            },
        },
        "clauses": switches,
        "medical_coding": {
            "phases": draw(phases()),
            "chart_types": draw(chart_types()),
            "accuracy": {"sampling": draw(free_text())},
            "fees": {
                "basis": "per_chart",
                "daily_availability_fee": draw(decimal_strings()),
                "troubleshooting_hourly": draw(decimal_strings()),
                "consulting_hourly": draw(decimal_strings()),
                "rework_hourly": draw(decimal_strings()),
                "audit_support_hourly": draw(decimal_strings()),
            },
            "query_protocol": {"query_fee": draw(decimal_strings())},
            "audit": {"recoupment_offset_cap": draw(decimal_strings())},
            "privacy": {"baa": {"breach_notice_days": draw(st.integers(0, 60))}},
        },
    }
    if not switches.get("medical_coding.audit_support", True):
        # An audit indemnity needs the audits clause (CK-MC-IND-003).
        del spec["liability"]["indemnity"]
    if not switches.get("medical_coding.downtime", True):
        # Productivity standards pause during downtime, which that clause defines.
        switches["medical_coding.productivity"] = False
    return spec


def selected(spec: dict[str, Any], clause_id: str) -> bool:
    """Whether optional clause ``clause_id`` is on in ``spec`` (default on)."""
    return bool(spec.get("clauses", {}).get(clause_id, True))


def printed_amounts(spec: dict[str, Any]) -> list[str]:
    """The amounts of ``spec`` that its selected clauses print, as strings."""
    section = spec["medical_coding"]
    fees = section["fees"]
    amounts = [chart["rate_per_chart"] for chart in section["chart_types"]]
    amounts += [
        fees["troubleshooting_hourly"],
        fees["consulting_hourly"],
        section["query_protocol"]["query_fee"],
    ]
    if spec["liability"]["cap"]["basis"] == "fixed":
        amounts.append(spec["liability"]["cap"]["amount"])
    for clause_id, amount in (
        ("medical_coding.downtime", fees["daily_availability_fee"]),
        ("medical_coding.policy_changes", fees["rework_hourly"]),
        ("medical_coding.audit_support", fees["audit_support_hourly"]),
        ("medical_coding.audit_support", section["audit"]["recoupment_offset_cap"]),
    ):
        if selected(spec, clause_id):
            amounts.append(amount)
    return amounts


def party_names(spec: dict[str, Any]) -> list[str]:
    """The legal names and signatories' names of both parties."""
    return [
        text
        for role in ("provider", "client")
        for text in (spec[role]["legal_name"], spec[role]["signatory"]["name"])
    ]


@dataclass(frozen=True)
class Fault:
    """One fault put into a valid spec, and the path an error must name.

    ``in_file`` is false for faults a spec file cannot carry, such as a
    binary float (files read numbers as Decimal).
    """

    path: str
    value: Any
    in_file: bool = True


DELETE = object()
"""The value of a :class:`Fault` that removes the field."""

_WRONG_TYPES = [
    Fault("provider.legal_name", 42),
    Fault("provider.legal_name", ["a list"]),
    Fault("client.signatory", "a person"),
    Fault("document.effective_date", "not a date"),
    Fault("document.effective_date", "2026-02-30"),
    Fault("payment.payment_period_days", "thirty"),
    Fault("payment.late_fee", {"percent_per_month": "lots"}),
    Fault("medical_coding.fees.consulting_hourly", 45.5, in_file=False),
    Fault("medical_coding.fees.consulting_hourly", "forty"),
    Fault("medical_coding.fees.consulting_hourly", True),
    Fault("medical_coding.phases", "coding"),
    Fault("medical_coding.phases[0].requires_ehr_access", "perhaps"),
    Fault("term.auto_renew", "sometimes"),
    Fault("medical_coding.chart_types[0].id", "Not An Id"),
    Fault("provider.notice_email", "nobody"),
    Fault("document.locale", "xx_QQ"),
    Fault("document.currency", "DOLLARS"),
    Fault("document.reference", "../escape"),
    Fault("clauses", ["downtime"]),
]
_MISSING = [
    Fault(path, DELETE)
    for path in (
        "document",
        "document.reference",
        "document.effective_date",
        "provider.legal_name",
        "provider.signatory",
        "client.signatory.title",
        "governing_law.courts",
        "medical_coding.phases",
        "medical_coding.phases[0].description",
    )
]
_OUT_OF_RANGE = [
    Fault("payment.payment_period_days", 0),
    Fault("payment.payment_period_days", 181),
    Fault("term.initial_months", 0),
    Fault("confidentiality.survival_years", 51),
    Fault("medical_coding.query_protocol.max_days_pending", 0),
    Fault("medical_coding.fees.consulting_hourly", "-0.01"),
    Fault("medical_coding.fees.consulting_hourly", "NaN"),
    Fault("medical_coding.fees.consulting_hourly", "Infinity"),
    Fault("medical_coding.fees.consulting_hourly", "1" * 19),
    Fault("document.title", "T" * 201),
    Fault("provider.legal_name", "x" * 10_001),
    Fault("provider.legal_name", "   "),
    Fault("provider.address.lines", []),
    Fault("provider.address.lines", ["line"] * 9),
    Fault("medical_coding.phases", []),
    Fault("medical_coding.privacy.baa.breach_notice_days", 3651),
]
_COMBINATIONS = [
    Fault("liability.indemnity.good_faith_condition", False),
    Fault("liability.indemnity.indemnitee", "client"),
    Fault("medical_coding.privacy.baa", None),
    Fault("medical_coding.privacy.baa.breach_notice_days", 61),
    Fault("medical_coding.query_protocol", None),
    Fault("medical_coding.accuracy.percent", 101),
    Fault("medical_coding.accuracy.sampling", None),
    Fault("provider.short_name", "Co*der"),
    Fault("client.short_name", "Agreement"),
    Fault("provider.entity_type", None),
    Fault("payment.late_fee", {"percent_per_month": "0"}),
    Fault("liability.cap", {"basis": "fixed"}),
    Fault("clauses.no_such_clause", True),
    Fault("clauses.general.services", False),
    Fault("unknown_section", {"a": 1}),
    Fault("provider.nickname", "Dee"),
]
FAULTS = _WRONG_TYPES + _MISSING + _OUT_OF_RANGE + _COMBINATIONS
"""Every kind of fault the invalid-spec strategy puts into a spec."""


def set_path(data: Any, dotted: str, value: Any) -> None:
    """Set (or, with :data:`DELETE`, remove) ``a.b[0].c`` in nested data.

    Keys of the ``clauses`` mapping may hold dots, so everything after
    ``clauses.`` is one key.
    """
    if dotted.startswith("clauses."):
        data.setdefault("clauses", {})[dotted[len("clauses.") :]] = value
        return
    parts: list[str | int] = []
    for piece in dotted.split("."):
        name, _, rest = piece.partition("[")
        parts.append(name)
        if rest:
            parts.append(int(rest.rstrip("]")))
    target = data
    for part in parts[:-1]:
        target = target[part]
    if value is DELETE:
        del target[parts[-1]]
    else:
        target[parts[-1]] = value


@st.composite
def invalid_specs(draw: st.DrawFn) -> tuple[dict[str, Any], Fault]:
    """A valid spec with one fault, and that fault."""
    spec = draw(valid_specs())
    fault = draw(st.sampled_from(FAULTS))
    broken = copy.deepcopy(spec)
    if fault.path.startswith("payment.") or fault.path.startswith("term."):
        broken.setdefault("payment", {})
        broken.setdefault("term", {})
    if fault.path.startswith("confidentiality."):
        broken.setdefault("confidentiality", {})
    if fault.path.startswith("medical_coding.accuracy.percent"):
        broken["medical_coding"].setdefault("accuracy", {})
    set_path(broken, fault.path, fault.value)
    return broken, fault
