"""`--redact-contacts`: people leave the contacts, offices stay (bdp_lod.redact)."""

from __future__ import annotations

from dataclasses import replace

from rdflib import URIRef

from bdp_lod.mapping import practice_triples
from bdp_lod.model import Contact
from bdp_lod.redact import is_personal_email, is_personal_phone, redact_contact, redact_contacts
from bdp_lod.vocab import DCAT, RDF, VCARD

from conftest import example


def test_czersk_contact_keeps_the_office_and_loses_the_person() -> None:
    practice = redact_contacts(example("000-czersk"))
    assert practice.contacts == (
        Contact(
            name=None,
            position="Inspektor Wydziału Rozwoju Społecznego",
            phones=("+48523954868",),
            emails=("promocja@czersk.pl",),
        ),
    )


def test_a_mobile_number_is_personal_and_goes() -> None:
    practice = redact_contacts(example("002-katowice"))
    assert practice.contacts == (
        Contact(
            name=None,
            position="Specjalista pracy socjalnej, Koordynator – Animator PCAL Szopienice",
            phones=(),
            emails=("scal.szopienice@mops.katowice.pl",),
        ),
    )


def test_everything_but_the_contacts_is_untouched() -> None:
    original = example("000-czersk")
    assert replace(redact_contacts(original), contacts=original.contacts) == original


def test_practices_without_contacts_come_back_unchanged() -> None:
    original = example("003-klucze")
    assert redact_contacts(original) is original


def test_mailbox_named_after_the_person_is_personal() -> None:
    name = "Magdalena Apostołowicz"
    assert is_personal_email("m.apostolowicz@czersk.pl", name)
    assert is_personal_email("magdalena@czersk.pl", name)
    assert is_personal_email("apostolowicz_m@czersk.pl", name)
    assert not is_personal_email("promocja@czersk.pl", name)
    assert not is_personal_email("ma@czersk.pl", name)  # initials are not recognised (documented)
    assert not is_personal_email("promocja@czersk.pl", None)


def test_office_lines_are_institutional_and_mobiles_personal() -> None:
    assert not is_personal_phone("+48523954868")  # fixed line, Chojnice area
    assert not is_personal_phone("+48800123456")  # toll-free
    assert is_personal_phone("+48725161463")  # mobile
    assert is_personal_phone("not a number")


def test_contact_left_with_nothing_goes() -> None:
    assert redact_contact(Contact(name="Jan Kowalski", phones=("+48601234567",), emails=("jan.kowalski@x.pl",))) is None


def test_contact_without_a_name_is_not_a_person() -> None:
    office = Contact(name=None, role="sekretariat", phones=("+48601234567",), emails=("jan@x.pl",))
    assert redact_contact(office) is office


def test_contacts_made_equal_are_kept_once() -> None:
    practice = replace(
        example("000-czersk"),
        contacts=(
            Contact(name="Anna Nowak", position="Referat Promocji", emails=("promocja@czersk.pl", "anna.nowak@czersk.pl")),
            Contact(name="Jan Wiśniewski", position="Referat Promocji", emails=("jwisniewski@czersk.pl", "promocja@czersk.pl")),
        ),
    )
    assert redact_contacts(practice).contacts == (
        Contact(position="Referat Promocji", emails=("promocja@czersk.pl",)),
    )


def test_redacted_contact_is_an_organisation_whose_iri_names_no_one() -> None:
    triples = list(practice_triples(redact_contacts(example("000-czersk"))))
    contact = next(o for _s, p, o in triples if p == DCAT.contactPoint)
    assert contact == URIRef("https://w3id.org/bdp/id/contact/urzad-miejski-w-czersku-promocja-czersk-pl")
    assert {o for s, p, o in triples if s == contact and p == RDF.type} == {VCARD.Kind, VCARD.Organization}
    assert not any(p == VCARD.fn for s, p, _o in triples if s == contact)
