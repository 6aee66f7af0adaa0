"""Tests of bulk generation: compose_many, read_rows and ``contractkit bulk``."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import docx
import pytest
from typer.testing import CliRunner

from contractkit.bulk import (
    UnreadableRow,
    compose_many,
    output_hash,
    overlay,
    read_rows,
)
from contractkit.cli import app
from contractkit.composer import compose
from contractkit.loading import load_data

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "medical-coding" / "orthopedic-backlog.yaml"
INVALID = ROOT / "examples" / "medical-coding" / "invalid-indemnity.yaml"
HOSTILE = "*ACME* {{ 7*7 }} & <Sons>"


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    data, _ = load_data(EXAMPLE)
    return dict(data)


def _spec(base: dict[str, Any], reference: str, **client: Any) -> dict[str, Any]:
    spec = copy.deepcopy(base)
    spec["document"]["reference"] = reference
    spec["client"].update(client)
    return spec


def _mixed(base: dict[str, Any]) -> list[Any]:
    """Good rows with an unreadable row, an invalid spec and a rule error between."""
    rule_error, _ = load_data(INVALID)
    return [
        _spec(base, "M-1"),
        UnreadableRow("invalid JSON"),
        _spec(base, "M-3", legal_name=HOSTILE),
        {"pack": "medical_coding"},
        rule_error,
        _spec(base, "M-6"),
    ]


def test_results_keep_input_order_and_report_bad_rows(base: dict[str, Any]) -> None:
    """One result per input, in order, numbered; bad rows do not stop the batch."""
    results = list(compose_many(_mixed(base), formats=("txt",)))

    assert [r.row for r in results] == [1, 2, 3, 4, 5, 6]
    assert [r.status for r in results] == [
        "ok",
        "error",
        "ok",
        "error",
        "findings",
        "ok",
    ]
    assert [r.reference for r in results if r.ok] == ["M-1", "M-3", "M-6"]
    assert results[1].error == "invalid JSON"
    assert "document" in (results[3].error or "")
    assert any(f.severity.value == "error" for f in results[4].findings)
    assert results[4].outputs == {}
    assert HOSTILE.encode() in results[2].outputs["txt"]


def test_a_generator_is_read_lazily_with_an_executor(base: dict[str, Any]) -> None:
    """With an executor, no more than the window of chunks is read ahead."""
    read: list[int] = []

    def rows() -> Iterator[dict[str, Any]]:
        for n in range(40):
            read.append(n)
            yield _spec(base, f"L-{n}")

    with ProcessPoolExecutor(2) as pool:
        results = compose_many(
            rows(), formats=(), executor=pool, window=2, chunk_size=3
        )
        first = next(results)
        ahead = len(read)
        rest = list(results)

    assert first.row == 1
    assert ahead <= 3 * 3
    assert [r.row for r in rest] == list(range(2, 41))


def test_process_pool_gives_the_in_process_results(base: dict[str, Any]) -> None:
    """A ProcessPoolExecutor gives the same results, bytes included."""
    rows = _mixed(base)
    here = list(compose_many(rows, formats=("docx", "txt")))
    with ProcessPoolExecutor(2) as pool:
        there = list(
            compose_many(rows, formats=("docx", "txt"), executor=pool, chunk_size=2)
        )

    assert there == here


def test_dask_local_cluster_runs_a_small_batch(base: dict[str, Any]) -> None:
    """A dask.distributed client's executor composes a batch, in order."""
    distributed = pytest.importorskip("distributed")
    rows = [_spec(base, f"D-{n}") for n in range(4)]

    with (
        distributed.LocalCluster(
            processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = list(
            compose_many(
                rows, formats=("txt",), executor=client.get_executor(), chunk_size=2
            )
        )

    assert [r.reference for r in results] == ["D-0", "D-1", "D-2", "D-3"]
    assert all(r.ok for r in results)


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"client": {"legal_name": HOSTILE}},
        {"document": {"locale": "de_DE", "reference": "X-DE"}},
        {"document": {"title": "Coding Agreement", "reference": "X-T"}},
    ],
)
def test_bulk_docx_is_byte_identical_to_render_docx(
    base: dict[str, Any], change: dict[str, dict[str, str]]
) -> None:
    """The bulk path writes exactly the bytes of the single-contract path."""
    spec = copy.deepcopy(base)
    for section, values in change.items():
        spec[section].update(values)

    (result,) = compose_many([spec], formats=("docx", "txt"))

    single = compose(spec)
    assert result.outputs["docx"] == single.to_docx()
    assert result.outputs["txt"] == single.to_text().encode("utf-8")


