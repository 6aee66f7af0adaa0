"""contractkit: compose checked, well-drafted service contracts from data.

>>> import contractkit as ck
>>> contract = ck.load("examples/medical-coding/orthopedic-backlog.yaml")
>>> result = ck.compose(contract)
>>> result.report.ok
True

The names below load on first use, so ``import contractkit`` stays quick;
the models, templates and clause packs load when a contract is first read.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contractkit.bulk import BulkResult, compose_many
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
    from contractkit.plugins import register_pack
    from contractkit.rules import (
        Finding,
        Report,
        Rule,
        RuleContext,
        Severity,
        Violation,
    )

__all__ = [
    "BulkResult",
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
    "compose_many",
    "load",
    "register_pack",
    "to_contract",
]

__version__ = "0.1.0"

_HOMES = {
    "BulkResult": "contractkit.bulk",
    "compose_many": "contractkit.bulk",
    "Clause": "contractkit.clauses.pack",
    "ClausePack": "contractkit.clauses.pack",
    "ComposedContract": "contractkit.composer",
    "compose": "contractkit.composer",
    "load": "contractkit.loading",
    "to_contract": "contractkit.loading",
    "Contract": "contractkit.models",
    "Party": "contractkit.models",
    "register_pack": "contractkit.plugins",
    "Finding": "contractkit.rules",
    "Report": "contractkit.rules",
    "Rule": "contractkit.rules",
    "RuleContext": "contractkit.rules",
    "Severity": "contractkit.rules",
    "Violation": "contractkit.rules",
}
"""The module each public name lives in; errors live in contractkit.errors."""


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None and name in __all__:
        home = "contractkit.errors"
    if home is None:
        raise AttributeError(f"module 'contractkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
