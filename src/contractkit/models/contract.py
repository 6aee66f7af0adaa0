"""The whole contract spec: the core sections plus each clause pack's own."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import InitErrorDetails

from contractkit.models._base import SpecModel
from contractkit.models.confidentiality import Confidentiality
from contractkit.models.document import DocumentInfo, GoverningLaw
from contractkit.models.liability import Liability
from contractkit.models.parties import Party, Role
from contractkit.models.payment import PaymentTerms
from contractkit.models.term import Term

__all__ = ["Contract"]

ExtensionT = TypeVar("ExtensionT", bound=SpecModel)


def _check_clause_entry(value: Any) -> Any:
    if isinstance(value, bool | Mapping):
        return value
    raise ValueError(
        f"expected true, false or a mapping of the clause's options, got {value!r}"
    )


ClauseEntry = Annotated[bool | dict[str, Any], BeforeValidator(_check_clause_entry)]
"""A ``clauses:`` entry: an on/off switch, or a clause's options."""


class Contract(SpecModel):
    """A validated contract spec.

    The core sections are the same for every clause pack. A pack that needs
    more (the ``medical_coding`` pack's scope, fees and privacy terms) adds a
    top-level section under its own name; that section is validated by the
    pack's model, and an unknown top-level key is an error like any other
    unknown field. Validating with ``context={"packs": [...]}`` considers
    only those packs' sections.
    """

    model_config = ConfigDict(extra="allow")

    pack: str = "medical_coding"
    """The clause pack that composes this contract."""
    document: DocumentInfo
    """Reference, title, effective date, locale and currency."""
    provider: Party
    """The party that performs the services."""
    client: Party
    """The party the services are performed for."""
    governing_law: GoverningLaw
    """Governing law and courts."""
    term: Term = Field(default_factory=Term)
    """Duration and termination."""
    payment: PaymentTerms = Field(default_factory=PaymentTerms)
    """Invoicing and payment."""
    liability: Liability = Field(default_factory=Liability)
    """Liability cap and indemnity."""
    confidentiality: Confidentiality = Field(default_factory=Confidentiality)
    """Confidentiality duties."""
    clauses: dict[str, ClauseEntry] = Field(default_factory=dict)
    """Clauses by id: ``true`` or ``false`` switches an optional clause on or
    off; a mapping gives a clause's options (and switches it on)."""

    def party(self, role: Role) -> Party:
        """Return the party that plays ``role``."""
        return self.provider if role == "provider" else self.client

    def extension(self, model: type[ExtensionT]) -> ExtensionT | None:
        """Return the pack section validated by ``model``, if the spec has one."""
        for value in (self.__pydantic_extra__ or {}).values():
            if isinstance(value, model):
                return value
        return None

    @property
    def extensions(self) -> dict[str, SpecModel]:
        """The pack sections of this spec, by their top-level key."""
        return dict(self.__pydantic_extra__ or {})

    @model_validator(mode="wrap")
    @classmethod
    def _validate_with_extensions(
        cls,
        data: Any,
        handler: ModelWrapValidatorHandler[Contract],
        info: ValidationInfo,
    ) -> Contract:
        if not isinstance(data, Mapping):
            return handler(data)

        from contractkit.plugins import spec_extensions

        context = info.context if isinstance(info.context, Mapping) else {}
        models = spec_extensions(context.get("packs"))
        errors: list[InitErrorDetails] = []
        core: dict[str, Any] = {}
        raw_sections: dict[str, Any] = {}
        for key, value in data.items():
            if key in models:
                raw_sections[key] = value
            elif key in cls.model_fields:
                core[key] = value
            else:
                errors.append(
                    {"type": "extra_forbidden", "loc": (key,), "input": value}
                )

        contract: Contract | None = None
        try:
            contract = handler(core)
        except ValidationError as exc:
            errors.extend(_details(exc, ()))

        sections: dict[str, Any] = {}
        for key, value in raw_sections.items():
            try:
                sections[key] = models[key].model_validate(value)
            except ValidationError as exc:
                errors.extend(_details(exc, (key,)))

        if errors or contract is None:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        contract.__pydantic_extra__ = sections
        return contract


def _details(exc: ValidationError, prefix: tuple[str | int, ...]) -> list[Any]:
    """Turn a nested validation error into init details under ``prefix``."""
    details = []
    for error in exc.errors():
        detail: dict[str, Any] = {
            "type": error["type"],
            "loc": (*prefix, *error["loc"]),
            "input": error["input"],
        }
        if "ctx" in error:
            detail["ctx"] = error["ctx"]
        details.append(detail)
    return details
