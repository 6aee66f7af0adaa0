"""Drafting lint: checks over the composed document that every pack gets.

These rules run after the document tree is built, on every contract, and
report the section number where they apply.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator

from contractkit.document.nodes import (
    Block,
    CrossReference,
    DefinedTerm,
    Document,
    Emphasis,
    Inline,
    Paragraph,
    Section,
    Text,
    block_runs,
    other_positions,
    plain_text,
)
from contractkit.rules.finding import Severity
from contractkit.rules.rule import Check, Rule, RuleContext, Violation, rule_doc

__all__ = ["RULES"]

Located = tuple[str | None, Inline]
"""A run with the number of the section that holds it (``None``: preamble)."""

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{%|%\}|<<|>>|\bTBD\b|\bTODO\b|\bN/A\b|\bNone\b")
_PLACEHOLDER_PARTS = ("{", "}", "<<", ">>", "TBD", "TODO", "N/A", "None")
"""A piece of each placeholder: a text that holds none of them has none.

Looking for these is many times quicker than the pattern's search, which
tries every alternative at every character of a text that has no match.
"""
_PLACEHOLDERS_SEEN: dict[str, str] = {}
"""The first placeholder in each text checked lately (``""``: none), by text."""
_SEEN_LIMIT = 4096


def _placeholder(text: str) -> str:
    """Return the first placeholder in ``text``, or ``""``; texts repeat in a batch."""
    found = _PLACEHOLDERS_SEEN.get(text)
    if found is None:
        maybe = any(piece in text for piece in _PLACEHOLDER_PARTS)
        match = _PLACEHOLDER.search(text) if maybe else None
        found = match.group() if match else ""
        if len(_PLACEHOLDERS_SEEN) >= _SEEN_LIMIT:
            _PLACEHOLDERS_SEEN.clear()
        _PLACEHOLDERS_SEEN[text] = found
    return found


class _Part:
    """What the lint rules need from some blocks, with their section number.

    A part holds summaries, not every run: the terms it uses (each once, in
    order of first use), the references left without a number, the
    placeholders, and whether it has words and the expected subsection
    numbers, so that a document's lint costs a few steps per section.
    """

    __slots__ = (
        "dangling",
        "definitions",
        "has_words",
        "mentioned",
        "numbered",
        "numbers",
        "placeholders",
        "running",
        "summary",
        "used",
        "wanted",
    )

    def __init__(self, blocks: tuple[Block, ...], number: str | None) -> None:
        dangling: list[CrossReference] = []
        used: dict[str, None] = {}
        definitions: list[tuple[str, str | None]] = []
        texts: list[str] = []
        has_words = False
        for block in blocks:
            for group in block_runs(block):
                for run in group:  # one pass: parts are summed up for every row
                    if isinstance(run, Text | Emphasis):
                        texts.append(run.text)
                        has_words = has_words or bool(run.text.strip())
                    elif isinstance(run, DefinedTerm):
                        if run.defining:
                            definitions.append((run.term, number))
                        else:
                            used[run.term] = None
                        has_words = has_words or bool(plain_text((run,)).strip())
                    elif isinstance(run, CrossReference):
                        if not run.label:
                            dangling.append(run)
                        has_words = has_words or bool(plain_text((run,)).strip())
        self.dangling = dangling
        self.used = used
        self.definitions = definitions
        self.running = "\n".join(texts)
        self.placeholders = [
            (number, found) for text in texts if (found := _placeholder(text))
        ]
        self.has_words = has_words
        self.numbers = [
            b.number for b in blocks if isinstance(b, Paragraph) and b.number
        ]
        self.wanted = [f"{number}.{i}" for i in range(1, len(self.numbers) + 1)]
        self.numbered = self.numbers == self.wanted
        self.mentioned: dict[str, bool] = {}
        self.summary = (
            tuple(self.dangling),
            tuple(self.used),
            tuple(self.definitions),
            tuple(self.placeholders),
            self.has_words,
            self.numbered,
        )
        """Everything but the running text: parts with equal summaries give
        the same findings."""

    def mentions(self, term: str) -> bool:
        """Tell whether the running text names ``term`` as a whole word."""
        found = self.mentioned.get(term)
        if found is None:
            found = term in self.running and _mentions(term, self.running)
            self.mentioned[term] = found
        return found


def _mentions(term: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text) is not None


_PARTS: dict[tuple[int, str | None], tuple[tuple[Block, ...], _Part]] = {}
"""The parts of sections linted lately, by the identity of their blocks."""
_PARTS_KEPT = 1024


def _part(blocks: tuple[Block, ...], number: str | None) -> _Part:
    """Return the part of ``blocks``; the same blocks give the same part."""
    key = (id(blocks), number)
    kept = _PARTS.get(key)
    if kept is not None and kept[0] is blocks:
        return kept[1]

    part = _Part(blocks, number)
    if len(_PARTS) >= _PARTS_KEPT:
        _PARTS.clear()
    _PARTS[key] = (blocks, part)
    return part


class _Index:
    """The parts of one document, found once and shared by every lint rule.

    One pass over the parts gathers what each rule reports on, so that a
    rule looks only at the places that may break it.
    """

    __slots__ = (
        "dangling",
        "defined",
        "definitions",
        "document",
        "empty",
        "found",
        "mentioned_at",
        "misnumbered",
        "parts",
        "placeholders",
        "used",
    )

    def __init__(self, document: Document) -> None:
        self.document = document
        preamble = _Part(document.preamble, None)
        self.parts: list[tuple[str | None, _Part]] = [(None, preamble)]
        self.definitions = list(preamble.definitions)
        self.used: dict[str, str | None] = dict.fromkeys(preamble.used)
        """Each term used, with the section that uses it first."""
        self.dangling: list[tuple[str | None, CrossReference]] = [
            (None, run) for run in preamble.dangling
        ]
        self.placeholders = list(preamble.placeholders)
        self.empty: list[tuple[Section, _Part]] = []
        self.misnumbered: list[tuple[int, Section, _Part]] = []
        self.found: dict[Hashable, tuple[Violation, ...]] = {}
        """What each rule that reads only the summaries found, once: an index
        patched from this one shares it, as its summaries are the same."""
        self.mentioned_at: dict[str, int] = {}
        """For each defined term found in running text, the part that has it."""
        for expected, section in enumerate(document.sections, start=1):
            number = section.number
            part = _part(section.blocks, number)
            self.parts.append((number, part))
            if part.definitions:
                self.definitions += part.definitions
            for term in part.used:
                if term not in self.used:
                    self.used[term] = number
            if part.dangling:
                self.dangling += [(number, run) for run in part.dangling]
            if part.placeholders:
                self.placeholders += part.placeholders
            if not part.has_words or not section.title.strip():
                self.empty.append((section, part))
            if not part.numbered or number != str(expected):
                self.misnumbered.append((expected, section, part))
        self.defined = {term for term, _ in self.definitions}

    def patched(self, document: Document) -> _Index | None:
        """Return the index of ``document``, made from this one, or ``None``.

        A document with the same sections as this one's, whose changed
        parts have the same summaries, has the same findings but for the
        running text: the new index shares everything else.
        """
        old = self.document
        if len(document.sections) != len(old.sections):
            return None
        parts = list(self.parts)
        if document.preamble is not old.preamble:
            preamble = _Part(document.preamble, None)
            if preamble.summary != parts[0][1].summary:
                return None
            parts[0] = (None, preamble)
        for at in other_positions(document.sections, old.sections):
            section, was, position = document.sections[at], old.sections[at], at + 1
            if section.blocks is was.blocks and section == was:
                continue
            if (section.number, section.title, section.clause_id) != (
                was.number,
                was.title,
                was.clause_id,
            ):
                return None
            part = _part(section.blocks, section.number)
            if part.summary != parts[position][1].summary:
                return None
            parts[position] = (section.number, part)
        index = _Index.__new__(_Index)
        for name in self.__slots__:
            setattr(index, name, getattr(self, name))
        index.document = document
        index.parts = parts
        return index


_LAST: list[_Index] = []
"""The index of the document linted last: the rules run one after another."""


def _index(document: Document) -> _Index:
    """Return the index of ``document``, built once for all the lint rules."""
    last = _LAST[0] if _LAST else None
    if last is not None and last.document is document:
        return last

    index = None if last is None else last.patched(document)
    if index is None:
        index = _Index(document)
    _LAST[:] = [index]
    return index


def _kept(
    context: RuleContext,
    find: Callable[..., Iterator[Violation]],
    *args: Hashable,
) -> Iterator[Violation]:
    """Return what ``find(index, *args)`` finds, found once per index and args.

    ``find`` must read only what a patched index shares with the one it was
    made from (everything but the running text of the parts) and ``args``.
    """
    assert context.document is not None
    index = _index(context.document)
    key = (find, *args)
    found = index.found.get(key)
    if found is None:
        found = tuple(find(index, *args))
        index.found[key] = found
    return iter(found)


def _where(section: str | None) -> str:
    return f"Section {section}" if section else "The preamble"


def dangling_references(context: RuleContext) -> Iterator[Violation]:
    """Every cross-reference points at a clause that is in the document.

    A reference names a clause by id, never by number; the composer writes
    the number of the section that holds the clause. A reference to a clause
    that is switched off, or that no pack has, would print a wrong or empty
    number, so it is an error. Switch the clause on, or switch off the
    clause that refers to it.
    """
    return _kept(context, _dangling)


def _dangling(index: _Index) -> Iterator[Violation]:
    for section, run in index.dangling:
        yield Violation(
            path=f"clauses.{run.clause_id.split('.', 1)[-1]}",
            message=(
                f"{_where(section)} refers to clause {run.clause_id!r}, "
                "which is not in this contract."
            ),
            hint=(
                f"Switch {run.clause_id!r} on, or switch off the clause "
                "that refers to it."
            ),
            section=section,
        )


def terms_defined_once(context: RuleContext) -> Iterator[Violation]:
    """A defined term is defined exactly once.

    Two definitions of the same term may say different things, and a reader
    cannot tell which one governs. The second definition is reported with
    its section; remove one of them from the clause templates.
    """
    return _kept(context, _defined_twice)


def _defined_twice(index: _Index) -> Iterator[Violation]:
    seen: dict[str, str | None] = {}
    for term, section in index.definitions:
        if term in seen:
            yield Violation(
                path="",
                message=(
                    f"{_where(section)} defines {term!r}, which "
                    f"{_where(seen[term]).lower()} already defines."
                ),
                hint="Keep one definition of the term and remove the other.",
                section=section,
            )
        else:
            seen[term] = section


def _mentioned(index: _Index, term: str) -> bool:
    """Tell whether the running text of some part names ``term``.

    The position of the part found last is kept on the index (a patched
    index shares it), and looked at first.
    """
    if "\n" in term:  # the running texts are joined by line breaks
        running = "\n".join([part.running for _, part in index.parts])
        return term in running and _mentions(term, running)
    at = index.mentioned_at.get(term)
    if at is not None and index.parts[at][1].mentions(term):
        return True
    for position, (_, part) in enumerate(index.parts):
        if part.mentions(term):
            index.mentioned_at[term] = position
            return True
    return False


def terms_used(context: RuleContext) -> Iterator[Violation]:
    """A defined term is used somewhere after it is defined.

    A definition nobody uses is dead text, and often the sign that a clause
    refers to the same thing by another name. It is a warning: the contract
    still reads correctly.
    """
    assert context.document is not None
    index = _index(context.document)
    unused = frozenset(
        term
        for term in index.defined.difference(index.used)
        if not _mentioned(index, term)
    )
    return _kept(context, _unused, unused)


def _unused(index: _Index, unused: frozenset[str]) -> Iterator[Violation]:
    for term, section in index.definitions:
        if term in unused:
            yield Violation(
                path="",
                message=f"{_where(section)} defines {term!r}, but no clause uses it.",
                hint="Use the term where the contract means it, or drop it.",
                section=section,
            )


def terms_defined(context: RuleContext) -> Iterator[Violation]:
    """A capitalised term used as a defined term is defined.

    Clause text marks the use of a defined term (``{Term}`` in the clause
    markup). When the clause that defines the term is not in the contract,
    the term would read as defined but mean nothing, so it is an error.
    """
    return _kept(context, _undefined)


def _undefined(index: _Index) -> Iterator[Violation]:
    for term, section in index.used.items():
        if term not in index.defined:
            yield Violation(
                path="",
                message=f"{_where(section)} uses the term {term!r}, which no "
                "clause defines.",
                hint="Switch on the clause that defines the term, or define it.",
                section=section,
            )


def no_placeholders(context: RuleContext) -> Iterator[Violation]:
    """No placeholder or unfilled value survives into the text.

    Template syntax (``{{``, ``{%``), ``<<...>>``, ``TBD``, ``TODO``,
    ``N/A`` and a printed ``None`` usually mean a value was never filled in.
    It is a warning, because a party may really be called that: check the
    spec field that produced the text.
    """
    return _kept(context, _placeholders)


def _placeholders(index: _Index) -> Iterator[Violation]:
    for section, found in index.placeholders:
        yield Violation(
            path="",
            message=f"{_where(section)} contains {found!r}, which looks "
            "like a value that was never filled in.",
            hint="Set the spec field that produced this text to its real value.",
            section=section,
        )


def no_empty_sections(context: RuleContext) -> Iterator[Violation]:
    """No section is empty and no heading lacks text.

    An empty section or a bare heading is a drafting slip: the clause's
    template produced nothing for this spec. Fix the spec so the clause has
    something to say, or switch the clause off.
    """
    return _kept(context, _empty)


def _empty(index: _Index) -> Iterator[Violation]:
    for section, part in index.empty:
        if not section.title.strip():
            yield Violation(
                path=f"clauses.{section.clause_id.split('.', 1)[-1]}",
                message=f"Section {section.number} has a heading without text.",
                hint=f"Give clause {section.clause_id!r} a title in its pack.",
                section=section.number,
            )
        if not part.has_words:
            yield Violation(
                path=f"clauses.{section.clause_id.split('.', 1)[-1]}",
                message=f"Section {section.number} ({section.title}) is empty.",
                hint=f"Switch clause {section.clause_id!r} off, or fill in the "
                "spec fields it needs.",
                section=section.number,
            )


def continuous_numbering(context: RuleContext) -> Iterator[Violation]:
    """Sections and subsections are numbered 1, 2, 3 and 1.1, 1.2 with no gaps.

    The composer numbers sections itself, so a gap means a renderer or pack
    changed the tree afterwards; it is an error because cross-references
    would then point at the wrong place.
    """
    return _kept(context, _misnumbered)


def _misnumbered(index: _Index) -> Iterator[Violation]:
    for expected, section, part in index.misnumbered:
        if section.number != str(expected):
            yield Violation(
                path="",
                message=f"Section {section.number} should be numbered {expected}.",
                hint="Let the composer number sections; do not edit the tree.",
                section=section.number,
            )
        numbers, wanted = part.numbers, part.wanted
        if numbers != wanted:
            yield Violation(
                path="",
                message=f"Section {section.number} has subsections {numbers}, "
                f"expected {wanted}.",
                hint="Let the composer number subsections; do not edit the tree.",
                section=section.number,
            )


def _rule(code: str, severity: Severity, title: str, check: Check) -> Rule:
    return Rule(
        code=code,
        severity=severity,
        title=title,
        check=check,
        pack="contractkit",
        stage="document",
        doc=rule_doc(check),
    )


RULES: tuple[Rule, ...] = (
    _rule(
        "CK-LINT-001", Severity.ERROR, "Cross-references resolve", dangling_references
    ),
    _rule("CK-LINT-002", Severity.ERROR, "Terms are defined once", terms_defined_once),
    _rule("CK-LINT-003", Severity.WARNING, "Defined terms are used", terms_used),
    _rule("CK-LINT-004", Severity.ERROR, "Used terms are defined", terms_defined),
    _rule("CK-LINT-005", Severity.WARNING, "No placeholders survive", no_placeholders),
    _rule("CK-LINT-006", Severity.ERROR, "No empty sections", no_empty_sections),
    _rule(
        "CK-LINT-007", Severity.ERROR, "Numbering is continuous", continuous_numbering
    ),
)
"""The drafting lint rules, run on every composed document."""
