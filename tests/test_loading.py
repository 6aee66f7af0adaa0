"""Tests for reading spec files and turning validation errors into SpecError."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from contractkit import plugins
from contractkit.clauses.medical_coding.models import MedicalCoding
from contractkit.errors import SpecError, SpecFileError, SpecSyntaxError
from contractkit.loading import format_path, load, load_data, to_contract
from contractkit.models import SpecModel

# Line numbers matter below: the comment on a line gives its number.
VALID_YAML = """\
document:                       # 1
  reference: "2026-001"         # 2
  effective_date: 2026-01-05    # 3
  currency: USD                 # 4
provider:                       # 5
  legal_name: Gulf Coast Coding LLC
  signatory:                    # 7
    name: Ana Ruiz              # 8
    title: Owner                # 9
client:                         # 10
  legal_name: Bay Surgery Center PA
  signatory:                    # 12
    name: Lee Chen              # 13
    title: Administrator        # 14
governing_law:                  # 15
  jurisdiction: the State of Florida
  courts: the Tampa courts      # 17
medical_coding:                 # 18
  phases:                       # 19
    - name: Initial audit       # 20
      description: Review charts.
  fees:                         # 22
    hourly_rate: 45.10          # 23
"""


@pytest.fixture(autouse=True)
def medical_coding_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validate the medical_coding section whatever packs load in this checkout."""
    models: dict[str, type[SpecModel]] = {"medical_coding": MedicalCoding}
    monkeypatch.setattr(plugins, "spec_extensions", lambda names=None: dict(models))


def write(tmp_path: Path, text: str, name: str = "spec.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def spec_error(path: Path) -> SpecError:
    with pytest.raises(SpecError) as caught:
        load(path)
    return caught.value


def test_valid_yaml_loads_as_a_contract(tmp_path: Path) -> None:
    """A valid YAML spec becomes a Contract with its pack section."""
    contract = load(write(tmp_path, VALID_YAML))

    section = contract.extension(MedicalCoding)
    assert section is not None
    assert contract.provider.signatory.name == "Ana Ruiz"
    assert section.phases[0].name == "Initial audit"


def test_yaml_float_keeps_its_digits(tmp_path: Path) -> None:
    """hourly_rate: 45.10 is Decimal('45.10'), trailing zero included."""
    contract = load(write(tmp_path, VALID_YAML))

    section = contract.extension(MedicalCoding)
    assert section is not None
    rate = section.fees.hourly_rate
    assert isinstance(rate, Decimal)
    assert str(rate) == "45.10"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("amount: 45.10", "45.10"),
        ("amount: 0.1", "0.1"),
        ("amount: 1_000.50", "1000.50"),
        ("amount: -2.5", "-2.5"),
        ("amount: 12345678901234567.89", "12345678901234567.89"),
    ],
)
def test_load_data_reads_yaml_floats_as_decimal(
    tmp_path: Path, text: str, expected: str
) -> None:
    """Every YAML float is a Decimal with exactly the digits written."""
    data, _ = load_data(write(tmp_path, text))

    assert isinstance(data["amount"], Decimal)
    assert str(data["amount"]) == expected


def test_load_data_keeps_yaml_ints_and_strings(tmp_path: Path) -> None:
    """Integers stay int and quoted numbers stay str."""
    data, _ = load_data(write(tmp_path, "charts: 300\nrate: '45.10'\n"))

    assert data == {"charts": 300, "rate": "45.10"}
    assert type(data["charts"]) is int


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", ".NaN", "+.Inf"])
def test_yaml_non_finite_floats_are_syntax_errors(tmp_path: Path, value: str) -> None:
    """.inf and .nan are refused with the line they are on."""
    with pytest.raises(SpecSyntaxError, match="not a finite number") as caught:
        load_data(write(tmp_path, f"a: 1\nrate: {value}\n"))

    assert caught.value.lines == [2]


def test_json_floats_are_decimal(tmp_path: Path) -> None:
    """A JSON spec's numbers with a fraction are read as Decimal."""
    path = write(tmp_path, '{"amount": 45.10, "count": 3}', "spec.json")

    data, lines = load_data(path)

    assert data == {"amount": Decimal("45.10"), "count": 3}
    assert str(data["amount"]) == "45.10"
    assert lines == {}


def test_json_spec_loads_as_a_contract(tmp_path: Path) -> None:
    """A .json file is read as JSON and validated like YAML."""
    data, _ = load_data(write(tmp_path, VALID_YAML))
    data["document"]["effective_date"] = "2026-01-05"
    data["medical_coding"]["fees"]["hourly_rate"] = "45.10"
    path = write(tmp_path, json.dumps(data), "spec.json")

    assert load(path).document.reference == "2026-001"


