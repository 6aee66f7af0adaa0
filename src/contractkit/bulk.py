"""Many contracts at once: ``compose_many`` over any iterable of specs.

Results come back one per input, in input order, each with its row number,
and nothing holds more than a bounded window of them, so memory stays flat
however long the input is. One bad row gives a result saying what is wrong
with it and never stops the batch.

Any :class:`concurrent.futures.Executor` can do the work: in this process by
default, a ``ProcessPoolExecutor`` for local cores, or the executor of a
``dask.distributed`` client (``client.get_executor()``) for a cluster. Rows
travel to the executor in chunks, and each chunk resolves its clause packs
once, so the per-row cost is the row's own composition and rendering.
"""

from __future__ import annotations

import codecs
import copy
import csv
import hashlib
import json
import math
import os
import pickle
import secrets
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from contractkit.clauses.pack import ClausePack
from contractkit.composer import _DEFAULT_PACK, _compose_with, _resolve_packs
from contractkit.composer._batch import BatchMemo
from contractkit.errors import ContractkitError, SpecFileError
from contractkit.loading import parse_json
from contractkit.models import Contract
from contractkit.rules.finding import Finding, Severity

__all__ = [
    "BulkResult",
    "Status",
    "UnreadableRow",
    "compose_many",
    "output_hash",
    "overlay",
    "read_rows",
]

Status = Literal["ok", "findings", "error"]
"""A row's outcome: rendered, stopped by rule errors, or stopped by an error."""

Spec = Contract | Mapping[str, Any]
"""One input: a validated Contract or its data as a mapping."""

_CHUNK = 8
"""Rows sent to an executor in one task, so pack resolution and pickling
are paid once per chunk, not once per row."""


@dataclass(frozen=True)
class UnreadableRow:
    """A row of a rows file that could not be read as a spec, and why."""

    reason: str


@dataclass(frozen=True)
class BulkResult:
    """The outcome of one input row.

    Attributes:
        row: the row's number, counting from 1 in input order.
        reference: the contract's reference, when the spec was valid.
        outputs: the rendered files by format, when the row composed cleanly.
        findings: the composer's findings, errors and warnings.
        error: the message of the error that stopped this row, if any.
        spec_sha256: the hash of the validated spec, when it validated.
        packs: the versions of the packs that composed it, by pack name.
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
        """Whether the row composed and rendered with no error."""
        return self.status == "ok"

    @property
    def status(self) -> Status:
        """``ok``, ``findings`` (rule errors blocked it) or ``error``."""
        if self.error is not None:
            return "error"
        if any(f.severity is Severity.ERROR for f in self.findings):
            return "findings"
        return "ok"


class _Batch:
    """What one chunk of rows shares: the resolved pack chains and the renderers."""

    def __init__(self, formats: Sequence[str], packs: Sequence[str] | None) -> None:
        from contractkit.render import render

        self.formats = tuple(formats)
        self.render = render
        self._allowed = packs
        self._chains: dict[str, list[ClausePack]] = {}
        self._memo = BatchMemo(packs)

    def chain(self, name: str) -> list[ClausePack]:
        """Return the pack chain of pack ``name``, resolved once per batch."""
        chain = self._chains.get(name)
        if chain is None:
            chain = _resolve_packs(name, self._allowed)
            self._chains[name] = chain
        return chain

    def compose_one(self, row: int, spec: Spec | UnreadableRow) -> BulkResult:
        """Compose and render one row; every failure becomes part of the result."""
        if isinstance(spec, UnreadableRow):
            return BulkResult(row=row, error=spec.reason)
        try:
            if self._allowed is not None and isinstance(spec, Mapping):
                self.chain(str(spec.get("pack", _DEFAULT_PACK)))  # as compose()
            contract = self._memo.to_contract(spec)
            result = _compose_with(contract, self.chain(contract.pack), self._memo)
        except ContractkitError as exc:
            return BulkResult(row=row, error=str(exc))
        except Exception as exc:  # a bad row must not stop the batch
            return BulkResult(row=row, error=f"{type(exc).__name__}: {exc}")

        common: dict[str, Any] = {
            "row": row,
            "reference": result.reference,
            "findings": result.report.findings,
            "spec_sha256": result.provenance["spec_sha256"],
            "packs": dict(result.provenance["packs"]),
        }
        if not result.ok:
            return BulkResult(**common)
        try:
            outputs = {fmt: self.render(result.document, fmt) for fmt in self.formats}
        except ContractkitError as exc:
            return BulkResult(**common, error=str(exc))
        except Exception as exc:  # a bad row must not stop the batch
            return BulkResult(**common, error=f"{type(exc).__name__}: {exc}")
        return BulkResult(**common, outputs=outputs)


@dataclass(frozen=True, slots=True)
class _Frozen:
    """A row pickled when read, so that later changes to it do not reach it."""

    data: bytes


def _frozen(spec: Spec | UnreadableRow) -> UnreadableRow | _Frozen:
    """Return ``spec`` as it is now, pickled, to send to an executor.

    A spec pickle cannot take becomes an unreadable row, on any executor:
    a process or a cluster could not receive it, and a row is refused the
    same way wherever the batch runs.
    """
    try:
        return _Frozen(pickle.dumps(spec, protocol=5))
    except Exception as exc:  # a bad row must not stop the batch
        return UnreadableRow(
            f"the spec cannot be sent to the executor, since pickle cannot take "
            f"it ({type(exc).__name__}: {exc}); compose it without an executor, "
            "or give its values as plain data"
        )


def _thawed(spec: Spec | UnreadableRow | _Frozen) -> Spec | UnreadableRow:
    return pickle.loads(spec.data) if isinstance(spec, _Frozen) else spec


_WORKER = threading.local()
"""The batch each worker thread composed chunks of last, with the batch's key."""


