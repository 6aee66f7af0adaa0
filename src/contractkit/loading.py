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

__all__ = [
    "format_path",
    "load",
    "load_data",
    "parse_data",
    "parse_json",
    "to_contract",
]

Path_ = tuple[str | int, ...]

MAX_SPEC_BYTES = 5 * 1024 * 1024
"""Largest spec file read; a contract spec is a few kilobytes."""
MAX_NODES = 100_000
"""Most values a spec may hold once YAML aliases are expanded."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists a spec may have."""


class _SpecTooLargeError(ValueError):
    """The spec expands to more values, or nests deeper, than allowed."""


class _DecimalLoader(yaml.SafeLoader):
    """A safe YAML loader: floats as Decimal, duplicate keys refused."""

    def construct_mapping(
        self, node: yaml.MappingNode, deep: bool = False
    ) -> dict[Any, Any]:
        """Build a mapping, refusing a key that appears twice."""
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"found the key {key!r} twice; keep one of them",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    if text.lower().lstrip("+-") in (".inf", ".nan"):
        raise yaml.constructor.ConstructorError(
            None, None, f"{text!r} is not a finite number", node.start_mark
        )
    return Decimal(text)


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def _line_map(node: yaml.Node, lines: dict[Path_, int]) -> None:
    """Note the line of every key path, refusing specs that expand too far.

    Aliases are followed, so a document that reuses one anchor many times
    (a "billion laughs" file) is counted at its expanded size and refused.
    """
    budget = MAX_NODES
    stack: list[tuple[yaml.Node, Path_]] = [(node, ())]
    while stack:
        current, path = stack.pop()
        budget -= 1
        if budget < 0 or len(path) > MAX_DEPTH:
            raise _too_large()
        lines.setdefault(path, current.start_mark.line + 1)
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
                lines[(*path, key)] = key_node.start_mark.line + 1
                stack.append((value_node, (*path, key)))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, (*path, i)) for i, item in enumerate(current.value))


def _too_large() -> _SpecTooLargeError:
    return _SpecTooLargeError(
        f"the spec holds more than {MAX_NODES:,} values or nests deeper "
        f"than {MAX_DEPTH} levels (counting YAML aliases as copies)"
    )


def _check_shape(data: Any) -> None:
    """Refuse parsed data with more values or deeper nesting than allowed."""
    budget = MAX_NODES
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        budget -= 1
        if budget < 0 or depth > MAX_DEPTH:
            raise _too_large()
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def _read_text(path: Path, source: str) -> str:
    """Read at most :data:`MAX_SPEC_BYTES` of a regular file as UTF-8."""
    if path.exists() and not path.is_dir() and not path.is_file():
        raise SpecFileError(source, "this is not a regular file")
    with path.open("rb") as stream:
        data = stream.read(MAX_SPEC_BYTES + 1)
    if len(data) > MAX_SPEC_BYTES:
        raise SpecFileError(
            source,
            f"the file is larger than {MAX_SPEC_BYTES // (1024 * 1024)} MiB; "
            "a contract spec is a few kilobytes",
        )
    return data.decode("utf-8")


def load_data(path: str | Path) -> tuple[Any, dict[Path_, int]]:
    """Read a YAML or JSON spec file into plain data and a map of key lines.

    Raises:
        SpecFileError: the file is missing or unreadable.
        SpecSyntaxError: the file is not valid YAML or JSON; names the line.
    """
    if not isinstance(path, str | Path):
        raise SpecFileError(
            repr(path), f"expected a file path, got {type(path).__name__}"
        )
    source = str(path)
    try:
        text = _read_text(Path(path), source)
    except SpecFileError:
        raise
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
    try:
        return _parse_json(text, source) if json_syntax else _parse_yaml(text, source)
    except _SpecTooLargeError as exc:
        raise SpecSyntaxError(source, str(exc), None) from None
    except RecursionError:
        raise SpecSyntaxError(
            source, f"the spec nests deeper than {MAX_DEPTH} levels", None
        ) from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build a JSON object, refusing a key that appears twice."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _DuplicateKeyError(key)
        data[key] = value
    return data


class _DuplicateKeyError(ValueError):
    """A JSON object gives the same key twice."""


def parse_json(text: str) -> Any:
    """Parse JSON with exact decimals, refusing duplicate keys and huge shapes.

    Raises:
        ValueError: the text is not valid JSON, repeats a key, or holds more
            values or nesting than a spec may.
    """
    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=_unique_keys)
    except RecursionError:
        raise _too_large() from None
    _check_shape(data)
    return data


def _parse_json(text: str, source: str) -> tuple[Any, dict[Path_, int]]:
    if not text.strip():
        return None, {}
    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=_unique_keys)
    except _DuplicateKeyError as exc:
        raise SpecSyntaxError(
            source, f"invalid JSON: found the key {exc.args[0]!r} twice", None
        ) from None
    except json.JSONDecodeError as exc:
        raise SpecSyntaxError(source, f"invalid JSON: {exc.msg}", exc.lineno) from None
    _check_shape(data)
    return data, {}


def _parse_yaml(text: str, source: str) -> tuple[Any, dict[Path_, int]]:
    loader = _DecimalLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Path_, int] = {}
        if node is not None:
            _line_map(node, lines)
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
        raise SpecError([("", _not_a_mapping(spec))], source=source)
    unordered = sets_in(spec)
    if unordered:
        raise SpecError(
            [
                (
                    format_path(path),
                    "is a set, which has no order; give a list, so that the "
                    "contract reads the same every time",
                )
                for path in unordered
            ],
            source=source,
        )
    try:
        context = {"packs": list(packs)} if packs is not None else None
        return Contract.model_validate(dict(spec), context=context)
    except ValidationError as exc:
        raise _spec_error(exc, source, lines or {}) from None
    except RecursionError:
        raise SpecError(
            [("", f"the spec nests deeper than {MAX_DEPTH} levels")], source=source
        ) from None


def sets_in(value: object, path: Path_ = (), depth: int = 0) -> list[Path_]:
    """Return the path of every set or frozenset in raw spec data.

    Pydantic takes a set for a list, in the set's iteration order, which
    changes from one process to the next for text.
    """
    if isinstance(value, set | frozenset):
        return [path]
    if depth > MAX_DEPTH:
        return []  # validation reports the nesting
    found: list[Path_] = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(item, Mapping | list | tuple | set | frozenset):
                found += sets_in(item, (*path, str(key)), depth + 1)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            if isinstance(item, Mapping | list | tuple | set | frozenset):
                found += sets_in(item, (*path, index), depth + 1)
    return found


def _not_a_mapping(spec: object) -> str:
    if spec is None:
        return "the spec is empty; start from 'contractkit example medical-coding'"
    if isinstance(spec, str | Path):
        return (
            f"expected the spec's sections, got the {type(spec).__name__} "
            f"{str(spec)!r}; to read a spec file, use contractkit.load(path)"
        )
    return f"expected a mapping of spec sections, got {type(spec).__name__}"


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
