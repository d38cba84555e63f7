"""A page per resource, Polish and English, that shows every source text and never runs one."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, quote, urlencode, urlsplit
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from rdflib.namespace import DCTERMS, RDF

from bdp_lod.site.not_found import NOT_FOUND_PAGE
from bdp_lod.publish import PublishOptions, publish
from bdp_lod.serialize.blocks import RDF_LANG_STRING, Lit
from bdp_lod.site.folder import SiteFolder
from bdp_lod.site.description import Description
from bdp_lod.site.documents import descriptions
from bdp_lod.site.layout import Layout, Variant
from bdp_lod.site.pages import PageWriter, render_page
from bdp_lod.site.writer import write_site

from conftest import EXAMPLES

BASE = "https://w3id.org/bdp/"
LAYOUT = Layout(BASE)
PRACTICE = "id/practice/cus-klucze-plan-osl-2023"
HOSTILE = '<b>Plan</b> <script>alert(1)</script> & "cudzysłów" </script><img src=x onerror=alert(2)>'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages") / "out"
    publish([str(EXAMPLES)], folder, options=PublishOptions())
    result = write_site(folder, LAYOUT)
    assert result.pages == 2 * result.resources and result.documents == 3 * result.resources
    return folder


def _page(site: Path, path: str, variant: Variant = Variant.HTML) -> BeautifulSoup:
    return BeautifulSoup((site / LAYOUT.document(path, variant)).read_text(encoding="utf-8"), "html.parser")


def test_a_practice_page_names_the_practice_its_unit_and_its_office_in_polish(site: Path) -> None:
    page = _page(site, PRACTICE)
    assert page.html is not None and page.html["lang"] == "pl"
    assert page.h1 is not None and page.h1.get_text() == "Plan Organizowania Społeczności Lokalnej"
    links = {a.get_text(): a["href"] for a in page.find_all("a")}
    assert links["Gmina Klucze"] == "../../../../unit/04/12/12/121204.html"
    assert (site / "doc/id/practice/23/20/cu" / links["Gmina Klucze"]).resolve() == (site / LAYOUT.document("id/unit/121204", Variant.HTML)).resolve()
    assert page.find("code", id="uri").get_text() == BASE + PRACTICE


def test_every_link_of_every_page_leads_to_a_page_that_exists(site: Path) -> None:
    pages = sorted((site / "doc").rglob("*.html"))
    assert len(pages) > 100
    for file in pages:
        for anchor in BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find_all("a"):
            href = anchor["href"].partition("#")[0]
            if href.startswith(("http://", "https://", "mailto:", "tel:")) or href.startswith("../../index"):
                continue
            if href.startswith("index") or href.endswith(("index.html", "index.en.html")):
                continue
            assert (file.parent / href).is_file(), (file, href)


def test_the_english_page_labels_the_vocabulary_in_english_and_links_back_to_polish(site: Path) -> None:
    page = _page(site, PRACTICE, Variant.HTML_EN)
    assert page.html is not None and page.html["lang"] == "en"
    terms = [dt.get_text() for dt in page.find_all("dt")]
    assert "implemented by" in terms
    switch = page.find("a", hreflang="pl")
    assert switch is not None and switch["href"] == "cus-klucze-plan-osl-2023.html"


def test_a_unit_page_lists_its_practices_with_a_count(site: Path) -> None:
    page = _page(site, "id/unit/121204")
    headings = [h.get_text() for h in page.find_all("h2")]
    assert any(h.endswith("(1)") and "jednostka samorządu terytorialnego" in h for h in headings), headings


def test_source_text_is_shown_never_run() -> None:
    iri = BASE + "id/practice/x-2020-01-01"
    description = Description(
        iri=iri, path="id/practice/x-2020-01-01",
        triples=((iri, str(DCTERMS.title), Lit(HOSTILE, "pl", RDF_LANG_STRING)), (iri, str(RDF.type), BASE + "def#Practice")),
        labels={iri: {"pl": HOSTILE}},
    )
    html = render_page(description, LAYOUT, "pl")
    page = BeautifulSoup(html, "html.parser")
    scripts = [s for s in page.find_all("script")]
    assert len(scripts) == 2  # the schema.org JSON-LD and the copy button, nothing of the source
    assert page.find("img") is None and page.find("b") is None
    assert page.h1 is not None and page.h1.get_text() == HOSTILE
    schema = json.loads(scripts[0].string or "")
    assert schema["name"] == HOSTILE and "</script>" not in (scripts[0].string or "")


def test_pages_are_the_same_bytes_every_time(site: Path) -> None:
    file = site / LAYOUT.document(PRACTICE, Variant.HTML)
    before = file.read_bytes()
    writer = PageWriter(SiteFolder(site), LAYOUT)
    for description in descriptions(site, LAYOUT):
        writer.write(description)
    assert file.read_bytes() == before


def test_the_landing_page_browses_by_unit_and_theme_and_lists_the_downloads(site: Path) -> None:
    page = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html is not None and page.html["lang"] == "pl"
    items = [li.get_text(" ", strip=True) for li in page.find_all("li")]
    assert "Dobre praktyki: 5" in items
    slaskie = next(li for li in page.find_all("li") if li.a and li.a.get_text() == "Województwo śląskie")
    assert [a.get_text() for a in slaskie.find_all("a")] == ["Województwo śląskie", "Miasto Katowice"]
    rows = {tr.td.get_text(): tr.find_all("td")[2].get_text() for tr in page.find_all("tr") if tr.td}
    sums = dict(reversed(line.split("  ")) for line in (site / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    assert rows["bdp.nt"] == sums["bdp.nt"]
    for anchor in page.find_all("a"):
        href = anchor["href"]
        if not href.startswith("http"):
            assert (site / href).is_file(), href


def test_the_search_index_names_every_practice_and_its_page(site: Path) -> None:
    entries = json.loads((site / "search.json").read_text(encoding="utf-8"))
    assert len(entries) == 5
    title, href = next(e for e in entries if e[0] == "Plan Organizowania Społeczności Lokalnej")
    assert href == LAYOUT.document(PRACTICE, Variant.HTML) and (site / href).is_file()


def test_crawlers_find_every_page_in_the_sitemap_and_clients_find_void_where_they_look(site: Path) -> None:
    sitemap = BeautifulSoup((site / "sitemap.xml").read_text(encoding="utf-8"), "html.parser")
    urls = [loc.get_text() for loc in sitemap.find_all("loc")]
    pages = {BASE + p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert set(urls) == pages - {BASE + NOT_FOUND_PAGE} and len(urls) == len(pages) - 1  # the 404 page is no page of its own
    assert (site / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {BASE}sitemap.xml\n")
    assert (site / ".well-known/void").read_bytes() == (site / "void.ttl").read_bytes()


def test_the_vocabulary_page_has_a_section_for_each_term_that_its_hash_links_reach(site: Path) -> None:
    page = _page(site, "def", Variant.HTML_EN)
    practice = page.find("section", id="Practice")
    assert practice is not None and practice.h2 is not None and practice.h2.get_text().startswith("Good practice")
    practice_page = _page(site, PRACTICE)
    (link,) = [a["href"] for a in practice_page.find_all("a") if a["href"].endswith("#localGovernmentUnit")]
    assert link == "../../../../../def.html#localGovernmentUnit"
    assert _page(site, "def").find("section", id="localGovernmentUnit") is not None


def test_without_an_endpoint_no_page_offers_sparql(site: Path) -> None:
    assert "SPARQL (DESCRIBE)" not in (site / LAYOUT.document(PRACTICE, Variant.HTML)).read_text(encoding="utf-8")
    assert "Zapytania SPARQL" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_publishers_sparql_endpoint_is_named_on_the_landing_page_and_asked_to_describe_each_resource(
    tmp_path: Path,
) -> None:
    endpoint = "https://dane.example.org/sparql"
    folder = tmp_path / "out"
    publish([str(EXAMPLES)], folder, options=PublishOptions(sparql_endpoint=endpoint))
    write_site(folder, LAYOUT)
    index = BeautifulSoup((folder / "index.en.html").read_text(encoding="utf-8"), "html.parser")
    heading = index.find("h2", string="SPARQL queries")
    assert heading is not None
    links = {a.get_text(): a["href"] for a in heading.find_next("p").find_all("a")}
    count = "SELECT (COUNT(?practice) AS ?practices) WHERE { ?practice a <https://w3id.org/bdp/def#Practice> }"
    assert links == {endpoint: endpoint, count: endpoint + "?" + urlencode({"query": count}, quote_via=quote)}
    page = _page(folder, PRACTICE, Variant.HTML_EN)
    describe = page.find("a", string="SPARQL (DESCRIBE)")
    assert describe is not None
    assert parse_qs(urlsplit(describe["href"]).query) == {"query": [f"DESCRIBE <{BASE}{PRACTICE}>"]}


def test_an_activity_is_named_by_its_class_and_number_on_its_page_and_in_the_practices_links(site: Path) -> None:
    activity = PRACTICE + "/activity/2"
    assert _page(site, activity).h1.get_text() == "Działanie 2"  # type: ignore[union-attr]
    assert _page(site, activity, Variant.HTML_EN).h1.get_text() == "Activity 2"  # type: ignore[union-attr]
    links = [a.get_text() for a in _page(site, PRACTICE).find_all("a") if "/activity/" in a["href"]]
    assert links[:3] == ["Działanie 1", "Działanie 2", "Działanie 3"]
    assert "Działanie 2" not in (site / LAYOUT.document(activity, Variant.TURTLE)).read_text(encoding="utf-8")


@pytest.mark.parametrize("text", [HOSTILE, "", "plain", "a & b", "'\"<>&", "&amp; already", "łódź – „cudzysłów”"])
def test_the_html_a_page_builds_escapes_exactly_as_autoescape_does(text: str) -> None:
    from markupsafe import escape

    from bdp_lod.site.rendering import html_text

    assert html_text(text) == str(escape(text))


SHAPED = """<h1 title="{{ title }}">{{ title }}</h1><p>{{ kinds|join(", ") }}</p>
{% for group in groups %}<h2>{{ group.heading }} ({{ group.total }})</h2>
<ul>
{{ group.items }}</ul>
{% if group.more %}<p>more</p>{% endif %}
{% endfor %}
"""


@pytest.mark.parametrize("text", [HOSTILE, "", "plain", "'\"<>&", "łódź – „cudzysłów”"])
def test_a_skeleton_filled_with_escaped_text_is_the_bytes_the_template_renders(text: str) -> None:
    from types import SimpleNamespace as Group

    from markupsafe import Markup

    from bdp_lod.site.rendering import ENVIRONMENT, Skeleton, html_text, slot

    template = ENVIRONMENT.from_string(SHAPED)
    items = f"<li>{html_text(text)}</li>\n"
    groups = [Group(heading=text, total=7, items=Markup(items), more=True),
              Group(heading=text + "2", total=0, items=Markup(""), more=False)]
    expected = template.render(title=text, kinds=[text, "b"], groups=groups)
    skeleton = Skeleton(template.render(title=slot("title"), kinds=[slot("kinds")], groups=[
        Group(heading=slot(f"heading{j}"), total=slot(f"total{j}"), items=slot(f"items{j}"), more=g.more)
        for j, g in enumerate(groups)]))
    filled = skeleton.fill({"title": html_text(text), "kinds": html_text(f"{text}, b"),
                            "heading0": html_text(text), "total0": "7", "items0": items,
                            "heading1": html_text(text + "2"), "total1": "0", "items1": ""})
    assert filled == expected and "\0" not in filled
