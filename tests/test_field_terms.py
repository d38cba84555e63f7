"""The table of fields ↔ terms (`bdp_lod.field_terms`) is the whole truth of the mapping.

Every predicate the mapping writes, on every node of every example and corpus record, is a field
of that node's kind in the table; every field the table names is a field of the records and of the
submission JSON Schema; and each value is written the way the table says.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from bdp_lod import concepts
from bdp_lod.field_terms import FIELDS, Value, field_of
from bdp_lod.mapping import practice_triples
from bdp_lod.model import Activity, Address, Attachment, Contact, Institution, LocalGovernmentUnit, Practice
from bdp_lod.model import SourcedPractice
from bdp_lod.records import resolve_units
from bdp_lod.sources import input_files, read_file
from bdp_lod.uris import Uris
from bdp_lod.validation.engine import Index
from bdp_lod.validation.fields import places

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "examples", ROOT / "tests" / "fixtures" / "pages", ROOT / "tests" / "fixtures" / "broken"]

_PLACE = {
    "practice": "",
    "unit": "unit",
    "area": "unit",
    "institution": "institution",
    "address": "institution.address",
    "contact": "contacts",
    "activity": "activities",
    "period": "activities",
    "attachment": "attachments",
}
"""Where in a submission each kind's relative fields sit (list elements by the list's name)."""


def _corpus_records() -> list[SourcedPractice]:
    """Every record the corpora's files give, resolved as publishing resolves them."""
    records: list[SourcedPractice] = []
    for path in input_files(CORPORA):
        records += read_file(path).records
    return [*resolve_units(records)[0], _every_optional_field(records[0])]


def _every_optional_field(record: SourcedPractice) -> SourcedPractice:
    """The first record with what no corpus file has: attachments, a source field, a contact's role."""
    practice = dataclasses.replace(
        record.practice,
        id="bdp-537",
        source_url="http://www.dobrepraktyki.pl/index.php?art=537",
        has_attachments=True,
        attachments=(Attachment("http://www.czersk.pl/plan.pdf", "Plan działań", "application/pdf"),),
        extra=(("Rok realizacji", "2012"),),
        contacts=tuple(dataclasses.replace(c, role="koordynator projektu") for c in record.practice.contacts),
    )
    return dataclasses.replace(record, practice=practice)


def _written() -> dict[tuple[str, URIRef], list[tuple[URIRef, object]]]:
    """(kind, predicate) → (focus, value) of every triple the mapping writes over the corpora."""
    out: dict[tuple[str, URIRef], list[tuple[URIRef, object]]] = {}
    uris = Uris()
    for record in _corpus_records():
        triples = list(practice_triples(record.practice, uris))
        index = Index(triples)
        found = places(index, URIRef(uris.practice(record.practice)))
        for s, p, o in triples:
            if p == RDF.type:
                continue  # a node's class, not a field
            assert s in found, f"{s} has no place in its practice"
            out.setdefault((found[s].kind, p), []).append((s, o))
    return out


@pytest.fixture(scope="module")
def written() -> dict[tuple[str, URIRef], list[tuple[URIRef, object]]]:
    return _written()


def test_every_predicate_the_mapping_writes_is_in_the_table(written) -> None:  # type: ignore[no-untyped-def]
    missing = sorted((kind, str(p)) for kind, p in written if field_of(kind, p) is None)
    assert missing == []


def test_the_corpora_exercise_every_field_of_the_table(written) -> None:  # type: ignore[no-untyped-def]
    """Else the first test would prove nothing about the fields they leave out."""
    unused = sorted(
        (kind, str(p)) for kind, fields in FIELDS.items() for f in fields for p in f.predicates if (kind, p) not in written
    )
    assert unused == []


def _model_field(path: str) -> type | None:
    """The type a dotted submission path names on the record dataclasses, or None."""
    current: object = Practice
    for part in path.split("."):
        if not dataclasses.is_dataclass(current):
            return None
        hints = typing.get_type_hints(current)
        if part not in hints:
            return None
        hint = hints[part]
        nested = [a for a in typing.get_args(hint) if dataclasses.is_dataclass(a)]
        nested += [b for a in typing.get_args(hint) for b in typing.get_args(a) if dataclasses.is_dataclass(b)]
        current = nested[0] if nested else hint
    return current  # type: ignore[return-value]


def _schema_field(path: str) -> dict[str, object] | None:
    schema = json.loads((ROOT / "shapes" / "submission.schema.json").read_text(encoding="utf-8"))
    node = schema
    for part in path.split("."):
        if node.get("type") == "array":
            node = node["items"]
        node = node.get("properties", {}).get(part)
        if node is None:
            return None
    return node


def _full_paths() -> list[str]:
    paths = []
    for kind, fields in FIELDS.items():
        for f in fields:
            if not f.name:
                continue
            if f.name.startswith("/"):
                paths.append(f.name[1:])
            else:
                paths.append(".".join(x for x in (_PLACE[kind], f.name) if x))
    return sorted(set(paths))


@pytest.mark.parametrize("path", _full_paths())
def test_every_field_of_the_table_is_a_record_field_and_a_schema_property(path: str) -> None:
    assert _model_field(path) is not None, path
    assert _schema_field(path) is not None, path


def test_every_kind_with_relative_fields_has_a_place_in_the_submission() -> None:
    kinds = {kind for kind, fields in FIELDS.items() if any(f.name and not f.name.startswith("/") for f in fields)}
    assert kinds == set(_PLACE)
    assert {_model_field(p) for p in _PLACE.values() if p} == {
        LocalGovernmentUnit, Institution, Address, Contact, Activity, Attachment
    }


_SCHEMES = [concepts.themes(), concepts.programmes(), concepts.unit_types(), concepts.levels()]


def _written_as(value: object, field_value: Value, datatype: URIRef | None) -> bool:
    if field_value is Value.PL:
        return isinstance(value, Literal) and value.language == "pl"
    if field_value is Value.PLAIN:
        return isinstance(value, Literal) and value.language is None and value.datatype in (None, XSD.string)
    if field_value is Value.TYPED:
        return isinstance(value, Literal) and value.datatype is not None and datatype in (None, value.datatype)
    if field_value is Value.CONCEPT:
        return isinstance(value, URIRef) and any(str(value).startswith(f"{s.iri}/") for s in _SCHEMES)
    return isinstance(value, URIRef)


def test_each_field_is_written_as_the_table_says(written) -> None:  # type: ignore[no-untyped-def]
    """The value kind describes a field's first predicate (a street's number is a plain code)."""
    wrong = sorted(
        (kind, f.name, str(o))
        for kind, fields in FIELDS.items()
        for f in fields
        if f.value is not Value.DERIVED
        for _, o in written.get((kind, f.predicate), [])
        if not _written_as(o, f.value, f.datatype)
    )
    assert wrong == []


def test_a_scheme_is_the_prefix_of_every_value_of_its_field(written) -> None:  # type: ignore[no-untyped-def]
    schemed = [(kind, f) for kind, fields in FIELDS.items() for f in fields if f.scheme]
    assert [(kind, f.name, f.scheme) for kind, f in schemed] == [("contact", "phones", "tel:"), ("contact", "emails", "mailto:")]
    for kind, f in schemed:
        assert all(str(o).startswith(f.scheme) for _, o in written[(kind, f.predicate)])
