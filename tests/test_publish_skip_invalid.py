"""``publish --skip-invalid`` (issue 12, point 5): the records without violations are published,
the others are listed beside the validation report and in the catalog, and the exit code says so.
The published files name each input by its path from the folder that holds all the inputs
(``future.jsonl`` for ``in/future.jsonl``); the result of the call keeps the names it was given.

The corpora are made in the test's folder from the examples with one field broken, and from the
broken inputs of ``fixtures/broken`` (fixtures/broken/SOURCE.md); the tests run there, so every
file is named as a steward would type it (``in/future.jsonl``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import pytest
import xmlschema
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, URIRef

from bdp_lod.cli import cli
from bdp_lod.publish import PublishOptions, PublishResult, publish
from bdp_lod.publish.catalog import catalog_graph
from bdp_lod.publish.dane_gov_pl import dane_gov_pl_xml
from bdp_lod.publish.input_names import published_names, renamed_report
from bdp_lod.findings import Finding
from bdp_lod.model import SourcedPractice
from bdp_lod.publish.left_out import LEFT_OUT_LIST, REPORT_HTML, REPORT_JSON, Check, LeftOut, Omissions, select_valid
from bdp_lod.uris import Uris
from bdp_lod.validation import Report, check_records, validate
from bdp_lod.vocab import DCTERMS, FOAF, RDF

from browser_support import chromium
from conftest import EXAMPLES, FIXTURES
from publish_support import DANE_GOV_PL, eu_vocabularies, make_release, shapes

if TYPE_CHECKING:
    from playwright.sync_api import Browser

BROKEN = FIXTURES / "broken"
DATASET = URIRef("https://w3id.org/bdp/data/bdp")
DOWNLOADS = "https://dane.example.pl/bdp/"
REPORT_FILES = {REPORT_HTML, REPORT_JSON, LEFT_OUT_LIST}


def _example(name: str, **changes: object) -> dict[str, Any]:
    data = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    data.update(changes)
    return data


def _write(path: Path, *records: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    else:
        path.write_text(json.dumps(records[0], ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def corpus(here: Path) -> Path:
    """Three valid practices and three inputs that cannot be published:

    - ``bad-postal-code.json``: Katowice with the postal code ``40098`` (the schema rejects it, so
      it never becomes a record);
    - ``future.jsonl`` record 1: Kramsk again, under another id, added in 2999 (a SHACL
      violation of a record that was read; record 0, the real Kramsk, is valid);
    - ``page-without-metryka.txt``: a page that is not a practice (a finding about the file).
    """
    folder = here / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "001-srem.json", folder / "001-srem.json")
    shutil.copy(EXAMPLES / "003-klucze.json", folder / "003-klucze.json")
    katowice = _example("002-katowice.json")
    katowice["institution"]["address"]["postal_code"] = "40098"
    _write(folder / "bad-postal-code.json", katowice)
    kramsk = _example("004-kramsk.json")
    _write(folder / "future.jsonl", kramsk, {**kramsk, "id": "kramsk-future", "date_added": "2999-01-01"})
    shutil.copy(BROKEN / "page-without-metryka.txt", folder / "page-without-metryka.txt")
    return folder


PRACTICES = [
    "cus-klucze-plan-osl-2023",
    "cus-kramsk-pobudzanie-aktywnosci-obywatelskiej",
    "ozywienie-mechanizmow-partnerstwa-lokalnego-poprzez-realizacje-zadan-centrum-2011-03-03",  # Śrem
]

CORPUS_LEFT_OUT = (
    LeftOut(file="in/bad-postal-code.json", index=0, id=None, line=None, codes=("schema.pattern",)),
    LeftOut(file="in/future.jsonl", index=1, id="kramsk-future", line=2, codes=("shacl.sparql",)),
    LeftOut(file="in/page-without-metryka.txt", index=None, id=None, line=None, codes=("page.not-a-practice",)),
)

CORPUS_LIST = (
    "file\trecord\tline\tid\tcodes\n"
    "bad-postal-code.json\t0\t-\t-\tschema.pattern\n"
    "future.jsonl\t1\t2\tkramsk-future\tshacl.sparql\n"
    "page-without-metryka.txt\t-\t-\t-\tpage.not-a-practice\n"
)


def _publish(out: str = "out", report_lang: str = "en") -> PublishResult:
    """``in`` published into ``out`` with --skip-invalid and an https download base."""
    return publish(["in"], out, options=PublishOptions(download_base=DOWNLOADS), skip_invalid=True, report_lang=report_lang)


def published_report(report: Report) -> Report:
    """``report`` as the published folder holds it: its inputs named from their common folder."""
    return renamed_report(report, published_names(report.files))


def _practices(folder: Path) -> list[str]:
    graph = Graph().parse(folder / "bdp.nt", format="nt")
    return sorted(str(s).rsplit("/", 1)[1] for s in graph.subjects(RDF.type, URIRef("https://w3id.org/bdp/def#Practice")))


# --- which records are left out ------------------------------------------------------------------


def test_each_invalid_record_is_left_out_and_every_valid_one_published(corpus: Path) -> None:
    result = _publish()
    assert result.ok
    assert result.left_out == CORPUS_LEFT_OUT
    assert (Path("out") / LEFT_OUT_LIST).read_text(encoding="utf-8") == CORPUS_LIST
    assert _practices(Path("out")) == PRACTICES


def test_records_that_disagree_about_an_office_are_both_left_out_and_the_others_kept(here: Path) -> None:
    Path("in").mkdir()
    shutil.copy(BROKEN / "jsonl-two-addresses-for-one-institution.jsonl", "in/office.jsonl")
    shutil.copy(EXAMPLES / "001-srem.json", "in/srem.json")
    result = _publish()
    assert result.left_out == (
        LeftOut(file="in/office.jsonl", index=0, id="czersk-a", line=1, codes=("record.conflict",)),
        LeftOut(file="in/office.jsonl", index=1, id="czersk-b", line=2, codes=("record.conflict",)),
    )
    assert len(_practices(Path("out"))) == 1
    assert "czersk" not in (Path("out") / "bdp.nt").read_text(encoding="utf-8")


def test_a_record_that_agrees_with_one_side_of_a_conflict_is_left_out_too(here: Path) -> None:
    # examples/000-czersk.json gives the street czersk-a gives; the publisher cannot know which
    # street is right, so every record that describes the disputed address is left out.
    Path("in").mkdir()
    shutil.copy(BROKEN / "jsonl-two-addresses-for-one-institution.jsonl", "in/office.jsonl")
    shutil.copy(EXAMPLES / "000-czersk.json", "in/czersk.json")
    shutil.copy(EXAMPLES / "001-srem.json", "in/srem.json")
    result = _publish()
    assert [(e.file, e.index, e.codes) for e in result.left_out] == [
        ("in/czersk.json", 0, ("record.conflict",)),
        ("in/office.jsonl", 0, ("record.conflict",)),
        ("in/office.jsonl", 1, ("record.conflict",)),
    ]
    conflict = next(f for f in result.report.findings if f.code == "record.conflict")
    assert [(c.file, c.record_index, c.value) for c in conflict.claims] == [
        ("in/czersk.json", 0, "Kościuszki 27"), ("in/office.jsonl", 0, "Kościuszki 27"), ("in/office.jsonl", 1, "Kościuszki 29"),
    ]


def test_two_different_records_of_one_practice_are_both_left_out(here: Path) -> None:
    Path("in").mkdir()
    shutil.copy(BROKEN / "jsonl-conflicting-duplicate.jsonl", "in/twice.jsonl")
    shutil.copy(EXAMPLES / "001-srem.json", "in/srem.json")
    result = _publish()
    assert result.left_out == (
        LeftOut(file="in/twice.jsonl", index=0, id="czersk-test", line=1, codes=("practice.conflicting-duplicate",)),
        LeftOut(file="in/twice.jsonl", index=1, id="czersk-test", line=2, codes=("practice.conflicting-duplicate",)),
    )
    assert len(_practices(Path("out"))) == 1


HOMEPAGE_SHAPE = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<https://example.org/shapes#InstitutionHomepage> a sh:NodeShape ;
    sh:targetClass org:Organization ;
    sh:property [ sh:path foaf:homepage ; sh:minCount 1 ; sh:severity sh:Violation ;
        sh:message "An institution must give its website."@en , "Instytucja musi podać stronę internetową."@pl ] .
"""


