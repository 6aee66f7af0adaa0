"""Tests for findings, reports and running rules (finding.py and rule.py)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from contractkit.errors import CompositionError, ContractkitError
from contractkit.models import Contract
from contractkit.rules import (
    Finding,
    Report,
    Rule,
    RuleContext,
    Severity,
    Violation,
    run_rules,
)

INDEMNITY = Finding(
    "CK-MC-IND-001",
    Severity.ERROR,
    "liability.indemnity",
    "The indemnity has no good-faith condition.",
    "Set good_faith_condition: true.",
    "12.1",
)
CAP = Finding(
    "CK-GEN-CAP-002",
    Severity.WARNING,
    "liability.cap.months",
    "The cap looks back 1 month.",
    "Use 12 months.",
)
WHOLE = Finding(
    "CK-GEN-001",
    Severity.ERROR,
    "",
    "The spec names no pack.",
    "Add pack: medical_coding.",
)


@pytest.fixture
def context() -> RuleContext:
    """A rule context over an unvalidated, empty contract."""
    return RuleContext(
        contract=Contract.model_construct(),
        clause_ids=("general.parties", "medical_coding.indemnity"),
    )


def test_report_iterates_in_order_and_has_a_length() -> None:
    """A report yields its findings in the order given."""
    report = Report([INDEMNITY, CAP, WHOLE])

    assert list(report) == [INDEMNITY, CAP, WHOLE]
    assert report.findings == (INDEMNITY, CAP, WHOLE)
    assert len(report) == 3
    assert report.codes() == ["CK-MC-IND-001", "CK-GEN-CAP-002", "CK-GEN-001"]


def test_report_accepts_any_iterable_once() -> None:
    """A generator is read once and kept."""
    report = Report(f for f in [CAP, WHOLE])

    assert list(report) == list(report) == [CAP, WHOLE]


def test_empty_report_is_falsy_and_ok() -> None:
    """No findings: nothing to show, nothing blocks."""
    report = Report()

    assert not report
    assert len(report) == 0
    assert report.ok
    assert report.errors == report.warnings == ()


@pytest.mark.parametrize(
    ("severity", "expected"),
    [
        (Severity.ERROR, (INDEMNITY, WHOLE)),
        ("error", (INDEMNITY, WHOLE)),
        (Severity.WARNING, (CAP,)),
        ("warning", (CAP,)),
    ],
)
def test_filter_by_severity_enum_or_string(
    severity: Severity | str, expected: tuple[Finding, ...]
) -> None:
    """filter takes a Severity or its string value."""
    assert Report([INDEMNITY, CAP, WHOLE]).filter(severity) == expected


def test_filter_rejects_an_unknown_severity() -> None:
    """'fatal' is not a severity."""
    with pytest.raises(ValueError, match="fatal"):
        Report([CAP]).filter("fatal")


def test_errors_and_warnings_split_the_findings() -> None:
    """errors and warnings are the two severities."""
    report = Report([INDEMNITY, CAP, WHOLE])

    assert report.errors == (INDEMNITY, WHOLE)
    assert report.warnings == (CAP,)


@pytest.mark.parametrize(
    ("findings", "ok"),
    [([], True), ([CAP], True), ([CAP, CAP], True), ([INDEMNITY], False)]
    + [([CAP, WHOLE], False)],
)
def test_ok_means_no_errors(findings: list[Finding], ok: bool) -> None:
    """Warnings alone leave a report ok; one error makes it not ok."""
    assert Report(findings).ok is ok


def test_repr_counts_errors_and_warnings() -> None:
    """The repr shows the counts, not the findings' text."""
    assert repr(Report([INDEMNITY, CAP, WHOLE])) == "Report(2 errors, 1 warnings)"


def test_raise_for_errors_passes_with_warnings_only() -> None:
    """Warnings do not raise."""
    Report([CAP]).raise_for_errors()


def test_raise_for_errors_lists_each_error_code_and_path() -> None:
    """CompositionError carries the report and lists every error, not warnings."""
    report = Report([INDEMNITY, CAP, WHOLE])

    with pytest.raises(CompositionError) as caught:
        report.raise_for_errors()

    error = caught.value
    assert error.report is report
    assert isinstance(error, ContractkitError)
    lines = str(error).splitlines()
    assert lines[0].endswith("found 2 errors:")
    assert lines[1:] == [
        "  - CK-MC-IND-001 at liability.indemnity: "
        "The indemnity has no good-faith condition.",
        "  - CK-GEN-001 at (contract): The spec names no pack.",
    ]


def test_composition_error_uses_the_singular_for_one_error() -> None:
    """One error reads '1 error'."""
    with pytest.raises(CompositionError, match="found 1 error:"):
        Report([WHOLE]).raise_for_errors()


