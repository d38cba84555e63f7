"""Leaving people out of published contacts (``--redact-contacts``).

The database lists officials by name with their direct lines. A publisher who may not publish
personal data keeps what a citizen needs to reach the office and drops what identifies a person.
The rule works on records, before mapping, so every output format is redacted alike:

* the contact's **name** goes;
* its **position** and **role** stay: they describe a post, not a person;
* an **e-mail address** is personal, and goes, when its local part (before ``@``) contains a
  word of the contact's name of three letters or more, transliterated to ASCII and compared
  without case (``m.apostolowicz@…`` and ``magdalena@…`` for Magdalena Apostołowicz); other
  addresses (``promocja@…``, ``sekretariat@…``) are the institution's and stay;
* a **phone number** stays only when libphonenumber classes it as a line an office runs: a fixed
  line, a toll-free, shared-cost or universal-access number. Mobile and every other or unknown
  kind of number is taken as personal and goes;
* a contact left with nothing to say (no position, role, phone or e-mail) goes, and contacts that
  have become equal are kept once.

A contact without a name was never a person's: it is kept as it is. After redaction a contact
has no name, so the mapping types it ``vcard:Organization`` (docs/design.md §2) and its IRI is minted
from the institution and the first address or number kept, never from a person's name.

The rule errs on the side of privacy (an office address such as ``ewaluacja@`` is dropped for a
contact named Ewa) and does not look into free text: descriptions, goals and source fields are
published as the source wrote them.
"""

from __future__ import annotations

import re
from dataclasses import replace

import phonenumbers
from phonenumbers import PhoneNumberType

from .model import Contact, Practice
from .uris import slug

__all__ = ["INSTITUTIONAL_PHONE_TYPES", "is_personal_email", "is_personal_phone", "redact_contact", "redact_contacts"]

INSTITUTIONAL_PHONE_TYPES = frozenset({
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.UAN,
})
"""Kinds of number an office runs; any other kind is treated as a person's."""

_MIN_NAME_PART = 3


def _name_parts(name: str) -> list[str]:
    return [part for part in slug(name).split("-") if len(part) >= _MIN_NAME_PART]


def is_personal_email(address: str, name: str | None) -> bool:
    """True when the mailbox is named after the person ``name`` (see the module's rule)."""
    if not name:
        return False
    local = re.sub(r"[^a-z0-9]", "", slug(address.partition("@")[0]))
    return any(part in local for part in _name_parts(name))


def is_personal_phone(number: str) -> bool:
    """True unless the number (E.164) is of a kind an office runs."""
    try:
        parsed = phonenumbers.parse(number, "PL")
    except phonenumbers.NumberParseException:
        return True
    return phonenumbers.number_type(parsed) not in INSTITUTIONAL_PHONE_TYPES


def redact_contact(contact: Contact) -> Contact | None:
    """The contact without its person, or None when nothing institutional is left."""
    if not contact.name:
        return contact
    redacted = Contact(
        name=None,
        position=contact.position,
        role=contact.role,
        phones=tuple(p for p in contact.phones if not is_personal_phone(p)),
        emails=tuple(e for e in contact.emails if not is_personal_email(e, contact.name)),
    )
    if not (redacted.position or redacted.role or redacted.phones or redacted.emails):
        return None
    return redacted


def _order(contact: Contact) -> tuple[str, ...]:
    """The canonical order normalisation gives contacts, so equal practices stay equal."""
    return (
        contact.name or "",
        ",".join(contact.emails),
        ",".join(contact.phones),
        contact.position or "",
        contact.role or "",
    )


def redact_contacts(practice: Practice) -> Practice:
    """The practice with every contact redacted (module docstring); other fields untouched."""
    if not practice.contacts:
        return practice
    kept = {c for c in (redact_contact(c) for c in practice.contacts) if c is not None}
    return replace(practice, contacts=tuple(sorted(kept, key=_order)))
