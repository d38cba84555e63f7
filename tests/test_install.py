"""A built wheel carries the vocabulary and shapes and works outside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True,
    )
    (built,) = out.glob("bdp_lod-*.whl")
    return built


def test_the_wheel_contains_the_package_vocabulary_and_shapes(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "bdp_lod/__init__.py",
        "bdp_lod/_data/vocab/bdp.ttl",
        "bdp_lod/_data/vocab/themes.ttl",
        "bdp_lod/_data/vocab/unit-types.ttl",
        "bdp_lod/_data/vocab/context.jsonld",
        "bdp_lod/data/terc.tsv",
        "bdp_lod/site/templates/resource.html",
        "bdp_lod/site/templates/index.html",
        "bdp_lod/validation/templates/report.html",
        "bdp_lod/validation/templates/report.css",
        "bdp_lod/validation/templates/report.js",
    ):
        assert required in names
    assert any(n.startswith("bdp_lod/_data/shapes/") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "bdp-lod = bdp_lod.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_installed_package_finds_its_files_outside_the_repository(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)], check=True)
    code = (
        "import bdp_lod, bdp_lod.vocab as v, bdp_lod.concepts as c;"
        "print(bdp_lod.__file__);"
        "print(v.data_file('vocab', 'bdp.ttl'));"
        "print(len(v.vocabulary_graph()) > 100, c.unit_types().resolve('powiat grodzki').id);"
        "from bdp_lod.validation import validate;"
        "html = validate([sys.argv[1]]).to_html('pl');"
        "print(html.startswith('<!DOCTYPE html>'), 'Raport walidacji' in html, '<script src' in html)"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    record = elsewhere / "czersk.json"
    record.write_bytes((ROOT / "examples" / "000-czersk.json").read_bytes())
    code = "import sys;" + code
    out = subprocess.run([sys.executable, "-c", code, str(record)], cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    package_file, vocab_file, check, report = out.stdout.splitlines()
    assert package_file.startswith(str(target))
    assert vocab_file.startswith(str(target / "bdp_lod" / "_data" / "vocab"))
    assert check == "True miasto-na-prawach-powiatu"
    assert report == "True True False", "the HTML report renders from the installed templates, self-contained"