def test_a_record_that_leaving_another_out_makes_invalid_is_left_out_in_the_next_round(here: Path) -> None:
    # A publisher's shape wants every institution's website. srem-a gives none, srem-b (the same
    # office) gives it, so the office has one while both are there; srem-b is added in 2999 and
    # is left out, and with it goes the website: the second check leaves srem-a out as well.
    Path("homepage.ttl").write_text(HOMEPAGE_SHAPE, encoding="utf-8")
    srem = _example("001-srem.json")
    without_website = json.loads(json.dumps(srem))
    del without_website["institution"]["website"]
    _write(Path("in/office.jsonl"), {**without_website, "id": "srem-a"}, {**srem, "id": "srem-b", "date_added": "2999-01-01"})
    shutil.copy(EXAMPLES / "002-katowice.json", "in/katowice.json")
    read: list[SourcedPractice] = []
    report = validate(["in"], shapes=["homepage.ttl"], records=read)
    assert [(f.file, f.record_index, f.code) for f in report.findings if f.severity.value == "violation"] == [
        ("in/office.jsonl", 1, "shacl.sparql"),
    ]
    selection = select_valid(report, read, partial(check_records, shapes=["homepage.ttl"]), uris=Uris())
    assert selection.left_out == (
        LeftOut(file="in/office.jsonl", index=0, id="srem-a", line=1, codes=("shacl.minCount",)),
        LeftOut(file="in/office.jsonl", index=1, id="srem-b", line=2, codes=("shacl.sparql",)),
    )
    assert [r.origin.file for r in selection.kept] == ["in/katowice.json"]
    assert [(f.record_index, f.field, f.message.en) for f in selection.report.findings if f.severity.value == "violation"] == [
        (0, "institution.website", "An institution must give its website."),
        (1, "date_added", "The date added of a practice cannot be later than today."),
    ]
    assert check_records(selection.kept, shapes=["homepage.ttl"]) == []


