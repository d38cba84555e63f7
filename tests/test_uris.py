"""URIs are pure functions of a record; slugs transliterate Polish letters."""

from __future__ import annotations

import dataclasses

from bdp_lod.model import Contact, Institution, LocalGovernmentUnit
from bdp_lod.uris import Uris, slug, unit_key


def test_slugs_transliterate_polish_letters():
    assert slug("Zażółć gęślą jaźń ŁÓDŹ Śrem") == "zazolc-gesla-jazn-lodz-srem"
    assert slug("Współpraca JST-NGO") == "wspolpraca-jst-ngo"


def test_long_slugs_are_cut_at_a_word_boundary():
    cut = slug("Modelowe rozwiązanie w zakresie współpracy ze społecznością lokalną na przykładzie", 40)
    assert len(cut) <= 40 and not cut.endswith("-")
    assert cut == "modelowe-rozwiazanie-w-zakresie"


def test_a_given_id_names_the_practice(czersk):
    assert Uris().practice(dataclasses.replace(czersk, id="bdp-537")) == "https://w3id.org/bdp/id/practice/bdp-537"


def test_resolved_units_are_keyed_by_terc_without_the_type_digit():
    assert unit_key(LocalGovernmentUnit("Czersk", terc=("2202043",))) == "220204"
    assert unit_key(LocalGovernmentUnit("Katowice", terc=("2469", "2469011"))) == "246901"
    assert unit_key(LocalGovernmentUnit("chojnicki", terc=("2202",))) == "2202"
    assert unit_key(LocalGovernmentUnit("pomorskie", terc=("22",))) == "22"


def test_unresolved_units_are_keyed_by_type_name_and_voivodeship():
    assert unit_key(LocalGovernmentUnit("Śrem", "gmina-miejska", voivodeship="wielkopolskie")) == "gmina-miejska-srem-wielkopolskie"
    assert unit_key(LocalGovernmentUnit("pomorskie", "wojewodztwo", voivodeship="pomorskie")) == "wojewodztwo-pomorskie"


def test_generic_institution_names_get_their_locality():
    uris = Uris()
    katowice = LocalGovernmentUnit("Katowice", "miasto-na-prawach-powiatu")
    czersk = LocalGovernmentUnit("Czersk", "gmina-miejsko-wiejska")
    assert uris.institution_key(Institution("Miejski Ośrodek Pomocy Społecznej"), katowice) == "miejski-osrodek-pomocy-spolecznej-katowice"
    assert uris.institution_key(Institution("Urząd Miejski w Czersku"), czersk) == "urzad-miejski-w-czersku"


def test_contact_uris_combine_institution_and_person():
    uris = Uris("https://example.org/base")
    contact = Contact(name="Magdalena Apostołowicz")
    assert uris.contact(contact, "urzad-miejski-w-czersku") == "https://example.org/base/id/contact/urzad-miejski-w-czersku-magdalena-apostolowicz"


def test_offices_of_two_resolved_gminy_with_one_name_are_told_apart_by_the_terc_key():
    office = Institution("Urząd Gminy Wierzbica")
    mazowieckie = LocalGovernmentUnit("Wierzbica", "gmina-wiejska", "radomski", "mazowieckie", terc=("1425112",))
    lubelskie = LocalGovernmentUnit("Wierzbica", "gmina-wiejska", "chełmski", "lubelskie", terc=("0603122",))
    assert Uris().institution(office, mazowieckie) == "https://w3id.org/bdp/id/institution/urzad-gminy-wierzbica-142511"
    assert Uris().institution(office, lubelskie) == "https://w3id.org/bdp/id/institution/urzad-gminy-wierzbica-060312"
    unresolved = LocalGovernmentUnit("Wierzbica", "gmina-wiejska", voivodeship="lubelskie")
    assert Uris().institution(office, unresolved) == "https://w3id.org/bdp/id/institution/urzad-gminy-wierzbica"
