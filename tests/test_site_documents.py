"""Looking one IRI up returns its description: own triples, nested nodes, neighbours' labels."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from bdp_lod.publish import PublishOptions, publish
from bdp_lod.serialize.blocks import nt_line
from bdp_lod.site.folder import SiteFolder
from bdp_lod.site.census import LABELS
from bdp_lod.site.documents import DocumentWriter, descriptions
from bdp_lod.site.layout import RDF_VARIANTS, Layout, Variant

from conftest import EXAMPLES
from site_support import published_graph

BASE = "https://w3id.org/bdp/"
LAYOUT = Layout(BASE)
PRACTICE = URIRef(BASE + "id/practice/cus-klucze-plan-osl-2023")
UNIT = URIRef(BASE + "id/unit/121204")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("published") / "out"
    publish([str(EXAMPLES)], folder, options=PublishOptions())
    return folder


def _write_documents(folder: Path) -> None:
    writer = DocumentWriter(SiteFolder(folder), LAYOUT)
    for description in descriptions(folder, LAYOUT):
        writer.write(description)


@pytest.fixture(scope="module")
def written(published: Path) -> Path:
    _write_documents(published)
    return published


def _document(folder: Path, path: str, variant: Variant) -> Graph:
    return Graph().parse(folder / LAYOUT.document(path, variant), format={".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}[variant.extension])


def test_a_practice_document_holds_its_triples_its_activities_and_its_neighbours_labels(written: Path) -> None:
    dump = Graph().parse(written / "bdp.nt", format="nt")
    document = _document(written, "id/practice/cus-klucze-plan-osl-2023", Variant.NTRIPLES)
    own = {t for t in dump if t[0] == PRACTICE or str(t[0]).startswith(str(PRACTICE) + "/")}
    assert own <= set(document)
    assert (UNIT, SKOS.prefLabel, Literal("Gmina Klucze", lang="pl")) in document
    extra = set(document) - own
    assert extra and extra <= set(published_graph(written)) and all(str(p) in LABELS for _s, p, _o in extra)


@pytest.mark.parametrize("variant", RDF_VARIANTS, ids=lambda v: v.name)
def test_the_three_documents_of_a_resource_hold_the_same_graph(written: Path, variant: Variant) -> None:
    path = "id/practice/cus-klucze-plan-osl-2023"
    assert isomorphic(_document(written, path, variant), _document(written, path, Variant.NTRIPLES))


def test_every_iri_of_the_dump_the_catalog_and_the_vocabulary_has_its_documents(written: Path) -> None:
    graph = published_graph(written)
    paths = {LAYOUT.path(str(s)) for s in graph.subjects() if isinstance(s, URIRef)} - {None, ""}
    assert {"id/catalog", "data/bdp", "def", "def/theme"} <= paths
    for path in paths:
        for variant in RDF_VARIANTS:
            assert (written / LAYOUT.document(str(path), variant)).is_file(), (path, variant)


def test_the_landing_pages_triples_are_in_the_catalogs_document(written: Path) -> None:
    catalog = _document(written, "id/catalog", Variant.TURTLE)
    assert (URIRef(BASE), None, None) in catalog


def test_a_unit_knows_the_practices_that_name_it_without_saying_so_in_rdf(published: Path) -> None:
    (unit,) = [d for d in descriptions(published, LAYOUT) if d.path == "id/unit/121204"]
    assert unit.backlinks["https://w3id.org/bdp/def#localGovernmentUnit"] == (str(PRACTICE),)
    assert all(str(s) != str(PRACTICE) for s, _p, _o in unit.triples)


def test_documents_are_the_same_bytes_every_time(published: Path, tmp_path: Path) -> None:
    first = {p: p.read_bytes() for p in (published / "doc").rglob("*") if p.is_file()}
    _write_documents(published)
    assert first and first == {p: p.read_bytes() for p in (published / "doc").rglob("*") if p.is_file()}


def test_the_census_reads_the_dumps_literals_of_label_predicates_only_and_every_other_row_as_is(published: Path) -> None:
    from bdp_lod.serialize.blocks import Lit
    from bdp_lod.site.reading import OMITTED, stated, subjects

    full = [(subject, rows) for subject, rows, _block in stated(published)]
    for_census = list(subjects(published, literals=LABELS))
    assert [s for s, _ in for_census] == [s for s, _ in full]
    omitted = 0
    for (_, rows), (_, census_rows) in zip(full, for_census):
        expected = [r if r[2].__class__ is not Lit or r[1] in LABELS else (r[0], r[1], OMITTED) for r in rows]
        # the small files (vocabulary, catalog) are parsed whole; only the dump's lines are cut
        assert census_rows == expected or set(census_rows) == set(rows)
        omitted += sum(r[2] is OMITTED for r in census_rows)
    assert omitted > 0


class _Files:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def write(self, path: str, data: bytes) -> None:
        self.files[path] = data


def test_documents_taken_from_the_dumps_lines_are_those_formatted_from_the_triples(published: Path) -> None:
    read, formatted = _Files(), _Files()
    from_lines = DocumentWriter(read, LAYOUT)  # type: ignore[arg-type]  # a folder that keeps what is written
    from_triples = DocumentWriter(formatted, LAYOUT)  # type: ignore[arg-type]
    for description in descriptions(published, LAYOUT):
        assert description.blocks or not description.triples
        assert [row for row in description.triples] == sorted(set(description.triples), key=nt_line), description.path
        from_lines.write(description)
        from_triples.write(dataclasses.replace(description, blocks=()))
    assert len(read.files) > 100 and read.files == formatted.files