def test_with_the_product_shapes_the_kept_records_pass_their_second_check(corpus: Path) -> None:
    read: list[SourcedPractice] = []
    selection = select_valid(validate(["in"], records=read), read, check_records, uris=Uris())
    assert [f for f in check_records(selection.kept) if f.severity.value == "violation"] == []


def _counting(calls: list[list[str]]) -> Check:
    def check(records: Sequence[SourcedPractice]) -> list[Finding]:
        calls.append([f"{r.origin.file}:{r.origin.index}" for r in records])
        return check_records(records)
    return check


def test_the_kept_records_are_checked_again_once_a_record_that_was_checked_is_left_out(corpus: Path) -> None:
    read: list[SourcedPractice] = []
    calls: list[list[str]] = []
    select_valid(validate(["in"], records=read), read, _counting(calls), uris=Uris())
    assert calls == [["in/001-srem.json:0", "in/003-klucze.json:0", "in/future.jsonl:0"]]


def test_leaving_out_only_records_that_never_became_records_needs_no_second_check(here: Path) -> None:
    Path("in").mkdir()
    shutil.copy(BROKEN / "json-missing-title.json", "in/a.json")
    shutil.copy(BROKEN / "page-without-metryka.txt", "in/b.txt")
    shutil.copy(EXAMPLES / "001-srem.json", "in/srem.json")
    read: list[SourcedPractice] = []
    calls: list[list[str]] = []
    selection = select_valid(validate(["in"], records=read), read, _counting(calls), uris=Uris())
    assert calls == []
    assert [(e.file, e.codes) for e in selection.left_out] == [("in/a.json", ("schema.required",)), ("in/b.txt", ("page.not-a-practice",))]


# --- what the folder holds ---------------------------------------------------------------------------


def test_the_reports_and_the_list_are_in_the_folder_and_in_sha256sums(corpus: Path) -> None:
    result = _publish()
    out = Path("out")
    sums = {name: digest for digest, name in (line.split("  ", 1) for line in (out / "SHA256SUMS").read_text().splitlines())}
    assert REPORT_FILES <= set(sums)
    assert set(sums) == {p.name for p in out.iterdir() if p.name != "SHA256SUMS"}
    for name, digest in sums.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name
    data = json.loads((out / REPORT_JSON).read_text(encoding="utf-8"))
    assert data == published_report(result.report).to_data("en")
    assert (data["conforms"], data["lang"], data["records"]) == (False, "en", 4)
    assert [(f["file"], f["code"]) for f in data["findings"] if f["severity"] == "violation"] == [
        ("bad-postal-code.json", "schema.pattern"),
        ("future.jsonl", "shacl.sparql"),
        ("page-without-metryka.txt", "page.not-a-practice"),
    ]


