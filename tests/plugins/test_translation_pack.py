"""The translation pack installs like any third-party pack and renders a contract.

The pack in ``contractkit-translation/`` is a real distribution. The test
builds a fresh virtual environment, installs contractkit and the pack into
it with pip and drives the installed ``contractkit`` command. The new
environment borrows the already installed dependencies (pydantic, jinja2,
hatchling, ...) of the environment running the tests through a ``.pth``
file, so pip installs from the repository alone, with ``--no-index``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import docx
import pytest

from tests.support import ROOT

PLUGIN = Path(__file__).parent / "contractkit-translation"
SAMPLE = PLUGIN / "src" / "contractkit_translation" / "examples" / "sample.yaml"


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PIP_", "PYTHON", "CONTRACTKIT_", "VIRTUAL_ENV"))
    }
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def env_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with contractkit and the translation pack installed."""
    home = tmp_path_factory.mktemp("venv")
    venv.create(home / "env", with_pip=False, symlinks=os.name != "nt")
    bindir = home / "env" / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"

    purelib = _run(
        python,
        "-c",
        "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        cwd=home,
    ).stdout.strip()
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "_borrowed_dependencies.pth").write_text(
        "\n".join(sorted(borrowed)) + "\n", encoding="utf-8"
    )

    for project in (ROOT, PLUGIN):
        done = _run(
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-index",
            "--no-build-isolation",
            project,
            cwd=home,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    return bindir


def test_packs_list_shows_the_installed_pack(env_bin: Path, tmp_path: Path) -> None:
    """``packs list`` shows the built-in packs and the installed translation pack."""
    done = _run(env_bin / "contractkit", "packs", "list", cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    names = [line.split()[0] for line in done.stdout.splitlines()]
    assert names == ["general", "medical_coding", "translation"]
    assert "translation 1.0.0 (extends general): 5 clauses, 3 rules." in done.stdout


def test_packs_check_passes(env_bin: Path, tmp_path: Path) -> None:
    """``packs check translation`` finds nothing wrong with the installed pack."""
    done = _run(env_bin / "contractkit", "packs", "check", "translation", cwd=tmp_path)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "Pack translation 1.0.0: 5 clauses and 3 rules check out." in done.stdout


def test_render_writes_docx_and_text(env_bin: Path, tmp_path: Path) -> None:
    """``render`` composes the sample with the installed pack in both formats."""
    out = tmp_path / "out"

    done = _run(env_bin / "contractkit", "render", SAMPLE, "--out", out, cwd=tmp_path)

    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "TR-2026-014.docx",
        "TR-2026-014.txt",
    ]
    text = (out / "TR-2026-014.txt").read_text(encoding="utf-8")
    assert "TRANSLATION SERVICES AGREEMENT" in text
    assert "from German into English (US)" in text
    assert "$0.16 per word" in text
    assert "increased by 50%" in text
    assert "Machine-Assisted" not in text
    paragraphs = [
        p.text for p in docx.Document(str(out / "TR-2026-014.docx")).paragraphs
    ]
    assert any("the American Translators Association" in p for p in paragraphs)


def test_the_pack_runs_in_the_environment_it_was_installed_in(
    env_bin: Path, tmp_path: Path
) -> None:
    """The venv imports its own contractkit and pack, not the repository's."""
    code = (
        "import contractkit, contractkit_translation; "
        "print(contractkit.__file__); print(contractkit_translation.__file__)"
    )

    done = _run(env_bin / "python", "-c", code, cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    for line in done.stdout.splitlines():
        assert str(ROOT / "src") not in line
        assert str(PLUGIN) not in line
    assert sys.prefix not in done.stdout
