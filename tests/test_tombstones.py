"""A withdrawn identifier keeps answering with a tombstone; a renamed one with nothing but its
redirect (docs/site.md §11). The examples as the third edition of a chain of `publish --previous` (`publish_edition_site`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS, XSD

from bdp_lod.publish.folder import CHECKSUMS, file_sha256
from bdp_lod.site.layout import Variant

from site_support import HOSTILE_LABEL, LAYOUT, RENAMED, WITHDRAWN, WITHDRAWN_ACTIVITY, publish_edition_site

EDITION = LAYOUT.iri("data/bdp/edition/2")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_edition_site(tmp_path_factory.mktemp("tombstones") / "out")


def _page(site: Path, path: str, variant: Variant) -> BeautifulSoup:
    return BeautifulSoup((site / LAYOUT.document(path, variant)).read_text(encoding="utf-8"), "html.parser")


def test_the_tombstone_page_says_what_it_was_when_and_why_it_went_and_in_which_edition(site: Path) -> None:
    page = _page(site, WITHDRAWN, Variant.HTML)
    assert page.h1 is not None and page.h1.get_text() == HOSTILE_LABEL
    assert page.find("script") is None  # the label is shown, never run
    facts = dict(zip((dt.get_text() for dt in page.find_all("dt")), (dd.get_text() for dd in page.find_all("dd"))))
    assert facts == {
        "Identyfikator (URI)": LAYOUT.iri(WITHDRAWN),
        "Wycofano": "2026-12-07",
        "Powód": "Wycofana w wydaniu 2 (2026-12-07): nie ma jej już w przesłanych rekordach",
        "Wydanie": "Baza Dobrych Praktyk, wydanie 2",
    }
    links = {a.get_text(): a["href"] for a in page.find_all("a")}
    assert links["Baza Dobrych Praktyk, wydanie 2"] == "../../../../../data/bdp/edition/2.html"
    assert links["Wyszukiwarka praktyk"] == "../../../../../../index.html#search"
    page_file = site / LAYOUT.document(WITHDRAWN, Variant.HTML)
    for href in links.values():
        assert (page_file.parent / href.partition("#")[0]).is_file(), href
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_the_english_tombstone_speaks_english_and_links_back(site: Path) -> None:
    page = _page(site, WITHDRAWN, Variant.HTML_EN)
    assert page.html is not None and page.html["lang"] == "en"
    facts = {dt.get_text(): dt.find_next("dd").get_text() for dt in page.find_all("dt")}
    assert facts["Why"] == "Withdrawn in edition 2 (2026-12-07): no longer in the submitted records"
    assert facts["Edition"] == "Good Practice Database, edition 2"
    assert page.find("a", hreflang="pl")["href"] == "dawny-program-2021-03-01.html"


@pytest.mark.parametrize(("variant", "fmt"), [(Variant.TURTLE, "turtle"), (Variant.JSONLD, "json-ld"), (Variant.NTRIPLES, "nt")])
def test_the_tombstones_rdf_is_what_retired_ttl_states_and_the_editions_labels(site: Path, variant: Variant, fmt: str) -> None:
    graph = Graph().parse(site / LAYOUT.document(WITHDRAWN, variant), format=fmt)
    iri = URIRef(LAYOUT.iri(WITHDRAWN))
    assert set(graph) == {
        (iri, OWL.deprecated, Literal(True)),
        (iri, DCTERMS.date, Literal("2026-12-07", datatype=XSD.date)),
        (iri, DCTERMS.isPartOf, URIRef(EDITION)),
        (iri, RDFS.label, Literal(HOSTILE_LABEL, lang="pl")),
        (iri, SKOS.changeNote, Literal("Withdrawn in edition 2 (2026-12-07): no longer in the submitted records", lang="en")),
        (iri, SKOS.changeNote, Literal("Wycofana w wydaniu 2 (2026-12-07): nie ma jej już w przesłanych rekordach", lang="pl")),
        (URIRef(EDITION), DCTERMS.title, Literal("Baza Dobrych Praktyk, wydanie 2", lang="pl")),
        (URIRef(EDITION), DCTERMS.title, Literal("Good Practice Database, edition 2", lang="en")),
    }


def test_a_nested_withdrawn_node_gets_its_own_tombstone_beside_its_parents(site: Path) -> None:
    assert LAYOUT.document(WITHDRAWN_ACTIVITY, Variant.HTML) == "doc/id/practice/01/3-/da/dawny-program-2021-03-01/activity/1.html"
    assert _page(site, WITHDRAWN_ACTIVITY, Variant.HTML).h1.get_text() == "Działanie 1"  # type: ignore[union-attr]  # the page has one


def test_a_renamed_identifier_gets_no_documents_only_its_redirects(site: Path) -> None:
    for old in RENAMED:
        assert [f for f in LAYOUT.variants(old).values() if (site / f).exists()] == []


def test_crawlers_and_the_search_never_see_a_retired_identifier(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    search = (site / "search.json").read_text(encoding="utf-8")
    for path in (WITHDRAWN, WITHDRAWN_ACTIVITY, *RENAMED):
        assert LAYOUT.document(path, Variant.HTML) not in sitemap and LAYOUT.document(path, Variant.HTML) not in search
    assert f"{LAYOUT.base}doc/data/bdp/edition/2.html" in sitemap


def test_an_edition_has_pages_and_rdf_like_the_dataset(site: Path) -> None:
    assert _page(site, "data/bdp/edition/1", Variant.HTML_EN).h1.get_text() == "Good Practice Database, edition 1"  # type: ignore[union-attr]  # the page has one
    graph = Graph().parse(site / LAYOUT.document("data/bdp/edition/2", Variant.TURTLE), format="turtle")
    assert (URIRef(EDITION), URIRef("http://www.w3.org/ns/dcat#previousVersion"), URIRef(LAYOUT.iri("data/bdp/edition/1"))) in graph


def test_the_site_is_the_same_bytes_every_time(site: Path, tmp_path: Path) -> None:
    again = publish_edition_site(tmp_path / "again")
    for path in (WITHDRAWN, WITHDRAWN_ACTIVITY):
        for file in LAYOUT.variants(path).values():
            assert (again / file).read_bytes() == (site / file).read_bytes(), file
    assert (again / ".htaccess").read_bytes() == (site / ".htaccess").read_bytes()


def _site_command(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bdp_lod.cli", "site", str(folder)], capture_output=True, text=True, timeout=120)


def _relist(folder: Path) -> None:
    names = [line.partition("  ")[2] for line in (folder / CHECKSUMS).read_text(encoding="utf-8").splitlines()]
    (folder / CHECKSUMS).write_text("".join(f"{file_sha256(folder / n)}  {n}\n" for n in names), encoding="utf-8")


def test_retiring_an_identifier_the_data_still_describes_is_refused_in_one_line(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    shutil.copytree(site, folder)
    with (folder / "retired.ttl").open("a", encoding="utf-8") as retired:
        retired.write(f"<{LAYOUT.iri('id/practice/cus-klucze-plan-osl-2023')}> owl:deprecated true .\n")
    _relist(folder)
    done = _site_command(folder)
    assert (done.returncode, done.stderr) == (
        2, f"bdp-lod: retired.ttl: retires {LAYOUT.iri('id/practice/cus-klucze-plan-osl-2023')}, which the data still describes\n")
