"""Findings, reports, and the rule API packs use to check contracts."""

from contractkit.rules.finding import Finding, Report, Severity
from contractkit.rules.rule import Rule, RuleContext, Violation, run_rules

__all__ = [
    "Finding",
    "Report",
    "Rule",
    "RuleContext",
    "Severity",
    "Violation",
    "run_rules",
]
