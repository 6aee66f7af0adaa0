"""The rule API: how packs declare the checks the composer runs."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from contractkit.models import Contract, SpecModel
from contractkit.rules.finding import Finding, Severity

if TYPE_CHECKING:
    from contractkit.document.nodes import Document

__all__ = ["Rule", "RuleContext", "Violation", "run_rules"]

logger = logging.getLogger(__name__)

ExtensionT = TypeVar("ExtensionT", bound=SpecModel)
RULE_CRASHED = "CK-RULE-001"


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule's check yields: where the rule is broken and how to fix it.

    The rule adds its code and severity to make a :class:`Finding`.
    """

    path: str
    message: str
    hint: str
    section: str | None = None


@dataclass(frozen=True)
class RuleContext:
    """What a rule sees: the validated spec and the composed selection.

    Attributes:
        contract: the validated spec.
        clause_ids: namespaced ids of the selected clauses, in document order.
        document: the composed document tree, for document (lint) rules only.
        sections: section number of each selected clause id, once numbered.
    """

    contract: Contract
    clause_ids: tuple[str, ...]
    document: Document | None = None
    sections: dict[str, str] = field(default_factory=dict)

    def has(self, clause_id: str) -> bool:
        """Tell whether the clause with this namespaced id is selected."""
        return clause_id in self.clause_ids

    def extension(self, model: type[ExtensionT]) -> ExtensionT | None:
        """Return the spec's pack section validated by ``model``, if any."""
        return self.contract.extension(model)


Check = Callable[[RuleContext], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    """A consistency rule with a stable code.

    Attributes:
        code: stable code such as ``CK-MC-IND-001``.
        severity: error (the contract would be wrong as composed) or warning
            (likely a mistake).
        title: a short line for listings.
        check: yields a :class:`Violation` for each place the rule is broken.
        pack: the name of the pack that contributes the rule.
        stage: ``spec`` rules run before the document is built, ``document``
            rules (drafting lint) run on the composed tree.
        doc: what the rule checks and why it matters, for docs/rules.md.
    """

    code: str
    severity: Severity
    title: str
    check: Check
    pack: str = ""
    stage: str = "spec"
    doc: str = ""

    def run(self, context: RuleContext) -> list[Finding]:
        """Run the check, turning each violation into a finding.

        A check that raises does not stop the composition: it becomes an
        error finding that names the rule, so every other rule still reports.
        """
        try:
            return [
                Finding(self.code, self.severity, v.path, v.message, v.hint, v.section)
                for v in self.check(context)
            ]
        except Exception as exc:
            logger.debug("rule %s raised %s", self.code, type(exc).__name__)
            return [
                Finding(
                    RULE_CRASHED,
                    Severity.ERROR,
                    "",
                    f"Rule {self.code} of pack {self.pack!r} failed with "
                    f"{type(exc).__name__}, so its check did not run.",
                    f"Report this to the maintainers of pack {self.pack!r}; "
                    "the other rules ran normally.",
                )
            ]


def rule_doc(check: Check) -> str:
    """Return the cleaned docstring of a check function."""
    return inspect.cleandoc(check.__doc__ or "")


def run_rules(rules: Iterable[Rule], context: RuleContext) -> list[Finding]:
    """Run every rule and return all findings, in rule order."""
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(rule.run(context))
    return findings
