"""Hypothesis profiles and the LibreOffice fixture of the hardening tests.

``HYPOTHESIS_PROFILE`` picks the profile: ``ci`` (the default) runs a small,
fixed and derandomized budget so CI is deterministic, and reports a failing
example as found instead of shrinking specs for minutes; ``dev`` runs many more
examples for local bug hunting.

The ``libreoffice`` tests need ``soffice``. Where it is missing they fail
when the ``CI`` environment variable is set, since CI installs it, and are
skipped with a reason otherwise.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.generate),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=500,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def soffice() -> Path:
    """The path of LibreOffice's ``soffice``; fails in CI when it is missing."""
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(
                "soffice is not installed, but CI must run the LibreOffice tests"
            )
        pytest.skip("soffice (LibreOffice) is not installed; CI runs these tests")
    return Path(found)
