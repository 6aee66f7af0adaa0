"""The result of a composition: the report and, when it allows, the document."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contractkit.document.nodes import (
    Document,
)
from contractkit.errors import CompositionError
from contractkit.models import Contract
from contractkit.rules.finding import Report

__all__ = [
    "ComposedContract",
]


@dataclass(frozen=True)
class ComposedContract:
    """The result of :func:`compose`: the report and, if it allows, the document.

    Attributes:
        contract: the validated spec.
        report: every finding, errors and warnings.
        provenance: the packs, clauses, versions and hashes that produced it.
    """

    contract: Contract
    report: Report
    provenance: Mapping[str, Any]
    _document: Document | None = None

    @property
    def ok(self) -> bool:
        """Whether the contract can be rendered (no finding is an error)."""
        return self.report.ok and self._document is not None

    @property
    def reference(self) -> str:
        """The document reference, used as the output file name."""
        return self.contract.document.reference

    @property
    def document(self) -> Document:
        """The document tree.

        Raises:
            CompositionError: the report has errors, so there is no document.
        """
        if self._document is None or not self.report.ok:
            raise CompositionError(self.report)
        return self._document

    def changes_since(self, provenance: Mapping[str, Any]) -> list[str]:
        """Say what differs from an earlier composition's provenance record.

        An empty list means the same spec, packs and clauses produced both.
        """
        from contractkit.provenance import provenance_changes

        return provenance_changes(provenance, self.provenance)

    def to_text(self) -> str:
        """Render the contract as plain text."""
        from contractkit.render.text import render_text

        return render_text(self.document)

    def to_docx(self) -> bytes:
        """Render the contract as the bytes of a DOCX file."""
        from contractkit.render.docx import render_docx

        return render_docx(self.document)

    def write_text(self, path: str | Path) -> Path:
        """Write the plain-text contract to ``path`` atomically."""
        from contractkit.render.output import write_atomic

        return write_atomic(Path(path), self.to_text().encode("utf-8"))

    def write_docx(self, path: str | Path) -> Path:
        """Write the DOCX contract to ``path`` atomically."""
        from contractkit.render.output import write_atomic

        return write_atomic(Path(path), self.to_docx())

    def write(
        self, out_dir: str | Path, formats: Sequence[str] = ("docx", "txt")
    ) -> list[Path]:
        """Write ``<reference>.<format>`` for each format into ``out_dir``.

        Every file is rendered before any is written, so a failure leaves
        nothing behind.
        """
        from contractkit.render import render
        from contractkit.render.output import write_all

        payloads = {
            Path(out_dir) / f"{self.reference}.{fmt}": render(self.document, fmt)
            for fmt in formats
        }
        return write_all(payloads)