def test_csv_columns_are_laid_over_the_base(
    base: dict[str, Any], tmp_path: Path
) -> None:
    """Dotted columns set nested fields and list items; blank cells keep the base."""
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "document.reference,client.legal_name,"
        "medical_coding.chart_types[1].rate_per_chart\n"
        "C-1,Alpha LLC,11.25\n"
        "C-2,,\n"
        "C-3,Too,Many,Cells\n"
        "C-4,Bad,\n",
        encoding="utf-8",
    )

    specs = list(read_rows(rows, base))

    first = specs[0]
    assert isinstance(first, dict)
    assert first["client"]["legal_name"] == "Alpha LLC"
    assert first["medical_coding"]["chart_types"][1]["rate_per_chart"] == "11.25"
    assert (
        first["medical_coding"]["chart_types"][0]
        == (base["medical_coding"]["chart_types"][0])
    )
    second = specs[1]
    assert isinstance(second, dict)
    assert second["client"]["legal_name"] == base["client"]["legal_name"]
    assert isinstance(specs[2], UnreadableRow)
    assert "more than the 3 columns" in specs[2].reason
    assert base["client"]["legal_name"] != "Alpha LLC"  # the base is not changed


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("client.legal_name.first", "goes through a str"),
        ("medical_coding.chart_types[x].rate", "indexes are whole numbers"),
        ("client..name", "empty name part"),
    ],
)
def test_bad_dotted_columns_are_unreadable_rows(
    base: dict[str, Any], tmp_path: Path, key: str, message: str
) -> None:
    """A column that cannot be laid over the base makes its row unreadable."""
    rows = tmp_path / "rows.csv"
    rows.write_text(f"{key}\nvalue\n", encoding="utf-8")

    (spec,) = read_rows(rows, base)

    assert isinstance(spec, UnreadableRow)
    assert message in spec.reason


def test_overlay_grows_lists_by_index() -> None:
    """An index past the end of a list appends the items it needs."""
    data = overlay({"a": {"items": [{"x": 1}]}}, {"a.items[2].x": 3, "b[0]": "y"})

    assert data == {"a": {"items": [{"x": 1}, {}, {"x": 3}]}, "b": ["y"]}


def test_jsonl_rows_are_whole_or_partial_specs(
    base: dict[str, Any], tmp_path: Path
) -> None:
    """JSONL lines are specs; with a base, sections merge into it and dotted keys
    overlay it."""
    rows = tmp_path / "rows.jsonl"
    whole = _spec(base, "J-1")
    rows.write_text(
        json.dumps(whole, default=str)
        + "\n\n{not json\n[1, 2]\n"
        + json.dumps({"document.reference": "J-5", "term": {"initial_months": 6}})
        + "\n",
        encoding="utf-8",
    )

    plain = list(read_rows(rows))
    layered = list(read_rows(rows, base))

    assert plain[0] == json.loads(json.dumps(whole, default=str))
    assert isinstance(plain[1], UnreadableRow) and "invalid JSON" in plain[1].reason
    assert isinstance(plain[2], UnreadableRow) and "JSON object" in plain[2].reason
    last = layered[3]
    assert isinstance(last, dict)
    assert last["document"]["reference"] == "J-5"
    assert last["term"] == {**base["term"], "initial_months": 6}
    assert last["client"] == base["client"]
    results = list(compose_many(read_rows(rows, base), formats=()))
    assert [r.status for r in results] == ["ok", "error", "error", "ok"]


