"""The ``translation`` section of a spec: languages, rates, rush jobs."""

from __future__ import annotations

from pydantic import Field

from contractkit.models import Amount, Days, Percent, SpecModel, Text

__all__ = ["Certification", "LanguagePair", "Rush", "Translation"]


class LanguagePair(SpecModel):
    """One direction of translation and what a word of it costs."""

    source: Text
    """The language translated from, such as ``German``."""
    target: Text
    """The language translated into, such as ``English (US)``."""
    rate_per_word: Amount
    """The fee for each word of the source text."""


class Rush(SpecModel):
    """Jobs delivered faster than the standard turnaround."""

    surcharge_percent: Percent
    """The surcharge on the word fees of a rush job, such as ``50``."""
    turnaround_days: Days
    """Business days within which a rush job is delivered."""


class Certification(SpecModel):
    """Translations delivered with a signed statement of accuracy."""

    body: Text
    """The body that certifies the translator, such as ``the ATA``."""
    fee_per_document: Amount
    """The fee for each certified document."""


class Translation(SpecModel):
    """Everything special to a translation services agreement."""

    pairs: list[LanguagePair] = Field(min_length=1)
    """The language pairs the translator works in."""
    subject_matter: Text = "general business documents"
    """What the texts are about, such as ``medical device manuals``."""
    standard_turnaround_days: Days = 5
    """Business days within which a standard job is delivered."""
    minimum_fee: Amount | None = None
    """The least a job costs, however short its text."""
    rush: Rush | None = None
    """Rush jobs; leave unset to offer none."""
    certification: Certification | None = None
    """Certified translations; leave unset to offer none."""
