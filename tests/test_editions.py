"""Editions (docs/publishing.md, "Editions"): ``publish --previous DIR`` makes the next edition of
DIR's dataset, with a change set that turns the previous dump into the new one exactly, the
catalog's versioning terms, per-practice modification dates, ``CHANGES.md`` and ``retired.ttl``.

The chain: edition 1 is the JSON examples; edition 2 corrects Czersk's description, withdraws
Kramsk, renames Klucze (a shorter title and no id: matched by its page) and adds a practice;
edition 3 corrects Śrem's description."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from bdp_lod.cli import cli
from bdp_lod.publish import PublishOptions, publish
from bdp_lod.publish.folder import CHECKSUMS, file_sha256
from bdp_lod.site.layout import Layout
from bdp_lod.site.retired import read_retired

from conftest import EXAMPLES
from publish_support import eu_vocabularies, shapes

B = "https://w3id.org/bdp/"
DCAT = "http://www.w3.org/ns/dcat#"
ADMS_NOTES = URIRef("http://www.w3.org/ns/adms#versionNotes")
SOURCE = "http://www.dobrepraktyki.pl/index.php?art=3"
RELEASES = {1: "2026-01-10", 2: "2026-12-07", 3: "2026-12-08"}
CZERSK = f"{B}id/practice/wzmocnienie-infrastruktury-soleckiej-w-celu-aktywizacji-i-integracji-mieszkancow-2013-06-28"
SREM = f"{B}id/practice/ozywienie-mechanizmow-partnerstwa-lokalnego-poprzez-realizacje-zadan-centrum-2011-03-03"
KLUCZE, KLUCZE_NOW = f"{B}id/practice/cus-klucze-plan-osl-2023", f"{B}id/practice/plan-osl-2023-01-10"
KRAMSK = f"{B}id/practice/cus-kramsk-pobudzanie-aktywnosci-obywatelskiej"
NEW = f"{B}id/practice/nowa-praktyka"


def _record(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _inputs(folder: Path, number: int) -> Path:
    folder.mkdir()
    records = {p.stem: _record(p.stem) for p in sorted(EXAMPLES.glob("*.json"))}
    records["003-klucze"]["source_url"] = SOURCE
    if number >= 2:
        records["000-czersk"]["description"] = str(records["000-czersk"]["description"]) + " Poprawka."
        del records["004-kramsk"]
        del records["003-klucze"]["id"]
        records["003-klucze"]["title"] = "Plan OSL"
        records["005-nowa"] = {**_record("001-srem"), "id": "nowa-praktyka", "title": "Nowa praktyka w gminie Śrem"}
    if number >= 3:
        records["001-srem"]["description"] = str(records["001-srem"]["description"]) + " Poprawka."
    for name, record in records.items():
        (folder / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return folder


def _publish(work: Path, number: int, previous: Path | None, out: Path | None = None) -> Path:
    out = out or work / f"edition-{number}"
    inputs = work / f"inputs-{number}-{out.name}"
    result = publish([str(_inputs(inputs, number))], out, previous=previous,
                     options=PublishOptions(modified=dt.date.fromisoformat(RELEASES[number])))
    assert result.ok, result.report.to_text()
    return out


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    work = tmp_path_factory.mktemp("editions")
    first = _publish(work, 1, None)
    second = _publish(work, 2, first)
    return {1: first, 2: second, 3: _publish(work, 3, second)}


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _graph(path: Path) -> set[tuple[object, object, object]]:
    return set(Graph().parse(path, format="nt"))


@pytest.mark.parametrize("number", [2, 3])
def test_the_change_set_turns_the_previous_dump_into_this_one_exactly(chain: dict[int, Path], number: int) -> None:
    before, after = chain[number - 1], chain[number]
    deleted, added = _lines(after / "changes.deleted.nt"), _lines(after / "changes.added.nt")
    assert deleted == sorted(deleted) and added == sorted(added) and not set(deleted) & set(added)
    assert set(deleted) <= set(_lines(before / "bdp.nt")) and not set(added) & set(_lines(before / "bdp.nt"))
    applied = (set(_lines(before / "bdp.nt")) - set(deleted)) | set(added)
    assert sorted(applied) == _lines(after / "bdp.nt")
    graph = (_graph(before / "bdp.nt") - _graph(after / "changes.deleted.nt")) | _graph(after / "changes.added.nt")
    assert graph == _graph(after / "bdp.nt")


def test_edition_json_says_which_edition_of_what_after_which(chain: dict[int, Path]) -> None:
    data = json.loads((chain[3] / "edition.json").read_text(encoding="utf-8"))
    changes = data.pop("changes")
    assert data == {
        "base_uri": B, "dataset": f"{B}data/bdp", "edition": 3, "iri": f"{B}data/bdp/edition/3",
        "issued": "2026-01-10", "modified": "2026-12-08",
        "previous": {"edition": 2, "iri": f"{B}data/bdp/edition/2", "sha256": file_sha256(chain[2] / "bdp.nt"),
                     "triples": len(_lines(chain[2] / "bdp.nt"))},
        "sha256": file_sha256(chain[3] / "bdp.nt"), "triples": len(_lines(chain[3] / "bdp.nt")),
    }
    assert changes == {"added": "changes.added.nt", "deleted": "changes.deleted.nt",
                       "added_triples": len(_lines(chain[3] / "changes.added.nt")),
                       "deleted_triples": len(_lines(chain[3] / "changes.deleted.nt"))}
    assert (chain[3] / "edition.json").read_text(encoding="utf-8") == json.dumps(
        {**data, "changes": changes}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_a_plain_publication_is_edition_1_and_carries_no_edition_files(chain: dict[int, Path]) -> None:
    assert not {"edition.json", "retired.ttl", "CHANGES.md", "changes.added.nt"} & {p.name for p in chain[1].iterdir()}
    listed = (chain[2] / CHECKSUMS).read_text(encoding="utf-8")
    for name in ("edition.json", "retired.ttl", "CHANGES.md", "changes.added.nt", "changes.deleted.nt"):
        assert f"  {name}\n" in listed


def test_the_catalog_names_every_edition_with_dcat_3_versioning_terms(chain: dict[int, Path]) -> None:
    catalog = Graph().parse(chain[3] / "catalog.ttl", format="turtle")
    dataset = URIRef(f"{B}data/bdp")
    edition = {n: URIRef(f"{B}data/bdp/edition/{n}") for n in RELEASES}
    assert catalog.value(dataset, URIRef(DCAT + "version")) == Literal("3")
    assert catalog.value(dataset, URIRef(DCAT + "hasCurrentVersion")) == edition[3]
    assert set(catalog.objects(dataset, URIRef(DCAT + "hasVersion"))) == set(edition.values())
    assert catalog.value(dataset, DCTERMS.issued) == Literal("2026-01-10T00:00:00", datatype=XSD.dateTime)
    assert catalog.value(dataset, DCTERMS.modified) == Literal("2026-12-08T00:00:00", datatype=XSD.dateTime)
    assert set(catalog.objects(dataset, ADMS_NOTES)) == {
        Literal("Edition 3 (2026-12-08) after edition 2: practices added: 0, changed: 1, withdrawn: 0, renamed: 0 "
                "(CHANGES.md).", lang="en"),
        Literal("Wydanie 3 (2026-12-08) po wydaniu 2: praktyki dodane: 0, zmienione: 1, wycofane: 0, "
                "przemianowane: 0 (CHANGES.md).", lang="pl"),
    }
    for n, day in RELEASES.items():
        assert catalog.value(edition[n], URIRef(DCAT + "version")) == Literal(str(n))
        assert catalog.value(edition[n], DCTERMS.issued) == Literal(day, datatype=XSD.date)
        assert catalog.value(edition[n], URIRef(DCAT + "isVersionOf")) == dataset
        assert catalog.value(edition[n], URIRef(DCAT + "previousVersion")) == (edition[n - 1] if n > 1 else None)
        assert catalog.value(edition[n], DCTERMS.title, any=True) is not None
    assert set(catalog.objects(edition[2], ADMS_NOTES)) == set(
        Graph().parse(chain[2] / "catalog.ttl", format="turtle").objects(dataset, ADMS_NOTES))


def test_the_editions_catalog_still_passes_the_dcat_ap_base_shapes(chain: dict[int, Path]) -> None:
    from pyshacl import validate
    catalog = Graph().parse(chain[3] / "catalog.ttl", format="turtle") + eu_vocabularies()
    conforms, _graph, text = validate(catalog, shacl_graph=shapes("shapes.ttl"), allow_warnings=False)
    assert conforms, text


def _modified(folder: Path) -> dict[str, str]:
    graph = Graph().parse(folder / "bdp.nt", format="nt")
    return {str(s): str(o) for s, o in graph.subject_objects(DCTERMS.modified)}


def test_a_practice_is_dated_when_it_changed_not_when_it_was_republished(chain: dict[int, Path]) -> None:
    assert _modified(chain[1]) == {}
    assert _modified(chain[2]) == {CZERSK: "2026-12-07", KLUCZE_NOW: "2026-12-07", NEW: "2026-12-07"}
    assert _modified(chain[3]) == {CZERSK: "2026-12-07", KLUCZE_NOW: "2026-12-07", NEW: "2026-12-07",
                                   SREM: "2026-12-08"}


def test_the_json_ld_carries_the_dates_too(chain: dict[int, Path]) -> None:
    assert set(Graph().parse(chain[3] / "bdp.jsonld", format="json-ld")) == _graph(chain[3] / "bdp.nt")


def test_changes_md_lists_what_changed_by_iri_in_english_and_polish(chain: dict[int, Path]) -> None:
    text = (chain[2] / "CHANGES.md").read_text(encoding="utf-8")
    english, _, polish = text.partition("\n# Wydanie 2 (2026-12-07)\n")
    assert english.startswith("# Edition 2 (2026-12-07)\n\nAfter edition 1 (<https://w3id.org/bdp/data/bdp/edition/1>): "
                              f"triples −{len(_lines(chain[2] / 'changes.deleted.nt'))} (`changes.deleted.nt`), "
                              f"+{len(_lines(chain[2] / 'changes.added.nt'))} (`changes.added.nt`).\n")
    practices = english.partition("## Practices\n\n")[2].partition("## Local government units")[0]
    assert practices == (
        f"### Added (1)\n\n- <{NEW}>: Nowa praktyka w gminie Śrem\n\n"
        f"### Changed (1)\n\n- <{CZERSK}>: Wzmocnienie infrastruktury sołeckiej w celu aktywizacji i integracji "
        "mieszkańców oraz podniesienia jakości ich życia\n\n"
        f"### Withdrawn (1)\n\n- <{KRAMSK}>: Pobudzanie aktywności obywatelskiej\n\n"
        f"### Renamed (1)\n\n- <{KLUCZE}> → <{KLUCZE_NOW}>: Plan Organizowania Społeczności Lokalnej\n\n"
    )
    assert "## Local government units\n\n### Withdrawn (2)\n\n" f"- <{B}id/unit/3010>: Powiat koniński\n" \
           f"- <{B}id/unit/301005>: Gmina Kramsk\n" in english
    assert (f"## Instytucje\n\n### Wycofane (1)\n\n- <{B}id/institution/centrum-uslug-spolecznych-w-gminie-kramsk-301005>: "
            "Centrum Usług Społecznych w Gminie Kramsk\n") in polish
    assert f"### Przemianowane (1)\n\n- <{KLUCZE}> → <{KLUCZE_NOW}>: Plan Organizowania Społeczności Lokalnej\n" in polish
    assert polish.endswith("## Kontakty\n\n—\n")


def test_retired_ttl_is_what_the_site_reads_and_carries_earlier_editions_over(chain: dict[int, Path]) -> None:
    layout = Layout(B)
    second = {r.iri: r for r in read_retired(chain[2], layout)}
    withdrawn = second[KRAMSK]
    assert (withdrawn.replaced_by, withdrawn.date, withdrawn.edition, dict(withdrawn.labels), dict(withdrawn.notes)) == (
        None, "2026-12-07", f"{B}data/bdp/edition/2", {"pl": "Pobudzanie aktywności obywatelskiej"},
        {"en": "Withdrawn in edition 2 (2026-12-07): no longer in the submitted records",
         "pl": "Wycofana w wydaniu 2 (2026-12-07): nie ma jej już w przesłanych rekordach"})
    renamed = second[KLUCZE]
    assert (renamed.replaced_by, dict(renamed.notes)) == (KLUCZE_NOW, {
        "en": "Renamed in edition 2 (2026-12-07)", "pl": "Przemianowana w wydaniu 2 (2026-12-07)"})
    assert second[f"{KLUCZE}/activity/2"].replaced_by == f"{KLUCZE_NOW}/activity/2"
    assert second[f"{KLUCZE}/activity/2"].labels == {"pl": "Działanie 2"}
    assert {f"{B}id/unit/301005", f"{B}id/area/301005",
            f"{B}id/institution/centrum-uslug-spolecznych-w-gminie-kramsk-301005"} <= set(second)
    assert NEW not in second and CZERSK not in second
    third = read_retired(chain[3], layout)
    assert third == sorted(second.values(), key=lambda r: r.path)


def test_the_same_inputs_give_the_same_edition_byte_for_byte(chain: dict[int, Path], tmp_path: Path) -> None:
    again = _publish(tmp_path, 2, chain[1])
    names = sorted(p.name for p in chain[2].iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        assert (again / name).read_bytes() == (chain[2] / name).read_bytes(), name


def test_the_folder_being_replaced_may_be_the_previous_edition(chain: dict[int, Path], tmp_path: Path) -> None:
    folder = tmp_path / "site"
    shutil.copytree(chain[1], folder)
    _publish(tmp_path, 2, folder, out=folder)
    assert (folder / "bdp.nt").read_bytes() == (chain[2] / "bdp.nt").read_bytes()
    assert (folder / "changes.added.nt").read_bytes() == (chain[2] / "changes.added.nt").read_bytes()


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_validate_previous_warns_before_a_practice_is_renamed_and_names_the_id_to_set(chain: dict[int, Path], tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "inputs", 2)
    result = run("validate", "--format", "json", "--previous", str(chain[1]), str(inputs))
    findings = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "record.renamed"]
    assert [(f["severity"], f["file"], f["field"], f["value"], f["message"]) for f in findings] == [(
        "warning", str(inputs / "003-klucze.json"), "source_url", SOURCE,
        f"the practice with this source_url was {KLUCZE} in the previous edition and would become {KLUCZE_NOW}; "
        'set "id": "cus-klucze-plan-osl-2023" to keep its IRI',
    )]
    polish = run("--lang", "pl", "validate", "--previous", str(chain[1]), str(inputs))
    assert 'ustaw "id": "cus-klucze-plan-osl-2023", aby zachować jej IRI' in " ".join(polish.stdout.split())
    assert run("validate", str(inputs)).stdout.count("previous edition") == 0


def _relist(folder: Path) -> None:
    names = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != CHECKSUMS)
    (folder / CHECKSUMS).write_text("".join(f"{file_sha256(folder / n)}  {n}\n" for n in names), encoding="utf-8")


def _damaged(chain: dict[int, Path], tmp_path: Path, how: str) -> Path:
    folder = tmp_path / "previous"
    if how == "not a publication":
        folder.mkdir()
        (folder / "notes.txt").write_text("x", encoding="utf-8")
        return folder
    shutil.copytree(chain[2], folder)
    if how == "other base URI":
        shutil.rmtree(folder)
        publish([str(_inputs(tmp_path / "other", 1))], folder, options=PublishOptions(base_uri="https://dane.example.pl/bdp/"))
        return folder
    if how == "other dataset":
        catalog = (folder / "catalog.ttl").read_text(encoding="utf-8")
        (folder / "catalog.ttl").write_text(catalog.replace('dcterms:identifier "bdp"', 'dcterms:identifier "inny"'),
                                            encoding="utf-8")
    elif how == "missing bdp.nt":
        (folder / "bdp.nt").unlink()
    elif how == "garbled edition.json":
        (folder / "edition.json").write_text('{"edition": "dwa"}\n', encoding="utf-8")
    elif how == "damaged bdp.nt":
        (folder / "bdp.nt").write_text("", encoding="utf-8")
        return folder
    _relist(folder)
    return folder


@pytest.mark.parametrize(("how", "says"), [
    ("not a publication", "{p}: not a published folder: cannot read SHA256SUMS (No such file or directory)"),
    ("other base URI", "{p}/catalog.ttl: was published under another base URI: its dataset is "
                       "https://dane.example.pl/bdp/data/bdp, not https://w3id.org/bdp/data/bdp"),
    ("other dataset", "{p}/catalog.ttl: holds the dataset 'inny', not 'bdp'"),
    ("missing bdp.nt", "{p}: not a publication to follow: SHA256SUMS does not list bdp.nt"),
    ("garbled edition.json", '{p}/edition.json: not an edition description: "edition" is not a number from 1'),
    ("damaged bdp.nt", "{p}/bdp.nt: does not match its SHA-256 in SHA256SUMS: the publication was changed or damaged"),
])
def test_a_previous_that_is_not_this_datasets_publication_is_one_line_exit_2_and_nothing_written(
    chain: dict[int, Path], tmp_path: Path, how: str, says: str,
) -> None:
    previous = _damaged(chain, tmp_path, how)
    inputs = _inputs(tmp_path / "inputs", 3)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run("publish", str(inputs), "--out", str(tmp_path / "out"), "--previous", str(previous))
    assert (result.exit_code, result.stderr) == (2, f"bdp-lod: {says.format(p=previous)}\n")
    assert result.stdout == "" and sorted(p.name for p in tmp_path.iterdir()) == before
