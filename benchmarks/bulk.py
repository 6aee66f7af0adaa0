"""Bulk throughput and memory of contractkit, side by side with its peers.

Every contender produces the same contract as contractkit composes from
``examples/medical-coding/orthopedic-backlog.yaml``, with the client's name
and the reference changed for each document:

* contractkit DOCX and text: validation, composition and rendering of each
  spec through ``compose_many``;
* contractkit DOCX render only: the renderer alone, on one composed tree;
* docxtpl: a .docx template of the same paragraphs with jinja tags, built
  once with python-docx, rendered and saved for each document;
* python-docx: the same paragraphs, styles and tables built from scratch;
* lower bound: the same paragraphs formatted into ``word/document.xml`` as
  strings, deflated and zipped with parts deflated once in advance.

Each rate is the best of three runs, each on records no other run composes;
the quick contenders (contractkit text, the DOCX renderer alone, the lower
bound) get four times as many documents, so that their runs last about as
long as the others'. Run ``python benchmarks/bulk.py`` (``--quick`` for a
smoke test of one short run each, ``--json`` for machines). docxtpl and
psutil come with the ``bench`` extra; a contender whose library is missing
is reported as unavailable.
"""

from __future__ import annotations

import argparse
import copy
import functools
import io
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "medical-coding" / "orthopedic-backlog.yaml"
WORDS_PER_PAGE = 500
TARGETS = {
    "docx_vs_lower_bound": 0.5,
    "text_per_second": 3000,
    "rss_growth_mib": 20,
    "import_ms": 150,
}


def base_spec() -> dict[str, Any]:
    """Return a copy of the example spec, read from its YAML once per process.

    A notebook reads its base spec once and varies it; parsing the YAML for
    each run would time the YAML parser, not the batch.
    """
    return copy.deepcopy(_example_data())


@functools.cache
def _example_data() -> dict[str, Any]:
    from contractkit.loading import load_data

    data, _ = load_data(EXAMPLE)
    return dict(data)


def specs(count: int, start: int = 0) -> Iterator[dict[str, Any]]:
    """Yield the example with a new reference and client name for each document.

    Only the two changed sections are copied, as a notebook's records share
    the data they do not change; the copying is the caller's, not contractkit's.
    """
    base = base_spec()
    for n in range(start, start + count):
        yield {
            **base,
            "document": {**base["document"], "reference": f"B-{n:06d}"},
            "client": {**base["client"], "legal_name": f"Clinic Number {n} LLC"},
        }


REPEATS = 3
"""Runs of each contender; the best counts. A shared machine only ever slows
a run down, so the quickest of a few is the closest to what the code costs."""


def rate(count: int, run: Callable[[int], object], repeats: int = REPEATS) -> float:
    """Return the best documents per second of ``repeats`` runs of ``count``.

    ``run`` gets the number of the run, so that each composes records that
    no earlier run has seen.
    """
    best = 0.0
    for attempt in range(repeats):
        started = time.perf_counter()
        run(attempt)
        best = max(best, count / (time.perf_counter() - started))
    return best


# contractkit ---------------------------------------------------------------


def contractkit_bulk(count: int, fmt: str, start: int = 0) -> None:
    from contractkit.bulk import compose_many

    for result in compose_many(specs(count, start), formats=(fmt,)):
        if not result.ok:
            raise SystemExit(f"row {result.row} failed: {result.error}")


def contractkit_two_processes(pool: Executor, count: int, start: int = 0) -> None:
    from contractkit.bulk import compose_many

    rows = specs(count, start)
    for result in compose_many(rows, formats=("docx",), executor=pool):
        if not result.ok:
            raise SystemExit(f"row {result.row} failed: {result.error}")


def warm_contractkit() -> None:
    """Load the packs and build the shared parts once, as a batch's first row does."""
    contractkit_bulk(1, "docx", start=10**8)


def warm_pool(initializer: Callable[[], None]) -> ProcessPoolExecutor:
    """Return a pool of two processes that have both run ``initializer``.

    Both contenders' runs on two processes are timed from warm workers, so
    that the rate is the one a long batch sees, not the start-up of Python.
    """
    pool = ProcessPoolExecutor(2, initializer=initializer)
    list(pool.map(time.sleep, [0.5, 0.5]))
    return pool


def composed_tree() -> Any:
    from contractkit.composer import compose

    return compose(base_spec()).document


