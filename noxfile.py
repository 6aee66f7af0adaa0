"""Development sessions: tests, lint, typing, docs."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typing", "docs"]
nox.options.reuse_existing_virtualenvs = True

PYTHONS = ["3.11", "3.12", "3.13"]


@nox.session(python=PYTHONS[0])
def tests(session: nox.Session) -> None:
    """Run the test suite; extra arguments go to pytest."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check formatting and lint rules with ruff."""
    session.install("ruff")
    session.run("ruff", "format", "--check", "src", "tests", "noxfile.py", "benchmarks")
    session.run("ruff", "check", "src", "tests", "noxfile.py", "benchmarks")


@nox.session
def typing(session: nox.Session) -> None:
    """Type-check the library and the noxfile with mypy --strict."""
    session.install("-e", ".[dev]")
    session.run("mypy", "--strict", "src", "noxfile.py")


@nox.session
def docs(session: nox.Session) -> None:
    """Check that every rule code is documented and the docs examples run."""
    session.install("-e", ".[test]")
    session.run("pytest", "tests/test_docs.py", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Run the bulk benchmark; extra arguments go to it, e.g. --quick or --json."""
    session.install("-e", ".[bench]")
    session.run("python", "benchmarks/bulk.py", *session.posargs)
