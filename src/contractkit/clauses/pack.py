"""The clause-pack API: :class:`Clause` and :class:`ClausePack`.

A clause is data plus a template. A pack is a versioned collection of
clauses with their rules, default order and the spec section it adds. The
built-in packs use this API exactly as a third-party pack does.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, Literal

import jinja2

from contractkit.clauses.templating import compile_template
from contractkit.errors import ClauseNotFoundError, PackError
from contractkit.models import Contract, Role, SpecModel
from contractkit.rules.finding import Severity
from contractkit.rules.rule import Check, Rule, rule_doc

__all__ = ["Clause", "ClausePack"]

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_RULE_CODE = re.compile(r"^CK-[A-Z0-9]+(-[A-Z0-9]+)*-\d{3}$")


@dataclass(frozen=True)
class Clause:
    """One clause: an id, a title, a template and when it is included.

    Attributes:
        id: the clause's id within its pack, such as ``indemnity``; its
            namespaced id is ``<pack>.<id>``.
        title: the section heading.
        template: the template file name in the pack's ``templates`` folder.
        version: the clause's own version; bump it when its text changes.
        optional: whether the spec may switch the clause off (or on) through
            ``clauses: {<id>: false}``.
        default_on: whether an optional clause is on when the spec is silent.
        applies: when given, the clause is included only where this returns
            true for the spec, such as "the spec has an indemnity".
        requires: namespaced ids of clauses that must be selected with it.
        excludes: namespaced ids of clauses that must not be selected with it.
        roles: the roles the clause names; each must resolve to a party.
        kind: ``section`` for a numbered section with a heading, ``preamble``
            for unnumbered text before the first section.
        options: the model of the clause's options, which a spec gives as
            ``clauses: {<id>: {<option>: <value>}}`` and the template reads
            as ``options``; its defaults apply when the spec gives none.
    """

    id: str
    title: str
    template: str
    version: str = "1.0"
    optional: bool = False
    default_on: bool = True
    applies: Callable[[Contract], bool] | None = None
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ("provider", "client")
    kind: Literal["section", "preamble"] = "section"
    options: type[SpecModel] | None = None


class ClausePack:
    """A versioned collection of clauses, rules and a spec section.

    Args:
        name: the pack's name, which namespaces its clause ids.
        version: the pack's version.
        description: one line saying what contracts the pack composes.
        clauses: the pack's own clauses.
        order: namespaced ids of every clause in document order, its own and
            those of the packs it extends; its own clauses in declaration
            order after its bases' when empty.
        extends: names of the packs whose clauses and rules this pack uses.
        spec_extension: the model of the spec section the pack adds, stored
            under the pack's name.
        languages: the languages its clause text is written in.
        default_title: the agreement title when the spec sets none.
        templates: the folder holding the templates; ``templates/`` beside
            the module named by ``package`` when unset.
        package: the module whose ``templates/`` folder holds the templates.
        signature_intro: the sentence above the signature table.
        sample_spec: a spec file in the pack's ``examples/`` folder that
            ``contractkit packs check`` composes and renders.
        provides: the names of the template variables that
            :meth:`variables` adds, for ``contractkit packs check``.
    """

    def __init__(
        self,
        name: str,
        version: str,
        *,
        description: str,
        clauses: Sequence[Clause],
        order: Sequence[str] = (),
        extends: Sequence[str] = (),
        spec_extension: type[SpecModel] | None = None,
        languages: Sequence[str] = ("en",),
        default_title: str | None = None,
        templates: Traversable | None = None,
        package: str | None = None,
        signature_intro: str | None = None,
        sample_spec: str | None = None,
        provides: Sequence[str] = (),
    ) -> None:
        if not _NAME.fullmatch(name):
            raise PackError(
                f"Pack name {name!r} must be lower-case letters, digits and "
                "underscores, starting with a letter."
            )
        self.name = name
        self.version = version
        self.description = description
        self.clauses = tuple(clauses)
        self.order = tuple(order)
        self.extends = tuple(extends)
        self.spec_extension = spec_extension
        self.languages = tuple(languages)
        self.default_title = default_title
        self.signature_intro = signature_intro
        self.sample_spec = sample_spec
        self.provides = tuple(provides)
        self.rules: list[Rule] = []
        self._templates = templates
        self._package = package
        self._by_id = {clause.id: clause for clause in self.clauses}
        self._compiled: dict[str, jinja2.Template] = {}
        self._hashes: dict[str, str] = {}
        if len(self._by_id) != len(self.clauses):
            raise PackError(f"Pack {name!r} declares the same clause id twice.")

    def __repr__(self) -> str:
        return f"ClausePack({self.name!r}, {self.version!r})"

    def full_id(self, clause: Clause) -> str:
        """Return the namespaced id of one of this pack's clauses."""
        return f"{self.name}.{clause.id}"

    def clause(self, local_id: str) -> Clause:
        """Return this pack's clause by its id within the pack.

        Raises:
            ClauseNotFoundError: the pack has no clause with that id.
        """
        try:
            return self._by_id[local_id]
        except KeyError:
            raise ClauseNotFoundError(
                f"Pack {self.name!r} has no clause {local_id!r}; its clauses "
                f"are {sorted(self._by_id)}."
            ) from None

    def rule(
        self,
        code: str,
        severity: Severity | str,
        title: str,
        *,
        stage: str = "spec",
    ) -> Callable[[Check], Check]:
        """Declare a rule of this pack; decorates its check function.

        The check's docstring is the rule's documentation.

        Args:
            code: stable code such as ``CK-MC-IND-001``.
            severity: ``"error"`` or ``"warning"``.
            title: a short line for listings.
            stage: ``"spec"`` or ``"document"`` (runs on the composed tree).
        """
        if not _RULE_CODE.fullmatch(code):
            raise PackError(
                f"Pack {self.name!r}: rule code {code!r} must look like 'CK-XX-001'."
            )

        def register(check: Check) -> Check:
            self.rules.append(
                Rule(
                    code=code,
                    severity=Severity(severity),
                    title=title,
                    check=check,
                    pack=self.name,
                    stage=stage,
                    doc=rule_doc(check),
                )
            )
            return check

        return register

    def _folder(self, name: str) -> Traversable:
        if name == "templates" and self._templates is not None:
            return self._templates
        package = self._package or self.name
        try:
            return files(package) / name
        except (ImportError, TypeError) as exc:
            raise PackError(
                f"Pack {self.name!r}: cannot find its {name} folder, because "
                f"package {package!r} cannot be imported ({exc})."
            ) from None

    def sample_spec_text(self) -> str | None:
        """Return the text of the pack's sample spec, if it has one."""
        if self.sample_spec is None:
            return None
        try:
            return (self._folder("examples") / self.sample_spec).read_text(
                encoding="utf-8"
            )
        except (OSError, UnicodeDecodeError) as exc:
            raise PackError(
                f"Pack {self.name!r}: cannot read its sample spec "
                f"{self.sample_spec!r} ({exc})."
            ) from None

    def template_source(self, clause: Clause) -> str:
        """Return the source text of a clause's template.

        Raises:
            PackError: the template file is missing.
        """
        try:
            return (self._folder("templates") / clause.template).read_text(
                encoding="utf-8"
            )
        except (OSError, UnicodeDecodeError) as exc:
            raise PackError(
                f"Pack {self.name!r}, clause {clause.id!r}: cannot read template "
                f"{clause.template!r} ({exc})."
            ) from None

    def template_hash(self, clause: Clause) -> str:
        """Return the SHA-256 of a clause's template source, for provenance.

        The hash is computed once per clause, like the compiled template.
        """
        digest = self._hashes.get(clause.id)
        if digest is None:
            source = self.template_source(clause).encode("utf-8")
            digest = hashlib.sha256(source).hexdigest()
            self._hashes[clause.id] = digest
        return digest

    def compiled(self, clause: Clause) -> jinja2.Template:
        """Return the compiled template of a clause, compiling it once."""
        template = self._compiled.get(clause.id)
        if template is None:
            template = compile_template(
                self.full_id(clause), self.template_source(clause)
            )
            self._compiled[clause.id] = template
        return template

    def variables(self, contract: Contract) -> Mapping[str, Any]:
        """Return the template variables this pack adds for ``contract``.

        None by default; a pack that overrides this lists the names in
        ``provides``.
        """
        return {}


def clause_ids(packs: Iterable[ClausePack]) -> dict[str, tuple[ClausePack, Clause]]:
    """Map every namespaced clause id of ``packs`` to its pack and clause."""
    return {
        pack.full_id(clause): (pack, clause)
        for pack in packs
        for clause in pack.clauses
    }
