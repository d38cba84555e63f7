"""The release in dane.gov.pl's XML import format 1.10 (``dane-gov-pl.xml``).

dane.gov.pl does not harvest dump files. Its administrators point an "xml" data source at a
file in the portal's own format (namespace ``urn:otwarte-dane:harvester:1.10``), next to which
the portal requires ``<name>.md5`` with the file's MD5 (docs/standards.md §3.1). The file describes
one dataset with one resource per dump; each resource links to the dump (``availability``
``remote``: the portal does not copy the file). The portal accepts only ``https://`` resource
URLs and names licences its own way, so the licence is translated from the EU table and a
licence the 1.10 schema does not list (CC0 among them) is left out rather than misnamed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Sequence

from ..errors import InputError
from .dataset import (
    DATASET_ID, ReleaseIris, Text, dataset_texts, date_time, distribution_texts, eu_themes, keywords,
)
from .left_out import Omissions
from .release import DataSummary, DumpFile, PublishOptions

__all__ = ["NAMESPACE", "PORTAL_LICENCES", "dane_gov_pl_xml"]

NAMESPACE = "urn:otwarte-dane:harvester:1.10"

PORTAL_LICENCES: dict[str, str] = {
    "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0": "CC BY 4.0",
    "http://publications.europa.eu/resource/authority/licence/CC_BYSA_4_0": "CC BY-SA 4.0",
    "http://publications.europa.eu/resource/authority/licence/CC_BYNC_4_0": "CC BY-NC 4.0",
    "http://publications.europa.eu/resource/authority/licence/CC_BYNCSA_4_0": "CC BY-NC-SA 4.0",
    "http://publications.europa.eu/resource/authority/licence/CC_BYND_4_0": "CC BY-ND 4.0",
    "http://publications.europa.eu/resource/authority/licence/CC_BYNCND_4_0": "CC BY-NC-ND 4.0",
}
"""EU licence table → the names XSD 1.10 allows in ``dbOrCopyrightedLicenseChosen``."""


def _element(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, name, attributes)
    if text is not None:
        child.text = text
    return child


def _bilingual(parent: ET.Element, name: str, text: Text) -> None:
    node = _element(parent, name)
    _element(node, "polish", text.pl)
    _element(node, "english", text.en)


def _https(url: str) -> str:
    if not url.startswith("https://"):
        raise InputError(
            f"dane.gov.pl accepts only https:// resource URLs, not {url}: choose an https download base",
            pl=f"dane.gov.pl przyjmuje tylko adresy zasobów https://, a nie {url}: podaj bazę pobierania https",
        )
    return url


def dane_gov_pl_xml(
    options: PublishOptions, dumps: Sequence[DumpFile], summary: DataSummary, *, omissions: Omissions | None = None
) -> bytes:
    """The import file (UTF-8, deterministic); `InputError` when a dump URL is not https.

    ``omissions``: the release left records out; the description says how many and where the
    report is, without names (the portal keeps 1,000 characters of a description)."""
    iris = ReleaseIris(options)
    dates = options.release_dates(summary)
    # Unqualified names under a default-namespace declaration: every element is in NAMESPACE
    # (the schema's elementFormDefault is "qualified") and its attributes in none, as 1.10 wants.
    root = ET.Element("datasets", xmlns=NAMESPACE)
    dataset = _element(root, "dataset", status="published")
    _element(dataset, "extIdent", DATASET_ID)
    title, description = dataset_texts(summary)
    if omissions is not None:
        title, description = omissions.described((title, description), options.downloads, named=0)
    _bilingual(dataset, "title", title)
    _bilingual(dataset, "description", description)
    _element(dataset, "url", options.landing_page)
    _element(dataset, "updateFrequency", "notApplicable")
    categories = _element(dataset, "categories")
    for code in eu_themes(summary):
        _element(categories, "category", code)
    licence = PORTAL_LICENCES.get(options.licence)
    if licence is not None:
        conditions = _element(dataset, "conditions")
        _element(conditions, "dbOrCopyrighted", f"Baza danych udostępniona na licencji {licence}.")
        _element(conditions, "dbOrCopyrightedLicenseChosen", licence)
    resources = _element(dataset, "resources")
    for dump in dumps:
        resource = _element(resources, "resource", status="published")
        _element(resource, "extIdent", iris.identifier(dump))
        _element(resource, "url", _https(options.download_url(dump)))
        dump_title, dump_description = distribution_texts(dump)
        _bilingual(resource, "title", dump_title)
        _bilingual(resource, "description", dump_description)
        _element(resource, "availability", "remote")
        if dates is not None:
            _element(resource, "dataDate", dates[1].isoformat())
            _element(resource, "lastUpdateDate", date_time(dates[1]))
        if summary.voivodeships:
            regions = _element(resource, "regions")
            for code in sorted(summary.voivodeships):
                _element(regions, "terytIdent", code)
    tags = _element(dataset, "tags")
    pl, en = keywords()
    for word in pl:
        _element(tags, "tag", word, lang="pl")
    for word in en:
        _element(tags, "tag", word, lang="en")
    if dates is not None:
        _element(dataset, "lastUpdateDate", date_time(dates[1]))
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