# The paragraphs every contender writes ---------------------------------------

CLIENT = "@@client@@"
REFERENCE = "@@reference@@"


def paragraphs() -> list[tuple[str, str]]:
    """Return the contract's paragraphs as (kind, text), names as markers."""
    from contractkit.document.nodes import ItemList, Paragraph, plain_text

    base = base_spec()
    document = composed_tree()
    client = base["client"]["legal_name"]
    reference = base["document"]["reference"]

    def mark(text: str) -> str:
        return text.replace(client, CLIENT).replace(reference, REFERENCE)

    found = [
        ("title", mark(document.metadata.title)),
        ("subtitle", mark(document.header)),
    ]
    for block in document.preamble:
        found.append(("body", mark(plain_text(block.runs))))
    for section in document.sections:
        found.append(("heading", mark(section.title)))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                found.append(
                    ("clause" if block.number else "body", mark(plain_text(block.runs)))
                )
            elif isinstance(block, ItemList):
                found += [("item", mark(plain_text(item))) for item in block.items]
            else:
                for row in (block.header, *block.rows):
                    found.append(("cell", mark(" | ".join(plain_text(c) for c in row))))
    found.append(("body", mark(document.signature.intro)))
    for party in document.signature.parties:
        found.append(("cell", mark(f"{party.role.upper()}: {party.legal_name}")))
    return found


def contract_words() -> int:
    from contractkit.render.text import render_text

    return len(render_text(composed_tree()).split())


# docxtpl ---------------------------------------------------------------------

_DOCX_STYLES = {
    "title": "Title",
    "subtitle": "Subtitle",
    "heading": "Heading 1",
    "clause": "List Number",
    "item": "List Bullet",
    "body": "Body Text",
    "cell": "Normal",
}


def build_with_python_docx(
    paras: list[tuple[str, str]], values: dict[str, str]
) -> bytes:
    import docx

    document = docx.Document()
    for kind, text in paras:
        filled = text.replace(CLIENT, values["client"]).replace(
            REFERENCE, values["reference"]
        )
        document.add_paragraph(filled, style=_DOCX_STYLES[kind])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docxtpl_template(paras: list[tuple[str, str]], folder: Path) -> Path:
    tagged = [
        (
            kind,
            text.replace(CLIENT, "{{ client }}").replace(REFERENCE, "{{ reference }}"),
        )
        for kind, text in paras
    ]
    path = folder / "template.docx"
    path.write_bytes(
        build_with_python_docx(tagged, {"client": CLIENT, "reference": REFERENCE})
    )
    return path


def docxtpl_run(template: Path, count: int) -> None:
    from docxtpl import DocxTemplate

    for n in range(count):
        tpl = DocxTemplate(str(template))
        tpl.render(
            {"client": f"Clinic Number {n} LLC", "reference": f"B-{n:06d}"},
            autoescape=True,
        )
        tpl.save(io.BytesIO())


def python_docx_run(paras: list[tuple[str, str]], count: int) -> None:
    for n in range(count):
        build_with_python_docx(
            paras, {"client": f"Clinic Number {n} LLC", "reference": f"B-{n:06d}"}
        )


# lower bound ---------------------------------------------------------------

_LB_STYLES = {
    "title": "Title",
    "subtitle": "Subtitle",
    "heading": "Heading1",
    "clause": "Clause",
    "item": "ClauseItem",
    "body": "BodyText",
    "cell": "TableText",
}


def lower_bound_run(paras: list[tuple[str, str]], count: int) -> None:
    from contractkit.render._docx.archive import deflate, write_zip
    from contractkit.render._docx.base import (
        fixed_members,
        numbering_member,
        styles_member,
    )
    from contractkit.render._docx.xml import escape

    fixed = [*fixed_members(), styles_member("en-US"), numbering_member(0)]
    others = [
        deflate(name, f"<x>{name}</x>".encode())
        for name in (
            "word/header1.xml",
            "word/footer1.xml",
            "docProps/core.xml",
            "docProps/custom.xml",
        )
    ]
    head = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    for n in range(count):
        client, reference = escape(f"Clinic Number {n} LLC"), f"B-{n:06d}"
        body = "".join(
            f'<w:p><w:pPr><w:pStyle w:val="{_LB_STYLES[kind]}"/></w:pPr><w:r>'
            f'<w:t xml:space="preserve">'
            f"{escape(text).replace(CLIENT, client).replace(REFERENCE, reference)}"
            "</w:t></w:r></w:p>"
            for kind, text in paras
        )
        xml = f"{head}{body}<w:sectPr/></w:body></w:document>"
        write_zip([*fixed, *others, deflate("word/document.xml", xml.encode())])