def test_the_reports_are_in_the_language_asked_for(corpus: Path) -> None:
    _publish(report_lang="pl")
    data = json.loads(Path("out", REPORT_JSON).read_text(encoding="utf-8"))
    assert data["lang"] == "pl"
    assert "'40098' nie jest kodem pocztowym (NN-NNN)" in [f["message"] for f in data["findings"]]
    soup = BeautifulSoup(Path("out", REPORT_HTML).read_text(encoding="utf-8"), "html5lib")
    assert soup.html is not None and soup.html["lang"] == "pl"


def test_the_html_report_is_the_self_contained_one(corpus: Path) -> None:
    result = _publish()
    html = Path("out", REPORT_HTML).read_text(encoding="utf-8")
    assert html == published_report(result.report).to_html("en")
    soup = BeautifulSoup(html, "html5lib")
    referenced = [tag.get(attr) for tag in soup.find_all(True) for attr in ("src", "href") if tag.get(attr)]
    assert [ref for ref in referenced if not str(ref).startswith("#")] == []
    assert soup.find("link") is None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


def test_the_published_html_report_opens_offline_without_console_errors(browser: Browser, corpus: Path) -> None:
    _publish()
    page_file = (Path("out") / REPORT_HTML).resolve()
    page = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())
    page.fill("#filter", "40098")
    shown = page.evaluate("Array.from(document.querySelectorAll('#table tbody tr'), tr => tr.cells[1].textContent)")
    page.close()
    assert (errors, requests) == ([], [page_file.as_uri()])
    assert shown == ["bad-postal-code.json"]


def test_inputs_given_by_absolute_path_are_published_by_their_name_in_the_inputs_folder(corpus: Path) -> None:
    """A portal must not show the publisher's own folders, and the bytes must not depend on
    where the run happened."""
    result = publish([str(corpus.resolve())], "out", options=PublishOptions(download_base=DOWNLOADS), skip_invalid=True)
    assert result.left_out[0].file == str(corpus.resolve() / "bad-postal-code.json")
    assert (Path("out") / LEFT_OUT_LIST).read_text(encoding="utf-8") == CORPUS_LIST
    for name in REPORT_FILES | {"catalog.ttl", "dane-gov-pl.xml"}:
        assert str(corpus.parent.resolve()) not in (Path("out") / name).read_text(encoding="utf-8"), name
    data = json.loads(Path("out", REPORT_JSON).read_text(encoding="utf-8"))
    assert data["files"][:2] == ["001-srem.json", "003-klucze.json"]


def test_inputs_from_several_folders_are_named_from_the_folder_they_share() -> None:
    assert published_names(["/srv/in/2026-11/a.json", "/srv/in/2026-12/a.json"]) == {
        "/srv/in/2026-11/a.json": "2026-11/a.json", "/srv/in/2026-12/a.json": "2026-12/a.json",
    }
    assert published_names(["/srv/in/a.json"]) == {"/srv/in/a.json": "a.json"}


def test_two_runs_write_the_same_bytes(corpus: Path) -> None:
    _publish("one")
    _publish("two")
    one = {p.name: p.read_bytes() for p in Path("one").iterdir()}
    two = {p.name: p.read_bytes() for p in Path("two").iterdir()}
    assert REPORT_FILES <= set(one)
    assert one == two


def test_with_nothing_to_leave_out_the_reports_are_still_written(here: Path) -> None:
    shutil.copytree(EXAMPLES, "in")
    result = _publish()
    assert result.left_out == ()
    assert (Path("out") / LEFT_OUT_LIST).read_text(encoding="utf-8") == "file\trecord\tline\tid\tcodes\n"
    assert json.loads(Path("out", REPORT_JSON).read_text(encoding="utf-8"))["conforms"] is True
    description = _description(Path("out"), "en")
    assert description.endswith(
        "Records left out of this release for failing validation: 0. Validation report: "
        f"{DOWNLOADS}validation-report.html; the list: {DOWNLOADS}left-out.txt."
    )


def test_without_the_flag_the_folder_is_what_it_always_was(here: Path) -> None:
    publish([str(EXAMPLES)], "out")
    assert not REPORT_FILES & {p.name for p in Path("out").iterdir()}
    assert "left out" not in _description(Path("out"), "en")


