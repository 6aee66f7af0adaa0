"""A smoke test of the bulk benchmark: it runs and reports every figure."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bulk_benchmark_quick_json_has_every_figure() -> None:
    """``benchmarks/bulk.py --quick --json`` prints each contender and target."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bulk.py"), "--quick", "--json"],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )

    report = json.loads(done.stdout)

    assert set(report["docs_per_second"]) == {
        "contractkit_docx",
        "contractkit_text",
        "contractkit_docx_render_only",
        "docxtpl",
        "python_docx",
        "lower_bound",
    }
    assert set(report["ratios"]["contractkit_docx"]) == {"to_docxtpl", "to_lower_bound"}
    assert {"contractkit_docx", "lower_bound", "ratio_to_lower_bound"} <= set(
        report["two_processes"]
    )
    assert {"counts", "peak_mib", "growth_mib"} <= set(report["rss"])
    assert report["import_ms"] > 0
    assert set(report["targets"]) == {
        "docx_one_core_vs_lower_bound",
        "docx_two_processes_vs_lower_bound",
        "text_per_second",
        "rss_growth_mib",
        "import_ms",
    }
