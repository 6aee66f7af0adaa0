"""What every command of the ``contractkit`` command line shares.

Messages, exit codes and the turning of a ContractkitError into a short
message on standard error (never a traceback).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from contractkit.errors import ContractkitError, SpecError
from contractkit.rules.finding import Finding, Report, Severity

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "error",
    "parse_formats",
    "print_report",
    "user_errors",
]

EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
MAX_PROBLEMS = 20


def error(message: str) -> None:
    typer.secho(message, err=True, fg=typer.colors.RED)


def _short(error: ContractkitError) -> str:
    """Keep a message to one screen: at most ``MAX_PROBLEMS`` problem lines."""
    lines = str(error).splitlines()
    if isinstance(error, SpecError) and len(lines) > MAX_PROBLEMS + 1:
        hidden = len(lines) - MAX_PROBLEMS - 1
        lines = [*lines[: MAX_PROBLEMS + 1], f"  ... and {hidden} more"]
    return "\n".join(lines)


@contextmanager
def user_errors() -> Iterator[None]:
    try:
        yield
    except ContractkitError as exc:
        error(_short(exc))
        raise typer.Exit(EXIT_BAD_INPUT) from None


def print_report(report: Report, fmt: str) -> None:
    if fmt == "json":
        typer.echo(report.to_json())
        return
    if not report:
        typer.secho("No findings: the contract is consistent.", fg=typer.colors.GREEN)
        return
    for severity, colour in ((Severity.ERROR, "red"), (Severity.WARNING, "yellow")):
        group = report.filter(severity)
        if not group:
            continue
        noun = f"{severity.value}s" if len(group) != 1 else severity.value
        typer.secho(f"{len(group)} {noun}:", fg=colour, bold=True)
        for finding in group:
            typer.echo(_finding_line(finding, colour))


def _finding_line(finding: Finding, colour: str) -> str:
    code = typer.style(finding.code, fg=colour, bold=True)
    where = finding.path or "(contract)"
    if finding.section:
        where += f", section {finding.section}"
    return f"  {code} {where}\n    {finding.message}\n    Fix: {finding.hint}"


def parse_formats(value: str) -> list[str]:
    from contractkit.render import FORMATS, UnknownFormatError

    formats = [part.strip().lower() for part in value.split(",") if part.strip()]
    for fmt in formats:
        if fmt not in FORMATS:
            raise UnknownFormatError(
                f"Unknown output format {fmt!r} in --format; choose from "
                f"{', '.join(FORMATS)}."
            )
    if not formats:
        raise UnknownFormatError("--format needs at least one of docx, txt.")
    return list(dict.fromkeys(formats))