def test_to_json_lists_counts_and_every_finding() -> None:
    """to_json gives ok, the counts and one object per finding."""
    data = json.loads(Report([INDEMNITY, CAP]).to_json())

    assert data == {
        "ok": False,
        "errors": 1,
        "warnings": 1,
        "findings": [
            {
                "code": "CK-MC-IND-001",
                "severity": "error",
                "path": "liability.indemnity",
                "message": "The indemnity has no good-faith condition.",
                "hint": "Set good_faith_condition: true.",
                "section": "12.1",
            },
            {
                "code": "CK-GEN-CAP-002",
                "severity": "warning",
                "path": "liability.cap.months",
                "message": "The cap looks back 1 month.",
                "hint": "Use 12 months.",
                "section": None,
            },
        ],
    }


def test_to_json_keeps_non_ascii_text_readable() -> None:
    """Non-ASCII text is written as itself, not as \\u escapes."""
    finding = Finding("CK-X-001", Severity.WARNING, "", "Se\u00f1or \u00a7 3", "")

    text = Report([finding]).to_json()

    assert "Se\u00f1or \u00a7 3" in text


def test_severity_prints_as_its_value() -> None:
    """str(Severity.ERROR) is 'error'."""
    assert (str(Severity.ERROR), str(Severity.WARNING)) == ("error", "warning")


def test_rule_run_turns_violations_into_findings(context: RuleContext) -> None:
    """Each violation gets the rule's code and severity."""

    def check(ctx: RuleContext) -> Iterator[Violation]:
        yield Violation("liability.indemnity", "No condition.", "Add one.", "12.1")
        yield Violation("term.initial_months", "Too short.", "Lengthen it.")

    rule = Rule(
        "CK-MC-IND-001", Severity.WARNING, "Good faith", check, "medical_coding"
    )

    assert rule.run(context) == [
        Finding(
            "CK-MC-IND-001",
            Severity.WARNING,
            "liability.indemnity",
            "No condition.",
            "Add one.",
            "12.1",
        ),
        Finding(
            "CK-MC-IND-001",
            Severity.WARNING,
            "term.initial_months",
            "Too short.",
            "Lengthen it.",
            None,
        ),
    ]


def test_rule_without_violations_has_no_findings(context: RuleContext) -> None:
    """A check that yields nothing gives no findings."""
    rule = Rule("CK-GEN-001", Severity.ERROR, "Nothing", lambda ctx: [], "general")

    assert rule.run(context) == []


def test_check_sees_the_context(context: RuleContext) -> None:
    """The check receives the context and can ask what is selected."""
    seen: list[bool] = []

    def check(ctx: RuleContext) -> list[Violation]:
        seen.append(ctx.has("medical_coding.indemnity"))
        seen.append(ctx.has("medical_coding.baa"))
        return []

    Rule("CK-GEN-001", Severity.ERROR, "Sees", check, "general").run(context)

    assert seen == [True, False]


def test_crashing_check_becomes_one_error_finding(context: RuleContext) -> None:
    """A check that raises yields a CK-RULE-001 error naming rule and pack."""

    def check(ctx: RuleContext) -> Iterator[Violation]:
        yield Violation("a", "first", "fix")
        raise KeyError("boom")

    rule = Rule("CK-MC-FEE-003", Severity.WARNING, "Fees", check, "medical_coding")

    [finding] = rule.run(context)

    assert finding.code == "CK-RULE-001"
    assert finding.severity is Severity.ERROR
    assert finding.path == ""
    assert "CK-MC-FEE-003" in finding.message
    assert "'medical_coding'" in finding.message
    assert "KeyError" in finding.message


def test_crash_does_not_leak_the_exception_text(
    context: RuleContext, caplog: pytest.LogCaptureFixture
) -> None:
    """The exception's message (which may quote the contract) is not repeated."""

    def check(ctx: RuleContext) -> list[Violation]:
        raise ValueError("Bay Surgery Center owes 45.10")

    rule = Rule("CK-MC-FEE-003", Severity.ERROR, "Fees", check, "medical_coding")

    with caplog.at_level(logging.DEBUG):
        [finding] = rule.run(context)

    assert "Bay Surgery" not in finding.message + finding.hint
    assert "Bay Surgery" not in caplog.text


def test_run_rules_keeps_rule_order_and_survives_a_crash(
    context: RuleContext,
) -> None:
    """Every rule reports, in order, even after one crashed."""

    def crash(ctx: RuleContext) -> list[Violation]:
        raise RuntimeError

    rules = [
        Rule("CK-A-001", Severity.ERROR, "A", lambda c: [Violation("a", "m", "h")]),
        Rule("CK-B-001", Severity.ERROR, "B", crash, "pack_b"),
        Rule("CK-C-001", Severity.WARNING, "C", lambda c: [Violation("c", "m", "h")]),
    ]

    assert [f.code for f in run_rules(rules, context)] == [
        "CK-A-001",
        "CK-RULE-001",
        "CK-C-001",
    ]


def test_base_exceptions_are_not_swallowed(context: RuleContext) -> None:
    """Ctrl-C inside a check still stops the run."""

    def check(ctx: RuleContext) -> list[Violation]:
        raise KeyboardInterrupt

    rule = Rule("CK-A-001", Severity.ERROR, "A", check)

    with pytest.raises(KeyboardInterrupt):
        rule.run(context)