def _compose_chunk(
    rows: Sequence[tuple[int, Spec | UnreadableRow | _Frozen]],
    formats: Sequence[str],
    packs: Sequence[str] | None,
    key: str,
) -> list[BulkResult]:
    """Compose a chunk of rows; runs wherever the executor puts it.

    The chunks of one ``compose_many`` call share ``key``, so a worker that
    gets several of them keeps the sections validated for the first. Each
    thread keeps its own batch: a batch is used by one thread at a time.
    """
    kept: tuple[str, _Batch] | None = getattr(_WORKER, "batch", None)
    if kept is None or kept[0] != key:
        kept = (key, _Batch(formats, packs))
        _WORKER.batch = kept
    batch = kept[1]
    return [batch.compose_one(row, _thawed(spec)) for row, spec in rows]


def compose_many(
    specs: Iterable[Spec | UnreadableRow],
    *,
    formats: Sequence[str] = ("docx", "txt"),
    executor: Executor | None = None,
    packs: Sequence[str] | None = None,
    window: int | None = None,
    chunk_size: int = _CHUNK,
) -> Iterator[BulkResult]:
    """Compose and render every spec, yielding one result per input, in order.

    A bad row (an unreadable row, an invalid spec, rule errors, a failed
    render) gives a result with its findings or error; it never stops the
    batch. ``specs`` is read lazily, and at most ``window`` chunks of
    ``chunk_size`` rows are in flight at once, so memory stays flat.

    Each spec is composed as it was when it was read: in this process it is
    composed before the next is read, and for an executor it is pickled when
    read (a spec pickle cannot take gives that row an error), so the caller
    may change or reuse a spec object once it has been yielded. When
    reading ``specs`` raises, the results of the rows read before are
    yielded first, then the exception is raised.

    Args:
        specs: Contracts or mappings (a pandas DataFrame's
            ``to_dict("records")``, rows from :func:`read_rows`); a generator
            is read as the batch goes.
        formats: the formats to render each clean contract to; none to only
            validate and compose.
        executor: where the work runs; in this process when ``None``. The
            specs and results must be picklable for a process pool or a
            dask cluster.
        packs: the only packs that may be used (see
            :func:`~contractkit.composer.compose`).
        window: how many chunks may be in flight with an executor; four
            per CPU when ``None``.
        chunk_size: how many rows go to the executor in one task.

    Raises:
        ValueError: ``window`` or ``chunk_size`` is less than 1.
        Exception: whatever reading ``specs`` raised, after the results of
            the rows read before it.
    """
    if chunk_size < 1 or (window is not None and window < 1):
        raise ValueError(
            f"compose_many needs a window and chunk_size of at least 1, got "
            f"window={window!r} and chunk_size={chunk_size!r}."
        )
    rows = enumerate(specs, start=1)
    fmts = tuple(formats)
    if executor is None:
        batch = _Batch(fmts, packs)
        for row, spec in rows:
            yield batch.compose_one(row, spec)
        return

    limit = window or 4 * (os.cpu_count() or 1)
    key = secrets.token_hex(16)
    pending: deque[Future[list[BulkResult]]] = deque()
    failure: BaseException | None = None
    while failure is None:
        chunk: list[tuple[int, Spec | UnreadableRow | _Frozen]] = []
        try:
            for row, spec in islice(rows, chunk_size):
                chunk.append((row, _frozen(spec)))
        except Exception as exc:  # the rows read so far still get their results
            failure = exc
        if not chunk:
            break
        pending.append(executor.submit(_compose_chunk, chunk, fmts, packs, key))
        if len(pending) >= limit:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
    if failure is not None:
        raise failure