def lower_bound_two_processes(
    pool: Executor, paras: list[tuple[str, str]], count: int
) -> None:
    halves = [
        pool.submit(lower_bound_run, paras, part)
        for part in (count // 2, count - count // 2)
    ]
    for half in halves:
        half.result()


def warm_lower_bound() -> None:
    """Build the lower bound's shared parts once."""
    lower_bound_run(paragraphs(), 1)


# memory and import time ------------------------------------------------------


def peak_rss_mib() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def rss_child(count: int) -> float:
    """Run ``count`` contracts in a fresh process and return its peak RSS in MiB."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import bulk; "
        "bulk.contractkit_bulk(int(sys.argv[2]), 'docx'); print(bulk.peak_rss_mib())"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(Path(__file__).parent), str(count)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def import_ms(repeats: int) -> float:
    script = (
        "import time; t = time.perf_counter(); import contractkit; "
        "print((time.perf_counter() - t) * 1000)"
    )
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", script],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for _ in range(repeats)
    ]
    return min(times)


# the run ---------------------------------------------------------------------


def available(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def measure(args: argparse.Namespace) -> dict[str, Any]:
    import tempfile

    count = args.count
    peers = max(2, count // args.peer_divisor)
    paras = paragraphs()
    tree = composed_tree()
    from contractkit.render.docx import render_docx

    # Packs, templates and fixed parts, once. Every run below composes
    # records no earlier run has seen (run n of a contender starts at its own
    # block of numbers), so no run reuses another's outputs. The quick
    # contenders get four times the documents, for runs of a similar length.
    contractkit_bulk(1, "docx", start=10**7)
    quick = count * 4
    repeats = args.repeats

    def timed(count: int, run: Callable[[int], object]) -> float:
        return rate(count, run, repeats)

    def fresh(attempt: int, block: int) -> int:
        return (block * repeats + attempt) * quick

    results: dict[str, float | None] = {
        "contractkit_docx": timed(
            count, lambda n: contractkit_bulk(count, "docx", start=fresh(n, 0))
        ),
        "contractkit_text": timed(
            quick, lambda n: contractkit_bulk(quick, "txt", start=fresh(n, 1))
        ),
        "contractkit_docx_render_only": timed(
            quick, lambda n: [render_docx(tree) for _ in range(quick)]
        ),
        "lower_bound": timed(quick, lambda n: lower_bound_run(paras, quick)),
        "python_docx": timed(peers, lambda n: python_docx_run(paras, peers))
        if available("docx")
        else None,
        "docxtpl": None,
    }
    if available("docxtpl"):
        with tempfile.TemporaryDirectory() as folder:
            template = docxtpl_template(paras, Path(folder))
            results["docxtpl"] = timed(peers, lambda n: docxtpl_run(template, peers))
    with warm_pool(warm_contractkit) as pool:
        contractkit_two = timed(
            args.two_count,
            lambda n: contractkit_two_processes(
                pool, args.two_count, start=fresh(n, 2)
            ),
        )
    with warm_pool(warm_lower_bound) as pool:
        lower_bound_two = timed(
            args.two_count * 4,
            lambda n: lower_bound_two_processes(pool, paras, args.two_count * 4),
        )
    two = {"contractkit_docx": contractkit_two, "lower_bound": lower_bound_two}

    small, large = args.rss_counts
    rss = {"counts": [small, large], "peak_mib": [rss_child(small), rss_child(large)]}
    rss["growth_mib"] = rss["peak_mib"][1] - rss["peak_mib"][0]
    words = contract_words()
    return {
        "contract": str(EXAMPLE.relative_to(ROOT)),
        "words": words,
        "pages_estimate": round(words / WORDS_PER_PAGE),
        "count": count,
        "peer_count": peers,
        "repeats": repeats,
        "docs_per_second": results,
        "ratios": ratios(results),
        "two_processes": {
            **two,
            "ratio_to_lower_bound": two["contractkit_docx"] / two["lower_bound"],
        },
        "rss": rss,
        "import_ms": import_ms(args.import_repeats),
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
    }


def ratios(results: dict[str, float | None]) -> dict[str, dict[str, float | None]]:
    def over(name: str, reference: str) -> float | None:
        mine, theirs = results[name], results[reference]
        return None if mine is None or theirs is None else mine / theirs

    return {
        name: {
            "to_docxtpl": over(name, "docxtpl"),
            "to_lower_bound": over(name, "lower_bound"),
        }
        for name in results
    }


def targets(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    rates = report["docs_per_second"]
    one_core = rates["contractkit_docx"] / rates["lower_bound"]
    two = report["two_processes"]["ratio_to_lower_bound"]
    return {
        "docx_one_core_vs_lower_bound": {
            "value": one_core,
            "target": ">= 0.5",
            "met": one_core >= 0.5,
        },
        "docx_two_processes_vs_lower_bound": {
            "value": two,
            "target": ">= 0.5",
            "met": two >= 0.5,
        },
        "text_per_second": {
            "value": rates["contractkit_text"],
            "target": ">= 3000",
            "met": rates["contractkit_text"] >= 3000,
        },
        "rss_growth_mib": {
            "value": report["rss"]["growth_mib"],
            "target": "< 20 between {} and {}".format(*report["rss"]["counts"]),
            "met": report["rss"]["growth_mib"] < 20,
        },
        "import_ms": {
            "value": report["import_ms"],
            "target": "< 150",
            "met": report["import_ms"] < 150,
        },
    }


def show(report: dict[str, Any]) -> None:
    print(
        f"Contract: {report['contract']}, {report['words']} words, about "
        f"{report['pages_estimate']} pages at {WORDS_PER_PAGE} words a page "
        "(the issue's peer figures are for a five-page contract; this one is longer)."
    )
    print(
        f"{report['count']} contracts per contractkit DOCX run, "
        f"{report['count'] * 4} per text, render-only and lower-bound run, "
        f"{report['peer_count']} per peer run; each rate is the best of "
        f"{report['repeats']} runs.\n"
    )
    print(f"{'contender':<32}{'docs/s':>10}{'x docxtpl':>12}{'x lower bound':>15}")
    for name, value in report["docs_per_second"].items():
        ratio = report["ratios"][name]
        cells = [
            "unavailable" if value is None else f"{value:.1f}",
            "-" if ratio["to_docxtpl"] is None else f"{ratio['to_docxtpl']:.2f}",
            "-"
            if ratio["to_lower_bound"] is None
            else f"{ratio['to_lower_bound']:.3f}",
        ]
        print(f"{name:<32}{cells[0]:>10}{cells[1]:>12}{cells[2]:>15}")
    two = report["two_processes"]
    print(
        f"\nTwo processes: contractkit DOCX {two['contractkit_docx']:.1f} docs/s, "
        f"lower bound {two['lower_bound']:.1f} docs/s, "
        f"ratio {two['ratio_to_lower_bound']:.3f}."
    )
    rss = report["rss"]
    print(
        f"Peak RSS: {rss['peak_mib'][0]:.1f} MiB at {rss['counts'][0]} contracts, "
        f"{rss['peak_mib'][1]:.1f} MiB at {rss['counts'][1]}: "
        f"growth {rss['growth_mib']:.1f} MiB."
    )
    print(
        f"import contractkit: {report['import_ms']:.0f} ms "
        "(best of several fresh processes).\n"
    )
    for name, target in report["targets"].items():
        value = target["value"]
        verdict = "met" if target["met"] else "NOT met"
        print(f"{verdict:<8} {name}: {value:.3f} (target {target['target']})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--count", type=int, default=200, help="contracts per contractkit run"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--quick", action="store_true", help="tiny counts, for a smoke test"
    )
    parser.add_argument(
        "--rss-counts", default="1000,10000", help="two counts for the peak-RSS runs"
    )
    args = parser.parse_args(argv)
    args.rss_counts = [int(n) for n in re.split(r"[, ]+", args.rss_counts.strip())][:2]
    args.peer_divisor, args.two_count, args.import_repeats, args.repeats = (
        4,
        max(4, args.count),
        5,
        REPEATS,
    )
    if args.quick:
        args.count, args.rss_counts, args.two_count = 3, [2, 4], 4
        args.import_repeats, args.repeats = 1, 1

    report = measure(args)
    report["targets"] = targets(report)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        show(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
