"""dane-gov-pl.xml: valid against the portal's XSD 1.10, one resource per dump."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
import xmlschema

from bdp_lod.errors import InputError
from bdp_lod.publish.dane_gov_pl import NAMESPACE, dane_gov_pl_xml
from bdp_lod.publish.release import PublishOptions

from publish_support import DANE_GOV_PL, Release, make_release

NS = {"d": NAMESPACE}


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Release:
    return make_release(tmp_path_factory.mktemp("release"))


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(DANE_GOV_PL / "xml_import_otwarte_dane_1_10.xsd")


@pytest.fixture(scope="module")
def xml(release) -> bytes:
    return dane_gov_pl_xml(PublishOptions(), release.dumps, release.summary)


def texts(root: ET.Element, path: str) -> list[str]:
    return [e.text or "" for e in root.findall(path, NS)]


def test_valid_against_the_portal_schema_1_10(schema, xml):
    schema.validate(xml.decode("utf-8"))
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<datasets xmlns=\"urn:otwarte-dane:harvester:1.10\">")


def test_one_dataset_with_one_resource_per_dump(release, xml):
    root = ET.fromstring(xml)
    assert texts(root, "d:dataset/d:extIdent") == ["bdp"]
    assert texts(root, "d:dataset/d:resources/d:resource/d:extIdent") == [
        "bdp-ttl", "bdp-nt", "bdp-jsonld", "bdp-nt-gz",
    ]
    assert texts(root, "d:dataset/d:resources/d:resource/d:url") == [
        f"https://w3id.org/bdp/data/bdp/{dump.name}" for dump in release.dumps
    ]
    assert set(texts(root, "d:dataset/d:resources/d:resource/d:availability")) == {"remote"}


def test_polish_titles_categories_licence_and_dates(release, xml):
    root = ET.fromstring(xml)
    assert texts(root, "d:dataset/d:title/d:polish") == ["Baza Dobrych Praktyk – dobre praktyki samorządów"]
    assert texts(root, "d:dataset/d:categories/d:category") == ["GOVE", "SOCI"]
    assert texts(root, "d:dataset/d:conditions/d:dbOrCopyrightedLicenseChosen") == ["CC BY 4.0"]
    newest = release.summary.last_date.isoformat()
    assert texts(root, "d:dataset/d:lastUpdateDate") == [f"{newest}T00:00:00"]
    assert set(texts(root, "d:dataset/d:resources/d:resource/d:dataDate")) == {newest}


def test_regions_are_the_voivodeships_of_the_units(release, xml):
    root = ET.fromstring(xml)
    for resource in root.findall("d:dataset/d:resources/d:resource", NS):
        assert texts(resource, "d:regions/d:terytIdent") == sorted(release.summary.voivodeships)
    assert release.summary.voivodeships  # the examples' units are resolved in TERC


def test_a_licence_the_portal_does_not_list_is_left_out(schema, release):
    options = PublishOptions(licence="http://publications.europa.eu/resource/authority/licence/CC0")
    xml = dane_gov_pl_xml(options, release.dumps, release.summary)
    schema.validate(xml.decode("utf-8"))
    assert ET.fromstring(xml).find("d:dataset/d:conditions", NS) is None


def test_an_undated_release_without_regions_is_still_valid(schema, release):
    bare = replace(release.summary, first_date=None, last_date=None, voivodeships=frozenset())
    xml = dane_gov_pl_xml(PublishOptions(), release.dumps, bare)
    schema.validate(xml.decode("utf-8"))
    assert b"lastUpdateDate" not in xml and b"regions" not in xml


def test_http_download_urls_are_refused_in_both_languages(release):
    with pytest.raises(InputError) as raised:
        dane_gov_pl_xml(PublishOptions(download_base="http://example.org/bdp/"), release.dumps, release.summary)
    assert "https://" in raised.value.describe("en")
    assert "przyjmuje tylko adresy zasobów https://" in raised.value.describe("pl")


def test_same_bytes_every_time(release, xml):
    assert dane_gov_pl_xml(PublishOptions(), release.dumps, release.summary) == xml
