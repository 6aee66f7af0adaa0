"""The consistency rules of the ``translation`` pack (codes ``CK-TR-NNN``).

The docstring of each check is the rule's documentation.
"""

from __future__ import annotations

from collections.abc import Iterator

from contractkit import RuleContext, Violation
from contractkit_translation import pack
from contractkit_translation.models import Translation

__all__: list[str] = []


@pack.rule("CK-TR-001", "error", "A language pair joins two different languages")
def pairs_differ(ctx: RuleContext) -> Iterator[Violation]:
    """Each language pair translates from one language into another.

    A pair whose source and target are the same language describes editing
    or proofreading, which the per-word rates of this pack do not price.
    """
    section = ctx.extension(Translation)
    if section is None:
        return
    for index, pair in enumerate(section.pairs):
        if pair.source.casefold() == pair.target.casefold():
            yield Violation(
                path=f"translation.pairs[{index}].target",
                message=f"The pair translates {pair.source} into itself.",
                hint=f"Set 'translation.pairs[{index}].target' to another language.",
            )


@pack.rule("CK-TR-002", "error", "A rush job is faster than a standard one")
def rush_is_faster(ctx: RuleContext) -> Iterator[Violation]:
    """A rush job is delivered sooner than a standard job.

    The client pays the rush surcharge for a shorter turnaround; a rush
    turnaround as long as the standard one charges more for nothing.
    """
    section = ctx.extension(Translation)
    if section is None or section.rush is None:
        return
    rush_days = section.rush.turnaround_days
    if rush_days >= section.standard_turnaround_days:
        yield Violation(
            path="translation.rush.turnaround_days",
            message=(
                f"A rush job takes {rush_days} business days, no fewer than the "
                f"{section.standard_turnaround_days} of a standard job."
            ),
            hint=(
                "Set 'translation.rush.turnaround_days' below "
                "'translation.standard_turnaround_days'."
            ),
        )


@pack.rule("CK-TR-003", "warning", "A rush surcharge is stated in the agreement")
def rush_clause_selected(ctx: RuleContext) -> Iterator[Violation]:
    """A spec that prices rush jobs keeps the rush clause switched on.

    The rush clause is optional. Switched off, the agreement says nothing
    about the surcharge the spec sets, so the translator could not charge it.
    """
    section = ctx.extension(Translation)
    if section is None or section.rush is None:
        return
    if not ctx.has("translation.rush"):
        yield Violation(
            path="clauses.rush",
            message="The spec sets a rush surcharge, but the rush clause is off.",
            hint="Remove 'clauses.rush', or remove 'translation.rush'.",
        )