def test_read_rows_refuses_other_files(tmp_path: Path) -> None:
    """Only .csv and .jsonl rows are read; a missing file is an error."""
    from contractkit.errors import SpecFileError

    with pytest.raises(SpecFileError, match="csv or .jsonl"):
        list(read_rows(tmp_path / "rows.xlsx"))
    with pytest.raises(SpecFileError, match="cannot be read"):
        list(read_rows(tmp_path / "missing.csv"))


# the command ---------------------------------------------------------------

BAD_ROWS = {7: "notanumber", 19: "dup", 33: "toomany"}


def _write_rows(path: Path, count: int) -> None:
    """Write ``count`` rows over the base; the rows in BAD_ROWS are broken."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            [
                "document.reference",
                "client.legal_name",
                "medical_coding.chart_types[0].rate_per_chart",
            ]
        )
        for n in range(1, count + 1):
            kind = BAD_ROWS.get(n)
            reference = "R-0001" if kind == "dup" else f"R-{n:04d}"
            row = [reference, f"Clinic {n} LLC", "notanumber" if kind else ""]
            if kind == "toomany":
                row.append("extra")
            if kind == "dup":
                row[2] = ""
            writer.writerow(row)


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, ["bulk", *args])


def _manifest(out: Path) -> dict[int, dict[str, Any]]:
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return {entry["row"]: entry for entry in map(json.loads, lines)}


def _check_outputs(out: Path, manifest: dict[int, dict[str, Any]]) -> None:
    """Every recorded output exists, matches its hash and opens in python-docx."""
    for entry in manifest.values():
        for fmt, output in entry["outputs"].items():
            data = (out / output["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == output["sha256"]
            if fmt == "docx":
                docx.Document(io.BytesIO(data))
        if entry["outputs"]:
            files = {
                fmt: (out / o["path"]).read_bytes()
                for fmt, o in entry["outputs"].items()
            }
            assert output_hash(files) == entry["output_sha256"]


def test_bulk_writes_good_rows_and_names_each_bad_one(tmp_path: Path) -> None:
    """A 44-row CSV with bad rows: every good contract and a full manifest."""
    rows, out = tmp_path / "rows.csv", tmp_path / "out"
    _write_rows(rows, 44)

    result = _run(
        str(rows), "--base", str(EXAMPLE), "--out", str(out), "--format", "docx"
    )

    assert result.exit_code == 1, result.output
    manifest = _manifest(out)
    assert sorted(manifest) == list(range(1, 45))
    bad = {row for row, entry in manifest.items() if entry["status"] != "ok"}
    assert bad == {7, 19, 33}
    assert "rate_per_chart" in manifest[7]["error"]
    assert "Row 1 already has reference 'R-0001'" in manifest[19]["error"]
    assert "more than the 3 columns" in manifest[33]["error"]
    written = sorted(p.name for p in out.glob("*.docx"))
    assert written == sorted(
        f"R-{n:04d}.docx" for n in range(1, 45) if n not in (7, 19, 33)
    )
    assert set(manifest[1]["packs"]) == {"general", "medical_coding"}
    assert manifest[1]["spec_sha256"] and manifest[1]["findings"] == []
    _check_outputs(out, manifest)
    assert "row 7:" in result.output and "41 written" in result.output


def test_bulk_exits_0_when_every_row_is_written(tmp_path: Path) -> None:
    """Clean rows exit 0; a second run skips them all and writes nothing."""
    rows, out = tmp_path / "rows.jsonl", tmp_path / "out"
    rows.write_text(
        '{"document.reference": "A-1"}\n{"document.reference": "A-2"}\n',
        encoding="utf-8",
    )

    first = _run(str(rows), "--base", str(EXAMPLE), "--out", str(out))
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("A-*")}
    second = _run(str(rows), "--base", str(EXAMPLE), "--out", str(out))

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert "0 written, 2 already done" in second.output
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("A-*")} == stamps
    assert len(stamps) == 4
    assert {e["status"] for e in _manifest(out).values()} == {"skipped"}


def test_a_changed_or_damaged_row_is_composed_again(tmp_path: Path) -> None:
    """A changed spec, or an output whose hash no longer matches, is redone."""
    rows, out = tmp_path / "rows.jsonl", tmp_path / "out"
    rows.write_text(
        '{"document.reference": "A-1"}\n{"document.reference": "A-2"}\n',
        encoding="utf-8",
    )
    _run(str(rows), "--base", str(EXAMPLE), "--out", str(out), "--format", "txt")
    (out / "A-2.txt").write_text("damaged", encoding="utf-8")
    rows.write_text(
        '{"document.reference": "A-1", "client.legal_name": "New LLC"}\n'
        '{"document.reference": "A-2"}\n',
        encoding="utf-8",
    )

    result = _run(
        str(rows), "--base", str(EXAMPLE), "--out", str(out), "--format", "txt"
    )

    assert "2 written, 0 already done" in result.output
    assert "New LLC" in (out / "A-1.txt").read_text(encoding="utf-8")
    _check_outputs(out, _manifest(out))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv"], "cannot be read"),
        (["rows.csv", "--base", "missing.yaml"], "does not exist"),
        (["rows.csv", "--base", "list.yaml"], "must be a mapping"),
        (["rows.csv", "--format", "pdf"], "Unknown output format"),
        (["rows.csv", "--jobs", "0"], "--jobs"),
        (["latin1.csv"], "line 3 is not UTF-8 text"),
        (["rows.csv", "--out", "afile"], "is a file; give a folder"),
    ],
)
def test_unusable_input_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    """Missing files, a bad base spec or bad options exit 2 and write nothing."""
    monkeypatch.chdir(tmp_path)
    Path("rows.csv").write_text("document.reference\nX-1\n", encoding="utf-8")
    Path("list.yaml").write_text("- 1\n", encoding="utf-8")
    Path("latin1.csv").write_bytes(
        b"document.reference,client.legal_name\nX-1,A LLC\nX-2,Caf\xe9 LLC\n"
    )
    Path("afile").write_text("", encoding="utf-8")
    if "--base" not in args:
        args = [*args, "--base", str(EXAMPLE)]
    if "--out" not in args:
        args = [*args, "--out", "out"]

    result = _run(*args)

    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not Path("out").exists() or not list(Path("out").glob("*.docx"))


def test_a_killed_batch_resumes_without_redoing_or_losing_work(
    tmp_path: Path,
) -> None:
    """Kill a batch half way, tear its last manifest line, and run it again.

    The batch is long enough that it cannot finish between the check of
    the manifest and the kill, however fast the contracts compose.
    """
    count = 200
    rows, out = tmp_path / "rows.csv", tmp_path / "out"
    _write_rows(rows, count)
    script = "import sys; from contractkit.cli import main; main(sys.argv[1:])"
    args = ["bulk", str(rows), "--base", str(EXAMPLE), "--out", str(out)]
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if manifest.exists() and manifest.read_bytes().count(b"\n") >= 8:
            break
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done_before = {
        e["row"]
        for e in map(json.loads, manifest.read_text(encoding="utf-8").splitlines())
        if e["status"] == "ok"
    }
    with manifest.open("a", encoding="utf-8") as stream:
        stream.write('{"row": 99, "status": "ok", "refer')

    result = _run(*args[1:])

    assert result.exit_code == 1, result.output
    final = _manifest(out)
    assert sorted(final) == list(range(1, count + 1))
    assert done_before and len(done_before) < count - len(BAD_ROWS)
    assert {row for row, e in final.items() if e["status"] == "skipped"} >= done_before
    assert {row for row, e in final.items() if e["status"] in ("ok", "skipped")} == (
        set(range(1, count + 1)) - set(BAD_ROWS)
    )
    assert not list(out.glob(".*.tmp"))
    _check_outputs(out, final)


def test_overlay_refuses_a_huge_list_index(example_data: dict[str, Any]) -> None:
    """A dotted column naming item 99,999,999 is refused, not padded to it."""
    from contractkit.bulk import MAX_INDEX

    with pytest.raises(ValueError, match=f"fewer than {MAX_INDEX} items"):
        overlay(example_data, {"medical_coding.chart_types[99999999].name": "x"})


def test_jsonl_partial_rows_merge_into_the_base(
    tmp_path: Path, example_data: dict[str, Any]
) -> None:
    """A JSONL line with only client.legal_name keeps the base's other fields."""
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"client": {"legal_name": "Only Name LLC"}}\n', encoding="utf-8")

    (spec,) = list(read_rows(rows, example_data))

    assert isinstance(spec, dict)
    assert spec["client"]["legal_name"] == "Only Name LLC"
    assert spec["client"]["signatory"] == example_data["client"]["signatory"]


