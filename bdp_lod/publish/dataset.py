"""What the published dataset says about itself, shared by the catalog, VoID and dane.gov.pl.

One place for the IRIs of the release (docs/design.md §3: ``id/catalog``, ``data/bdp``,
``data/bdp/{format}``), its Polish and English texts, its EU data themes and the formats of the
dumps, so the three descriptions cannot disagree. Every code below is checked against the EU
authority tables, IANA and W3C (tests/fixtures/dcat-ap/SOURCE.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rdflib import URIRef

from ..vocab import DEF_BASE, SKOS, vocabulary_graph
from .release import DataSummary, DumpFile, PublishOptions

__all__ = [
    "AUTHORITY", "DATASET_ID", "DumpFormat", "IANA", "MAX_IDENTIFIER", "ReleaseIris", "SHAPES_IRI",
    "VOCABULARY_IRI", "Text", "catalog_texts", "dataset_texts", "date_time", "distribution_texts",
    "dump_format", "eu_themes", "keywords",
]

AUTHORITY = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
DATA_THEME = AUTHORITY + "data-theme/"

DATASET_ID = "bdp"
MAX_IDENTIFIER = 36
"""dane.gov.pl keeps at most 36 characters of a dataset's or a resource's identifier."""

VOCABULARY_IRI = DEF_BASE
SHAPES_IRI = f"{DEF_BASE}/shapes"
"""The SHACL shapes the data conforms to; published as ``shapes.ttl`` beside the dumps."""

ALWAYS_THEMES = ("GOVE", "SOCI")
"""Every practice is a local government's (GOVE) work for its inhabitants (SOCI)."""


@dataclass(frozen=True)
class Text:
    pl: str
    en: str


@dataclass(frozen=True)
class DumpFormat:
    name: str
    """What people call it: "Turtle", "N-Triples", "JSON-LD"."""
    file_type: str
    """Code in the EU file-type table."""
    w3c: str
    """The W3C format IRI (``http://www.w3.org/ns/formats/…``) VoID's ``void:feature`` names."""


_FORMATS: dict[str, DumpFormat] = {
    "text/turtle": DumpFormat("Turtle", "RDF_TURTLE", "http://www.w3.org/ns/formats/Turtle"),
    "application/n-triples": DumpFormat("N-Triples", "RDF_N_TRIPLES", "http://www.w3.org/ns/formats/N-Triples"),
    "application/ld+json": DumpFormat("JSON-LD", "JSON_LD", "http://www.w3.org/ns/formats/JSON-LD"),
}


def dump_format(dump: DumpFile) -> DumpFormat:
    return _FORMATS[dump.media_type]


def date_time(day: date) -> str:
    """A day as the ``xsd:dateTime`` dane.gov.pl requires: its start, in local (Polish) time."""
    return f"{day.isoformat()}T00:00:00"


def eu_themes(summary: DataSummary) -> list[str]:
    """EU data-theme codes of the dataset: GOVE and SOCI, plus those the practices' themes map to."""
    graph = vocabulary_graph()
    codes = set(ALWAYS_THEMES)
    for theme in summary.themes:
        for match in graph.objects(URIRef(theme), SKOS.broadMatch):
            if str(match).startswith(DATA_THEME):
                codes.add(str(match)[len(DATA_THEME):])
    return sorted(codes)


def catalog_texts() -> tuple[Text, Text]:
    """Title and description of the catalogue."""
    return (
        Text(pl="Katalog Bazy Dobrych Praktyk", en="Good Practice Database catalogue"),
        Text(
            pl="Katalog danych otwartych Bazy Dobrych Praktyk samorządów: opis zbioru, jego plików do pobrania "
            "i warunków ponownego wykorzystania.",
            en="Open-data catalogue of the local-government Good Practice Database: the dataset, its "
            "downloadable files and the terms of reuse.",
        ),
    )


def dataset_texts(summary: DataSummary) -> tuple[Text, Text]:
    """Title and description of the dataset; the description states how many practices it holds."""
    return (
        Text(
            pl="Baza Dobrych Praktyk – dobre praktyki samorządów",
            en="Good Practice Database – good practices of Polish local governments",
        ),
        Text(
            pl="Dobre praktyki polskich jednostek samorządu terytorialnego jako dane powiązane (Linked Open Data): "
            "opis każdej praktyki, jednostka samorządu z kodem TERYT, instytucja wdrażająca, kontakty i działania. "
            f"Liczba praktyk: {summary.practices}.",
            en="Good practices of Polish local governments as Linked Open Data: each practice's description, "
            "the local government unit with its TERYT code, the implementing institution, contacts and "
            f"activities. Number of practices: {summary.practices}.",
        ),
    )


def keywords() -> tuple[list[str], list[str]]:
    """Keywords in Polish and in English."""
    return (
        ["dobre praktyki", "samorząd terytorialny", "usługi publiczne", "TERYT", "dane powiązane"],
        ["good practices", "local government", "public services", "TERYT", "linked open data"],
    )


def distribution_texts(dump: DumpFile) -> tuple[Text, Text]:
    """Title and description of one dump."""
    fmt = dump_format(dump).name
    gz_pl, gz_en = (", skompresowany gzip", ", gzip-compressed") if dump.compress_format else ("", "")
    return (
        Text(pl=f"Baza Dobrych Praktyk – {fmt}{gz_pl}", en=f"Good Practice Database – {fmt}{gz_en}"),
        Text(
            pl=f"Cały zbiór w jednym pliku {fmt} ({dump.media_type}{gz_pl}).",
            en=f"The whole dataset in one {fmt} file ({dump.media_type}{gz_en}).",
        ),
    )


@dataclass(frozen=True)
class ReleaseIris:
    """The IRIs a release mints, all under the base URI; none is a blank node."""

    options: PublishOptions

    @property
    def catalog(self) -> str:
        return f"{self.options.base_uri}id/catalog"

    @property
    def dataset(self) -> str:
        return f"{self.options.base_uri}data/{DATASET_ID}"

    @property
    def contact(self) -> str:
        return f"{self.dataset}/contact"

    @property
    def period(self) -> str:
        return f"{self.dataset}/period"

    @property
    def service(self) -> str:
        return f"{self.dataset}/sparql"

    def distribution(self, dump: DumpFile) -> str:
        return f"{self.dataset}/{dump.format_key}"

    def checksum(self, dump: DumpFile) -> str:
        return f"{self.distribution(dump)}/checksum"

    def identifier(self, dump: DumpFile) -> str:
        """The distribution's ``dct:identifier`` (also its dane.gov.pl ``extIdent``)."""
        if len(dump.key) > MAX_IDENTIFIER:
            raise ValueError(f"{dump.name}: the identifier {dump.key!r} is longer than {MAX_IDENTIFIER} characters")
        return dump.key
