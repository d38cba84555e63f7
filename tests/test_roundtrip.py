"""A published dump reads back as the very records that were published."""

from __future__ import annotations

import pytest

import bdp_lod
from bdp_lod.errors import InputError
from bdp_lod.mapping import to_graph
from bdp_lod.serialize import write_graph
from bdp_lod.uris import Uris

from conftest import EXAMPLE_NAMES, example


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld"])
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_survives_a_round_trip_through_every_format(tmp_path, name, suffix):
    record = example(name)
    path = tmp_path / f"dump{suffix}"
    write_graph(to_graph([record]), path)
    assert bdp_lod.load(path) == [record]


def test_a_dump_of_all_examples_reads_back_in_iri_order(tmp_path, all_examples):
    path = tmp_path / "all.ttl"
    write_graph(to_graph(all_examples), path)
    loaded = bdp_lod.load(path)
    assert sorted(loaded, key=Uris().practice) == sorted(all_examples, key=Uris().practice)
    assert [Uris().practice(p) for p in loaded] == sorted(Uris().practice(p) for p in all_examples)


def test_a_dump_written_with_another_base_uri_reads_back_too(tmp_path, czersk):
    path = tmp_path / "dump.nt"
    write_graph(to_graph([czersk], base_uri="https://dane.example.pl/"), path)
    assert bdp_lod.load(path) == [czersk]


def test_broken_rdf_is_an_input_error_naming_the_file(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        bdp_lod.load(path)
    assert str(path) in str(err.value)
