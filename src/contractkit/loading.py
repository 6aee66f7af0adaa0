"""Reading specs: YAML or JSON files, mappings, or Contract objects.

Numbers in spec files are read as :class:`~decimal.Decimal`, so an amount
written ``45.10`` keeps every digit. Validation problems become one
:class:`~contractkit.errors.SpecError` that lists every field at fault, with
its line in the file where it is known.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from contractkit.errors import SpecError, SpecFileError, SpecSyntaxError
from contractkit.models import Contract

__all__ = ["format_path", "load", "load_data", "parse_data", "to_contract"]

Path_ = tuple[str | int, ...]


class _DecimalLoader(yaml.SafeLoader):
    """A safe YAML loader that reads floats as Decimal and notes key lines."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    if text.lower().lstrip("+-") in (".inf", ".nan"):
        raise yaml.constructor.ConstructorError(
            None, None, f"{text!r} is not a finite number", node.start_mark
        )
    return Decimal(text)


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def _line_map(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            lines[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), lines)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), lines)


def load_data(path: str | Path) -> tuple[Any, dict[Path_, int]]:
    """Read a YAML or JSON spec file into plain data and a map of key lines.

    Raises:
        SpecFileError: the file is missing or unreadable.
        SpecSyntaxError: the file is not valid YAML or JSON; names the line.
    """
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecFileError(source, "the file does not exist") from None
    except IsADirectoryError:
        raise SpecFileError(source, "this is a folder, not a spec file") from None
    except UnicodeDecodeError as exc:
        raise SpecFileError(
            source, f"the file is not UTF-8 text ({exc.reason})"
        ) from None
    except OSError as exc:
        raise SpecFileError(
            source, f"the file cannot be read ({exc.strerror})"
        ) from None

    return parse_data(
        text, source=source, json_syntax=Path(path).suffix.lower() == ".json"
    )


def parse_data(
    text: str, *, source: str, json_syntax: bool = False
) -> tuple[Any, dict[Path_, int]]:
    """Parse spec text (YAML, or JSON with ``json_syntax``) into data and key lines.

    Raises:
        SpecSyntaxError: the text is not valid YAML or JSON; names the line.
    """
    if json_syntax:
        try:
            return json.loads(text, parse_float=Decimal), {}
        except json.JSONDecodeError as exc:
            raise SpecSyntaxError(
                source, f"invalid JSON: {exc.msg}", exc.lineno
            ) from None

    loader = _DecimalLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Path_, int] = {}
        if node is not None:
            _line_map(node, (), lines)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = " ".join(p for p in (exc.context, exc.problem) if p)
        raise SpecSyntaxError(source, f"invalid YAML: {reason}", line) from None
    except yaml.YAMLError as exc:
        raise SpecSyntaxError(source, f"invalid YAML: {exc}", None) from None
    finally:
        loader.dispose()
    return data, lines


def format_path(loc: Path_) -> str:
    """Write a validation location as a dotted path: ``phases[0].name``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field; check its spelling against 'contractkit schema'"
    if kind == "missing":
        return "required field is missing"
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    value = error.get("input")
    if (
        kind != "missing"
        and isinstance(value, str | int | Decimal)
        and not isinstance(value, bool)
    ):
        shown = repr(
            value
            if not isinstance(value, str) or len(value) < 60
            else value[:57] + "..."
        )
        if shown not in message:
            message = f"{message} (got {shown})"
    return message


def _spec_error(
    exc: ValidationError, source: str | None, lines: Mapping[Path_, int]
) -> SpecError:
    problems: list[tuple[str, str]] = []
    found: list[int | None] = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        problems.append((format_path(loc), _message(error)))
        line = None
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in lines:
                line = lines[loc[:cut]]
                break
        found.append(line)
    return SpecError(problems, source=source, lines=found)


def to_contract(
    spec: Contract | Mapping[str, Any] | Any,
    *,
    source: str | None = None,
    lines: Mapping[Path_, int] | None = None,
    packs: Sequence[str] | None = None,
) -> Contract:
    """Validate ``spec`` into a :class:`~contractkit.models.Contract`.

    Args:
        spec: the spec as a Contract (returned as it is) or a mapping.
        source: the file it came from, for messages.
        lines: the line of each key path in ``source``, for messages.
        packs: the only packs whose spec sections are known; every
            loadable pack when ``None``.

    Raises:
        SpecError: the spec is not valid; lists every problem with its path.
    """
    if isinstance(spec, Contract):
        return spec
    if not isinstance(spec, Mapping):
        raise SpecError(
            [("", f"expected a mapping of spec sections, got {type(spec).__name__}")],
            source=source,
        )
    try:
        context = {"packs": list(packs)} if packs is not None else None
        return Contract.model_validate(dict(spec), context=context)
    except ValidationError as exc:
        raise _spec_error(exc, source, lines or {}) from None


def load(path: str | Path) -> Contract:
    """Read and validate a YAML or JSON spec file.

    Raises:
        SpecFileError: the file is missing or unreadable.
        SpecSyntaxError: the file is not valid YAML or JSON.
        SpecError: the spec is not valid; each problem names its field path
            and line.
    """
    data, lines = load_data(path)
    return to_contract(data, source=str(path), lines=lines)