def test_when_every_record_is_invalid_nothing_is_written(here: Path) -> None:
    Path("in").mkdir()
    shutil.copy(BROKEN / "json-missing-title.json", "in/a.json")
    shutil.copy(BROKEN / "jsonl-conflicting-duplicate.jsonl", "in/b.jsonl")
    result = _publish()
    assert not result.ok
    assert [(e.file, e.index, e.codes) for e in result.left_out] == [
        ("in/a.json", 0, ("schema.required",)),
        ("in/b.jsonl", 0, ("practice.conflicting-duplicate",)),
        ("in/b.jsonl", 1, ("practice.conflicting-duplicate",)),
    ]
    assert sorted(p.name for p in here.iterdir()) == ["in"]


# --- the catalog and dane.gov.pl --------------------------------------------------------------------


def _text(graph: Graph, lang: str) -> str:
    """The dataset's description in one language."""
    return next(str(o) for o in graph.objects(DATASET, DCTERMS.description) if isinstance(o, Literal) and o.language == lang)


def _description(folder: Path, lang: str) -> str:
    return _text(Graph().parse(folder / "catalog.ttl", format="turtle"), lang)


def test_the_catalog_says_how_many_records_were_left_out_and_names_them(corpus: Path) -> None:
    _publish()
    assert _description(Path("out"), "en").endswith(
        "Number of practices: 3. Records left out of this release for failing validation: 3 "
        "(bad-postal-code.json record 0; future.jsonl record 1 (kramsk-future); page-without-metryka.txt). "
        f"Validation report: {DOWNLOADS}validation-report.html; the list: {DOWNLOADS}left-out.txt."
    )
    assert _description(Path("out"), "pl").endswith(
        "Liczba praktyk: 3. Rekordy pominięte w tym wydaniu z powodu naruszeń reguł walidacji: 3 "
        "(bad-postal-code.json rekord 0; future.jsonl rekord 1 (kramsk-future); page-without-metryka.txt). "
        f"Raport walidacji: {DOWNLOADS}validation-report.html; lista pominiętych: {DOWNLOADS}left-out.txt."
    )


def test_the_catalog_links_the_report_files_as_pages_of_the_dataset(corpus: Path) -> None:
    _publish()
    graph = Graph().parse(Path("out") / "catalog.ttl", format="turtle")
    pages = sorted(str(p) for p in graph.objects(DATASET, FOAF.page))
    assert pages == [DOWNLOADS + name for name in (LEFT_OUT_LIST, REPORT_HTML, REPORT_JSON)]
    for page in pages:
        assert (URIRef(page), RDF.type, FOAF.Document) in graph
        assert {o.language for o in graph.objects(URIRef(page), DCTERMS.title) if isinstance(o, Literal)} == {"pl", "en"}


def _left_out(count: int) -> tuple[LeftOut, ...]:
    return tuple(LeftOut(file="in/all.jsonl", index=i, id=f"p-{i}", line=i + 1, codes=("schema.required",)) for i in range(count))


def test_the_catalog_names_at_most_50_records_then_counts_the_rest(tmp_path: Path) -> None:
    release = make_release(tmp_path)
    omissions = Omissions(_left_out(53), Report(findings=[]), "en")
    graph = catalog_graph(PublishOptions(download_base=DOWNLOADS), release.dumps, release.summary, omissions=omissions)
    en, pl = (_text(graph, lang) for lang in ("en", "pl"))
    named = "; ".join(f"in/all.jsonl record {i} (p-{i})" for i in range(50))
    assert f"for failing validation: 53 ({named}; and 3 more). Validation report:" in en
    assert "in/all.jsonl record 50 " not in en
    assert pl.count("in/all.jsonl rekord") == 50 and "; i jeszcze 3). Raport walidacji:" in pl


def test_a_catalog_that_left_records_out_passes_the_dcat_ap_shapes(tmp_path: Path) -> None:
    release = make_release(tmp_path)
    omissions = Omissions(_left_out(3), Report(findings=[]), "en")
    graph = catalog_graph(PublishOptions(download_base=DOWNLOADS), release.dumps, release.summary, omissions=omissions)
    for name, data in (("shapes.ttl", graph + eu_vocabularies()), ("shapes_recommended.ttl", graph),
                       ("range.ttl", graph + eu_vocabularies())):
        conforms, _report, text = pyshacl_validate(data, shacl_graph=shapes(name), allow_warnings=False)
        assert conforms, (name, text)


