"""Spreadsheet exports (``.csv``): one practice a row, with the header documented in
``docs/input-formats.md``.

Polish offices export from Excel or LibreOffice: ``;``-separated (Excel with Polish regional
settings) or ``,``-separated, UTF-8 with or without a BOM, or Windows-1250. The reader turns each
row into submission-format data, converting what spreadsheets write differently ("28.06.2013",
"21.224", "powiat grodzki", "tak") and then hands it to `check_submission`, the same schema check
and normalisation JSON submissions go through.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .. import codes, concepts
from ..errors import InputError
from ..findings import Finding, Message
from ..model import Origin, SourcedPractice
from ..normalize import ValueProblem, collapse, parse_date, parse_population
from .result import ReadResult
from .submission import check_submission

__all__ = ["COLUMNS", "CONTACT_FIELDS", "detect_encoding", "read_table"]


# --- cell conversions ----------------------------------------------------------------------------


def _text(cell: str) -> str:
    return cell


def _items(cell: str) -> list[str]:
    """A list cell: one item a line (Alt+Enter in Excel), so no item clashes with the separator."""
    return [line.strip() for line in cell.splitlines() if line.strip()]


def _concept(scheme: Callable[[], concepts.ConceptScheme]) -> Callable[[str], str]:
    """Identifier or label ("powiat grodzki", "Pomoc społeczna") → concept identifier.

    An unknown value is passed on unchanged, so the schema reports it with the allowed values.
    """

    def convert(cell: str) -> str:
        found = scheme().resolve(cell)
        return found.id if found is not None else cell

    return convert


def _voivodeship(cell: str) -> str:
    """Spreadsheets capitalise ("Pomorskie"); the schema wants the lower-case name."""
    return collapse(cell).casefold()


_TRUE = {"tak", "true", "1", "yes"}
_FALSE = {"nie", "false", "0", "no"}


def _boolean(cell: str) -> bool:
    word = cell.strip().casefold()
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise ValueProblem(codes.CSV_BOOLEAN, given=cell)


@dataclass(frozen=True)
class Column:
    """Where a column's cells go in a submission record, and how they are read."""

    path: tuple[str, ...]
    convert: Callable[[str], Any] = _text


COLUMNS: dict[str, Column] = {
    "id": Column(("id",)),
    "title": Column(("title",)),
    "description": Column(("description",)),
    "theme": Column(("theme",), _concept(concepts.themes)),
    "programme": Column(("programme",), _concept(concepts.programmes)),
    "date_added": Column(("date_added",), parse_date),
    "source_url": Column(("source_url",)),
    "population": Column(("population",), parse_population),
    "unit_name": Column(("unit", "name")),
    "unit_type": Column(("unit", "type"), _concept(concepts.unit_types)),
    "powiat": Column(("unit", "powiat")),
    "voivodeship": Column(("unit", "voivodeship"), _voivodeship),
    "terc": Column(("unit", "terc"), _items),
    "institution_name": Column(("institution", "name")),
    "street": Column(("institution", "address", "street")),
    "postal_code": Column(("institution", "address", "postal_code")),
    "post_office": Column(("institution", "address", "post_office")),
    "website": Column(("institution", "website")),
    "goals": Column(("goals",), _items),
    "has_attachments": Column(("has_attachments",), _boolean),
}
"""The fixed columns, by header name."""

CONTACT_FIELDS: dict[str, Column] = {
    "name": Column(("name",)),
    "position": Column(("position",)),
    "role": Column(("role",)),
    "phone": Column(("phones",), _items),
    "email": Column(("emails",), _items),
}
"""The numbered contact columns ``contact_N_{name,position,role,phone,email}``, N = 1, 2, …"""

_CONTACT = re.compile(r"contact_([1-9][0-9]*)_(" + "|".join(CONTACT_FIELDS) + r")")


# --- the header ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    """What each column position means: a fixed column, a contact field, or an unknown label."""

    names: list[str]
    """Column names as written in the file (unknown ones become ``extra`` labels)."""
    keys: list[str | tuple[int, str] | None]
    """Per position: a `COLUMNS` key, ``(N, contact field)``, or None for an unknown column."""


def _header_label(raw: str, position: int) -> str:
    return raw.strip() or f"column {position + 1}"


