"""Determinism: one spec, the same bytes, in any process, at any time."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time

from contractkit.composer import compose
from contractkit.loading import load
from tests.support import EXAMPLE, ROOT

_HASHES = """
import hashlib, sys
from contractkit.composer import compose
from contractkit.loading import load
result = compose(load(sys.argv[1]))
for data in (result.to_docx(), result.to_text().encode("utf-8")):
    print(hashlib.sha256(data).hexdigest())
"""


def _here() -> list[str]:
    result = compose(load(EXAMPLE))
    return [
        hashlib.sha256(data).hexdigest()
        for data in (result.to_docx(), result.to_text().encode("utf-8"))
    ]


def _in_process(env: dict[str, str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _HASHES, str(EXAMPLE)],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.split()


def test_the_same_spec_renders_to_the_same_bytes_twice() -> None:
    """Two renders in one process give byte-identical DOCX and text."""
    assert _here() == _here()


def test_processes_hash_seeds_zones_locales_and_time_change_nothing() -> None:
    """Renders in processes with other hash seeds, zones and locales, a second
    apart, give the same bytes as this process."""
    first = _in_process(
        {
            "PYTHONHASHSEED": "1",
            "TZ": "Pacific/Kiritimati",
            "LANG": "de_DE.UTF-8",
            "LC_ALL": "de_DE.UTF-8",
        }
    )
    time.sleep(1.1)
    second = _in_process(
        {
            "PYTHONHASHSEED": "4242",
            "TZ": "America/Adak",
            "LANG": "fr_FR.UTF-8",
            "LC_ALL": "ja_JP.UTF-8",
            "LC_NUMERIC": "de_CH.UTF-8",
        }
    )

    assert first == second == _here()
