"""JSON and JSONL submissions, and the one check every submission-format record goes through.

A submission is the JSON form of `bdp_lod.model.Practice` (``shapes/submission.schema.json``).
`check_submission` is the single path from such data to a record: the JSON Schema first, so a
submitter learns every structural mistake of a file at once, then `bdp_lod.normalize`, so the
same practice read from JSON, JSONL or a spreadsheet row becomes the same record.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any, Callable, Iterator, TypedDict, Union
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from jsonschema.protocols import Validator
from jsonschema.validators import extend

from .. import codes
from ..errors import InputError
from ..findings import Finding, Severity
from ..model import Origin, Practice, SourcedPractice, from_dict
from ..normalize import normalize_submission
from ..vocab import data_file
from .depth import check_depth
from .result import ReadResult

__all__ = [
    "check_submission",
    "check_utf8",
    "field_path",
    "jsonl_lines",
    "jsonl_record",
    "read_submissions",
    "schema_findings",
    "submission_items",
    "submission_schema",
    "submission_validator",
]

SCHEMA_FILE = "submission.schema.json"


@cache
def submission_schema() -> dict[str, Any]:
    """The submission JSON Schema shipped in ``shapes/``, parsed once."""
    schema: dict[str, Any] = json.loads(data_file("shapes", SCHEMA_FILE).read_text(encoding="utf-8"))
    return schema


def _strict_integer(_checker: object, instance: object) -> bool:
    """JSON Schema counts ``21224.0`` as an integer; a record must hold a real ``int``."""
    return isinstance(instance, int) and not isinstance(instance, bool)


_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_SPACE = re.compile(r"\s")


def _is_uri(instance: object) -> bool:
    """An absolute URI without spaces; jsonschema checks ``uri`` only with an optional extra."""
    if not isinstance(instance, str):
        return True
    parts = urlsplit(instance)
    return bool(_URI_SCHEME.fullmatch(parts.scheme) and (parts.netloc or parts.path) and not _SPACE.search(instance))



def _format_checker() -> FormatChecker:
    """Exactly the formats the schema uses, checked whatever optional packages are installed."""
    checker = FormatChecker(formats=("date", "email"))
    checker.checks("uri", raises=ValueError)(_is_uri)
    return checker


@cache
def submission_validator() -> Validator:
    """A compiled Draft 2020-12 validator for the submission schema, with format checking on."""
    schema = submission_schema()
    Draft202012Validator.check_schema(schema)
    strict = extend(
        Draft202012Validator,
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integer),
    )
    return strict(schema, format_checker=_format_checker())


# --- schema errors as findings ---------------------------------------------------------------


def field_path(parts: list[str | int]) -> str | None:
    """A JSON path in the submission's own terms: ``contacts[0].emails[1]``; None for the record."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or None


def _shown(value: object) -> str:
    """A finding's value: strings as they are, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _quoted(value: object) -> str:
    """A value inside a message: strings in quotes, anything else as JSON."""
    return f"'{value}'" if isinstance(value, str) else _shown(value)


def _suggestion(value: object, allowed: list[str]) -> str | None:
    """The closest allowed spelling, for "did you mean" hints on typos."""
    close = difflib.get_close_matches(str(value), allowed, n=1)
    return close[0] if close else None


_PATTERNS: dict[str, str] = {
    r"\S": "blank",
    r"^\d{2}-\d{3}$": "postal-code",
    r"^[a-z0-9][a-z0-9-]*$": "record-id",
    r"^https?://": "http",
    r"^(https?://)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(:\d{1,5})?(/\S*)?$": "website",
    r"^(\d{2}|\d{4}|\d{7})$": "terc",
    r"^[+()0-9 .\-/]{6,}$": "phone",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "iso-date",
}
"""The schema's patterns by the `codes.SCHEMA_PATTERN` variant that says what they mean."""


class _Where(TypedDict):
    """Where a schema finding points: the field and the value found there."""

    field: str | None
    value: str | None


def _where(path: list[str | int], value: object) -> _Where:
    return {"field": field_path(path), "value": None if value is None else _shown(value)}


def _type_finding(error: ValidationError, where: _Where) -> Finding:
    return codes.SCHEMA_TYPE.finding(str(error.validator_value), given=_quoted(error.instance), **where)


