"""The ``contractkit bulk`` command: one contract per row, resumable.

Every output is written atomically, and ``manifest.jsonl`` in the output
folder gets one line per row as soon as the row is done, flushed to disk, so
a batch that is killed loses at most the rows in flight. Running the same
command again skips each row whose files are on disk with the hashes the
manifest recorded for the same spec and pack versions, and ignores a torn
last line. When a run completes, the manifest is rewritten to hold exactly
that run's lines.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from contractkit.cli._common import EXIT_BAD_INPUT, EXIT_FINDINGS, error, parse_formats
from contractkit.errors import ContractkitError, OutputError, SpecError, SpecFileError

if TYPE_CHECKING:
    from contractkit.bulk import BulkResult, UnreadableRow
    from contractkit.models import Contract

__all__ = ["MANIFEST", "bulk"]

MANIFEST = "manifest.jsonl"
"""The manifest's file name in the output folder."""

_SHOWN_PROBLEMS = 20
_DONE = ("ok", "skipped")
_Entry = dict[str, Any]


@dataclass
class _Tally:
    """How many rows ended in each status."""

    ok: int = 0
    skipped: int = 0
    findings: int = 0
    error: int = 0

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    @property
    def bad(self) -> int:
        return self.findings + self.error


def bulk(
    rows: Annotated[
        Path,
        typer.Argument(
            help="Rows to compose: a .csv with dotted column names such as "
            "client.legal_name, or a .jsonl of specs.",
            show_default=False,
            metavar="ROWS",
        ),
    ],
    out: Annotated[
        Path, typer.Option(help="Folder for the contracts and manifest.jsonl.")
    ],
    base: Annotated[
        Path | None,
        typer.Option(help="A spec file that every row is laid over."),
    ] = None,
    jobs: Annotated[
        int, typer.Option(help="Processes to compose in; 1 composes in this one.")
    ] = 1,
    format: Annotated[
        str, typer.Option("--format", help="Comma-separated formats: docx, txt.")
    ] = "docx,txt",
) -> None:
    """Compose one contract per row into OUT, with a manifest; resumable.

    Exit 0 when every row is written (or already was), 1 when some rows
    have findings or errors (the others are still written), 2 when the
    input cannot be used.
    """
    from contractkit.bulk import compose_many, read_rows

    if jobs < 1:
        error(f"--jobs must be at least 1, got {jobs}.")
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        formats = parse_formats(format)
        base_spec = _load_base(base)
        specs = read_rows(rows, base_spec)
        total = _count_rows(rows) if _interactive() else None
        run = _Run(out, formats)
    except ContractkitError as exc:
        error(str(exc))
        raise typer.Exit(EXIT_BAD_INPUT) from None

    try:
        with _executor(jobs) as executor, _progress(total) as advance:
            results = compose_many(
                run.plan(specs, advance), formats=formats, executor=executor
            )
            for result in results:
                run.record(result)
                advance()
        run.finish()
    except ContractkitError as exc:
        error(str(exc))
        raise typer.Exit(EXIT_BAD_INPUT) from None
    finally:
        run.close()

    _summary(run)
    if run.tally.bad:
        raise typer.Exit(EXIT_FINDINGS)


_LEFTOVER = re.compile(
    r"\..+\.(docx|txt|jsonl)\.([A-Za-z0-9_]{8}\.tmp|[0-9a-f]{16}\.bak)"
)
"""The temporary and backup files an atomic write makes beside its target."""


def _remove_leftovers(out: Path) -> None:
    """Remove temporary files that a killed earlier run left in ``out``.

    Only this command writes into its output folder while it runs, so a
    temporary file there is never another writer's work in progress.
    """
    for leftover in out.iterdir():
        if _LEFTOVER.fullmatch(leftover.name) and leftover.is_file():
            with contextlib.suppress(OSError):
                leftover.unlink()


