"""One module decides which URI maps to which file; the web-server rules say the same."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from bdp_lod.site.layout import RULES, Document, Download, Gone, Identifier, Layout, Moved, Retirement, Variant, shard

LAYOUT = Layout("https://w3id.org/bdp/")


@pytest.mark.parametrize(("iri", "path"), [
    ("https://w3id.org/bdp/id/practice/bdp-537", "id/practice/bdp-537"),
    ("https://w3id.org/bdp/def#Practice", "def"),
    ("https://w3id.org/bdp/def/theme/edukacja", "def/theme/edukacja"),
    ("https://w3id.org/bdp/data/bdp", "data/bdp"),
    ("https://w3id.org/bdp/", ""),
    ("https://w3id.org/bdp/other/thing", None),
    ("http://www.w3.org/ns/dcat#Dataset", None),
])
def test_an_iri_of_the_base_has_an_identifier_path(iri: str, path: str | None) -> None:
    assert LAYOUT.path(iri) == path


def test_a_practice_has_five_documents_in_its_shard() -> None:
    assert LAYOUT.variants("id/practice/szkola-2019-05-14") == {
        Variant.HTML: "doc/id/practice/14/5-/sz/szkola-2019-05-14.html",
        Variant.HTML_EN: "doc/id/practice/14/5-/sz/szkola-2019-05-14.en.html",
        Variant.TURTLE: "doc/id/practice/14/5-/sz/szkola-2019-05-14.ttl",
        Variant.JSONLD: "doc/id/practice/14/5-/sz/szkola-2019-05-14.jsonld",
        Variant.NTRIPLES: "doc/id/practice/14/5-/sz/szkola-2019-05-14.nt",
    }


def test_nested_resources_live_beside_their_parents_document() -> None:
    assert LAYOUT.document("id/practice/abcdef/activity/3", Variant.TURTLE) == "doc/id/practice/ef/cd/ab/abcdef/activity/3.ttl"
    assert LAYOUT.document("id/unit/22", Variant.HTML) == "doc/id/unit/_/22.html"


def test_terms_the_catalog_and_the_dataset_are_not_sharded() -> None:
    assert LAYOUT.document("def", Variant.HTML) == "doc/def.html"
    assert LAYOUT.document("def/theme/edukacja", Variant.NTRIPLES) == "doc/def/theme/edukacja.nt"
    assert LAYOUT.document("id/catalog", Variant.JSONLD) == "doc/id/catalog.jsonld"
    assert LAYOUT.document("data/bdp", Variant.HTML_EN) == "doc/data/bdp.en.html"


def test_the_base_is_the_landing_page_and_its_rdf_is_the_catalog() -> None:
    assert LAYOUT.document("", Variant.HTML) == "index.html"
    assert LAYOUT.document("", Variant.HTML_EN) == "index.en.html"
    assert LAYOUT.document("", Variant.TURTLE) == "doc/id/catalog.ttl"


@pytest.mark.parametrize(("request_path", "target"), [
    ("", Identifier("")),
    ("id/practice/bdp-537", Identifier("id/practice/bdp-537")),
    ("def", Identifier("def")),
    ("data/bdp", Identifier("data/bdp")),
    ("data/bdp/ttl", Identifier("data/bdp/ttl")),
    ("data/bdp/bdp.ttl", Download("bdp.ttl")),
    ("data/bdp/bdp.nt.gz", Download("bdp.nt.gz")),
    ("doc/id/practice/bd/37/bdp-537.html", Document("doc/id/practice/bd/37/bdp-537.html")),
    ("sitemap.xml", Document("sitemap.xml")),
    ("doc/../../etc/passwd", None),
    ("doc/./x", None),
    ("doc//x", None),
    ("doc\\..\\x", None),
    ("doc/x\0", None),
])
def test_a_request_names_an_identifier_a_document_a_download_or_nothing(request_path: str, target: object) -> None:
    assert LAYOUT.locate(request_path) == target


def test_dumps_served_elsewhere_are_not_downloads_of_the_site() -> None:
    layout = Layout("https://w3id.org/bdp/", downloads="https://files.example.org/bdp/")
    assert layout.download_prefix is None
    assert layout.locate("data/bdp/bdp.ttl") == Identifier("data/bdp/bdp.ttl")


KEY = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=40)
REST = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8), max_size=3)


def _by_rules(path: str) -> str | None:
    for rule in RULES:
        document = rule.apply(path)
        if document is not None:
            return document
    return None


@given(kind=st.sampled_from(["practice", "unit", "area", "institution", "contact"]), key=KEY, rest=REST)
def test_the_web_server_rules_say_what_the_layout_says(kind: str, key: str, rest: list[str]) -> None:
    path = "/".join(["id", kind, key, *rest])
    assert _by_rules(path) == LAYOUT.document(path, Variant.HTML).removesuffix(".html")


@pytest.mark.parametrize("path", ["id/catalog", "id/publisher", "def", "def/theme/x", "data/bdp", "data/bdp/ttl/checksum"])
def test_the_web_server_rules_cover_unsharded_identifiers(path: str) -> None:
    assert _by_rules(path) == LAYOUT.document(path, Variant.TURTLE).removesuffix(".ttl")


def test_shards_take_the_last_two_characters_then_the_two_before() -> None:
    assert shard("urzad-gminy-220204") == "04/02/ur"
    assert shard("bdp-0537") == "37/05/bd"
    assert shard("2202") == "_"
    assert shard("abc") == "_"


def test_a_download_url_is_answered_by_the_dump_and_a_resource_by_its_document() -> None:
    assert LAYOUT.file_of("https://w3id.org/bdp/data/bdp/bdp.ttl", Variant.HTML) == "bdp.ttl"
    assert LAYOUT.file_of("https://w3id.org/bdp/data/bdp/ttl", Variant.HTML) == "doc/data/bdp/ttl.html"
    assert LAYOUT.file_of("https://w3id.org/bdp/def#Practice", Variant.HTML_EN) == "doc/def.en.html"
    assert LAYOUT.file_of("http://www.w3.org/ns/dcat#Dataset", Variant.HTML) is None


RETIREMENT = Retirement(LAYOUT, withdrawn=["https://w3id.org/bdp/id/practice/gone-2020-01-01", "http://other.example/x"],
                        renamed={"https://w3id.org/bdp/id/practice/a-2020-01-01": "https://w3id.org/bdp/id/practice/b-2021-01-01",
                                 "https://w3id.org/bdp/id/practice/b-2021-01-01": "https://w3id.org/bdp/id/practice/c-2022-01-01",
                                 "https://w3id.org/bdp/id/unit/x-y-z": "https://elsewhere.example/unit/1"})


@pytest.mark.parametrize(("request_path", "answer"), [
    ("id/practice/gone-2020-01-01", Gone("id/practice/gone-2020-01-01", None)),
    ("doc/id/practice/01/1-/go/gone-2020-01-01.en.html", Gone("id/practice/gone-2020-01-01", Variant.HTML_EN)),
    ("doc/id/practice/01/1-/go/gone-2020-01-01.nt", Gone("id/practice/gone-2020-01-01", Variant.NTRIPLES)),
    ("id/practice/a-2020-01-01", Moved("id/practice/c-2022-01-01")),
    ("id/practice/b-2021-01-01", Moved("id/practice/c-2022-01-01")),
    ("doc/id/practice/01/1-/a-/a-2020-01-01.ttl", Moved("doc/id/practice/01/1-/c-/c-2022-01-01.ttl")),
    ("id/unit/x-y-z", Moved("https://elsewhere.example/unit/1", external=True)),
    ("id/practice/c-2022-01-01", None),
    ("id/practice/gone-2020-01-01/activity/1", None),
])
def test_a_retired_identifier_and_its_documents_are_gone_or_moved_in_one_hop(request_path: str, answer: object) -> None:
    assert RETIREMENT.locate(request_path) == answer


def test_identifiers_of_no_publication_of_the_base_are_not_retired_here() -> None:
    assert RETIREMENT.withdrawn == ("id/practice/gone-2020-01-01",)
    assert not Retirement(LAYOUT) and RETIREMENT


def test_a_renaming_that_comes_back_to_itself_ends_where_it_would_loop() -> None:
    looped = Retirement(LAYOUT, renamed={"https://w3id.org/bdp/id/practice/p-1": "https://w3id.org/bdp/id/practice/q-1",
                                         "https://w3id.org/bdp/id/practice/q-1": "https://w3id.org/bdp/id/practice/p-1"})
    assert looped.renamed == {"id/practice/p-1": "https://w3id.org/bdp/id/practice/q-1",
                              "id/practice/q-1": "https://w3id.org/bdp/id/practice/p-1"}


def test_an_edition_is_an_identifier_of_the_dataset_not_a_download() -> None:
    assert LAYOUT.locate("data/bdp/edition/3") == Identifier("data/bdp/edition/3")
    assert LAYOUT.document("data/bdp/edition/3", Variant.TURTLE) == "doc/data/bdp/edition/3.ttl"