def _enum_finding(error: ValidationError, where: _Where) -> Finding:
    value = _quoted(error.instance)
    allowed = [str(v) for v in error.validator_value]
    close = _suggestion(error.instance, allowed)
    if close is not None:
        return codes.SCHEMA_ENUM.finding("suggested", given=value, close=close, **where)
    return codes.SCHEMA_ENUM.finding("listed", given=value, allowed=", ".join(allowed), **where)


def _pattern_finding(error: ValidationError, where: _Where) -> Finding:
    value = _quoted(error.instance)
    pattern = error.validator_value
    described = _PATTERNS.get(pattern)
    if described is None:
        return codes.SCHEMA_PATTERN.finding("other", given=value, pattern=pattern, **where)
    return codes.SCHEMA_PATTERN.finding(described, given=value, **where)


def _format_finding(error: ValidationError, where: _Where) -> Finding:
    return codes.SCHEMA_FORMAT.finding(str(error.validator_value), given=_quoted(error.instance), **where)


def _minimum_finding(error: ValidationError, where: _Where) -> Finding:
    return codes.SCHEMA_MINIMUM.finding(given=_quoted(error.instance), least=error.validator_value, **where)


def _any_of_finding(error: ValidationError, where: _Where) -> Finding:
    names = ", ".join(f"'{name}'" for branch in error.validator_value for name in branch.get("required", []))
    return codes.SCHEMA_ANY_OF.finding(names=names, **where)


_FINDINGS: dict[str, Callable[[ValidationError, _Where], Finding]] = {
    "type": _type_finding,
    "enum": _enum_finding,
    "pattern": _pattern_finding,
    "format": _format_finding,
    "minimum": _minimum_finding,
    "anyOf": _any_of_finding,
}
"""One finding for an error of each keyword the schema uses but ``required`` and
``additionalProperties`` (which name one property each); a test holds the schema to this list."""


def _required_findings(error: ValidationError) -> list[Finding]:
    """One finding per missing property, pointing at the property itself."""
    path = list(error.absolute_path)
    return [
        codes.SCHEMA_REQUIRED.finding(name=name, **_where([*path, name], None))
        for name in error.validator_value
        if name not in error.instance
    ]


def _additional_findings(error: ValidationError) -> list[Finding]:
    """One finding per unknown property, pointing at it and suggesting the likely spelling."""
    path = list(error.absolute_path)
    known = list(error.schema.get("properties", {}))
    findings = []
    for name in error.instance:
        if name in known:
            continue
        close = _suggestion(name, known)
        where = _where([*path, name], error.instance[name])
        if close:
            findings.append(codes.SCHEMA_ADDITIONAL_PROPERTIES.finding("suggested", name=name, close=close, **where))
        else:
            findings.append(codes.SCHEMA_ADDITIONAL_PROPERTIES.finding("plain", name=name, **where))
    return findings


def _findings_of(error: ValidationError) -> list[Finding]:
    if error.validator == "required":
        return _required_findings(error)
    if error.validator == "additionalProperties":
        return _additional_findings(error)
    return [_FINDINGS[str(error.validator)](error, _where(list(error.absolute_path), error.instance))]


def _field_order(finding: Finding) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a field path: ``contacts[2]`` before ``contacts[10]``, record-level first."""
    parts = re.findall(r"\[(\d+)\]|([^.\[\]]+)", finding.field or "")
    return tuple((0, int(index)) if index else (1, name) for index, name in parts)


@cache
def _fast_gate() -> Callable[[object], bool]:
    """jsonschema-rs compiled from the same schema with the same format checks: about 25 times
    faster than `submission_validator` (docs/performance.md §5), used only to say "valid"."""
    import jsonschema_rs

    checker = submission_validator().format_checker

    def check(name: str) -> Callable[[object], bool]:
        function, raises = checker.checkers[name]

        def valid(value: object) -> bool:
            try:
                return bool(function(value))
            except raises:
                return False

        return valid

    gate = jsonschema_rs.validator_for(
        submission_schema(), formats={name: check(name) for name in checker.checkers}, validate_formats=True
    )
    return gate.is_valid


_Place = tuple[Union[str, None], ...]
"""A place in a record as steps from the record: property names, None for every key of an
object or every item of an array."""


def _integer_paths(schema: dict[str, Any], path: _Place = ()) -> Iterator[_Place]:
    """The places the schema types ``integer``. It follows the keywords that hold subschemas in the submission schema; a test
    holds the schema to them."""
    kind = schema.get("type")
    if kind == "integer" or (isinstance(kind, list) and "integer" in kind):
        yield path
    for name, sub in schema.get("properties", {}).items():
        yield from _integer_paths(sub, (*path, name))
    for keyword in ("items", "additionalProperties"):
        if isinstance(schema.get(keyword), dict):
            yield from _integer_paths(schema[keyword], (*path, None))
    for keyword in ("anyOf", "allOf", "oneOf"):
        for sub in schema.get(keyword, []):
            yield from _integer_paths(sub, path)


@cache
def _float_places() -> tuple[_Place, ...]:
    """The submission schema's integer-typed places (``population`` alone, today), found once."""
    return tuple(dict.fromkeys(_integer_paths(submission_schema())))