class _Run:
    """One run of the command: the output folder, the manifests, the tallies."""

    def __init__(self, out: Path, formats: list[str]) -> None:
        from contractkit.composer._batch import BatchMemo

        self.out = out
        self.formats = formats
        self.tally = _Tally()
        self.problems: list[str] = []
        """The first problems, to show; the manifest lists them all."""
        self._seen: dict[str, int] = {}
        self._packs: dict[str, dict[str, str]] = {}
        self._memo = BatchMemo()
        """Validates the rows to plan them, sharing what they share."""
        self._row = 0
        self._rows: dict[int, int] = {}
        self._sent = 0
        if out.exists() and not out.is_dir():
            raise OutputError(
                f"--out {str(out)!r} is a file; give a folder for the contracts."
            )
        path = out / MANIFEST
        self._previous = _read_manifest(path)
        try:
            out.mkdir(parents=True, exist_ok=True)
            _remove_leftovers(out)
            self._manifest, self._start = _open_for_append(path)
        except OSError as exc:
            raise OutputError(
                f"Cannot write the manifest {str(path)!r}: {exc.strerror or exc}; "
                "check that the folder is writable."
            ) from None

    def plan(
        self,
        specs: Iterator[dict[str, Any] | UnreadableRow],
        advance: Any,
    ) -> Iterator[dict[str, Any] | UnreadableRow]:
        """Yield the rows that need composing; settle the others on the spot.

        A row already done with the same spec and packs is recorded as
        skipped, and a second row with a reference seen before is an error;
        neither is composed.
        """
        for spec in specs:
            self._row += 1
            item = self._settle(self._row, spec)
            if item is None:
                advance()
                continue
            self._sent += 1
            self._rows[self._sent] = self._row
            yield item

    def _settle(
        self, row: int, spec: dict[str, Any] | UnreadableRow
    ) -> dict[str, Any] | UnreadableRow | None:
        from contractkit.bulk import UnreadableRow

        if isinstance(spec, UnreadableRow):
            return spec
        try:
            contract = self._memo.to_contract(spec)
        except ContractkitError:
            return spec  # composing it reports every problem with the spec
        reference = contract.document.reference
        if reference in self._seen:
            self._write(
                _entry(row, "error", reference)
                | {"error": _duplicate(reference, self._seen[reference])}
            )
            return None
        self._seen[reference] = row

        done = self._previous.get(reference)
        if done is not None and self._unchanged(done, contract):
            self._write(done | {"row": row, "status": "skipped"})
            return None
        return spec  # as data, so that the batch shares its sections

    def _unchanged(self, done: _Entry, contract: Contract) -> bool:
        from contractkit.composer import spec_hash

        canonical = self._memo.canonical_json(contract)
        if done.get("spec_sha256") != spec_hash(contract, canonical):
            return False
        if done.get("packs") != self._pack_versions(contract.pack):
            return False
        outputs = done.get("outputs")
        if not isinstance(outputs, Mapping):
            return False
        reference = contract.document.reference
        return all(
            _file_matches(self.out, f"{reference}.{fmt}", outputs.get(fmt))
            for fmt in self.formats
        )

    def _pack_versions(self, name: str) -> dict[str, str] | None:
        from contractkit.plugins import pack_chain

        if name not in self._packs:
            try:
                self._packs[name] = {p.name: p.version for p in pack_chain(name)}
            except ContractkitError:
                return None
        return self._packs[name]

    def record(self, result: BulkResult) -> None:
        """Write a composed row's files, then its manifest line."""
        row = self._rows.pop(result.row)
        entry = _entry(row, result.status, result.reference) | {
            "findings": [
                {
                    "code": f.code,
                    "severity": f.severity.value,
                    "path": f.path,
                    "message": f.message,
                }
                for f in result.findings
            ],
            "spec_sha256": result.spec_sha256,
            "packs": result.packs,
        }
        if result.error is not None:
            entry["error"] = result.error
        if result.ok and result.reference is not None:
            try:
                entry |= self._write_outputs(result.reference, result.outputs)
            except OutputError as exc:
                entry |= {"status": "error", "error": str(exc)}
        self._write(entry)

    def _write_outputs(self, reference: str, outputs: Mapping[str, bytes]) -> _Entry:
        from contractkit.bulk import output_hash
        from contractkit.render.output import write_atomic

        files: dict[str, dict[str, str]] = {}
        for fmt, data in outputs.items():
            name = f"{reference}.{fmt}"
            write_atomic(self.out / name, data)
            files[fmt] = {"path": name, "sha256": hashlib.sha256(data).hexdigest()}
        return {"outputs": files, "output_sha256": output_hash(outputs)}

    def _write(self, entry: _Entry) -> None:
        self.tally.add(entry["status"])
        bad = entry["status"] in ("findings", "error")
        if bad and len(self.problems) < _SHOWN_PROBLEMS:
            self.problems.append(_problem(entry))
        self._manifest.write(json.dumps(entry, sort_keys=True) + "\n")
        self._manifest.flush()
        os.fsync(self._manifest.fileno())

    def finish(self) -> None:
        """Rewrite the manifest atomically to hold this run's lines only."""
        self._manifest.close()
        path = self.out / MANIFEST
        handle, temp = tempfile.mkstemp(prefix=f".{MANIFEST}.", dir=self.out)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as target:
                with path.open("rb") as source:
                    source.seek(self._start)
                    for raw in source:
                        line = raw.decode("utf-8", errors="replace")
                        if _parse(line) is not None:
                            target.write(line)
                target.flush()
                os.fsync(target.fileno())
            os.replace(temp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)

    def close(self) -> None:
        """Close the manifest, when a failure left it open."""
        self._manifest.close()


def _entry(row: int, status: str, reference: str | None) -> _Entry:
    return {
        "row": row,
        "status": status,
        "reference": reference,
        "outputs": {},
        "findings": [],
        "error": None,
        "spec_sha256": None,
        "packs": {},
        "output_sha256": None,
    }