class _OverlayError(ValueError):
    """A dotted column name that cannot be laid over the base spec."""


MAX_INDEX = 1000
"""The largest list index a dotted column may name, plus one."""


def overlay(base: Mapping[str, Any], flat: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``base`` with dotted keys such as ``client.legal_name`` set.

    Indexes select list items: ``medical_coding.chart_types[0].rate_per_chart``.
    Empty values leave the base value alone, so a CSV cell can be blank;
    so does NaN, which pandas reads a blank cell as.

    Raises:
        ValueError: a key is malformed, or goes through a value that is
            neither a mapping nor a list.
    """
    data = copy.deepcopy(dict(base))
    for dotted, value in flat.items():
        if _blank(value):
            continue
        _set(data, dotted, _split(dotted), value)
    return data


def _blank(value: object) -> bool:
    """Tell whether a cell is empty: ``None``, ``""``, or the NaN pandas reads."""
    if value is None:
        return True
    if isinstance(value, str):
        return value == ""
    return isinstance(value, float) and math.isnan(value)


def _split(dotted: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in dotted.split("."):
        name, _, rest = piece.partition("[")
        if not name:
            raise _OverlayError(f"column {dotted!r} has an empty name part")
        parts.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            if not index.isdigit():
                raise _OverlayError(
                    f"column {dotted!r} has index [{index}]; indexes are whole "
                    "numbers from 0, such as [0]"
                )
            if int(index) >= MAX_INDEX:
                raise _OverlayError(
                    f"column {dotted!r} has index [{index}]; a spec list holds "
                    f"fewer than {MAX_INDEX} items"
                )
            parts.append(int(index))
            rest = rest.removeprefix("[")
    return parts


def _set(data: Any, dotted: str, parts: list[str | int], value: Any) -> None:
    target = data
    for part, following in zip(parts, parts[1:], strict=False):
        _check_container(target, part, dotted)
        if isinstance(part, int):
            while len(target) <= part:
                target.append({} if isinstance(following, str) else [])
        elif part not in target or target[part] is None:
            target[part] = [] if isinstance(following, int) else {}
        target = target[part]

    last = parts[-1]
    _check_container(target, last, dotted)
    if isinstance(last, int):
        while len(target) <= last:
            target.append(None)
    target[last] = value


def _check_container(target: Any, part: str | int, dotted: str) -> None:
    wanted = list if isinstance(part, int) else dict
    if not isinstance(target, wanted):
        raise _OverlayError(
            f"column {dotted!r} goes through a {type(target).__name__}, where "
            f"{'a list' if wanted is list else 'a mapping'} is needed"
        )


def read_rows(
    path: str | Path, base: Mapping[str, Any] | None = None
) -> Iterator[dict[str, Any] | UnreadableRow]:
    """Read specs from a CSV (dotted column names) or JSONL file, lazily.

    Each CSV row is laid over ``base`` with :func:`overlay`. Each JSONL line
    is a whole spec, or, with ``base``, a partial one: its mappings are
    merged into the base's, its other values replace the base's, and dotted
    keys are laid over the result. A row
    that cannot be read becomes an :class:`UnreadableRow` in its place, so
    row numbers stay the line numbers of the data.

    The whole file is checked to be UTF-8 text when ``read_rows`` is
    called, so a bad byte refuses the file before any row is used.

    Raises:
        SpecFileError: the file is missing, is neither .csv nor .jsonl, or
            is not UTF-8 text.
    """
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix not in (".csv", ".jsonl"):
        raise SpecFileError(
            str(path), "rows must be a .csv or .jsonl file", kind="rows file"
        )
    _check_utf8(source)
    return _rows(source, suffix, base)


def _rows(
    source: Path, suffix: str, base: Mapping[str, Any] | None
) -> Iterator[dict[str, Any] | UnreadableRow]:
    try:
        stream = source.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SpecFileError(
            str(source), f"the file cannot be read ({exc.strerror})", kind="rows file"
        ) from None
    with stream:
        if suffix == ".csv":
            yield from _csv_rows(stream, base or {})
        else:
            for line in stream:
                if line.strip():
                    yield _jsonl_row(line, base)


def _check_utf8(source: Path) -> None:
    """Refuse a file that is not UTF-8 text before any of its rows is used.

    A decoding error half way through a file cannot be confined to one row,
    since the reader decodes blocks, not lines; so the whole file is
    checked first, in blocks, and refused with the line of the first bad
    byte.

    Raises:
        SpecFileError: the file cannot be read, or is not UTF-8.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    try:
        stream = source.open("rb")
    except OSError as exc:
        raise SpecFileError(
            str(source), f"the file cannot be read ({exc.strerror})", kind="rows file"
        ) from None
    with stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            held = len(decoder.getstate()[0])  # a character the last block split
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                line += block.count(b"\n", 0, max(0, exc.start - held))
                raise SpecFileError(
                    str(source),
                    f"line {line} is not UTF-8 text ({exc.reason}); save the "
                    "file as UTF-8",
                    kind="rows file",
                ) from None
            line += block.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise SpecFileError(
            str(source),
            f"line {line} ends the file inside a character ({exc.reason}); save "
            "the file as UTF-8",
            kind="rows file",
        ) from None


def _csv_rows(
    stream: Iterable[str], base: Mapping[str, Any]
) -> Iterator[dict[str, Any] | UnreadableRow]:
    reader = csv.DictReader(stream)
    header = reader.fieldnames or []
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        yield UnreadableRow(
            f"the header names the columns {repeated} more than once; every "
            "row is refused until each column appears once"
        )
        return
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield UnreadableRow(f"the CSV row cannot be read: {exc}")
            continue
        if None in record:
            yield UnreadableRow(
                f"the row has {len(record[None]) + len(record) - 1} cells, more "
                f"than the {len(record) - 1} columns of the header"
            )
            continue
        try:
            yield overlay(base, record)
        except _OverlayError as exc:
            yield UnreadableRow(str(exc))


def _jsonl_row(
    line: str, base: Mapping[str, Any] | None
) -> dict[str, Any] | UnreadableRow:
    try:
        data = parse_json(line)
    except json.JSONDecodeError as exc:
        return UnreadableRow(f"invalid JSON: {exc.msg} at column {exc.colno}")
    except ValueError as exc:
        return UnreadableRow(f"the line cannot be used: {exc}")
    if not isinstance(data, dict):
        return UnreadableRow("each JSONL line must be a JSON object")
    if base is None:
        return data
    flat = {k: v for k, v in data.items() if "." in k or "[" in k}
    nested = {k: v for k, v in data.items() if k not in flat}
    try:
        return overlay(_merge(base, nested), flat)
    except _OverlayError as exc:
        return UnreadableRow(str(exc))


def _merge(base: Mapping[str, Any], update: Mapping[str, Any]) -> dict[str, Any]:
    """Lay ``update`` over ``base``, merging mappings and replacing the rest."""
    merged = dict(base)
    for key, value in update.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def output_hash(outputs: Mapping[str, bytes]) -> str:
    """Return one SHA-256 over every output of a row, in format order."""
    digest = hashlib.sha256()
    for fmt in sorted(outputs):
        digest.update(fmt.encode())
        digest.update(hashlib.sha256(outputs[fmt]).digest())
    return digest.hexdigest()