def test_jsonl_deep_line_is_an_unreadable_row(
    tmp_path: Path, example_data: dict[str, Any]
) -> None:
    """A line nested 100,000 deep is one unreadable row; the next row still reads."""
    rows = tmp_path / "rows.jsonl"
    deep = '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}"
    rows.write_text(deep + '\n{"client": {"legal_name": "Next LLC"}}\n', "utf-8")

    first, second = list(read_rows(rows, example_data))

    assert isinstance(first, UnreadableRow)
    assert "deeper than" in first.reason
    assert isinstance(second, dict)


def test_csv_with_a_byte_order_mark_reads(
    tmp_path: Path, example_data: dict[str, Any]
) -> None:
    """Excel's 'CSV UTF-8' starts with a BOM; the first column still counts."""
    rows = tmp_path / "rows.csv"
    rows.write_bytes(b"\xef\xbb\xbfdocument.reference,client.legal_name\nX-1,A LLC\n")

    (spec,) = list(read_rows(rows, example_data))

    assert isinstance(spec, dict)
    assert spec["document"]["reference"] == "X-1"


def test_csv_with_a_repeated_column_is_refused(
    tmp_path: Path, example_data: dict[str, Any]
) -> None:
    """A header that names a column twice would drop a value; it is refused."""
    rows = tmp_path / "rows.csv"
    rows.write_text("document.reference,document.reference\nX-2,X-3\n", "utf-8")

    (row,) = list(read_rows(rows, example_data))

    assert isinstance(row, UnreadableRow)
    assert "more than once" in row.reason


