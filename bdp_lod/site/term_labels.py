"""Polish and English labels of the reused terms the data's pages show (DCMI, vCard, LOCN, CPOV,
ORG, schema.org, DCAT): their own vocabularies label them in English only, or not at all, and a
page for a Polish reader should not show "spatial". Terms not here are shown as prefixed names
(``void:triples``), which a data steward recognises."""

from __future__ import annotations

from typing import Final

__all__ = ["PREFIXES", "TERM_LABELS", "curie"]

_DCT = "http://purl.org/dc/terms/"
_VCARD = "http://www.w3.org/2006/vcard/ns#"
_LOCN = "http://www.w3.org/ns/locn#"
_CV = "http://data.europa.eu/m8g/"
_DCAT = "http://www.w3.org/ns/dcat#"

TERM_LABELS: Final[dict[str, dict[str, str]]] = {
    _DCT + "title": {"pl": "tytuł", "en": "title"},
    _DCT + "description": {"pl": "opis", "en": "description"},
    _DCT + "identifier": {"pl": "identyfikator", "en": "identifier"},
    _DCT + "issued": {"pl": "data dodania", "en": "date added"},
    _DCT + "modified": {"pl": "data zmiany", "en": "modified"},
    _DCT + "spatial": {"pl": "obszar", "en": "area"},
    _DCT + "temporal": {"pl": "okres", "en": "period"},
    _DCT + "publisher": {"pl": "wydawca", "en": "publisher"},
    _DCT + "license": {"pl": "licencja", "en": "licence"},
    _DCT + "Location": {"pl": "obszar", "en": "location"},
    _DCT + "PeriodOfTime": {"pl": "okres", "en": "period of time"},
    _DCAT + "theme": {"pl": "temat", "en": "theme"},
    _DCAT + "contactPoint": {"pl": "osoba do kontaktu", "en": "contact point"},
    _DCAT + "startDate": {"pl": "początek", "en": "start"},
    _DCAT + "endDate": {"pl": "koniec", "en": "end"},
    _DCAT + "keyword": {"pl": "słowo kluczowe", "en": "keyword"},
    _DCAT + "landingPage": {"pl": "strona", "en": "landing page"},
    _DCAT + "distribution": {"pl": "dystrybucja", "en": "distribution"},
    _DCAT + "downloadURL": {"pl": "plik do pobrania", "en": "download URL"},
    _DCAT + "byteSize": {"pl": "rozmiar (bajty)", "en": "size (bytes)"},
    _DCAT + "Dataset": {"pl": "zbiór danych", "en": "dataset"},
    _DCAT + "Catalog": {"pl": "katalog", "en": "catalogue"},
    _DCAT + "Distribution": {"pl": "dystrybucja", "en": "distribution"},
    _VCARD + "fn": {"pl": "imię i nazwisko", "en": "full name"},
    _VCARD + "title": {"pl": "stanowisko", "en": "position"},
    _VCARD + "hasEmail": {"pl": "e-mail", "en": "e-mail"},
    _VCARD + "hasTelephone": {"pl": "telefon", "en": "phone"},
    _VCARD + "hasURL": {"pl": "strona", "en": "website"},
    _VCARD + "organization-name": {"pl": "instytucja", "en": "organisation"},
    _VCARD + "Individual": {"pl": "osoba do kontaktu", "en": "contact person"},
    _VCARD + "Kind": {"pl": "kontakt", "en": "contact"},
    _VCARD + "Organization": {"pl": "kontakt instytucji", "en": "organisation contact"},
    _LOCN + "address": {"pl": "adres", "en": "address"},
    _LOCN + "fullAddress": {"pl": "pełny adres", "en": "full address"},
    _LOCN + "thoroughfare": {"pl": "ulica", "en": "street"},
    _LOCN + "locatorDesignator": {"pl": "numer", "en": "number"},
    _LOCN + "postCode": {"pl": "kod pocztowy", "en": "postal code"},
    _LOCN + "postName": {"pl": "poczta", "en": "post town"},
    _LOCN + "adminUnitL1": {"pl": "kraj", "en": "country"},
    _LOCN + "adminUnitL2": {"pl": "województwo", "en": "voivodeship"},
    _LOCN + "Address": {"pl": "adres", "en": "address"},
    _CV + "adminUnit": {"pl": "jednostka administracyjna", "en": "administrative unit"},
    _CV + "level": {"pl": "szczebel", "en": "level"},
    _CV + "AdminUnit": {"pl": "jednostka administracyjna", "en": "administrative unit"},
    _CV + "PublicOrganisation": {"pl": "instytucja publiczna", "en": "public organisation"},
    "http://www.w3.org/ns/org#classification": {"pl": "rodzaj", "en": "classification"},
    "http://www.w3.org/ns/org#subOrganizationOf": {"pl": "podlega", "en": "part of"},
    "http://www.w3.org/ns/org#Organization": {"pl": "organizacja", "en": "organisation"},
    "http://www.w3.org/ns/adms#identifier": {"pl": "identyfikator", "en": "identifier"},
    "http://www.w3.org/ns/adms#schemeAgency": {"pl": "nadawca identyfikatora", "en": "scheme agency"},
    "http://www.w3.org/ns/adms#Identifier": {"pl": "identyfikator", "en": "identifier"},
    "http://www.w3.org/2004/02/skos/core#notation": {"pl": "kod", "en": "code"},
    "http://www.w3.org/2004/02/skos/core#prefLabel": {"pl": "nazwa", "en": "name"},
    "http://www.w3.org/2000/01/rdf-schema#label": {"pl": "nazwa", "en": "label"},
    "http://xmlns.com/foaf/0.1/homepage": {"pl": "strona", "en": "homepage"},
    "https://schema.org/containedInPlace": {"pl": "leży w", "en": "contained in"},
    "https://schema.org/position": {"pl": "pozycja", "en": "position"},
    "http://spdx.org/rdf/terms#Checksum": {"pl": "suma kontrolna", "en": "checksum"},
    "http://spdx.org/rdf/terms#checksum": {"pl": "suma kontrolna", "en": "checksum"},
    "http://spdx.org/rdf/terms#checksumValue": {"pl": "wartość", "en": "value"},
    "http://spdx.org/rdf/terms#algorithm": {"pl": "algorytm", "en": "algorithm"},
}

PREFIXES: Final[dict[str, str]] = {
    "http://purl.org/dc/terms/": "dct", _VCARD: "vcard", _LOCN: "locn", _CV: "cv", _DCAT: "dcat",
    "http://rdfs.org/ns/void#": "void", "http://spdx.org/rdf/terms#": "spdx", "http://www.w3.org/ns/adms#": "adms",
    "http://www.w3.org/2004/02/skos/core#": "skos", "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://www.w3.org/2002/07/owl#": "owl", "http://www.w3.org/ns/org#": "org", "http://xmlns.com/foaf/0.1/": "foaf",
    "https://schema.org/": "schema", "http://purl.org/vocab/vann/": "vann", "http://data.europa.eu/r5r/": "dcatap",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf", "https://w3id.org/bdp/def#": "bdp",
}


def curie(iri: str) -> str | None:
    """``void:triples`` for a term of a known namespace, else None."""
    for namespace, prefix in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return None