def _floats_at(data: object, path: _Place) -> bool:
    if not path:
        return isinstance(data, float)
    step, rest = path[0], path[1:]
    if isinstance(data, dict):
        if step is None:
            return any(_floats_at(v, rest) for v in data.values())
        return step in data and _floats_at(data[step], rest)
    if isinstance(data, list) and step is None:
        return any(_floats_at(v, rest) for v in data)
    return False


def _has_float(data: object) -> bool:
    """A float where the schema wants an integer: JSON Schema counts ``21224.0`` as an integer,
    the strict validator does not, so the fast gate cannot answer for such a record.

    Only the integer-typed places are looked at. A float anywhere else breaks a ``type`` the
    fast gate checks as the strict validator does (every value of the schema is typed, and no
    type but ``integer`` is told apart differently), so the gate already refuses it."""
    return any(_floats_at(data, path) for path in _float_places())


def schema_findings(data: object) -> list[Finding]:
    """Every way ``data`` breaks the submission schema, ordered by field path (not located).

    Valid records (nearly all of them) are recognised by the fast gate; the findings and their
    messages always come from `submission_validator`.
    """
    if not _has_float(data) and _fast_gate()(data):
        return []
    found = [f for error in submission_validator().iter_errors(data) for f in _findings_of(error)]
    unique = list(dict.fromkeys(found))  # a record missing two fields raises "required" twice
    return sorted(unique, key=lambda f: (_field_order(f), f.code, f.value or ""))


# --- the shared check ----------------------------------------------------------------------------


def _record_id(data: object) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return data["id"]
    return None


def check_submission(data: object, origin: Origin) -> tuple[SourcedPractice | None, list[Finding]]:
    """Schema check, then normalisation: how submission-format data from any reader becomes a
    record.

    The record is None when there is a violation. Normalisation runs only on data that passed
    the schema, because it relies on the shapes the schema guarantees.
    """
    record_id = _record_id(data)

    def located(finding: Finding) -> Finding:
        return finding.at(file=origin.file, record_index=origin.index, record_id=record_id, line=origin.line)

    violations = schema_findings(data)
    if violations:
        return None, [located(f) for f in violations]
    assert isinstance(data, dict)  # the schema's root type is object
    normalised, problems = normalize_submission(data)
    findings = [located(f) for f in problems]
    if any(f.severity is Severity.VIOLATION for f in findings):
        return None, findings
    return SourcedPractice(from_dict(Practice, normalised), origin), findings


# --- files -----------------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    """The file as text: JSON is UTF-8 (RFC 8259); a BOM left by Windows editors is tolerated."""
    raw = _read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, raw[exc.start], raw[: exc.start].count(b"\n") + 1) from None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError("no such file", file=str(path), pl="nie ma takiego pliku")
    reason = exc.strerror or exc
    return InputError(f"cannot read: {reason}", file=str(path), pl=f"nie można odczytać: {reason}")


def _not_utf8(path: Path, value: int, line: int) -> InputError:
    byte = f"0x{value:02x}"
    return InputError(
        f"not UTF-8 text (byte {byte})", file=str(path), line=line, pl=f"to nie jest tekst w UTF-8 (bajt {byte})"
    )