def test_dane_gov_pl_gets_the_count_without_names_and_stays_valid(tmp_path: Path) -> None:
    release = make_release(tmp_path)
    omissions = Omissions(_left_out(500), Report(findings=[]), "en")
    xml = dane_gov_pl_xml(PublishOptions(download_base=DOWNLOADS), release.dumps, release.summary, omissions=omissions)
    schema = xmlschema.XMLSchema(DANE_GOV_PL / "xml_import_otwarte_dane_1_10.xsd")
    schema.validate(xml.decode("utf-8"))
    text = xml.decode("utf-8")
    assert "Records left out of this release for failing validation: 500. Validation report: " in text
    assert "Rekordy pominięte w tym wydaniu z powodu naruszeń reguł walidacji: 500. Raport walidacji: " in text
    assert "p-0" not in text


def test_the_published_dane_gov_pl_file_and_its_md5_carry_the_count(corpus: Path) -> None:
    _publish()
    xml = Path("out", "dane-gov-pl.xml").read_bytes()
    assert "validation: 3. Validation report:" in xml.decode("utf-8")
    assert Path("out", "dane-gov-pl.md5").read_text() == hashlib.md5(xml).hexdigest() + "\n"


# --- the command --------------------------------------------------------------------------------------


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_the_command_publishes_the_valid_part_and_exits_1_saying_so(corpus: Path) -> None:
    result = run("publish", "in", "--out", "out", "--skip-invalid")
    assert result.exit_code == 1
    assert result.stdout.startswith("Published 3 practices, ")
    assert "  left-out.txt " in result.stdout and "  validation-report.html " in result.stdout
    assert result.stderr.splitlines()[-1] == f"bdp-lod: published 3 records; 3 left out (see {Path('out').resolve() / LEFT_OUT_LIST})"
    assert "'40098' is not a Polish postal code (NN-NNN)" in result.stderr
    assert (Path("out") / LEFT_OUT_LIST).read_text(encoding="utf-8") == CORPUS_LIST


def test_the_command_says_it_in_polish(corpus: Path) -> None:
    result = run("--lang", "pl", "publish", "in", "--out", "out", "--skip-invalid")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"bdp-lod: opublikowano rekordy: 3; pominięto: 3 (zob. {Path('out').resolve() / LEFT_OUT_LIST})"
    )
    assert json.loads(Path("out", REPORT_JSON).read_text(encoding="utf-8"))["lang"] == "pl"


def test_the_command_exits_0_when_nothing_was_left_out(here: Path) -> None:
    result = run("publish", str(EXAMPLES), "--out", "out", "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "left out" not in result.stderr
    assert REPORT_FILES <= {p.name for p in Path("out").iterdir()}


def test_the_command_writes_nothing_and_exits_1_when_every_record_is_invalid(here: Path) -> None:
    Path("in").mkdir()
    shutil.copy(BROKEN / "json-missing-title.json", "in/a.json")
    for lang, message in (
        ("en", "bdp-lod: nothing written to out: every record has violations (1 left out, see above)"),
        ("pl", "bdp-lod: nic nie zapisano do out: każdy rekord ma naruszenia (pominięte: 1, zob. powyżej)"),
    ):
        result = run("--lang", lang, "publish", "in", "--out", "out", "--skip-invalid")
        assert (result.exit_code, result.stderr.splitlines()[-1]) == (1, message)
        assert not Path("out").exists()


def test_without_the_flag_a_violation_still_stops_the_run(corpus: Path) -> None:
    result = run("publish", "in", "--out", "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "bdp-lod: nothing written to out: 3 violation(s) above"
    assert not Path("out").exists()


def test_the_result_of_a_library_call_names_what_was_left_out(corpus: Path) -> None:
    result = publish(["in"], "out", skip_invalid=True, report_lang="pl")
    assert (result.ok, result.left_out, result.summary.practices if result.summary else None) == (True, CORPUS_LEFT_OUT, 3)
    assert result.files == tuple(sorted(p.name for p in Path("out").iterdir()))
    assert result.report.records == 4  # the records read: a schema violation leaves no record
