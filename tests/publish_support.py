"""A real release for the catalog, VoID and dane.gov.pl tests: the examples as dump files.

`publish` itself is tested elsewhere; these tests need only what it hands to the description
builders: the dumps written from the bundled examples, a gzipped sibling, and their summary.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from bdp_lod.convert import convert
from bdp_lod.publish.release import DataSummary, DumpFile, summarize

from conftest import EXAMPLES, FIXTURES

DCAT_AP = FIXTURES / "dcat-ap"
DANE_GOV_PL = FIXTURES / "dane-gov-pl"


@dataclass(frozen=True)
class Release:
    folder: Path
    dumps: list[DumpFile]
    summary: DataSummary
    data: Graph


def make_release(folder: Path) -> Release:
    """bdp.ttl, bdp.nt, bdp.jsonld and bdp.nt.gz of the examples, described as `publish` does."""
    for suffix in (".ttl", ".nt", ".jsonld"):
        result = convert([EXAMPLES], folder / f"bdp{suffix}")
        assert result.ok, result.findings
    (folder / "bdp.nt.gz").write_bytes(gzip.compress((folder / "bdp.nt").read_bytes(), mtime=0))
    data = Graph().parse(folder / "bdp.nt", format="nt")
    dumps = [DumpFile.of(folder / name) for name in ("bdp.ttl", "bdp.nt", "bdp.jsonld", "bdp.nt.gz")]
    return Release(folder=folder, dumps=dumps, summary=summarize(data), data=data)


def shapes(name: str) -> Graph:
    return Graph().parse(DCAT_AP / name, format="turtle")


def eu_vocabularies() -> Graph:
    """The EU code-list concepts the range and code-list shapes need beside the catalogue."""
    return Graph().parse(DCAT_AP / "eu-vocabularies.ttl", format="turtle")