def check_utf8(path: Path) -> None:
    """Raise `InputError` naming the first byte of the file that is not UTF-8, and its line.

    A JSONL file is checked whole before the first of its lines is handed out, as `_read_text`
    checks a ``.json``: a file that is not text is refused before any of its records is read.
    It is decoded a megabyte at a time, cut after a ``\\n`` (UTF-8 never puts that byte inside
    a character, so a block decodes alone exactly as it does within the file).
    """
    line, rest = 1, b""
    try:
        with path.open("rb") as handle:
            while True:
                block = handle.read(_BLOCK)
                data = rest + block
                cut = data.rfind(b"\n") + 1 if block else len(data)
                data, rest = data[:cut], data[cut:]
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise _not_utf8(path, data[exc.start], line + data.count(b"\n", 0, exc.start)) from None
                line += data.count(b"\n")
                if not block:
                    return
    except OSError as exc:
        raise _unreadable(path, exc) from None


_BLOCK = 1 << 20

_NOT_SPACE = frozenset(range(0x21, 0x80)) - frozenset(b"\x7f")
"""Bytes that start no whitespace character of `str.strip`: a line whose first byte past the
ASCII blanks is one of these holds a record."""


def jsonl_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """A JSONL file's non-blank lines (split at ``\\n`` only: U+2028 may sit in a string), with
    their numbers, still undecoded: what `jsonl_record` reads, here or in a worker process.

    The file is checked to be UTF-8 first (`check_utf8`). Blank means what `str.strip` leaves
    empty; nearly every line starts with ``{`` and is told apart without decoding it.
    """
    check_utf8(path)
    for number, line in _raw_lines(path):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[0] not in _NOT_SPACE and not line.decode("utf-8-sig" if number == 1 else "utf-8").strip():
            continue
        yield number, line


def jsonl_record(path: str, number: int, line: bytes) -> object:
    """One line of `jsonl_lines` decoded and parsed; raises `InputError` naming the file and
    the line when it nests too deeply or is not JSON."""
    text = line.decode("utf-8-sig" if number == 1 else "utf-8")
    check_depth(text, file=path, line=number)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _malformed(Path(path), exc, number) from None


def _raw_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    try:
        with path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                yield number, line[:-1] if line.endswith(b"\n") else line
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _malformed(path: Path, exc: json.JSONDecodeError, line: int) -> InputError:
    return InputError(
        f"malformed JSON: {exc.msg} (column {exc.colno})", file=str(path), line=line,
        pl=f"niepoprawny JSON: {exc.msg} (kolumna {exc.colno})",
    )


def _json_items(path: Path, text: str) -> Iterator[tuple[object, int | None]]:
    """A ``.json`` file's records: the array's elements, or the one value it holds."""
    check_depth(text, file=str(path))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _malformed(path, exc, exc.lineno) from None
    for item in document if isinstance(document, list) else [document]:
        yield item, None


def _jsonl_items(path: Path) -> Iterator[tuple[object, int | None]]:
    """A ``.jsonl`` file's records, one a non-blank line, with their line numbers."""
    for number, line in jsonl_lines(path):
        yield jsonl_record(str(path), number, line), number


def submission_items(path: str | Path) -> Iterator[tuple[object, Origin]]:
    """The unchecked items of a ``.json`` or ``.jsonl`` file, each with its origin.

    What `read_submissions` checks one by one; a caller that checks many records in parallel
    hands these out in chunks to `check_submission`. Raises `InputError` like `read_submissions`.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".jsonl"):
        raise InputError(
            "not a submission file (expected .json or .jsonl)", file=str(path),
            pl="to nie jest plik zgłoszeń (oczekiwano .json lub .jsonl)",
        )
    items = _jsonl_items(path) if suffix == ".jsonl" else _json_items(path, _read_text(path))
    for index, (data, line) in enumerate(items):
        yield data, Origin(str(path), index=index, line=line)


def read_submissions(path: str | Path) -> ReadResult:
    """Every record of a ``.json`` (one object or an array) or ``.jsonl`` file, and every finding.

    Raises `InputError` when the file cannot be read or is not JSON; problems of single records
    are findings, all of them, so one run shows everything a submitter has to fix.
    """
    records: list[SourcedPractice] = []
    findings: list[Finding] = []
    for data, origin in submission_items(path):
        record, found = check_submission(data, origin)
        findings.extend(found)
        if record is not None:
            records.append(record)
    return ReadResult(records=records, findings=findings)
