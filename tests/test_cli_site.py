"""``bdp-lod site DIR``: the site added to a publication afterwards, under publish's guarantees."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bdp_lod.cli import cli
from bdp_lod.publish import publish

from conftest import EXAMPLES
from site_support import publish_site


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def published(tmp_path: Path) -> Path:
    folder = tmp_path / "plain"
    publish([str(EXAMPLES)], folder)
    return folder


def test_the_site_added_later_is_the_one_publish_site_writes(published: Path, tmp_path: Path) -> None:
    result = run("site", str(published))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote the site of 183 resources to {published}: 366 pages, 549 RDF documents.\n"
    expected, written = _files(publish_site(tmp_path / "with-site")), _files(published)
    rules = "hosting/nginx-server.conf"  # names the folder on the host's disk: the one the site was added to
    assert f"alias {published.resolve()}/;".encode() in written.pop(rules)
    expected.pop(rules)
    assert written == expected


def test_a_site_already_there_is_replaced_whole(published: Path) -> None:
    assert run("site", str(published)).exit_code == 0
    first = _files(published)
    (published / "doc" / "stale.html").write_text("left over")
    (published / "index.html").write_text("edited by hand")
    assert run("site", str(published)).exit_code == 0
    assert _files(published) == first


def test_the_publications_files_are_linked_not_copied(published: Path) -> None:
    before = (published / "bdp.nt").stat().st_ino
    assert run("site", str(published)).exit_code == 0
    assert (published / "bdp.nt").stat().st_ino == before


@pytest.mark.parametrize("lang, says", [
    ("en", "not a published folder: cannot read SHA256SUMS (No such file or directory)"),
    ("pl", "to nie jest folder publikacji: nie można odczytać SHA256SUMS (No such file or directory)"),
])
def test_a_folder_that_is_not_a_publication_is_refused_untouched(tmp_path: Path, lang: str, says: str) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run("--lang", lang, "site", str(tmp_path))
    assert (result.exit_code, result.stderr) == (2, f"bdp-lod: {tmp_path}: {says}\n")
    assert _files(tmp_path) == {"notes.txt": b"mine"}


def test_a_dump_changed_after_publishing_is_refused_and_nothing_is_written(published: Path) -> None:
    with (published / "bdp.ttl").open("a") as handle:
        handle.write("# edited\n")
    before = _files(published)
    result = run("site", str(published))
    assert (result.exit_code, result.stderr) == (
        2, f"bdp-lod: {published / 'bdp.ttl'}: does not match its SHA-256 in SHA256SUMS: "
           "the folder was changed after it was published\n")
    assert _files(published) == before
    assert [p.name for p in published.parent.iterdir()] == ["plain"]


def test_a_listed_file_that_is_missing_is_named(published: Path) -> None:
    (published / "void.ttl").unlink()
    result = run("site", str(published))
    assert (result.exit_code, result.stderr) == (
        2, f"bdp-lod: {published / 'void.ttl'}: is listed in SHA256SUMS but missing: the folder is incomplete\n")


def test_checksums_naming_a_file_outside_the_folder_are_refused(published: Path) -> None:
    sums = published / "SHA256SUMS"
    sums.write_text(sums.read_text() + f"{'0' * 64}  ../secret\n")
    result = run("site", str(published))
    assert (result.exit_code, result.stderr) == (
        2, f"bdp-lod: {published}: SHA256SUMS lists '../secret', which is not a file of the folder itself\n")
