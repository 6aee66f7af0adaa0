"""The errors contractkit raises.

Every failure a user can cause is a :class:`ContractkitError`. Where a
builtin exception fits, the subclass inherits it too, so ``except
LookupError`` keeps working for callers that do not know contractkit::

    ContractkitError
    ├── SpecError (ValueError)            the spec cannot be read or validated
    │   ├── SpecFileError (OSError)       the spec file is missing or unreadable
    │   └── SpecSyntaxError               YAML or JSON syntax error, with its line
    ├── CompositionError                  rules found errors; nothing was rendered
    ├── PackError                         a clause pack is broken or missing
    │   ├── PackNotFoundError (LookupError)
    │   ├── ClauseNotFoundError (LookupError)
    │   └── TemplateError                 a clause template failed, with its line
    ├── MarkupError (ValueError)          rendered clause text is not valid markup
    └── OutputError (OSError)             an output file could not be written
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from contractkit.rules.finding import Report


class ContractkitError(Exception):
    """Base class of every error contractkit raises for bad input."""


class SpecError(ContractkitError, ValueError):
    """The contract spec is not valid.

    Attributes:
        source: the file the spec came from, or ``None`` for in-memory specs.
        problems: one ``(path, message)`` pair per problem, where ``path`` is
            the dotted field path (``client.legal_name``) or ``""`` for the
            whole document.
        lines: the line number of each problem's path in ``source`` where it
            is known, else ``None``.
    """

    def __init__(
        self,
        problems: Sequence[tuple[str, str]],
        *,
        source: str | None = None,
        lines: Sequence[int | None] | None = None,
    ) -> None:
        self.source = source
        found = list(lines) if lines is not None else [None] * len(problems)
        order = sorted(
            range(len(problems)),
            key=lambda i: (found[i] is None, found[i] or 0),
        )
        self.problems = [problems[i] for i in order]
        self.lines = [found[i] for i in order]
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = f" in {self.source}" if self.source else ""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        head = f"The contract spec{where} has {count} {noun}:"
        rows = []
        for (path, message), line in zip(self.problems, self.lines, strict=True):
            at = f"line {line}, " if line is not None else ""
            rows.append(f"  - {at}{path or '(whole spec)'}: {message}")
        return "\n".join([head, *rows])


class SpecFileError(SpecError, OSError):
    """The spec file (or a file of rows, or a manifest) cannot be read.

    Attributes:
        kind: what the file is, for the message: ``"spec"``, ``"rows file"``
            or ``"manifest"``.
    """

    def __init__(self, source: str, reason: str, *, kind: str = "spec") -> None:
        self.kind = kind
        super().__init__([("", reason)], source=source)

    def _describe(self) -> str:
        return f"Cannot read the {self.kind} {self.source}: {self.problems[0][1]}."


class SpecSyntaxError(SpecError):
    """The spec file is not valid YAML or JSON."""

    def __init__(self, source: str, reason: str, line: int | None) -> None:
        super().__init__([("", reason)], source=source, lines=[line])


class CompositionError(ContractkitError):
    """The composer found errors, so no document was built.

    Attributes:
        report: the full report, errors and warnings alike.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        errors = report.errors
        rows = [
            f"  - {f.code} at {f.path or '(contract)'}: {f.message}" for f in errors
        ]
        noun = "error" if len(errors) == 1 else "errors"
        super().__init__(
            "The contract cannot be rendered because the composer found "
            f"{len(errors)} {noun}:\n" + "\n".join(rows)
        )


class PackError(ContractkitError):
    """A clause pack is broken: it names the pack and what is wrong."""


class PackNotFoundError(PackError, LookupError):
    """No installed clause pack has the requested name."""


class ClauseNotFoundError(PackError, LookupError):
    """A clause id does not name a clause of any loaded pack."""


class TemplateError(PackError):
    """A clause template failed to compile or render.

    Attributes:
        clause_id: the namespaced id of the clause at fault.
        line: the template line where it failed, if known.
    """

    def __init__(self, clause_id: str, line: int | None, reason: str) -> None:
        self.clause_id = clause_id
        self.line = line
        at = f", line {line}" if line is not None else ""
        super().__init__(f"Clause {clause_id!r} template{at}: {reason}")


class MarkupError(ContractkitError, ValueError):
    """Rendered clause text does not follow the clause markup."""


class OutputError(ContractkitError, OSError):
    """An output file could not be written; no partial file is left."""
