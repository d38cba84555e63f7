"""The shipped TERC register and the resolution of units to it.

Every pitfall of ``tests/fixtures/teryt/SOURCE.md`` (copied from the research notes) has a test
here, named after it. The register is the official file of 2025-11-18, state of 2025-01-01.
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
from importlib import resources
from pathlib import Path

import pytest

from bdp_lod.findings import Severity
from bdp_lod.model import LocalGovernmentUnit
from bdp_lod.normalize import VOIVODESHIPS
from bdp_lod.teryt import Resolution, resolve
from bdp_lod.teryt import lookup, name_key, register, terc, type_of
from bdp_lod.teryt.build import build, main
from bdp_lod.uris import unit_key

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "teryt" / "TERC_Urzedowy_2025-11-18.csv"
FIXTURE_SHA256 = "734e23c01630291499134dd05e202ec734a6eb76dedadfaf58c956e8df7c2f8b"


def unit(name: str, type: str | None = None, powiat: str | None = None, voivodeship: str | None = None,
         terc: tuple[str, ...] = ()) -> LocalGovernmentUnit:
    return LocalGovernmentUnit(name=name, type=type, powiat=powiat, voivodeship=voivodeship, terc=terc)


def codes(resolution: Resolution) -> tuple[str, ...]:
    return resolution.unit.terc


def finding_codes(resolution: Resolution) -> list[str]:
    return [f.code for f in resolution.findings]


# --- the shipped copy ------------------------------------------------------------------------


def shipped() -> bytes:
    return resources.files("bdp_lod").joinpath("data/terc.tsv").read_bytes()


def test_the_fixture_is_the_official_file():
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == FIXTURE_SHA256
    assert FIXTURE.read_bytes()[:3] == b"\xef\xbb\xbf" and b"\r\n" in FIXTURE.read_bytes()


def test_the_shipped_copy_is_rebuilt_byte_for_byte_from_the_official_file():
    assert build(FIXTURE).encode("utf-8") == shipped()


def test_the_build_command_writes_the_same_file(tmp_path: Path):
    out = tmp_path / "terc.tsv"
    assert main([str(FIXTURE), "-o", str(out)]) == 0
    assert out.read_bytes() == shipped()


def test_the_shipped_copy_records_its_source_checksum_date_and_command():
    header = [line for line in shipped().decode("utf-8").splitlines() if line.startswith("#")]
    assert "# source: TERC_Urzedowy_2025-11-18.csv" in header
    assert f"# sha256: {FIXTURE_SHA256}" in header
    assert "# stan_na: 2025-01-01" in header
    assert "# build: python -m bdp_lod.teryt.build TERC_Urzedowy_2025-11-18.csv" in header
    reg = register()
    assert (reg.source, reg.sha256) == ("TERC_Urzedowy_2025-11-18.csv", FIXTURE_SHA256)


def test_the_build_refuses_a_file_that_is_not_the_register(tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("A;B\n1;2\n", encoding="utf-8")
    assert main([str(bad), "-o", str(tmp_path / "out.tsv")]) == 1
    assert not (tmp_path / "out.tsv").exists()


def test_the_register_date_is_the_state_not_the_download_date():
    assert register().date == dt.date(2025, 1, 1)
    assert register().label == "TERC 2025-01-01"


def test_units_loaded_per_level():
    levels = collections.Counter(u.level for u in register().units)
    assert levels == {"wojewodztwo": 16, "powiat": 380, "gmina": 2479}


def test_units_loaded_per_type():
    types = collections.Counter(u.type for u in register().units)
    assert types == {
        "wojewodztwo": 16, "powiat": 314, "miasto-na-prawach-powiatu": 66,
        "gmina-miejska": 302, "gmina-wiejska": 1459, "gmina-miejsko-wiejska": 718,
    }


def test_the_register_is_read_once():
    assert register() is register()
    first = lookup("Czersk")
    assert register() is register() and lookup("Czersk") == first


def test_the_sixteen_voivodeships_are_the_records_names():
    assert sorted(u.name for u in register().units if u.level == "wojewodztwo") == sorted(VOIVODESHIPS)


def test_keys_identify_bodies():
    reg = register()
    bodies = collections.Counter(len(reg.body(u)) for u in reg.units)
    assert bodies == {1: 16 + 314 + 2479 - 66, 2: 2 * 66}
    assert all(u.key == (u.code[:6] if u.level == "gmina" else u.code) for u in reg.units if len(reg.body(u)) == 1)


def test_type_of_reads_the_code():
    assert [type_of(c) for c in ("22", "2202", "2469", "2202043", "0201011", "0201022", "1465058", "1261039")] == [
        "wojewodztwo", "powiat", "miasto-na-prawach-powiatu", "gmina-miejsko-wiejska", "gmina-miejska",
        "gmina-wiejska", "dzielnica", "delegatura",
    ]
    with pytest.raises(ValueError):
        type_of("2202044")


# --- the three seeds -------------------------------------------------------------------------


def test_seed_czersk():
    r = resolve(unit("Czersk", "gmina-miejsko-wiejska", "Chojnicki", "pomorskie"))
    assert codes(r) == ("2202043",) and unit_key(r.unit) == "220204"
    assert r.findings == []
    assert r.unit.name == "Czersk" and r.unit.powiat == "Chojnicki"  # the source's words are kept


def test_seed_katowice_is_one_body_with_both_codes():
    r = resolve(unit("Katowice", "miasto-na-prawach-powiatu", None, "śląskie"))
    assert codes(r) == ("2469", "2469011") and unit_key(r.unit) == "246901"
    assert [u.type for u in r.units] == ["miasto-na-prawach-powiatu", "gmina-miejska"]
    assert {u.key for u in r.units} == {"246901"}
    assert r.findings == []


def test_seed_katowice_as_the_page_gives_it_resolves_despite_its_powiat():
    """The page says "Powiat: katowicki", which is no powiat in the register."""
    r = resolve(unit("Katowice", "miasto-na-prawach-powiatu", "katowicki", "śląskie"))
    assert codes(r) == ("2469", "2469011")
    [finding] = r.findings
    assert (finding.code, finding.field, finding.value) == ("teryt.powiat-mismatch", "unit.powiat", "katowicki")
    assert "TERC 2025-01-01" in finding.message.en and "TERC 2025-01-01" in finding.message.pl


def test_seed_srem_resolves_to_the_urban_rural_gmina_with_a_warning():
    r = resolve(unit("Śrem", "gmina-miejska", None, "wielkopolskie"))
    assert codes(r) == ("3026043",) and unit_key(r.unit) == "302604"
    [finding] = r.findings
    assert finding.severity is Severity.WARNING
    assert (finding.code, finding.field, finding.value) == ("teryt.type-mismatch", "unit.type", "gmina-miejska")
    assert "Śrem (3026043, gmina miejsko-wiejska, powiat śremski, wielkopolskie)" in finding.message.en
    assert "TERC 2025-01-01" in finding.message.pl and "gmina miejska" in finding.message.pl
    assert r.unit.type == "gmina-miejska"  # the record keeps what the source says


# --- pitfall 1: the same gmina name in many places -------------------------------------------


def test_a_name_in_several_voivodeships_is_ambiguous_without_one():
    r = resolve(unit("Osiek"))
    assert not r.resolved and codes(r) == ()
    [finding] = r.findings
    assert (finding.code, finding.field, finding.severity) == ("teryt.ambiguous", "unit", Severity.WARNING)
    for candidate in ("0402082", "1213052", "2213082", "2612043"):
        assert candidate in finding.message.en and candidate in finding.message.pl
    assert "Osiek (2213082, gmina wiejska, powiat starogardzki, pomorskie)" in finding.message.en


@pytest.mark.parametrize(
    "voivodeship, code",
    [("kujawsko-pomorskie", "0402082"), ("małopolskie", "1213052"), ("POMORSKIE", "2213082"), ("26", "2612043")],
)
def test_the_voivodeship_picks_one(voivodeship: str, code: str):
    r = resolve(unit("Osiek", voivodeship=voivodeship))
    assert codes(r) == (code,) and r.findings == []


SAME_NAME_TYPE_AND_VOIVODESHIP = [
    ("Rogowo", "kujawsko-pomorskie", {"rypiński": "0412032", "żniński": "0419052"}),
    ("Adamów", "lubelskie", {"łukowski": "0611032", "zamojski": "0620012"}),
    ("Bolesław", "małopolskie", {"dąbrowski": "1204012", "olkuski": "1212032"}),
    ("Spytkowice", "małopolskie", {"nowotarski": "1211132", "wadowicki": "1218062"}),
    ("Radzanów", "mazowieckie", {"białobrzeski": "1401032", "mławski": "1413042"}),
    ("Czarna", "podkarpackie", {"bieszczadzki": "1801032", "dębicki": "1803032", "łańcucki": "1810032"}),
    ("Świętajno", "warmińsko-mazurskie", {"olecki": "2813052", "szczycieński": "2817072"}),
]


@pytest.mark.parametrize("name, voivodeship, by_powiat", SAME_NAME_TYPE_AND_VOIVODESHIP)
def test_within_one_voivodeship_the_powiat_is_needed(name: str, voivodeship: str, by_powiat: dict[str, str]):
    r = resolve(unit(name, "gmina-wiejska", None, voivodeship))
    assert finding_codes(r) == ["teryt.ambiguous"] and not r.resolved
    assert all(code in r.findings[0].message.en for code in by_powiat.values())
    for powiat, code in by_powiat.items():
        assert codes(resolve(unit(name, "gmina-wiejska", powiat.capitalize(), voivodeship))) == (code,)
        assert codes(resolve(unit(name, None, f"powiat {powiat}", voivodeship))) == (code,)


def test_an_urban_and_a_rural_gmina_of_one_name_are_told_apart_by_type():
    assert codes(resolve(unit("Bolesławiec", "gmina-miejska", "bolesławiecki", "dolnośląskie"))) == ("0201011",)
    assert codes(resolve(unit("Bolesławiec", "gmina-wiejska", "bolesławiecki", "dolnośląskie"))) == ("0201022",)
    r = resolve(unit("Bolesławiec", None, "bolesławiecki", "dolnośląskie"))
    assert finding_codes(r) == ["teryt.ambiguous"]
    assert "0201011" in r.findings[0].message.en and "0201022" in r.findings[0].message.en


def test_a_wrong_powiat_is_reported_but_a_unique_name_still_resolves():
    r = resolve(unit("Czersk", "gmina-miejsko-wiejska", "bytowski", "pomorskie"))
    assert codes(r) == ("2202043",)
    [finding] = r.findings
    assert finding.code == "teryt.powiat-mismatch" and "powiat chojnicki" in finding.message.en


# --- pitfall 2: a rural gmina named after a city with powiat rights --------------------------

RURAL_NAMED_AFTER_CITY = [
    ("Grudziądz", "kujawsko-pomorskie", "0406012", "0462"),
    ("Włocławek", "kujawsko-pomorskie", "0418132", "0464"),
    ("Biała Podlaska", "lubelskie", "0601032", "0661"),
    ("Chełm", "lubelskie", "0603032", "0662"),
    ("Zamość", "lubelskie", "0620142", "0664"),
    ("Skierniewice", "łódzkie", "1015082", "1063"),
    ("Tarnów", "małopolskie", "1216092", "1263"),
    ("Siedlce", "mazowieckie", "1426082", "1464"),
    ("Przemyśl", "podkarpackie", "1813082", "1862"),
    ("Łomża", "podlaskie", "2007022", "2062"),
    ("Suwałki", "podlaskie", "2012072", "2063"),
    ("Elbląg", "warmińsko-mazurskie", "2804012", "2861"),
]


@pytest.mark.parametrize("name, voivodeship, rural, city", RURAL_NAMED_AFTER_CITY)
def test_a_rural_gmina_named_after_a_city_resolves_by_type(name: str, voivodeship: str, rural: str, city: str):
    assert codes(resolve(unit(name, "gmina-wiejska", None, voivodeship))) == (rural,)
    assert codes(resolve(unit(name, "miasto-na-prawach-powiatu", None, voivodeship))) == (city, city + "011")
    assert codes(resolve(unit(name, "gmina-miejska", None, voivodeship))) == (city, city + "011")
    untyped = resolve(unit(name, None, None, voivodeship))
    assert finding_codes(untyped) == ["teryt.ambiguous"]
    assert rural in untyped.findings[0].message.en and city + "011" in untyped.findings[0].message.en


def test_the_rural_gmina_is_found_by_its_powiat_too():
    assert codes(resolve(unit("Chełm", None, "chełmski", "lubelskie"))) == ("0603032",)


def test_a_city_page_giving_its_powiat_adjective_keeps_the_city():
    """"Powiat: chełmski" on a city page names a real powiat, but the type says city."""
    r = resolve(unit("Chełm", "miasto-na-prawach-powiatu", "chełmski", "lubelskie"))
    assert codes(r) == ("0662", "0662011")
    assert finding_codes(r) == ["teryt.powiat-mismatch"]


# --- pitfall 3: urban-rural gminy and their town parts ---------------------------------------


def test_an_urban_rural_gmina_is_its_type_3_code_not_its_town_part():
    reg = register()
    assert codes(resolve(unit("Czersk", "gmina-miejsko-wiejska"))) == ("2202043",)
    assert reg.by_code("2202044") is None and reg.by_code("2202045") is None
    assert [u.code for u in lookup("Czersk")] == ["2202043"]


def test_a_type_4_or_5_code_is_followed_to_its_gmina():
    r = resolve(unit("Czersk", terc=("2202044",)))
    assert codes(r) == ("2202043",)
    assert finding_codes(r) == ["teryt.unknown-code"] and "2202043" in r.findings[0].message.en


# --- pitfall 4: "powiat grodzki" is one body with two codes ----------------------------------


def test_every_city_with_powiat_rights_is_one_body_keyed_by_its_gmina():
    reg = register()
    cities = [u for u in reg.units if u.type == "miasto-na-prawach-powiatu"]
    assert len(cities) == 66 and all(int(c.code[2:]) >= 61 for c in cities)
    for city in cities:
        assert [u.code for u in reg.body(city)] == [city.code, city.code + "011"]
        assert city.key == city.code + "01"


def test_powiat_grodzki_is_a_label_of_the_city_type():
    assert [u.code for u in lookup("Katowice", type="powiat grodzki")] == ["2469"]
    assert [u.code for u in lookup("Katowice", type="gmina miejska")] == ["2469011"]
    assert codes(resolve(unit("Katowice", voivodeship="śląskie"))) == ("2469", "2469011")


# --- pitfall 5: prefixes and the spelling of names -------------------------------------------


@pytest.mark.parametrize(
    "written, key",
    [
        ("m. Katowice", "katowice"), ("miasto Katowice", "katowice"), ("powiat m. Kraków", "kraków"),
        ("m. st. Warszawa", "warszawa"), ("m.st. Warszawa", "warszawa"), ("Powiat m.st.Warszawa", "warszawa"),
        ("Miasto Stołeczne  Warszawa", "warszawa"), ("powiat chojnicki", "chojnicki"), ("Chojnicki", "chojnicki"),
        ("Gmina Miejska Chełm", "chełm"), ("Miasto i Gmina Czersk", "czersk"), ("Kędzierzyn - Koźle", "kędzierzyn-koźle"),
        ("Województwo Pomorskie", "pomorskie"), ("Wojcieszów", "wojcieszów"), ("Nowe Miasto", "nowe miasto"),
    ],
)
def test_names_compare_the_way_the_register_writes_them(written: str, key: str):
    assert name_key(written) == key


@pytest.mark.parametrize("written", ["m. st. Warszawa", "m.st. Warszawa", "Powiat m.st.Warszawa", "WARSZAWA"])
def test_warsaw_in_every_spelling(written: str):
    assert codes(resolve(unit(written, "miasto-na-prawach-powiatu", None, "mazowieckie"))) == ("1465", "1465011")


@pytest.mark.parametrize(("polish", "plain"), list(zip("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")))
def test_every_polish_letter_folds_to_its_plain_latin_letter(polish: str, plain: str):
    assert terc._folded(name_key(f"Gmina {polish}ab")) == name_key(f"{plain}ab")


def test_a_name_written_without_any_of_its_polish_letters_finds_its_unit():
    assert [u.name for u in lookup("Lodz", voivodeship="lodzkie")] == ["Łódź", "Łódź"]


def test_polish_letters_lost_by_a_source_are_tolerated_but_never_preferred():
    assert codes(resolve(unit("Srem", None, None, "wielkopolskie"))) == ("3026043",)
    assert codes(resolve(unit("Czersk", None, None, "Pomorskie"))) == ("2202043",)
    assert [u.code for u in lookup("Miedzna")] == ["1433062"]  # not Miedźna 2410032
    assert [u.code for u in lookup("Miedzna", voivodeship="slaskie")] == ["2410032"]
    assert finding_codes(resolve(unit("Rogozno"))) == ["teryt.ambiguous"]  # Rogoźno and Rogóźno


def test_powiat_names_repeat_across_voivodeships():
    reg = register()
    assert reg.powiat_codes("bielski") == ("2003", "2402")
    assert reg.powiat_codes("Powiat Bielski", reg.voivodeship_code("śląskie")) == ("2402",)
    assert finding_codes(resolve(unit("bielski", "powiat"))) == ["teryt.ambiguous"]
    assert codes(resolve(unit("Powiat Bielski", "powiat", None, "podlaskie"))) == ("2003",)


def test_two_word_powiat_names():
    assert codes(resolve(unit("łódzki wschodni", "powiat", None, "łódzkie"))) == ("1006",)
    assert codes(resolve(unit("Powiat Warszawski Zachodni", "powiat"))) == ("1432",)
    assert [u.code for u in lookup("Stare Babice", powiat="warszawski zachodni")] == ["1432072"]


def test_a_parenthesised_name_answers_to_its_short_form():
    assert codes(resolve(unit("Dobra (Szczecińska)"))) == ("3211012",)
    assert codes(resolve(unit("Dobra", None, "policki", "zachodniopomorskie"))) == ("3211012",)
    assert finding_codes(resolve(unit("Dobra", None, None, "zachodniopomorskie"))) == ["teryt.ambiguous"]


def test_voivodeships_and_powiaty_resolve_as_units():
    assert codes(resolve(unit("Województwo Pomorskie", "wojewodztwo"))) == ("22",)
    assert codes(resolve(unit("Powiat Chojnicki", "powiat", None, "pomorskie"))) == ("2202",)


# --- pitfall 6: Warsaw, its dzielnice and the delegatury -------------------------------------


def test_warsaw_is_one_body_the_capital_gmina_and_city_powiat():
    r = resolve(unit("Warszawa", voivodeship="mazowieckie"))
    assert codes(r) == ("1465", "1465011") and unit_key(r.unit) == "146501"
    assert {u.type for u in r.units} == {"miasto-na-prawach-powiatu", "gmina-miejska"}


WARSAW_DISTRICTS = [
    "Bemowo", "Białołęka", "Bielany", "Mokotów", "Ochota", "Praga-Południe", "Praga-Północ", "Rembertów",
    "Śródmieście", "Targówek", "Ursus", "Ursynów", "Wawer", "Wesoła", "Wilanów", "Włochy", "Wola", "Żoliborz",
]


def test_the_register_holds_18_dzielnice_and_19_delegatury():
    kinds = collections.Counter(p.kind for p in register().parts)
    assert kinds == {"dzielnica": 18, "delegatura": 19}
    assert sorted(p.name for p in register().parts if p.kind == "dzielnica") == sorted(WARSAW_DISTRICTS)


@pytest.mark.parametrize("name", WARSAW_DISTRICTS)
def test_a_district_of_warsaw_is_not_a_unit(name: str):
    r = resolve(unit(name, "gmina-miejska", None, "mazowieckie"))
    assert not r.resolved
    [finding] = r.findings
    assert finding.field == "unit"
    assert "dzielnica of Warszawa (1465, 1465011" in finding.message.en
    assert "dzielnica miasta Warszawa" in finding.message.pl


def test_bielany_is_a_district_of_warsaw_and_a_rural_gmina():
    """The only dzielnica with a namesake gmina in mazowieckie: the type decides, or nothing."""
    for given in (unit("Bielany", "gmina-miejska", None, "mazowieckie"), unit("Bielany", voivodeship="mazowieckie")):
        r = resolve(given)
        assert finding_codes(r) == ["teryt.ambiguous"] and not r.resolved
        assert "1429022" in r.findings[0].message.en and "1465048" in r.findings[0].message.en
    assert codes(resolve(unit("Bielany", "gmina-wiejska", None, "mazowieckie"))) == ("1429022",)
    assert finding_codes(resolve(unit("Mokotów", "gmina-miejska", None, "mazowieckie"))) == ["teryt.unresolved"]


def test_mokotow_names_its_code():
    [finding] = resolve(unit("Mokotów")).findings
    assert "Mokotów (1465058)" in finding.message.en


@pytest.mark.parametrize("name", ["Nowa Huta", "Kraków-Nowa Huta", "kraków - nowa huta"])
def test_a_delegatura_is_not_a_unit(name: str):
    [finding] = resolve(unit(name)).findings
    assert finding.code == "teryt.unresolved"
    assert "Kraków-Nowa Huta (1261039) is a delegatura of Kraków (1261, 1261011" in finding.message.en


def test_a_gmina_named_like_a_delegatura_needs_its_type():
    """Poznań and Wrocław have a delegatura "Stare Miasto"; Wielkopolska also has such a gmina."""
    assert finding_codes(resolve(unit("Stare Miasto", None, None, "wielkopolskie"))) == ["teryt.ambiguous"]
    assert codes(resolve(unit("Stare Miasto", "gmina-wiejska", None, "wielkopolskie"))) == ("3010112",)
    assert codes(resolve(unit("Grunwald", "gmina-wiejska"))) == ("2815032",)


# --- pitfall 7: a change of type changes the code, not the key ------------------------------

RECLASSIFIED_2025 = [
    ("Końskowola", "0614052", "0614053"), ("Kurów", "0614062", "0614063"), ("Wąwolnica", "0614102", "0614103"),
    ("Kazanów", "1436012", "1436013"), ("Kobylnica", "2212062", "2212063"), ("Sobków", "2602082", "2602083"),
    ("Zaniemyśl", "3025052", "3025053"),
]


@pytest.mark.parametrize("name, old, new", RECLASSIFIED_2025)
def test_a_gmina_that_became_urban_rural_in_2025_keeps_its_key(name: str, old: str, new: str):
    r = resolve(unit(name, "gmina-wiejska"))  # a source older than the change
    assert codes(r) == (new,) and unit_key(r.unit) == old[:6]
    assert finding_codes(r) == ["teryt.type-mismatch"]
    assert register().by_code(old) is None


@pytest.mark.parametrize("name, old, new", RECLASSIFIED_2025)
def test_an_old_code_is_followed_through_its_key(name: str, old: str, new: str):
    r = resolve(unit(name, terc=(old,)))
    assert codes(r) == (new,)
    [finding] = r.findings
    assert (finding.code, finding.field, finding.value) == ("teryt.unknown-code", "unit.terc", old)
    assert new in finding.message.en and "TERC 2025-01-01" in finding.message.pl


@pytest.mark.parametrize("name, voivodeship, code", [("Szczawa", "małopolskie", "1207132"), ("Grabówka", "podlaskie", "2002162")])
def test_the_gminy_created_in_2025(name: str, voivodeship: str, code: str):
    assert codes(resolve(unit(name, "gmina-wiejska", None, voivodeship))) == (code,)


def test_the_2026_changes_are_not_in_this_register():
    """Bratian is the 2026 name of gmina Nowe Miasto Lubawskie; Stanisławów gets town rights."""
    r = resolve(unit("Bratian", "gmina-wiejska", None, "warmińsko-mazurskie"))
    assert finding_codes(r) == ["teryt.unresolved"] and "TERC 2025-01-01" in r.findings[0].message.en
    assert codes(resolve(unit("Nowe Miasto Lubawskie", "gmina-wiejska"))) == ("2812052",)
    assert codes(resolve(unit("Nowe Miasto Lubawskie", "gmina-miejska"))) == ("2812011",)
    assert [u.code for u in lookup("Stanisławów")] == ["1412142"]
    assert codes(resolve(unit("Janów", "gmina-wiejska", None, "śląskie"))) == ("2404032",)


# --- pitfall 9: other identifiers are not TERC codes -----------------------------------------


def test_a_bdl_identifier_is_not_a_terc_code():
    r = resolve(unit("Kraków", terc=("011212161011",)))
    assert finding_codes(r) == ["teryt.unknown-code"]
    assert codes(r) == ("1261", "1261011")  # the name still resolves it


def test_given_codes_are_trusted_and_completed():
    r = resolve(unit("Miejscowość nie ta", terc=("2469011",)))
    assert codes(r) == ("2469", "2469011") and r.findings == []


def test_codes_of_two_units_are_ambiguous():
    r = resolve(unit("X", terc=("2202043", "3026043")))
    assert not r.resolved and finding_codes(r) == ["teryt.ambiguous", "teryt.unresolved"]


# --- other outcomes --------------------------------------------------------------------------


def test_an_unknown_name_is_unresolved():
    r = resolve(unit("Atlantyda", "gmina-wiejska", None, "pomorskie"))
    assert not r.resolved and r.unit == unit("Atlantyda", "gmina-wiejska", None, "pomorskie")
    [finding] = r.findings
    assert (finding.code, finding.field, finding.value) == ("teryt.unresolved", "unit", "Atlantyda")
    assert "TERC 2025-01-01" in finding.message.en and "TERC 2025-01-01" in finding.message.pl


def test_a_name_in_another_voivodeship_is_listed_not_taken():
    r = resolve(unit("Czersk", "gmina-miejsko-wiejska", None, "mazowieckie"))
    assert not r.resolved
    assert "Czersk (2202043, gmina miejsko-wiejska, powiat chojnicki, pomorskie)" in r.findings[0].message.en


def test_an_unknown_voivodeship_is_reported():
    r = resolve(unit("Czersk", None, None, "pomorze"))
    assert not r.resolved and r.findings[0].field == "unit.voivodeship"


def test_a_union_of_gminy_has_no_terc_code():
    r = resolve(unit("Związek Gmin Pomorskich", "zwiazek-gmin", None, "pomorskie"))
    assert not r.resolved and r.findings == []


# --- what the RDF mapping reads --------------------------------------------------------------


def test_containment_nearest_first():
    reg = register()
    assert [u.code for u in reg.within(reg.by_code("2202043"))] == ["2202", "22"]
    assert [u.code for u in reg.within(reg.by_code("2469011"))] == ["24"]
    assert [u.code for u in reg.within(reg.by_code("2469"))] == ["24"]
    assert [u.code for u in reg.within(reg.by_code("2202"))] == ["22"]
    assert reg.within(reg.by_code("22")) == ()


def test_official_names_by_code():
    reg = register()
    assert [(u.name, u.level) for u in (reg.by_code("22"), reg.by_code("2202"), reg.by_code("2202043"))] == [
        ("pomorskie", "wojewodztwo"), ("chojnicki", "powiat"), ("Czersk", "gmina"),
    ]
    assert [u.code for u in reg.by_key("246901")] == ["2469", "2469011"]


# --- look-up ---------------------------------------------------------------------------------


def test_lookup_filters():
    assert [u.code for u in lookup("Bolesławiec")] == ["0201011", "0201022", "1018013"]
    assert [u.code for u in lookup("bolesławiec", voivodeship="Dolnośląskie")] == ["0201011", "0201022"]
    assert [u.code for u in lookup("Bolesławiec", type="gmina-wiejska")] == ["0201022"]
    assert [u.code for u in lookup("Bolesławiec", powiat="wieruszowski")] == ["1018013"]
    assert lookup("Bolesławiec", powiat="nie-ma-takiego") == []


@pytest.mark.parametrize("bad", [{"voivodeship": "Pomorze"}, {"type": "sołectwo"}, {"type": "zwiazek-gmin"}])
def test_lookup_refuses_what_does_not_exist(bad: dict[str, str]):
    with pytest.raises(ValueError):
        lookup("Czersk", **bad)
