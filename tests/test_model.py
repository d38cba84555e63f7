"""`bdp_lod.model.from_dict`: submission-format data becomes a record field by field, exactly
as the JSON Schema left it (normalisation is a separate step)."""

from __future__ import annotations

import datetime as dt

from bdp_lod.model import (
    Activity,
    Address,
    Attachment,
    Contact,
    Institution,
    LocalGovernmentUnit,
    Practice,
    from_dict,
    to_dict,
)


def test_every_kind_of_field_is_built() -> None:
    practice = from_dict(
        Practice,
        {
            "title": "T",
            "description": "D",
            "date_added": "2013-06-28",
            "population": 21224,
            "unit": {"name": "Czersk", "terc": ["2202043"]},
            "institution": {"name": "Urząd", "address": {"street": "Kościuszki 27"}},
            "contacts": [{"name": "A", "phones": ["+48523954868"]}],
            "goals": ["a", "b"],
            "activities": [{"description": "x"}],
            "attachments": [{"url": "https://example.org/a.pdf"}],
            "has_attachments": True,
            "extra": {"Etykieta": "tekst", "n": 1},
        },
    )
    assert practice == Practice(
        title="T",
        description="D",
        date_added=dt.date(2013, 6, 28),
        population=21224,
        unit=LocalGovernmentUnit(name="Czersk", terc=("2202043",)),
        institution=Institution(name="Urząd", address=Address(street="Kościuszki 27")),
        contacts=(Contact(name="A", phones=("+48523954868",)),),
        goals=("a", "b"),
        activities=(Activity(description="x"),),
        attachments=(Attachment(url="https://example.org/a.pdf"),),
        has_attachments=True,
        extra=(("Etykieta", "tekst"), ("n", "1")),
    )


def test_null_stays_null_and_missing_fields_take_their_defaults() -> None:
    practice = from_dict(Practice, {"title": "T", "description": "D", "unit": None, "goals": None})
    assert practice.unit is None and practice.goals is None
    assert practice.contacts == () and practice.date_added is None


def test_a_date_that_is_already_a_date_and_unknown_keys_are_taken_as_they_are() -> None:
    practice = from_dict(Practice, {"title": "T", "description": "D", "date_added": dt.date(2013, 6, 28), "x": 1})
    assert practice.date_added == dt.date(2013, 6, 28)
    assert to_dict(practice) == {"title": "T", "description": "D", "date_added": "2013-06-28"}


def test_each_class_is_built_from_its_own_fields() -> None:
    assert from_dict(Address, {"street": "S", "name": "ignored"}) == Address(street="S")
    assert from_dict(Contact, {"emails": ["a@b.pl"]}) == Contact(emails=("a@b.pl",))
