"""`publish`: a complete, reproducible folder or nothing at all (bdp_lod.publish)."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from bdp_lod.errors import InputError
from bdp_lod.publish import PublishOptions, publish
from bdp_lod.records import prepare
from bdp_lod.sources.rdf import load
from bdp_lod.vocab import DCTERMS, OWL, RDF, data_file

from conftest import EXAMPLES, ROOT

FILES = [
    "SHA256SUMS", "bdp.jsonld", "bdp.nt", "bdp.ttl", "catalog.ttl", "context.jsonld", "dane-gov-pl.md5",
    "dane-gov-pl.xml", "shapes.ttl", "vocab.ttl", "void.ttl",
]
DATASET = URIRef("https://w3id.org/bdp/data/bdp")
PEOPLE = ("Magdalena Apostołowicz", "Maria Świdurska", "Agnieszka Rzepecka")
"""Every contact person the examples name."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = publish([EXAMPLES], out, gzip=True)
    assert result.ok, result.findings
    return out


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _siblings(folder: Path) -> list[str]:
    """What a run left beside the folder (working folders, set-aside old folders)."""
    return sorted(p.name for p in folder.parent.iterdir() if p.name != folder.name)


def test_writes_the_dumps_their_descriptions_and_copies(site: Path) -> None:
    assert sorted(p.name for p in site.iterdir()) == sorted(FILES + ["bdp.jsonld.gz", "bdp.nt.gz", "bdp.ttl.gz"])
    assert _siblings(site) == []


def test_sha256sums_lists_every_other_file_as_sha256sum_checks_it(site: Path) -> None:
    lines = (site / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    names = sorted(p.name for p in site.iterdir() if p.name != "SHA256SUMS")
    assert lines == [f"{hashlib.sha256((site / n).read_bytes()).hexdigest()}  {n}" for n in names]
    if shutil.which("sha256sum"):
        check = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=site, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def test_gzip_members_hold_the_dumps_with_no_name_and_no_time(site: Path) -> None:
    for name in ("bdp.ttl", "bdp.nt", "bdp.jsonld"):
        packed = (site / f"{name}.gz").read_bytes()
        assert gzip.decompress(packed) == (site / name).read_bytes()
        flags, mtime = packed[3], int.from_bytes(packed[4:8], "little")
        assert (flags & 0x08, mtime) == (0, 0)  # FNAME not set, MTIME zero


def test_the_md5_beside_the_dane_gov_pl_file_is_its_checksum(site: Path) -> None:
    md5 = hashlib.md5((site / "dane-gov-pl.xml").read_bytes()).hexdigest()
    assert (site / "dane-gov-pl.md5").read_text(encoding="ascii") == md5 + "\n"


def test_copies_are_the_shipped_definitions(site: Path) -> None:
    assert (site / "context.jsonld").read_bytes() == data_file("vocab", "context.jsonld").read_bytes()
    assert (site / "shapes.ttl").read_bytes() == data_file("shapes", "bdp.shacl.ttl").read_bytes()
    vocabulary = Graph().parse(site / "vocab.ttl", format="turtle")
    assert (URIRef("https://w3id.org/bdp/def#Practice"), RDF.type, OWL.Class) in vocabulary


def test_the_catalog_describes_the_files_as_written(site: Path) -> None:
    catalog = Graph().parse(site / "catalog.ttl", format="turtle")
    sizes = {int(o) for o in catalog.objects(None, URIRef("http://www.w3.org/ns/dcat#byteSize"))}
    assert sizes == {(site / n).stat().st_size for n in ("bdp.ttl", "bdp.nt", "bdp.jsonld", "bdp.ttl.gz", "bdp.nt.gz", "bdp.jsonld.gz")}


def test_release_date_defaults_to_the_newest_date_added(site: Path) -> None:
    newest = max(p.date_added for p in prepare([EXAMPLES]).practices if p.date_added)
    catalog = Graph().parse(site / "catalog.ttl", format="turtle")
    assert {o.toPython().date() for o in catalog.objects(DATASET, DCTERMS.modified)} == {newest}


def test_modified_and_publisher_options_reach_the_descriptions(tmp_path: Path) -> None:
    options = PublishOptions(modified=dt.date(2030, 1, 2), publisher_name="Związek Miast Polskich",
                             download_base="https://dane.example.pl/bdp/")
    publish([EXAMPLES], tmp_path / "site", options=options)
    catalog = Graph().parse(tmp_path / "site" / "catalog.ttl", format="turtle")
    assert {o.toPython().date() for o in catalog.objects(DATASET, DCTERMS.modified)} == {dt.date(2030, 1, 2)}
    assert Literal("Związek Miast Polskich") in set(catalog.objects())
    downloads = {str(o) for o in catalog.objects(None, URIRef("http://www.w3.org/ns/dcat#downloadURL"))}
    assert "https://dane.example.pl/bdp/bdp.nt" in downloads


def test_same_input_same_bytes(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    publish([EXAMPLES], again, gzip=True, workers=1)
    assert _snapshot(again) == _snapshot(site)


def test_violations_write_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"title": "T", "description": "D", "institution": {"name": "Urząd", "address": {"postal_code": "89650"}}}))
    result = publish([bad], tmp_path / "site")
    assert not result.ok
    assert [f.field for f in result.findings if f.severity.value == "violation"] == ["institution.address.postal_code"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_violations_leave_a_previous_publication_alone(site: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"title": "T", "description": "D", "population": -1}))
    before = _snapshot(site)
    assert not publish([bad], site).ok
    assert _snapshot(site) == before


