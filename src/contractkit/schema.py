"""The JSON Schema of a contract spec, with the sections of installed packs."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, create_model

from contractkit.models import Contract
from contractkit.plugins import spec_extensions

__all__ = ["spec_schema"]


def spec_schema() -> dict[str, Any]:
    """Return the JSON Schema of a spec file, including every pack section."""
    fields: dict[str, Any] = {
        key: (model | None, None) for key, model in sorted(spec_extensions().items())
    }
    model = create_model(
        "ContractSpec",
        __base__=Contract,
        __config__=None,
        **fields,
    )
    model.model_config = ConfigDict(**{**Contract.model_config, "extra": "forbid"})
    model.model_rebuild(force=True)
    schema = model.model_json_schema(mode="validation")
    schema["title"] = "contractkit contract spec"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