def test_json_syntax_error_names_the_line(tmp_path: Path) -> None:
    """Invalid JSON is a SpecSyntaxError with the line of the problem."""
    path = write(tmp_path, '{\n  "a": 1,\n  "b": \n}\n', "spec.json")

    with pytest.raises(SpecSyntaxError, match="invalid JSON") as caught:
        load_data(path)

    assert caught.value.lines == [4]
    assert caught.value.source == str(path)


def test_missing_file_is_a_spec_file_error(tmp_path: Path) -> None:
    """A missing file names the file and is an OSError too."""
    path = tmp_path / "nowhere.yaml"

    with pytest.raises(SpecFileError, match="does not exist") as caught:
        load(path)

    assert str(path) in str(caught.value)
    assert isinstance(caught.value, OSError)
    assert isinstance(caught.value, SpecError)


def test_folder_is_a_spec_file_error(tmp_path: Path) -> None:
    """A folder given as the spec is refused by name."""
    with pytest.raises(SpecFileError, match="folder") as caught:
        load(tmp_path)

    assert str(tmp_path) in str(caught.value)


def test_non_utf8_file_is_a_spec_file_error(tmp_path: Path) -> None:
    """Latin-1 bytes are refused as not UTF-8 text."""
    path = tmp_path / "spec.yaml"
    path.write_bytes("name: Caf\u00e9\n".encode("latin-1"))

    with pytest.raises(SpecFileError, match="not UTF-8") as caught:
        load(path)

    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nb: 2\nc: d: e\n", 3),
        ("a:\n\tb: 1\n", 2),
        ("a: 1\nb: [1, 2\n", 3),
        ("a: 1\n  b: 2\n", 2),
    ],
)
def test_yaml_syntax_error_names_its_line(tmp_path: Path, text: str, line: int) -> None:
    """Invalid YAML is a SpecSyntaxError whose line is where YAML gave up."""
    path = write(tmp_path, text)

    with pytest.raises(SpecSyntaxError, match="invalid YAML") as caught:
        load(path)

    assert caught.value.lines == [line]
    assert f"line {line}, " in str(caught.value)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the spec is empty; start from 'contractkit example medical-coding'"),
        ("- a\n- b\n", "expected a mapping of spec sections, got list"),
    ],
)
def test_spec_that_is_not_a_mapping_is_an_error(
    tmp_path: Path, text: str, message: str
) -> None:
    """An empty file or a list at the top is refused, saying what was found."""
    error = spec_error(write(tmp_path, text))

    assert error.problems == [("", message)]


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """A file whose aliases expand to billions of values is refused, not run."""
    rows = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    path = write(tmp_path, "\n".join(rows) + "\n")

    with pytest.raises(SpecSyntaxError, match="more than 100,000 values"):
        load(path)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_deep_nesting_is_a_spec_error(tmp_path: Path, suffix: str) -> None:
    """Nesting thousands of levels deep is a SpecError, not a RecursionError."""
    path = tmp_path / f"deep{suffix}"
    path.write_text('{"a": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")

    with pytest.raises(SpecError, match="deeper than 64 levels"):
        load(path)


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    """A key given twice in one mapping is an error naming the key and line."""
    path = write(tmp_path, "pack: general\ndocument: {}\npack: medical_coding\n")

    with pytest.raises(SpecSyntaxError, match="found the key 'pack' twice") as caught:
        load(path)

    assert caught.value.lines == [3]


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    """A spec file over 5 MiB is refused before it is parsed."""
    path = write(tmp_path, "# " + "x" * (5 * 1024 * 1024) + "\n")

    with pytest.raises(SpecFileError, match="larger than 5 MiB"):
        load(path)


def test_load_needs_a_path() -> None:
    """load() of something that is not a path is a SpecFileError."""
    with pytest.raises(SpecFileError, match="expected a file path, got int"):
        load(42)  # type: ignore[arg-type]


def test_every_validation_problem_is_listed_with_path_and_line(
    tmp_path: Path,
) -> None:
    """One SpecError lists each problem, its dotted path and its key's line."""
    text = (
        VALID_YAML.replace("    name: Ana Ruiz              # 8", '    name: ""')
        .replace("  currency: USD ", "  currency: usd ")
        .replace("    - name: Initial audit ", '    - name: " "')
        + "colour: red\n"
    )

    error = spec_error(write(tmp_path, text))

    found = dict(zip([path for path, _ in error.problems], error.lines, strict=True))
    assert found == {
        "colour": 24,
        "document.currency": 4,
        "provider.signatory.name": 8,
        "medical_coding.phases[0].name": 20,
    }


def test_spec_error_message_shows_each_problem(tmp_path: Path) -> None:
    """The message has a line per problem: its line, its path, what is wrong."""
    text = VALID_YAML.replace("  currency: USD ", "  currency: usd ")
    path = write(tmp_path, text)

    message = str(spec_error(path))

    assert message.splitlines()[0] == f"The contract spec in {path} has 1 problem:"
    assert message.splitlines()[1].startswith(
        "  - line 4, document.currency: 'usd' is not an ISO 4217 currency code"
    )


def test_missing_field_is_reported_at_its_parent_line(tmp_path: Path) -> None:
    """A missing key has no line of its own, so its parent's line is given."""
    text = VALID_YAML.replace("    title: Administrator        # 14\n", "")

    error = spec_error(write(tmp_path, text))

    assert error.problems == [("client.signatory.title", "required field is missing")]
    assert error.lines == [12]


def test_unknown_field_message_points_to_the_schema(tmp_path: Path) -> None:
    """An unknown field says to check its spelling against the schema."""
    text = VALID_YAML.replace("  currency: USD ", "  currncy: USD ")

    error = spec_error(write(tmp_path, text))

    assert error.problems == [
        (
            "document.currncy",
            "unknown field; check its spelling against 'contractkit schema'",
        )
    ]
    assert error.lines == [4]


def test_problem_message_shows_the_value_got(tmp_path: Path) -> None:
    """A message that does not quote the bad value gets '(got ...)' added."""
    text = VALID_YAML.replace("  fees:  ", "  estimated_charts: 0\n  fees:  ")

    error = spec_error(write(tmp_path, text))

    [(path, message)] = error.problems
    assert path == "medical_coding.estimated_charts"
    assert message.endswith("(got 0)")
    assert error.lines == [22]


@pytest.mark.parametrize(
    ("loc", "expected"),
    [
        ((), ""),
        (("document",), "document"),
        (("provider", "signatory", "name"), "provider.signatory.name"),
        (("phases", 0, "name"), "phases[0].name"),
        (("medical_coding", "phases", 0, "name"), "medical_coding.phases[0].name"),
        (("address", "lines", 2), "address.lines[2]"),
        (("grid", 0, 1), "grid[0][1]"),
        ((0,), "[0]"),
        ((0, "name"), "[0].name"),
    ],
)
def test_format_path_writes_dotted_paths(
    loc: tuple[str | int, ...], expected: str
) -> None:
    """Keys are joined with dots, list indexes written in brackets."""
    assert format_path(loc) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "the spec is empty"),
        (["document"], "expected a mapping of spec sections, got list"),
        (42, "expected a mapping of spec sections, got int"),
        ("spec.yaml", "got the str 'spec.yaml'; to read a spec file, use"),
        (Path("spec.yaml"), "to read a spec file, use contractkit.load(path)"),
    ],
)
def test_to_contract_refuses_a_non_mapping(value: object, message: str) -> None:
    """Anything but a mapping is a SpecError saying what was found."""
    with pytest.raises(SpecError) as caught:
        to_contract(value, source="inline")

    assert len(caught.value.problems) == 1
    assert caught.value.problems[0][0] == ""
    assert message in caught.value.problems[0][1]
    assert caught.value.source == "inline"


