"""The BDP page reader: the seed pages, saved HTML, and every real-world variation of a page."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from bdp_lod.errors import InputError, InvalidRecords, NotAPracticePage
from bdp_lod.findings import Severity
from bdp_lod.model import Practice
from bdp_lod.normalize import practice_from_submission
from bdp_lod.sources.bdp_page import PageResult, parse_page, read_page

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = FIXTURES / "seeds"
CZERSK = SEEDS / "000_c4dbc536a2a9d4ca.txt"
SREM = SEEDS / "001_1196ef917f521a9f.txt"
KATOWICE = SEEDS / "002_afdb9f643c8e20aa.txt"
KLUCZE = SEEDS / "003_c8b2e809a75ce6f8.txt"
KRAMSK = SEEDS / "004_565781f27ec0edf0.txt"
CZERSK_HTML = FIXTURES / "pages" / "czersk.html"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

NBSP = "\u00a0"
CONTACT = (
    f"Osoby kontaktowe:{NBSP}{NBSP}Magdalena Apostołowicz\n"
    f"{NBSP}Inspektor Wydziału Rozwoju Społecznego\n"
    f"{NBSP}tel. (52) 395 48 68\n"
    f"{NBSP}e@mail: promocja@czersk.pl\n"
)


def czersk_with(old: str, new: str) -> str:
    """The Czersk page with one passage edited: each variation test states its own edit."""
    text = CZERSK.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def practice(text: str) -> Practice:
    return practice_from_submission(parse_page(text).record)


def read(path: Path) -> Practice:
    return read_page(path)[0].practice


# --- the seed pages ------------------------------------------------------------------------------


def test_czersk_page_every_field():
    record, warnings = read_page(CZERSK)
    p = record.practice
    assert warnings == []
    assert record.origin.file == str(CZERSK) and record.origin.index == 0
    assert p.title == (
        "Wzmocnienie infrastruktury sołeckiej w celu aktywizacji i integracji mieszkańców "
        "oraz podniesienia jakości ich życia"
    )
    assert p.theme == "pomoc-spoleczna"
    assert p.programme == "doskonalenie-zarzadzania"
    assert p.date_added == dt.date(2013, 6, 28)
    assert p.population == 21224
    assert (p.unit.name, p.unit.type, p.unit.powiat, p.unit.voivodeship) == (
        "Czersk", "gmina-miejsko-wiejska", "Chojnicki", "pomorskie",
    )
    assert p.institution.name == "Urząd Miejski w Czersku"
    assert p.institution.website == "http://www.czersk.pl/"
    address = p.institution.address
    assert (address.street, address.postal_code, address.post_office) == ("Kościuszki 27", "89-650", "Czersk")
    (contact,) = p.contacts
    assert contact.name == "Magdalena Apostołowicz"
    assert contact.position == "Inspektor Wydziału Rozwoju Społecznego"
    assert contact.phones == ("+48523954868",)
    assert contact.emails == ("promocja@czersk.pl",)
    assert p.has_attachments is False
    assert (p.id, p.source_url, p.extra) == (None, None, ())


def test_czersk_description_keeps_paragraphs_and_drops_page_furniture():
    description = read(CZERSK).description
    assert description.startswith("Praktyka polega na")
    assert description.endswith("(wspieranie działań).")
    parts = description.split("\n\n")
    assert len(parts) == 4
    assert parts[3].splitlines()[0].startswith("1. Diagnoza mocnych")
    for furniture in ("Skrót i Metryka", "gości odwiedziło", "Strona główna", NBSP, "Metryka praktyki"):
        assert furniture not in description


def test_srem_page_without_powiat_under_jst_ngo_practices():
    p = read(SREM)
    assert p.unit.powiat is None
    assert (p.unit.name, p.unit.type, p.unit.voivodeship) == ("Śrem", "gmina-miejska", "wielkopolskie")
    assert p.theme == "wspolpraca-jst-ngo"
    assert p.programme == "model-wspolpracy-jst-ngo"
    assert p.population == 40333
    assert p.date_added == dt.date(2011, 3, 3)
    assert p.contacts[0].phones == ("+48612836107",)
    assert len(p.description.split("\n\n")) == 2


def test_katowice_page_with_attachments_and_powiat_grodzki():
    p = read(KATOWICE)
    assert p.has_attachments is True
    assert p.unit.type == "miasto-na-prawach-powiatu"
    assert p.unit.powiat == "katowicki"
    assert p.unit.voivodeship == "śląskie"
    assert p.population == 302094
    (contact,) = p.contacts
    assert contact.phones == ("+48725161463",)
    assert contact.position == "Specjalista pracy socjalnej, Koordynator – Animator PCAL Szopienice"
    assert contact.emails == ("scal.szopienice@mops.katowice.pl",)


@pytest.mark.parametrize(
    ("page", "example"),
    [(CZERSK, "000-czersk.json"), (SREM, "001-srem.json"), (KATOWICE, "002-katowice.json")],
)
def test_parsed_page_equals_hand_written_example(page: Path, example: str):
    expected = practice_from_submission(json.loads((EXAMPLES / example).read_text(encoding="utf-8")))
    # A plain-text page carries no URL, so it cannot know the record id or source URL.
    assert read(page) == replace(expected, id=None, source_url=None)


def test_parse_page_returns_submission_format_before_normalisation():
    result = parse_page(CZERSK.read_text(encoding="utf-8"), file="czersk.txt")
    assert isinstance(result, PageResult)
    assert result.record["institution"]["website"] == "www.czersk.pl"
    assert result.record["contacts"][0]["phones"] == ["(52) 395 48 68"]
    assert result.record["population"] == 21224
    assert result.record["date_added"] == "2013-06-28"
    assert "has_attachments" not in result.record


# --- pages that are not practice pages -----------------------------------------------------------


@pytest.mark.parametrize("page", [KLUCZE, KRAMSK])
def test_community_organising_pages_are_refused(page: Path):
    with pytest.raises(NotAPracticePage) as caught:
        read_page(page)
    assert caught.value.file == str(page)
    assert str(page) in str(caught.value)
    assert '"Metryka praktyki"' in caught.value.message.en
    assert "„Metryka praktyki”" in caught.value.message.pl


def test_page_with_metryka_but_no_title_is_refused():
    text = "Strona główna\nCoś innego\n\nMetryka praktyki\nMiejscowość:  Czersk\n"
    with pytest.raises(NotAPracticePage, match="title"):
        parse_page(text, file="x.txt")


def test_title_found_from_breadcrumb_when_link_bar_is_lost():
    text = czersk_with(f".: {NBSP} Skrót i Metryka -> Pełna prezentacja {NBSP} :.\n\n\nPraktyka", "Praktyka")
    assert practice(text) == read(CZERSK)


def test_page_starting_at_strona_glowna_has_no_programme():
    text = czersk_with(
        "Doskonalenie zarządzania usługami publicznymi i rozwojem w jednostkach samorządu lokalnego "
        "(gminach i powiatach)\n",
        "",
    )
    assert text.startswith("Strona główna")
    assert practice(text) == replace(read(CZERSK), programme=None)


# --- Metryka variations --------------------------------------------------------------------------


def test_witryna_spelling_is_the_website_too():
    text = czersk_with("Wirtyna internetowa:", "Witryna internetowa:")
    result = parse_page(text)
    assert result.warnings == []
    assert practice(text).institution.website == "http://www.czersk.pl/"


def test_lower_case_powiat_label():
    text = czersk_with(f"Powiat:{NBSP}{NBSP}Chojnicki", f"powiat:{NBSP}{NBSP}chojnicki")
    assert practice(text).unit.powiat == "chojnicki"
    assert parse_page(text).warnings == []


@pytest.mark.parametrize("written", ["302 094", f"302{NBSP}094", "302.094", "302094"])
def test_population_with_space_or_dot_thousands(written: str):
    text = czersk_with("21.224", written)
    assert practice(text).population == 302094


def test_postal_code_without_post_office():
    text = czersk_with("89-650 Czersk", "89-650")
    address = practice(text).institution.address
    assert (address.postal_code, address.post_office) == ("89-650", None)


def test_second_contact_on_a_line_of_its_own():
    text = czersk_with(
        CONTACT,
        CONTACT + f"Jan Kowalski\n{NBSP}Kierownik Referatu\n{NBSP}tel. 52 395 48 00\n{NBSP}e@mail: jan@czersk.pl\n",
    )
    first, second = practice(text).contacts
    assert first.name == "Jan Kowalski"  # contacts are kept in canonical (sorted) order
    assert (first.position, first.phones, first.emails) == ("Kierownik Referatu", ("+48523954800",), ("jan@czersk.pl",))
    assert second.name == "Magdalena Apostołowicz"


def test_second_contact_after_a_blank_line():
    text = czersk_with(CONTACT, CONTACT + f"\nJan Kowalski\n{NBSP}tel. 52 395 48 00\n")
    assert [c.name for c in practice(text).contacts] == ["Jan Kowalski", "Magdalena Apostołowicz"]


def test_second_contact_on_another_osoby_kontaktowe_line():
    text = czersk_with(CONTACT, CONTACT + f"Osoby kontaktowe:{NBSP}{NBSP}Jan Kowalski\n{NBSP}e@mail: jan@czersk.pl\n")
    first, second = practice(text).contacts
    assert (first.name, first.phones, first.emails) == ("Jan Kowalski", (), ("jan@czersk.pl",))
    assert second.name == "Magdalena Apostołowicz"


def test_contact_name_on_the_line_after_an_empty_label():
    text = czersk_with(f"Osoby kontaktowe:{NBSP}{NBSP}Magdalena", f"Osoby kontaktowe:\nMagdalena")
    assert practice(text).contacts == read(CZERSK).contacts


def test_contact_without_phone():
    text = czersk_with(f"{NBSP}tel. (52) 395 48 68\n", "")
    (contact,) = practice(text).contacts
    assert (contact.phones, contact.emails) == ((), ("promocja@czersk.pl",))


def test_contact_without_email():
    text = czersk_with(f"{NBSP}e@mail: promocja@czersk.pl\n", "")
    (contact,) = practice(text).contacts
    assert (contact.phones, contact.emails) == (("+48523954868",), ())


def test_contact_without_role_line():
    text = czersk_with(f"{NBSP}Inspektor Wydziału Rozwoju Społecznego\n", "")
    (contact,) = practice(text).contacts
    assert contact.position is None
    assert contact.phones == ("+48523954868",)


def test_contact_with_several_role_lines_and_numbers():
    text = czersk_with(
        f"{NBSP}tel. (52) 395 48 68",
        f"{NBSP}Pełnomocnik Burmistrza\n{NBSP}tel. (52) 395 48 68, 52 395 48 00 lub 600 100 200",
    )
    (contact,) = practice(text).contacts
    assert contact.position == "Inspektor Wydziału Rozwoju Społecznego; Pełnomocnik Burmistrza"
    assert contact.phones == ("+48523954800", "+48523954868", "+48600100200")


def test_contact_with_several_addresses():
    text = czersk_with("e@mail: promocja@czersk.pl", "e@mail: promocja@czersk.pl lub Sekretariat@Czersk.pl; um@czersk.pl")
    (contact,) = practice(text).contacts
    assert contact.emails == ("promocja@czersk.pl", "sekretariat@czersk.pl", "um@czersk.pl")


def test_unknown_label_is_kept_in_extra_with_a_warning():
    text = czersk_with(CONTACT, f"Rok realizacji:{NBSP}{NBSP}2012\n" + CONTACT)
    result = parse_page(text, file="czersk.txt")
    assert result.record["extra"] == {"Rok realizacji": "2012"}
    (warning,) = result.warnings
    assert warning.severity is Severity.WARNING
    assert warning.code == "page.unknown-field"
    assert warning.field == "extra.Rok realizacji"
    assert warning.file == "czersk.txt"
    assert "Rok realizacji" in warning.message.en and "Rok realizacji" in warning.message.pl
    assert warning.message.en != warning.message.pl
    assert practice(text).extra == (("Rok realizacji", "2012"),)
    assert practice(text).contacts == read(CZERSK).contacts


def test_repeated_label_keeps_the_first_value_and_warns():
    text = czersk_with(f"Powiat:{NBSP}{NBSP}Chojnicki\n", f"Powiat:{NBSP}{NBSP}Chojnicki\nPowiat:  Tucholski\n")
    result = parse_page(text)
    assert result.record["unit"]["powiat"] == "Chojnicki"
    assert [w.code for w in result.warnings] == ["page.duplicate-field"]


def test_stray_metryka_line_is_reported():
    text = czersk_with(f"Ulica:{NBSP}{NBSP}Kościuszki 27\n", f"Ulica:{NBSP}{NBSP}Kościuszki 27\n(dane z 2013 r.)\n")
    (warning,) = parse_page(text).warnings
    assert (warning.code, warning.value) == ("page.unparsed-line", "(dane z 2013 r.)")


def test_footer_without_closing_link_bar_is_not_a_contact():
    text = czersk_with(f"\n.: {NBSP} Skrót i Metryka -> Pełna prezentacja {NBSP} :.\n\n{NBSP}Doskonalenie", f"\n{NBSP}Doskonalenie")
    assert practice(text) == read(CZERSK)


# --- head variations -----------------------------------------------------------------------------


def test_no_attachments_without_zalaczniki_in_the_link_bar():
    assert read(CZERSK).has_attachments is False
    text = KATOWICE.read_text(encoding="utf-8").replace(" -> Załączniki", "")
    assert practice(text).has_attachments is False


def test_breadcrumb_section_disagreeing_with_theme_tree_warns():
    text = czersk_with(f"{NBSP}Usługi społeczne : Pomoc społeczna", f"{NBSP}Usługi społeczne : Gospodarka komunalna")
    result = parse_page(text)
    assert result.record["theme"] == "gospodarka-komunalna"
    (warning,) = result.warnings
    assert (warning.code, warning.field, warning.severity) == ("page.breadcrumb-mismatch", "theme", Severity.WARNING)


def test_unknown_breadcrumb_leaves_theme_empty_with_a_warning():
    text = czersk_with(f"{NBSP}Usługi społeczne : Pomoc społeczna", f"{NBSP}SMUP : Aktualności")
    result = parse_page(text)
    assert "theme" not in result.record
    assert [w.code for w in result.warnings] == ["page.unknown-theme"]


def test_unknown_subcategory_falls_back_to_its_section():
    text = czersk_with(f"{NBSP}Usługi społeczne : Pomoc społeczna", f"{NBSP}Usługi społeczne : Bezpieczeństwo")
    result = parse_page(text)
    assert result.record["theme"] == "uslugi-spoleczne"
    assert [w.code for w in result.warnings] == ["page.unknown-theme"]


def test_missing_breadcrumb_leaves_theme_empty_with_a_warning():
    text = czersk_with(f"{NBSP}Usługi społeczne : Pomoc społeczna\n", "")
    result = parse_page(text)
    assert "theme" not in result.record
    assert [(w.code, w.field) for w in result.warnings] == [("page.no-breadcrumb", "theme")]
    assert practice(text) == replace(read(CZERSK), theme=None)


def test_counter_and_funding_lines_in_the_description_zone_are_dropped():
    text = czersk_with(
        "\nPraktyka polega",
        "\n1.632.794\ngości odwiedziło nas\nod 1 kwietnia 2008 r.\n"
        "Wsparcie udzielone przez Norwegię, Islandię i Lichtenstein\n\nPraktyka polega",
    )
    assert practice(text).description == read(CZERSK).description


# --- saved HTML ----------------------------------------------------------------------------------


def test_saved_html_page_equals_the_text_page():
    record, warnings = read_page(CZERSK_HTML)
    assert warnings == []
    assert record.practice == read(CZERSK)


SAVED_URL = "http://www.dobrepraktyki.pl/index.php?p1=6&p2=54&art=537&s=1"


@pytest.mark.parametrize(
    "marker",
    [
        f"<!-- saved from url=(0063){SAVED_URL} -->\n",
        f'<link rel="canonical" href="{SAVED_URL.replace("&", "&amp;")}">\n',
        f'<meta property="og:url" content="{SAVED_URL.replace("&", "&amp;")}">\n',
    ],
)
def test_saved_html_with_its_address_gets_id_and_source_url(marker: str, tmp_path: Path):
    html = CZERSK_HTML.read_text(encoding="utf-8")
    page = tmp_path / "czersk.htm"
    if marker.startswith("<!--"):
        page.write_text(marker + html, encoding="utf-8")
    else:
        page.write_text(html.replace("</head>", marker + "</head>"), encoding="utf-8")
    p = read(page)
    assert (p.id, p.source_url) == ("bdp-537", SAVED_URL)
    assert replace(p, id=None, source_url=None) == read(CZERSK)


def test_saved_html_in_its_declared_legacy_charset(tmp_path: Path):
    html = CZERSK_HTML.read_text(encoding="utf-8").replace("charset=utf-8", "charset=iso-8859-2")
    html = html.replace("„", "&bdquo;")  # not in ISO-8859-2: old pages wrote the entity
    page = tmp_path / "czersk.html"
    page.write_bytes(html.encode("iso-8859-2"))
    assert read(page) == read(CZERSK)


def test_numbered_and_bulleted_lists_in_html():
    html = (
        "<div>&nbsp;Usługi społeczne : Kultura</div><div>Tytuł</div>"
        "<p>Wstęp:</p><ol><li>pierwszy</li><li>drugi</li></ol><ul><li>punkt</li></ul>"
        "<h3>Metryka praktyki</h3>Miejscowość:&nbsp;&nbsp;Czersk<br>"
    )
    record = parse_page(html, html=True).record
    assert record["title"] == "Tytuł"
    assert record["description"] == "Wstęp:\n\n1. pierwszy\n2. drugi\n• punkt"
    assert record["unit"] == {"name": "Czersk"}


# --- files ---------------------------------------------------------------------------------------


def test_windows_1250_text_page(tmp_path: Path):
    page = tmp_path / "czersk.txt"
    page.write_bytes(CZERSK.read_text(encoding="utf-8").encode("cp1250"))
    assert read(page) == read(CZERSK)


def test_undecodable_file_is_an_input_error(tmp_path: Path):
    page = tmp_path / "broken.txt"
    page.write_bytes(b"Metryka praktyki\n\x81\x83\x88\x90\x98")
    with pytest.raises(InputError, match="broken.txt"):
        read_page(page)


def test_html_the_parser_rejects_is_a_one_line_input_error():
    with pytest.raises(InputError) as caught:
        parse_page("<html><![ if ]><body>Metryka praktyki</body>", file="odd.html", html=True)
    assert str(caught.value).startswith("odd.html: cannot parse the HTML: ")
    assert "\n" not in str(caught.value)


def test_missing_file_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError) as caught:
        read_page(tmp_path / "missing.txt")
    assert caught.value.file == str(tmp_path / "missing.txt")


@pytest.mark.parametrize("page", [CZERSK, KATOWICE, KLUCZE, CZERSK_HTML])
def test_input_files_are_never_modified(page: Path):
    before = (hashlib.sha256(page.read_bytes()).hexdigest(), page.stat().st_mtime_ns)
    try:
        read_page(page)
    except NotAPracticePage:
        pass
    assert (hashlib.sha256(page.read_bytes()).hexdigest(), page.stat().st_mtime_ns) == before


def test_values_that_cannot_be_normalised_are_located_at_the_file(tmp_path: Path):
    page = tmp_path / "czersk.txt"
    page.write_text(czersk_with("tel. (52) 395 48 68", "tel. 12"), encoding="utf-8")
    with pytest.raises(InvalidRecords) as caught:
        read_page(page)
    (finding,) = caught.value.findings
    assert (finding.file, finding.record_index, finding.field) == (str(page), 0, "contacts[0].phones[0]")


def test_unknown_unit_type_is_reported_by_normalisation(tmp_path: Path):
    page = tmp_path / "czersk.txt"
    page.write_text(czersk_with("gmina miejsko-wiejska", "gmina górska"), encoding="utf-8")
    with pytest.raises(InvalidRecords) as caught:
        read_page(page)
    assert [f.field for f in caught.value.findings] == ["unit.type"]


def test_missing_required_values_are_reported_not_crashed_on(tmp_path: Path):
    page = tmp_path / "czersk.txt"
    text = czersk_with(f"Miejscowość:{NBSP}{NBSP}Czersk\n", "")
    text = text.replace(f"Jednostka wdrażająca:{NBSP}{NBSP}Urząd Miejski w Czersku\n", "")
    page.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidRecords) as caught:
        read_page(page)
    assert [(f.code, f.field, f.severity) for f in caught.value.findings] == [
        ("page.missing-field", "unit.name", Severity.VIOLATION),
        ("page.missing-field", "institution.name", Severity.VIOLATION),
    ]


@pytest.mark.parametrize("website", [".", "\x80", "www.czersk.pl:99999", "http://[czersk.pl"])
def test_website_that_is_no_host_name_is_a_finding_not_a_crash(website: str, tmp_path: Path):
    page = tmp_path / "czersk.txt"
    page.write_text(czersk_with("www.czersk.pl", website), encoding="utf-8")
    with pytest.raises(InvalidRecords) as caught:
        read_page(page)
    assert [f.field for f in caught.value.findings] == ["institution.website"]
