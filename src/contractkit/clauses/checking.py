"""Checks a clause pack's author runs before publishing it.

``check_pack`` compiles every template, checks that each variable a template
reads exists, that ``order``, ``requires`` and ``excludes`` name existing
clauses, that every rule has a stable code and documentation, and composes
and renders the pack's sample spec. It returns every problem as a finding.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

from contractkit.clauses.pack import ClausePack, clause_ids
from contractkit.clauses.templating import template_globals, template_variables
from contractkit.errors import ContractkitError, PackError
from contractkit.loading import parse_data
from contractkit.rules.finding import Finding, Report, Severity

__all__ = ["check_pack", "load_pack_from_path"]

TEMPLATE_BROKEN = "CK-PACK-001"
UNKNOWN_VARIABLE = "CK-PACK-002"
UNKNOWN_CLAUSE = "CK-PACK-003"
RULE_UNDOCUMENTED = "CK-PACK-004"
SAMPLE_FAILS = "CK-PACK-005"

PACK_CODES: dict[str, tuple[str, str]] = {
    TEMPLATE_BROKEN: (
        "Every template compiles",
        "Each clause's template file exists, is UTF-8 and compiles in the "
        "sandbox. The finding names the clause and the template line.",
    ),
    UNKNOWN_VARIABLE: (
        "Templates read only declared variables",
        "A template may read the core spec sections, the sections of its pack "
        "and the packs it extends, and the composer's variables (such as "
        "`title` and `selected`). Any other name would fail when a contract "
        "is composed.",
    ),
    UNKNOWN_CLAUSE: (
        "Order, requires and excludes name existing clauses",
        "Every namespaced clause id in a pack's `order` and in its clauses' "
        "`requires` and `excludes` must belong to the pack or a pack it "
        "extends, and every pack it extends must be installed.",
    ),
    RULE_UNDOCUMENTED: (
        "Every rule is documented",
        "Each rule's check function has a docstring, which becomes its "
        "section in the rule documentation.",
    ),
    SAMPLE_FAILS: (
        "The sample spec composes and renders",
        "The pack ships a sample spec (`sample_spec=`) that composes with no "
        "error finding and renders in every format.",
    ),
}
"""The codes ``contractkit packs check`` reports: title and documentation."""


def _finding(code: str, where: str, message: str, hint: str) -> Finding:
    return Finding(code, Severity.ERROR, where, message, hint)


def load_pack_from_path(path: str | Path) -> ClausePack:
    """Import the module or package at ``path`` and return its ``pack``.

    Raises:
        PackError: the file cannot be imported or defines no ClausePack ``pack``.
    """
    target = Path(path)
    if target.is_dir():
        target = target / "__init__.py"
    name = f"_contractkit_checked_{target.parent.name}"
    spec = importlib.util.spec_from_file_location(
        name, target, submodule_search_locations=[str(target.parent)]
    )
    if spec is None or spec.loader is None or not target.exists():
        raise PackError(f"Cannot import a clause pack from {str(path)!r}.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise PackError(
            f"Importing the clause pack at {str(path)!r} failed: "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    pack = getattr(module, "pack", None)
    if not isinstance(pack, ClausePack):
        raise PackError(f"{str(path)!r} defines no ClausePack named 'pack'.")
    return pack


def check_pack(pack: ClausePack) -> Report:
    """Run every author check on ``pack`` and return the findings."""
    return Report(
        [
            *_check_templates(pack),
            *_check_references(pack),
            *_check_rules(pack),
            *_check_sample(pack),
        ]
    )


def _members(pack: ClausePack) -> tuple[list[ClausePack], list[Finding]]:
    """Return the packs ``pack`` extends, then ``pack``, and any missing base."""
    from contractkit.plugins import load_pack

    members: list[ClausePack] = []
    missing: list[Finding] = []
    for base in pack.extends:
        try:
            members.append(load_pack(base))
        except ContractkitError as exc:
            missing.append(
                _finding(UNKNOWN_CLAUSE, pack.name, str(exc), f"Install pack {base!r}.")
            )
    return [*members, pack], missing


def _check_templates(pack: ClausePack) -> Iterator[Finding]:
    from contractkit.composer import CORE_VARIABLES

    members, _ = _members(pack)
    known = set(CORE_VARIABLES) | set(template_globals())
    for member in members:
        known.update(member.provides)
        if member.spec_extension is not None:
            known.add(member.name)
    for clause in pack.clauses:
        where = f"{pack.name}.{clause.id}"
        try:
            source = pack.template_source(clause)
            pack.compiled(clause)
            used = template_variables(source)
        except ContractkitError as exc:
            yield _finding(
                TEMPLATE_BROKEN, where, str(exc), "Fix the template so it compiles."
            )
            continue
        for name in sorted(used - known):
            yield _finding(
                UNKNOWN_VARIABLE,
                where,
                f"Clause {where!r} template {clause.template!r} reads {name!r}, "
                "which is neither a spec section nor a template variable.",
                f"Use one of {sorted(known)}, or set it in the template.",
            )


def _check_references(pack: ClausePack) -> Iterator[Finding]:
    members, missing = _members(pack)
    yield from missing
    known = clause_ids(members)
    named = [("order", cid) for cid in pack.order]
    for clause in pack.clauses:
        named += [(f"{clause.id}.requires", cid) for cid in clause.requires]
        named += [(f"{clause.id}.excludes", cid) for cid in clause.excludes]
    for where, cid in named:
        if cid not in known:
            yield _finding(
                UNKNOWN_CLAUSE,
                f"{pack.name}.{where}",
                f"Pack {pack.name!r} names clause {cid!r} in {where}, which no "
                "pack it uses defines.",
                "Use a namespaced id such as 'general.payment' of a clause of "
                "this pack or a pack it extends.",
            )


def _check_rules(pack: ClausePack) -> Iterator[Finding]:
    for rule in pack.rules:
        if not rule.doc.strip():
            yield _finding(
                RULE_UNDOCUMENTED,
                rule.code,
                f"Rule {rule.code} of pack {pack.name!r} has no documentation.",
                "Give its check function a docstring saying what it checks, "
                "why it matters and how to fix it.",
            )


def _check_sample(pack: ClausePack) -> Iterator[Finding]:
    from contractkit.composer import compose
    from contractkit.plugins import register_pack
    from contractkit.render import FORMATS, render

    text = pack.sample_spec_text()
    if text is None:
        yield _finding(
            SAMPLE_FAILS,
            pack.name,
            f"Pack {pack.name!r} has no sample spec to compose.",
            "Add examples/<file>.yaml beside the pack and pass sample_spec=.",
        )
        return
    try:
        register_pack(pack)
        data, _ = parse_data(text, source=f"{pack.name} sample spec")
        result = compose({**data, "pack": pack.name})
        for fmt in FORMATS:
            if result.ok:
                render(result.document, fmt)
    except ContractkitError as exc:
        yield _finding(
            SAMPLE_FAILS, pack.name, f"The sample spec fails: {exc}", "Fix it."
        )
        return
    for finding in result.report.errors:
        yield _finding(
            SAMPLE_FAILS,
            f"{pack.name}:{finding.path}",
            f"The sample spec breaks {finding.code}: {finding.message}",
            finding.hint,
        )