def _duplicate(reference: str, first: int) -> str:
    return (
        f"Row {first} already has reference {reference!r}, and a contract is "
        "never overwritten by another row; give this row its own reference."
    )


def _problem(entry: _Entry) -> str:
    what = entry["error"] or "; ".join(
        f"{f['code']} {f['path'] or '(contract)'}: {f['message']}"
        for f in entry["findings"]
        if f["severity"] == "error"
    )
    return f"row {entry['row']}: {what}"


def _file_matches(out: Path, name: str, output: object) -> bool:
    """Tell whether a manifest's output entry is file ``name`` in ``out``, unchanged.

    An entry that is not a path and hash, or that names another file than
    the one this run would write, matches nothing, and neither does a
    symbolic link in its place: the manifest and the folder are the user's,
    and may have been edited.
    """
    if not isinstance(output, Mapping):
        return False
    path, digest = output.get("path"), output.get("sha256")
    if path != name or not isinstance(digest, str):
        return False
    target = out / name
    try:
        if target.is_symlink() or out.resolve() != target.resolve().parent:
            return False  # the file this run writes is a regular file in out
        data = target.read_bytes()
    except (OSError, ValueError, RuntimeError):
        return False
    return hashlib.sha256(data).hexdigest() == digest


def _parse(line: str) -> _Entry | None:
    """Return a manifest line's entry, or ``None`` for a torn or foreign line."""
    try:
        entry = json.loads(line)
    except json.JSONDecodeError:
        return None
    if not isinstance(entry, dict) or not line.endswith("\n"):
        return None
    return entry


def _read_manifest(path: Path) -> dict[str, _Entry]:
    """Return the last entry of each reference written by an earlier run.

    Only rows whose files were written count; a row of another status never
    hides the files an earlier line recorded.
    """
    done: dict[str, _Entry] = {}
    try:
        stream = path.open(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return done
    except OSError as exc:
        raise SpecFileError(
            str(path), f"the file cannot be read ({exc.strerror})", kind="manifest"
        ) from None
    with stream:
        for line in stream:
            entry = _parse(line)
            if (
                entry is not None
                and entry.get("status") in _DONE
                and isinstance(entry.get("reference"), str)
            ):
                done[entry["reference"]] = entry
    return done


def _open_for_append(path: Path) -> tuple[IO[str], int]:
    """Open the manifest for appending, first ending a torn last line.

    Returns:
        The stream and the offset where this run's lines start.
    """
    torn = False
    with contextlib.suppress(FileNotFoundError), path.open("rb") as existing:
        if existing.seek(0, os.SEEK_END) > 0:
            existing.seek(-1, os.SEEK_END)
            torn = existing.read(1) != b"\n"
    stream = path.open("a", encoding="utf-8")
    if torn:
        stream.write("\n")
        stream.flush()
    return stream, path.stat().st_size


def _load_base(base: Path | None) -> dict[str, Any] | None:
    if base is None:
        return None
    from contractkit.loading import load_data

    data, _ = load_data(base)
    if not isinstance(data, dict):
        raise SpecError(
            [("", f"a base spec must be a mapping, got {type(data).__name__}")],
            source=str(base),
        )
    return data


def _count_rows(rows: Path) -> int | None:
    """Count the rows of ``rows`` for the progress bar; ``None`` if unknown."""
    try:
        with rows.open(encoding="utf-8", errors="replace", newline="") as stream:
            if rows.suffix.lower() == ".csv":
                import csv

                return max(0, sum(1 for _ in csv.reader(stream)) - 1)
            return sum(1 for line in stream if line.strip())
    except (OSError, ValueError):
        return None


def _interactive() -> bool:
    return sys.stderr.isatty()


@contextlib.contextmanager
def _executor(jobs: int) -> Iterator[Executor | None]:
    if jobs == 1:
        yield None
        return
    with ProcessPoolExecutor(
        jobs, initializer=_end_with_parent, initargs=(os.getpid(),)
    ) as executor:
        yield executor


def _end_with_parent(parent: int) -> None:
    """Make this worker process exit soon after the command is killed.

    A worker of a killed command would otherwise wait for work forever.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="contractkit-parent-watch", daemon=True).start()


@contextlib.contextmanager
def _progress(total: int | None) -> Iterator[Any]:
    """Yield a function that advances a progress bar on standard error.

    The bar is shown only when standard error is a terminal.
    """
    if not _interactive():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("composing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("rows", total=total)
        yield lambda: bar.advance(task)


def _summary(run: _Run) -> None:
    tally = run.tally
    typer.echo(
        f"{tally.ok} written, {tally.skipped} already done, "
        f"{tally.findings} with findings, {tally.error} with errors; "
        f"manifest: {run.out / MANIFEST}"
    )
    for problem in run.problems:
        error(problem)
    if tally.bad > len(run.problems):
        hidden = tally.bad - len(run.problems)
        error(f"... and {hidden} more rows; see the manifest.")