def _parse_header(cells: list[str], file: str) -> tuple[_Header, list[Finding]]:
    while cells and not cells[-1].strip():  # Excel pads rows with trailing separators
        cells = cells[:-1]
    names = [_header_label(c, i) for i, c in enumerate(cells)]
    keys: list[str | tuple[int, str] | None] = []
    findings: list[Finding] = []
    for name in names:
        key = name.casefold()
        contact = _CONTACT.fullmatch(key)
        if key in COLUMNS:
            keys.append(key)
        elif contact:
            keys.append((int(contact[1]), contact[2]))
        else:
            keys.append(None)
            findings.append(_unknown_column(name, file))
    seen: set[str] = set()
    for name in names:  # a repeated column would silently lose one of its values
        if name.casefold() in seen:
            raise InputError(
                f"column '{name}' appears twice in the header", file=file, line=1,
                pl=f"kolumna '{name}' występuje w nagłówku dwukrotnie",
            )
        seen.add(name.casefold())
    return _Header(names=names, keys=keys), findings


def _unknown_column(name: str, file: str) -> Finding:
    known = [*COLUMNS, *(f"contact_1_{f}" for f in CONTACT_FIELDS)]
    close = difflib.get_close_matches(name.casefold(), known, n=1)
    kind = codes.CSV_UNKNOWN_COLUMN
    message = kind.message("suggested", name=name, close=close[0]) if close else kind.message("plain", name=name)
    return kind.as_finding(message, file=file, field=f"extra.{name}", value=name, line=1)


# --- decoding ------------------------------------------------------------------------------------------


def detect_encoding(raw: bytes) -> str:
    """``utf-8-sig`` with a BOM, ``utf-8`` when the bytes are UTF-8, else ``cp1250``.

    What Polish offices export is one of these. A UTF-8 file with a stray bad byte (a cell pasted
    from elsewhere) stays UTF-8 so that the bad cell is reported rather than the whole file read
    as Windows-1250 mojibake: it is UTF-8 when decodable multi-byte characters outnumber the
    undecodable bytes. Statistical detectors were tried and rejected: on short Polish text they
    mistake ISO-8859-2 for Windows-1257.
    """
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    text = raw.decode("utf-8", errors="surrogateescape")
    undecodable = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    decoded = sum(1 for ch in text if ord(ch) > 127) - undecodable
    return "utf-8" if decoded > undecodable else "cp1250"


def _decode(raw: bytes, encoding: str | None, file: str) -> tuple[str, str]:
    """The text and the encoding used; undecodable bytes stay as surrogates so the reader can
    name the cell that holds them."""
    if encoding is None:
        encoding = detect_encoding(raw)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding '{encoding}'", file=file, pl=f"nieznane kodowanie '{encoding}'") from None
    text = raw.decode(encoding, errors="surrogateescape")
    return text.removeprefix("\ufeff"), encoding


def _undecodable(cell: str) -> int | None:
    """The first byte of ``cell`` the encoding could not decode, if any."""
    for ch in cell:
        if "\udc80" <= ch <= "\udcff":
            return ord(ch) - 0xDC00
    return None


def _check_decoded(cells: list[str], names: list[str], where: Message, encoding: str, file: str, line: int) -> None:
    for position, cell in enumerate(cells):
        byte = _undecodable(cell)
        if byte is not None:
            named = position < len(names)
            column_en = names[position] if named else f"column {position + 1}"
            column_pl = names[position] if named else f"kolumna {position + 1}"
            raise InputError(
                f"{where.en}, column '{column_en}': byte 0x{byte:02x} cannot be decoded as {encoding}"
                " (give the file's encoding with --encoding)",
                file=file,
                line=line,
                pl=f"{where.pl}, kolumna '{column_pl}': bajtu 0x{byte:02x} nie da się odczytać jako {encoding}"
                " (podaj kodowanie pliku w --encoding)",
            )


