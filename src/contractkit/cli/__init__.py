"""The ``contractkit`` command.

Only this module prints. Every :class:`~contractkit.errors.ContractkitError`
becomes a short message on standard error and exit code 2, never a
traceback. ``validate`` and ``render`` exit 1 when the composer finds errors.
"""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from contractkit.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    error,
    parse_formats,
    print_report,
    user_errors,
)
from contractkit.cli.bulk import bulk

if TYPE_CHECKING:
    from contractkit.composer import ComposedContract

__all__ = ["app", "main"]

app = typer.Typer(
    name="contractkit",
    help="Compose checked, well-drafted service contracts from spec files.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from contractkit import __version__

        typer.echo(f"contractkit {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Compose checked, well-drafted service contracts from spec files."""


SpecArg = Annotated[
    Path,
    typer.Argument(
        help="The contract spec, a YAML or JSON file.",
        show_default=False,
        metavar="SPEC",
    ),
]


@app.command()
def render(
    spec: SpecArg,
    out: Annotated[Path, typer.Option(help="Folder to write the files into.")] = Path(
        "out"
    ),
    format: Annotated[
        str, typer.Option("--format", help="Comma-separated formats: docx, txt.")
    ] = "docx,txt",
    provenance: Annotated[
        bool,
        typer.Option(
            "--provenance",
            help="Also write <reference>.provenance.json, and say what changed "
            "since the one already there.",
        ),
    ] = False,
) -> None:
    """Render a spec to <reference>.docx and <reference>.txt in OUT."""
    from contractkit.composer import compose
    from contractkit.loading import load

    with user_errors():
        formats = parse_formats(format)
        result = compose(load(spec))
        if not result.ok:
            print_report(result.report, "text")
            error("Nothing was written: fix the errors above and render again.")
            raise typer.Exit(EXIT_FINDINGS)
        if result.report:
            print_report(result.report, "text")
        if provenance:
            _report_changes(result, out / f"{result.reference}.provenance.json")
        for path in result.write(out, formats):
            typer.echo(f"wrote {path}")
        if provenance:
            _write_provenance(result, out / f"{result.reference}.provenance.json")


def _report_changes(result: ComposedContract, sidecar: Path) -> None:
    """Print how the composition differs from the provenance in ``sidecar``."""
    if not sidecar.exists():
        return
    try:
        previous = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        error(f"Ignoring {str(sidecar)!r}: it is not a provenance record.")
        return
    changes = result.changes_since(previous) if isinstance(previous, dict) else []
    if changes:
        typer.secho("Changes since the last render:", bold=True)
        for change in changes:
            typer.echo(f"  - {change}")
    else:
        typer.echo("Same spec, packs and clauses as the last render.")


def _write_provenance(result: ComposedContract, sidecar: Path) -> None:
    from contractkit.provenance import provenance_json
    from contractkit.render.output import write_atomic

    write_atomic(sidecar, provenance_json(result.provenance).encode("utf-8"))
    typer.echo(f"wrote {sidecar}")


@app.command()
def validate(
    spec: SpecArg,
    format: Annotated[
        str, typer.Option("--format", help="Report format: text or json.")
    ] = "text",
) -> None:
    """Check a spec against every rule; exit 1 if any finding is an error."""
    from contractkit.composer import compose
    from contractkit.loading import load

    format = format.lower()
    if format not in ("text", "json"):
        error(f"Unknown report format {format!r}; choose text or json.")
        raise typer.Exit(EXIT_BAD_INPUT)
    with user_errors():
        result = compose(load(spec))
    print_report(result.report, format)
    if not result.report.ok:
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def example(
    name: Annotated[str, typer.Argument(help="The example: medical-coding.")],
    out: Annotated[
        Path | None,
        typer.Option(help="File to write; printed to standard output when unset."),
    ] = None,
) -> None:
    """Write an example spec to start a new contract from."""
    from contractkit.examples import example_spec
    from contractkit.render.output import write_atomic

    with user_errors():
        text = example_spec(name)
        if out is None:
            typer.echo(text, nl=False)
            return
        if out.exists():
            error(f"{str(out)!r} exists already; choose another file name.")
            raise typer.Exit(EXIT_BAD_INPUT)
        write_atomic(out, text.encode("utf-8"))
        typer.echo(f"wrote {out}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of a spec file."""
    from contractkit.schema import spec_schema

    with user_errors():
        typer.echo(json.dumps(spec_schema(), indent=2, sort_keys=True))


@app.command("rules")
def list_rules(
    format: Annotated[
        str, typer.Option("--format", help="Listing format: text or json.")
    ] = "text",
) -> None:
    """List every installed rule with its code, pack, severity and title."""
    from contractkit._docgen import all_rules

    with user_errors():
        rules = sorted(all_rules(), key=lambda rule: rule.code)
    if format == "json":
        rows = [
            {
                "code": r.code,
                "pack": r.pack,
                "severity": r.severity.value,
                "stage": r.stage,
                "title": r.title,
            }
            for r in rules
        ]
        typer.echo(json.dumps(rows, indent=2))
        return
    for r in rules:
        typer.echo(f"{r.code:<16} {r.severity.value:<8} {r.pack:<16} {r.title}")


packs_app = typer.Typer(help="Inspect installed clause packs.", no_args_is_help=True)
app.add_typer(packs_app, name="packs")


@packs_app.command("list")
def packs_list() -> None:
    """List installed clause packs: name, version, clauses and rules."""
    from contractkit.plugins import available_packs

    with user_errors():
        packs = available_packs()
    for name, pack in sorted(packs.items()):
        base = f" (extends {', '.join(pack.extends)})" if pack.extends else ""
        typer.echo(
            f"{name} {pack.version}{base}: {len(pack.clauses)} clauses, "
            f"{len(pack.rules)} rules. {pack.description}"
        )


@packs_app.command("show")
def packs_show(
    name: Annotated[str, typer.Argument(help="An installed pack's name.")],
) -> None:
    """Show a pack's clauses (id, switchable or not, options) and rules."""
    from contractkit.plugins import load_pack

    with user_errors():
        pack = load_pack(name)
    typer.echo(f"{pack.name} {pack.version}: {pack.description}")
    typer.echo(f"languages: {', '.join(pack.languages)}")
    if pack.extends:
        typer.echo(f"extends: {', '.join(pack.extends)}")
    typer.echo("clauses:")
    for clause in pack.clauses:
        kind = "optional" if clause.optional else "required"
        typer.echo(
            f"  {pack.full_id(clause)} {clause.version} ({kind}): {clause.title}"
        )
        if clause.options is not None:
            for option, info in clause.options.model_fields.items():
                typer.echo(f"      option {option}: {info.description or ''}".rstrip())
    typer.echo("rules:")
    for rule in pack.rules:
        typer.echo(f"  {rule.code} {rule.severity.value}: {rule.title}")


@packs_app.command("check")
def packs_check(
    name_or_path: Annotated[
        str, typer.Argument(help="An installed pack's name, or a pack's folder.")
    ],
) -> None:
    """Check a pack: templates, variables, clause ids, rule docs, sample spec."""
    from contractkit.clauses.checking import check_pack, load_pack_from_path
    from contractkit.errors import PackError, PackNotFoundError
    from contractkit.plugins import load_pack

    with user_errors():
        try:
            if Path(name_or_path).exists():
                pack = load_pack_from_path(name_or_path)
            else:
                pack = load_pack(name_or_path)
        except PackNotFoundError:
            raise
        except PackError as exc:
            error(str(exc))
            raise typer.Exit(EXIT_FINDINGS) from None
        report = check_pack(pack)
    if report:
        print_report(report, "text")
        raise typer.Exit(EXIT_FINDINGS)
    typer.secho(
        f"Pack {pack.name} {pack.version}: {len(pack.clauses)} clauses and "
        f"{len(pack.rules)} rules check out.",
        fg=typer.colors.GREEN,
    )


app.command()(bulk)


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """Print a skipped pack as one line; other warnings as Python does."""
    if category.__name__ == "PackWarning":
        typer.secho(f"warning: {message}", err=True, fg=typer.colors.YELLOW)
        return
    _python_show_warning(message, category, filename, lineno, file, line)


_python_show_warning = warnings.showwarning


def main(argv: list[str] | None = None) -> None:
    """Run the command line with ``argv`` (``sys.argv[1:]`` when ``None``)."""
    warnings.showwarning = _show_warning
    command: Callable[..., object] = app
    command(args=argv if argv is not None else sys.argv[1:], prog_name="contractkit")