def test_bulk_removes_temporary_files_a_killed_run_left(tmp_path: Path) -> None:
    """Temporary and backup files of an earlier atomic write are removed."""
    rows, out = tmp_path / "rows.csv", tmp_path / "out"
    _write_rows(rows, 2)
    out.mkdir()
    leftovers = [
        out / ".R-0001.docx.ab12cd34.tmp",
        out / ".R-0001.txt.0123456789abcdef.bak",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"half")
    mine = out / ".notes.tmp"
    mine.write_text("the user's own file", encoding="utf-8")

    result = _run(str(rows), "--base", str(EXAMPLE), "--out", str(out))

    assert result.exit_code == 0, result.output
    assert not any(leftover.exists() for leftover in leftovers)
    assert mine.exists()


@pytest.mark.parametrize(
    "outputs",
    [
        [1],
        {"txt": {"path": 5, "sha256": "0"}},
        {"txt": "A-1.txt"},
        "outside",
        "another file",
        "a link out",
    ],
)
def test_an_edited_manifest_line_is_composed_again(
    tmp_path: Path, outputs: Any
) -> None:
    """A manifest entry that is not paths and hashes makes the row be redone."""
    rows, out = tmp_path / "rows.jsonl", tmp_path / "out"
    rows.write_text('{"document.reference": "A-1"}\n', encoding="utf-8")
    _run(str(rows), "--base", str(EXAMPLE), "--out", str(out), "--format", "txt")
    entry = json.loads((out / "manifest.jsonl").read_text(encoding="utf-8"))
    if outputs == "outside":  # a file outside --out, with its true hash
        outside = tmp_path / "elsewhere.txt"
        outside.write_text("not a contract", encoding="utf-8")
        digest = hashlib.sha256(outside.read_bytes()).hexdigest()
        outputs = {"txt": {"path": "../elsewhere.txt", "sha256": digest}}
    if outputs == "a link out":  # the contract replaced by a link to elsewhere
        outside = tmp_path / "elsewhere.txt"
        (out / "A-1.txt").rename(outside)
        (out / "A-1.txt").symlink_to(outside)
        outputs = entry["outputs"]
    if outputs == "another file":  # the contract moved away inside --out
        moved = out / "notes.txt"
        (out / "A-1.txt").rename(moved)
        digest = hashlib.sha256(moved.read_bytes()).hexdigest()
        outputs = {"txt": {"path": "notes.txt", "sha256": digest}}
    entry["outputs"] = outputs
    (out / "manifest.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")

    result = _run(
        str(rows), "--base", str(EXAMPLE), "--out", str(out), "--format", "txt"
    )

    assert result.exit_code == 0, result.output
    assert "1 written, 0 already done" in result.output
    assert (out / "A-1.txt").is_file()
    assert not (out / "A-1.txt").is_symlink()


