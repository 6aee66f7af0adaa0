"""Many contracts at once: ``compose_many`` over any iterable of specs.

Results come back one per input, in input order, and nothing holds more than
a bounded window of them, so memory stays flat however long the input is.
Any :class:`concurrent.futures.Executor` can do the work: in-process by
default, a ``ProcessPoolExecutor`` for local cores, or a
``dask.distributed`` client's executor for a cluster.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import json
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from contractkit.composer import compose
from contractkit.errors import ContractkitError, SpecFileError
from contractkit.models import Contract
from contractkit.rules.finding import Finding

__all__ = [
    "BulkResult",
    "UnreadableRow",
    "compose_many",
    "output_hash",
    "overlay",
    "read_rows",
]


@dataclass(frozen=True)
class UnreadableRow:
    """A row of a rows file that could not be read as a spec, and why."""

    reason: str


@dataclass(frozen=True)
class BulkResult:
    """The outcome of one input row.

    Attributes:
        row: the row's number, counting from 1 in input order.
        reference: the contract's reference, when the spec was readable.
        outputs: the rendered files by format, when the row composed cleanly.
        findings: the composer's findings (errors and warnings).
        error: the message of the error that stopped this row, if any.
        spec_sha256: the hash of the validated spec, when it validated.
        packs: the pack versions that composed it.
    """

    row: int
    reference: str | None = None
    outputs: dict[str, bytes] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    spec_sha256: str | None = None
    packs: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the row composed and rendered without errors."""
        return self.error is None and not any(
            f.severity.value == "error" for f in self.findings
        )


def _compose_one(
    row: int,
    spec: Contract | Mapping[str, Any] | UnreadableRow,
    formats: Sequence[str],
    packs: Sequence[str] | None,
) -> BulkResult:
    """Compose and render one row; every user error becomes part of the result."""
    from contractkit.render import render

    if isinstance(spec, UnreadableRow):
        return BulkResult(row=row, error=spec.reason)
    try:
        result = compose(spec, packs=packs)
    except ContractkitError as exc:
        return BulkResult(row=row, error=str(exc))

    versions = dict(result.provenance["packs"])
    common = {
        "row": row,
        "reference": result.reference,
        "findings": result.report.findings,
        "spec_sha256": result.provenance["spec_sha256"],
        "packs": versions,
    }
    if not result.ok:
        return BulkResult(**common)
    try:
        outputs = {fmt: render(result.document, fmt) for fmt in formats}
    except ContractkitError as exc:
        return BulkResult(**common, error=str(exc))
    return BulkResult(**common, outputs=outputs)


def compose_many(
    specs: Iterable[Contract | Mapping[str, Any] | UnreadableRow],
    *,
    formats: Sequence[str] = ("docx", "txt"),
    executor: Executor | None = None,
    packs: Sequence[str] | None = None,
    window: int = 64,
) -> Iterator[BulkResult]:
    """Compose and render every spec, yielding one result per input, in order.

    A bad row (invalid spec, rule errors, a failed render) gives a result
    with its findings or error; it never stops the batch.

    Args:
        specs: specs as Contracts or mappings; a generator is read lazily.
        formats: the formats to render each clean contract to.
        executor: where the work runs; in this process when ``None``.
        packs: the only packs that may be used (see :func:`compose`).
        window: how many rows may be in flight at once with an executor.
    """
    rows = enumerate(specs, start=1)
    if executor is None:
        for row, spec in rows:
            yield _compose_one(row, spec, tuple(formats), packs)
        return

    pending: deque[Future[BulkResult]] = deque()
    for row, spec in rows:
        pending.append(executor.submit(_compose_one, row, spec, tuple(formats), packs))
        if len(pending) >= max(1, window):
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def overlay(base: Mapping[str, Any], flat: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``base`` with dotted keys such as ``client.legal_name`` set.

    Indexes select list items: ``medical_coding.chart_types[0].rate_per_chart``.
    Empty values leave the base value alone, so a CSV column can be blank.
    """
    data = copy.deepcopy(dict(base))
    for dotted, value in flat.items():
        if value is None or value == "":
            continue
        _set(data, _split(dotted), value)
    return data


def _split(dotted: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in dotted.split("."):
        name, _, rest = piece.partition("[")
        parts.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            parts.append(int(index))
            rest = rest.lstrip("[")
    return parts


def _set(data: Any, parts: list[str | int], value: Any) -> None:
    target = data
    for part, following in zip(parts, parts[1:], strict=False):
        if isinstance(part, int):
            while len(target) <= part:
                target.append({})
            target = target[part]
            continue
        if part not in target or target[part] is None:
            target[part] = [] if isinstance(following, int) else {}
        target = target[part]
    last = parts[-1]
    if isinstance(last, int):
        while len(target) <= last:
            target.append(None)
    target[last] = value


def read_rows(
    path: str | Path, base: Mapping[str, Any] | None = None
) -> Iterator[dict[str, Any] | UnreadableRow]:
    """Read specs from a CSV (dotted column names) or JSONL file, lazily.

    Each CSV row is laid over ``base``; each JSONL line is a whole spec, or a
    partial one over ``base`` when given.

    Raises:
        SpecFileError: the file is missing or is neither .csv nor .jsonl.
    """
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix not in (".csv", ".jsonl"):
        raise SpecFileError(str(path), "rows must be a .csv or .jsonl file")
    try:
        stream = source.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise SpecFileError(str(path), f"the file cannot be read ({exc.strerror})") from None
    with stream:
        if suffix == ".csv":
            for record in csv.DictReader(stream):
                yield overlay(base or {}, record)
        else:
            for line in stream:
                if line.strip():
                    yield _jsonl_row(line, base)


def _jsonl_row(
    line: str, base: Mapping[str, Any] | None
) -> dict[str, Any] | UnreadableRow:
    try:
        data = json.loads(line, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        return UnreadableRow(f"invalid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(data, dict):
        return UnreadableRow("each JSONL line must be a JSON object")
    if base is None:
        return data
    flat = {k: v for k, v in data.items() if "." in k}
    nested = {k: v for k, v in data.items() if "." not in k}
    return overlay({**copy.deepcopy(dict(base)), **nested}, flat)


def output_hash(outputs: Mapping[str, bytes]) -> str:
    """Return one SHA-256 over every output of a row, in format order."""
    digest = hashlib.sha256()
    for fmt in sorted(outputs):
        digest.update(fmt.encode())
        digest.update(hashlib.sha256(outputs[fmt]).digest())
    return digest.hexdigest()