def test_to_contract_returns_a_contract_unchanged(tmp_path: Path) -> None:
    """An already validated Contract is passed through as it is."""
    contract = load(write(tmp_path, VALID_YAML))

    assert to_contract(contract) is contract


def test_to_contract_reports_problems_without_lines() -> None:
    """In-memory specs have paths but no lines."""
    with pytest.raises(SpecError) as caught:
        to_contract({"document": {}})

    error = caught.value
    assert error.source is None
    assert set(error.lines) == {None}
    assert {path for path, _ in error.problems} == {
        "document.reference",
        "document.effective_date",
        "provider",
        "client",
        "governing_law",
    }
    assert isinstance(error, ValueError)


def test_to_contract_accepts_any_mapping() -> None:
    """A read-only mapping works like a dict."""
    from types import MappingProxyType

    with pytest.raises(SpecError, match="5 problems"):
        to_contract(MappingProxyType({"document": {}}))


def test_special_files_are_refused_without_reading_them(tmp_path: Path) -> None:
    """A device or FIFO is refused, so /dev/zero cannot exhaust memory."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)

    for path in (Path("/dev/zero"), fifo):
        with pytest.raises(SpecFileError, match="not a regular file"):
            load(path)


def test_json_duplicate_keys_are_refused(tmp_path: Path) -> None:
    """A JSON object that gives a key twice is refused, like YAML."""
    path = tmp_path / "spec.json"
    path.write_text('{"pack": "general", "pack": "medical_coding"}', encoding="utf-8")

    with pytest.raises(SpecSyntaxError, match="found the key 'pack' twice"):
        load(path)


def test_empty_json_is_an_empty_spec(tmp_path: Path) -> None:
    """An empty JSON file says the spec is empty, as an empty YAML file does."""
    path = tmp_path / "spec.json"
    path.write_text("  \n", encoding="utf-8")

    with pytest.raises(SpecError, match="the spec is empty"):
        load(path)