def test_bulk_hands_rows_to_the_batch_as_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows reach compose_many as mappings, so the batch shares their sections."""
    import contractkit.bulk as bulk_module

    seen: list[type] = []
    compose_many_ = bulk_module.compose_many

    def spying(specs: Any, **kwargs: Any) -> Any:
        def noted() -> Iterator[Any]:
            for spec in specs:
                seen.append(type(spec))
                yield spec

        return compose_many_(noted(), **kwargs)

    monkeypatch.setattr(bulk_module, "compose_many", spying)
    rows, out = tmp_path / "rows.csv", tmp_path / "out"
    rows.write_text("document.reference\nD-1\nD-2\n", encoding="utf-8")

    result = _run(
        str(rows), "--base", str(EXAMPLE), "--out", str(out), "--format", "txt"
    )

    assert result.exit_code == 0, result.output
    assert seen == [dict, dict]


def test_overlay_skips_the_nan_pandas_reads_blank_cells_as(
    example_data: dict[str, Any],
) -> None:
    """A DataFrame's blank cell (NaN) keeps the base value, as a blank CSV cell."""
    laid = overlay(example_data, {"client.legal_name": float("nan")})
    assert laid["client"]["legal_name"] == example_data["client"]["legal_name"]


def test_the_line_of_a_bad_byte_is_counted_across_blocks(tmp_path: Path) -> None:
    """A character split by the checker's 1 MiB blocks does not shift the line."""
    from contractkit.errors import SpecFileError

    head = b"document.reference\n"
    filler = b"x" * (1024 * 1024 - len(head) - 2 - 1) + b"\n"  # ends at 1 MiB - 2
    euro = "\u20ac".encode()  # three bytes: two before the block boundary
    data = head + filler + euro + b"\n" + b"ok\n" + b"\xff\n\n\n"
    path = tmp_path / "rows.csv"
    path.write_bytes(data)

    with pytest.raises(SpecFileError, match="line 5 is not UTF-8"):
        read_rows(path)


def test_a_worker_exits_when_the_command_is_killed(tmp_path: Path) -> None:
    """A bulk worker whose parent died does not wait for work forever."""
    import signal
    import subprocess
    import sys
    import time

    pid_file = tmp_path / "worker.pid"
    worker = (
        "import os, time\n"
        "from contractkit.cli.bulk import _end_with_parent\n"
        "_end_with_parent(os.getppid())\n"
        f"open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import subprocess, sys, time\n"
            f"subprocess.Popen([sys.executable, '-c', {worker!r}])\n"
            "time.sleep(60)\n",
        ]
    )
    deadline = time.monotonic() + 30
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the worker did not start"
        time.sleep(0.05)
    worker_pid = int(pid_file.read_text())

    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(worker_pid):
        assert time.monotonic() < deadline, "the worker outlived its parent"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie counts as gone: it has exited and waits for its reaper
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split()[2] == "Z")
