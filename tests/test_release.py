"""The description of a release: dump files, the data summary and the publisher's options."""

from __future__ import annotations

import gzip
import hashlib
import io
from datetime import date

import pytest
from rdflib import Graph, Literal, URIRef

from bdp_lod.serialize.blocks import SubjectBlocks, rows_of, write_turtle
from bdp_lod.publish.release import DumpFile, PublishOptions, SubjectSummarizer, Summarizer, summarize
from bdp_lod.vocab import BDP, DCAT, DCTERMS, RDF, XSD

ID = "https://w3id.org/bdp/id/"
THEME = "https://w3id.org/bdp/def/theme/"


def small_graph() -> Graph:
    graph = Graph()
    first, second = URIRef(ID + "practice/a"), URIRef(ID + "practice/b")
    unit, identifier = URIRef(ID + "unit/220204"), URIRef(ID + "unit/220204/identifier/2202043")
    for practice, added, theme in ((first, "2013-06-12", "kultura"), (second, "2019-02-01", "pomoc-spoleczna")):
        graph.add((practice, RDF.type, BDP.Practice))
        graph.add((practice, DCTERMS.issued, Literal(added, datatype=XSD.date)))
        graph.add((practice, DCAT.theme, URIRef(THEME + theme)))
    graph.add((unit, RDF.type, BDP.LocalGovernmentUnit))
    graph.add((unit, BDP.terc, Literal("2202043")))
    graph.add((identifier, DCTERMS.issued, Literal("2025-01-01", datatype=XSD.date)))  # not a practice's date
    return graph


def test_summary_of_a_small_graph():
    summary = summarize(small_graph())
    assert summary.triples == 9
    assert summary.practices == 2
    assert summary.entities == 4
    assert summary.classes == {str(BDP.LocalGovernmentUnit): 1, str(BDP.Practice): 2}
    assert summary.properties == {
        str(DCAT.theme): 2, str(DCTERMS.issued): 3, str(RDF.type): 3, str(BDP.terc): 1,
    }
    assert (summary.first_date, summary.last_date) == (date(2013, 6, 12), date(2019, 2, 1))
    assert summary.themes == {THEME + "kultura", THEME + "pomoc-spoleczna"}
    assert summary.voivodeships == {"22"}
    assert summary.example == ID + "practice/a"


def test_summarising_while_streaming_gives_the_same_summary():
    summarizer = Summarizer()
    for triple in small_graph():
        summarizer.add(triple)
    assert summarizer.summary() == summarize(small_graph())


def test_dump_rows_summarise_like_rdflib_triples():
    assert summarize(rows_of(small_graph())) == summarize(small_graph())


def test_a_dump_summarised_a_subject_at_a_time_in_two_parts_gives_the_summary_of_its_triples():
    blocks = SubjectBlocks()
    blocks.add(rows_of(small_graph()))
    everything = list(blocks.sorted_blocks())
    parts = []
    for chosen in (everything[:2], everything[2:]):
        part = SubjectSummarizer()

        class Part:
            def sorted_blocks(self, chosen=chosen):  # type: ignore[no-untyped-def]
                return iter(chosen)

        write_turtle(Part(), io.BytesIO(), grouped=part.add_subject)
        parts.append(part)
    parts[1].merge(parts[0])
    assert parts[1].summary() == summarize(small_graph())
    assert SubjectSummarizer().summary() == summarize([])


def test_no_practice_no_dates():
    summary = summarize([])
    assert (summary.triples, summary.practices, summary.first_date, summary.last_date, summary.example) == (
        0, 0, None, None, None,
    )


@pytest.mark.parametrize(
    ("name", "media_type", "compress_format", "key", "format_key"),
    [
        ("bdp.ttl", "text/turtle", None, "bdp-ttl", "ttl"),
        ("bdp.nt", "application/n-triples", None, "bdp-nt", "nt"),
        ("bdp.jsonld", "application/ld+json", None, "bdp-jsonld", "jsonld"),
        ("bdp.nt.gz", "application/n-triples", "application/gzip", "bdp-nt-gz", "nt-gz"),
    ],
)
def test_a_dump_file_is_described_from_its_bytes_and_name(tmp_path, name, media_type, compress_format, key, format_key):
    content = gzip.compress(b"<a:s> <a:p> <a:o> .\n", mtime=0) if name.endswith(".gz") else b"<a:s> <a:p> <a:o> .\n"
    path = tmp_path / name
    path.write_bytes(content)
    dump = DumpFile.of(path)
    assert dump == DumpFile(
        name=name,
        media_type=media_type,
        byte_size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        md5=hashlib.md5(content).hexdigest(),
        compress_format=compress_format,
    )
    assert (dump.key, dump.format_key) == (key, format_key)


@pytest.mark.parametrize("name", ["catalog.csv", "bdp.gz", "README"])
def test_only_rdf_dumps_are_dump_files(tmp_path, name):
    (tmp_path / name).write_bytes(b"x")
    with pytest.raises(ValueError, match="not a dump format"):
        DumpFile.of(tmp_path / name)


def test_option_defaults_hang_off_the_base_uri():
    options = PublishOptions(base_uri="https://dane.example.pl/bdp")
    assert options.base_uri == "https://dane.example.pl/bdp/"
    assert options.downloads == "https://dane.example.pl/bdp/data/bdp/"
    assert options.publisher == "https://dane.example.pl/bdp/id/publisher"
    assert options.landing_page == "https://dane.example.pl/bdp/"
    assert PublishOptions(download_base="https://cdn.example.pl/x").downloads == "https://cdn.example.pl/x/"


def test_release_dates_default_to_the_newest_practice():
    summary = summarize(small_graph())
    assert PublishOptions().release_dates(summary) == (date(2019, 2, 1), date(2019, 2, 1))
    assert PublishOptions(modified=date(2025, 3, 1)).release_dates(summary) == (date(2025, 3, 1), date(2025, 3, 1))
    assert PublishOptions(issued=date(2020, 1, 1), modified=date(2025, 3, 1)).release_dates(summary) == (
        date(2020, 1, 1), date(2025, 3, 1),
    )
    assert PublishOptions().release_dates(summarize([])) is None
