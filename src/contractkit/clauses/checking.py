"""Checks a clause pack's author runs before publishing it.

``check_pack`` compiles every template, checks that each variable a template
reads exists, that ``order``, ``requires`` and ``excludes`` name existing
clauses, that every rule has a stable code and documentation, and composes
and renders the pack's sample spec. It returns every problem as a finding.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

from contractkit.clauses.pack import ClausePack, clause_ids
from contractkit.clauses.templating import template_globals, template_variables
from contractkit.errors import ContractkitError, PackError
from contractkit.loading import parse_data
from contractkit.rules.finding import Finding, Report, Severity

__all__ = ["check_pack", "load_pack_from_path", "structural_findings"]

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
    """Import the clause pack at ``path`` and return it.

    ``path`` is a pack's package folder (``src/contractkit_translation``), its
    module file, or the folder of a distribution whose ``pyproject.toml``
    declares a ``contractkit.clause_packs`` entry point. The package is
    imported under its own name, from the folder above its top-level
    package, so its absolute imports and its ``templates/`` folder resolve
    as they will once it is installed.

    Raises:
        PackError: nothing importable is there, importing it fails, or it
            gives no ClausePack.
    """
    target = Path(path).resolve()
    module_name, attribute = _module_at(target)
    try:
        module = importlib.import_module(module_name)
    except (Exception, SystemExit) as exc:
        raise PackError(
            f"Importing the clause pack at {str(path)!r} (module {module_name!r}) "
            f"failed: {type(exc).__name__}: {exc}"
        ) from exc
    if not hasattr(module, attribute):
        raise PackError(
            f"The clause pack at {str(path)!r} ({module_name}) defines no "
            f"{attribute!r}; its entry point must name a ClausePack object."
        )
    pack = getattr(module, attribute)
    if not isinstance(pack, ClausePack):
        raise PackError(
            f"The clause pack at {str(path)!r} ({module_name}:{attribute}) gives "
            f"{type(pack).__name__}, not a ClausePack."
        )
    return pack


def _module_at(target: Path) -> tuple[str, str]:
    """Put the import root of ``target`` on ``sys.path``; return module and name."""
    if target.is_dir() and (target / "pyproject.toml").is_file():
        return _distribution_module(target)
    if target.is_dir() and (target / "__init__.py").is_file():
        package, parts = target, [target.name]
    elif target.is_file() and target.suffix == ".py":
        package = target.parent
        parts = [] if target.name == "__init__.py" else [target.stem]
        if target.name == "__init__.py" or (package / "__init__.py").is_file():
            parts.insert(0, package.name)
        else:
            package = target
    else:
        raise PackError(
            f"Cannot import a clause pack from {str(target)!r}: it is neither a "
            "Python package folder, a .py file nor a folder with pyproject.toml."
        )
    root = package.parent
    while (root / "__init__.py").is_file():
        parts.insert(0, root.name)
        root = root.parent
    _import_from(root, parts[0])
    return ".".join(parts), "pack"


def _distribution_module(folder: Path) -> tuple[str, str]:
    """Read the pack entry point of the distribution in ``folder``."""
    import tomllib

    from contractkit.plugins import ENTRY_POINT_GROUP

    try:
        project = tomllib.loads((folder / "pyproject.toml").read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PackError(
            f"Cannot read {str(folder / 'pyproject.toml')!r}: {exc}"
        ) from None
    groups = project.get("project", {}).get("entry-points", {})
    points = groups.get(ENTRY_POINT_GROUP, {})
    if len(points) != 1:
        raise PackError(
            f"{str(folder / 'pyproject.toml')!r} declares {len(points)} entry "
            f"points in group {ENTRY_POINT_GROUP!r}; check a pack by its "
            "package folder instead."
        )
    value = str(next(iter(points.values())))
    module_name, _, attribute = value.partition(":")
    root = folder / "src" if (folder / "src").is_dir() else folder
    _import_from(root, module_name.split(".")[0])
    return module_name, attribute or "pack"


def _import_from(root: Path, top: str) -> None:
    """Make ``top`` importable from ``root``, refusing a copy loaded elsewhere."""
    loaded = sys.modules.get(top)
    where = getattr(loaded, "__file__", None)
    if loaded is not None and where is not None and root not in Path(where).parents:
        raise PackError(
            f"Module {top!r} is already imported from {where!r}, so the copy in "
            f"{str(root)!r} cannot be checked in this process; check the "
            "installed pack by name, or run the check in another environment."
        )
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))


def structural_findings(pack: ClausePack) -> Report:
    """Return the problems that make ``pack`` unusable, without composing.

    A template that does not compile, and an ``order``, ``requires`` or
    ``excludes`` that names a clause no pack it uses defines: what a
    contract composed with the pack would fail on.
    """
    compiled = [f for f in _check_templates(pack) if f.code == TEMPLATE_BROKEN]
    return Report([*compiled, *_check_references(pack)])


def check_pack(pack: ClausePack) -> Report:
    """Run every author check on ``pack`` and return the findings.

    The sample spec is composed only when every clause the pack names
    exists, since composing would otherwise fail on the first missing one.
    """
    references = list(_check_references(pack))
    sample = [] if references else list(_check_sample(pack))
    return Report([*_check_templates(pack), *references, *_check_rules(pack), *sample])


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

    try:
        text = pack.sample_spec_text()
    except (OSError, UnicodeDecodeError) as exc:
        yield _finding(
            SAMPLE_FAILS,
            pack.name,
            f"Pack {pack.name!r} cannot read its sample spec "
            f"{pack.sample_spec!r}: {exc}",
            "Put the file in the examples/ folder of the pack's package.",
        )
        return
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
    except Exception as exc:
        yield _finding(
            SAMPLE_FAILS,
            pack.name,
            f"Composing the sample spec raised {type(exc).__name__}: {exc}",
            "A function of the pack (such as a clause's applies) failed; fix it.",
        )
        return
    for finding in result.report.errors:
        yield _finding(
            SAMPLE_FAILS,
            f"{pack.name}:{finding.path}",
            f"The sample spec breaks {finding.code}: {finding.message}",
            finding.hint,
        )
