"""Findings and the report that collects them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from contractkit.errors import CompositionError

__all__ = ["Finding", "Report", "Severity"]


class Severity(StrEnum):
    """How serious a finding is: errors block rendering, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong with a contract, and how to fix it.

    Attributes:
        code: stable code such as ``CK-MC-IND-001``, documented in docs/rules.md.
        severity: error or warning.
        path: dotted path of the spec field at fault, ``""`` for the whole spec.
        message: one sentence saying what is wrong.
        hint: one sentence saying how to fix it.
        section: the section number of the composed document, where it applies.
    """

    code: str
    severity: Severity
    path: str
    message: str
    hint: str
    section: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as JSON-ready data."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


class Report:
    """Every finding of one composition, in the order the rules ran."""

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self._findings = tuple(findings)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._findings)

    def __len__(self) -> int:
        return len(self._findings)

    def __bool__(self) -> bool:
        return bool(self._findings)

    def __repr__(self) -> str:
        return f"Report({len(self.errors)} errors, {len(self.warnings)} warnings)"

    @property
    def findings(self) -> tuple[Finding, ...]:
        """All findings."""
        return self._findings

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that block rendering."""
        return self.filter(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings that do not block rendering."""
        return self.filter(Severity.WARNING)

    @property
    def ok(self) -> bool:
        """Whether no finding is an error."""
        return not self.errors

    def filter(self, severity: Severity | str) -> tuple[Finding, ...]:
        """Return the findings of one severity."""
        wanted = Severity(severity)
        return tuple(f for f in self._findings if f.severity is wanted)

    def codes(self) -> list[str]:
        """Return the codes of all findings, in order."""
        return [f.code for f in self._findings]

    def raise_for_errors(self) -> None:
        """Raise :class:`~contractkit.errors.CompositionError` if any is an error."""
        if not self.ok:
            raise CompositionError(self)

    def to_json(self) -> str:
        """Return the report as a JSON document with one object per finding."""
        payload = {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.to_dict() for f in self._findings],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False)