def _delimiter(text: str) -> str:
    """``;`` or ``,``, whichever the header line uses more (column names contain neither)."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


# --- rows -----------------------------------------------------------------------------------------------


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


@dataclass
class _Row:
    """One row being turned into submission data, remembering which column fed which field."""

    data: dict[str, Any]
    columns: dict[str, str]
    """Submission path → column name, so findings can name the column."""
    problems: list[Finding]


def _convert(row: _Row, column: Column, cell: str, target: dict[str, Any], path: str, name: str) -> None:
    row.columns[path] = name
    try:
        _put(target, column.path, column.convert(cell))
    except ValueProblem as problem:
        row.problems.append(problem.finding(field=path, value=cell))


def _build(header: _Header, cells: list[str]) -> _Row:
    """Submission data from the row's non-empty cells; contacts keep their column-number order
    and close up gaps (only contact_2 filled gives ``contacts[0]``)."""
    row = _Row(data={}, columns={}, problems=[])
    filled = [(name, key, raw.strip()) for name, key, raw in zip(header.names, header.keys, cells) if raw.strip()]
    numbers = sorted({key[0] for _, key, _ in filled if isinstance(key, tuple)})
    contacts: list[dict[str, Any]] = [{} for _ in numbers]
    for name, key, cell in filled:
        if key is None:
            row.data.setdefault("extra", {})[name] = cell
            row.columns[f"extra.{name}"] = name
        elif isinstance(key, tuple):
            number, field = key
            index = numbers.index(number)
            column = CONTACT_FIELDS[field]
            row.columns[f"contacts[{index}]"] = f"contact_{number}_*"
            _convert(row, column, cell, contacts[index], f"contacts[{index}].{column.path[0]}", name)
        else:
            _convert(row, COLUMNS[key], cell, row.data, ".".join(COLUMNS[key].path), name)
    if contacts:
        row.data["contacts"] = contacts
    return row


_FIXED_COLUMNS = {".".join(c.path): name for name, c in COLUMNS.items()}


def _column_of(field: str | None, columns: dict[str, str]) -> str | None:
    """The column behind a field path, trying the path and then its parents."""
    path = field or ""
    while path:
        found = columns.get(path) or _FIXED_COLUMNS.get(path)
        if found:
            return found
        parent = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", path)
        path = "" if parent == path else parent
    return None


def _name_column(finding: Finding, columns: dict[str, str]) -> Finding:
    column = _column_of(finding.field, columns)
    if column is None:
        return finding
    return finding.at(message=codes.IN_COLUMN.render(column=column, message=finding.message))


def _too_long(cells: list[str], width: int) -> Finding | None:
    """Cells beyond the header's columns; empty ones are Excel's padding and harmless."""
    if not any(c.strip() for c in cells[width:]):
        return None
    return codes.CSV_ROW_LENGTH.finding(cells=len(cells), width=width)


def _read_row(header: _Header, cells: list[str], origin: Origin) -> tuple[SourcedPractice | None, list[Finding]]:
    """The row's record (None on any violation) and its findings, each naming its column.

    A row whose cells could not be converted still goes through the schema check, so one run
    reports everything wrong with it.
    """
    row = _build(header, cells)
    too_long = _too_long(cells, len(header.names))
    own = [
        f.at(file=origin.file, record_index=origin.index, record_id=row.data.get("id"), line=origin.line)
        for f in ([too_long] if too_long else []) + row.problems
    ]
    record, checked = check_submission(row.data, origin)
    findings = [_name_column(f, row.columns) for f in own + checked]
    return (None if own else record), findings


# --- the file --------------------------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=str(path), pl="nie ma takiego pliku") from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise InputError(f"cannot read: {reason}", file=str(path), pl=f"nie można odczytać: {reason}") from None


def read_table(path: str | Path, encoding: str | None = None) -> ReadResult:
    """Every practice of a ``.csv`` export, one a row, and every finding about them.

    ``encoding`` overrides detection (UTF-8 with or without BOM, else Windows-1250). Raises
    `InputError` when the file cannot be read: no header, a duplicated column, or a cell the
    encoding cannot decode (naming its row and column).
    """
    path = Path(path)
    file = str(path)
    text, used = _decode(_read_bytes(path), encoding, file)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header_cells = next(reader, None)
        if header_cells is None or not any(c.strip() for c in header_cells):
            raise InputError("no header row", file=file, line=1, pl="brak wiersza nagłówka")
        _check_decoded(header_cells, [], Message(en="header", pl="nagłówek"), used, file, 1)
        header, findings = _parse_header(header_cells, file)
        records: list[SourcedPractice] = []
        index = 0
        line = reader.line_num + 1
        for cells in reader:
            if any(c.strip() for c in cells):
                where = Message(en=f"record {index}", pl=f"rekord {index}")
                _check_decoded(cells, header.names, where, used, file, line)
                record, found = _read_row(header, cells, Origin(file, index=index, line=line))
                findings.extend(found)
                if record is not None:
                    records.append(record)
            index += 1
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(
            f"malformed CSV: {exc}", file=file, line=reader.line_num, pl=f"niepoprawny plik CSV: {exc}"
        ) from None
    return ReadResult(records=records, findings=findings)