def test_a_dump_published_again_with_its_records_gives_the_same_dumps(tmp_path: Path) -> None:
    # Validation checks an RDF input as a graph, so publishing reads it as records itself.
    publish([EXAMPLES], tmp_path / "first")
    again = publish([tmp_path / "first" / "bdp.nt", EXAMPLES], tmp_path / "again")
    assert again.ok and again.summary is not None and again.summary.practices == 5
    for name in ("bdp.ttl", "bdp.nt", "bdp.jsonld"):
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()


def test_a_previous_publication_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish([EXAMPLES], out, gzip=True)
    publish([EXAMPLES / "000-czersk.json"], out)
    assert sorted(p.name for p in out.iterdir()) == FILES
    assert b"Czersk" in (out / "bdp.nt").read_bytes() and b"Katowice" not in (out / "bdp.nt").read_bytes()
    assert _siblings(out) == []


@pytest.mark.parametrize("content", ["a file", "a folder of other things"])
def test_only_an_empty_folder_or_a_publication_is_replaced(tmp_path: Path, content: str) -> None:
    out = tmp_path / "out"
    if content == "a file":
        out.write_text("keep me")
    else:
        out.mkdir()
        (out / "notes.txt").write_text("keep me")
    with pytest.raises(InputError):
        publish([EXAMPLES], out)
    assert (out.read_text() if out.is_file() else (out / "notes.txt").read_text()) == "keep me"
    assert _siblings(out) == []


def test_a_failure_mid_write_leaves_the_previous_folder_as_it_was(site: Path) -> None:
    before = _snapshot(site)

    def fail(name: str) -> None:
        if name == "bdp.nt":
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        publish([EXAMPLES / "000-czersk.json"], site, progress=fail)
    assert _snapshot(site) == before
    assert _siblings(site) == []


KILL_MID_WRITE = """
import os, signal, sys
from bdp_lod.publish import publish

def kill(name):
    if name == sys.argv[2]:
        os.kill(os.getpid(), signal.SIGKILL)

publish([sys.argv[1]], sys.argv[3], progress=kill, workers=1)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL and stale-folder clean-up are POSIX")
@pytest.mark.parametrize("moment", ["bdp.jsonld", "bdp.ttl", "SHA256SUMS"])
def test_a_run_killed_mid_write_leaves_the_previous_folder_as_it_was(tmp_path: Path, moment: str) -> None:
    out = tmp_path / "site"
    publish([EXAMPLES], out)
    before = _snapshot(out)
    killed = subprocess.run(
        [sys.executable, "-c", KILL_MID_WRITE, str(EXAMPLES / "000-czersk.json"), moment, str(out)],
        cwd=ROOT, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert killed.returncode == -9, killed.stderr
    assert _snapshot(out) == before
    left = _siblings(out)
    assert len(left) == 1 and left[0].startswith(".site.publish-")
    publish([EXAMPLES / "000-czersk.json"], out)
    assert _siblings(out) == []  # the next run clears what the killed one left


def test_redacted_publication_names_no_contact_person(tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish([EXAMPLES], out, gzip=True, redact_contacts=True)
    forms = set()
    for person in PEOPLE:
        for part in person.split():
            forms |= {part, part.lower(), part.translate(str.maketrans("łŁśŚ", "lLsS")).lower()}
    for path in out.iterdir():
        data = path.read_bytes()
        text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
        assert not [f for f in forms if f in text], path.name
    assert b"promocja@czersk.pl" in (out / "bdp.nt").read_bytes()



@pytest.mark.parametrize("dump", ["bdp.ttl", "bdp.nt", "bdp.jsonld"])
def test_each_dump_reads_back_as_the_records_published(site: Path, dump: str) -> None:
    published = sorted(prepare([EXAMPLES]).practices, key=lambda p: p.title)
    assert sorted(load(site / dump), key=lambda p: p.title) == published
