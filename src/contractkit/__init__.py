"""contractkit: compose checked, well-drafted service contracts from data.

>>> import contractkit as ck
>>> contract = ck.load("examples/medical-coding/orthopedic-backlog.yaml")
>>> result = ck.compose(contract)
>>> result.report.ok
True
"""

from contractkit.clauses.pack import Clause, ClausePack
from contractkit.composer import ComposedContract, compose
from contractkit.errors import (
    ClauseNotFoundError,
    CompositionError,
    ContractkitError,
    MarkupError,
    OutputError,
    PackError,
    PackNotFoundError,
    SpecError,
    SpecFileError,
    SpecSyntaxError,
    TemplateError,
)
from contractkit.loading import load, to_contract
from contractkit.models import Contract, Party
from contractkit.rules import Finding, Report, Rule, RuleContext, Severity, Violation

__all__ = [
    "Clause",
    "ClauseNotFoundError",
    "ClausePack",
    "ComposedContract",
    "CompositionError",
    "Contract",
    "ContractkitError",
    "Finding",
    "MarkupError",
    "OutputError",
    "PackError",
    "PackNotFoundError",
    "Party",
    "Report",
    "Rule",
    "RuleContext",
    "Severity",
    "SpecError",
    "SpecFileError",
    "SpecSyntaxError",
    "TemplateError",
    "Violation",
    "compose",
    "load",
    "to_contract",
]

__version__ = "0.1.0"
