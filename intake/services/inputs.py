"""What a request is made of, as the clients of the core hand it over (the wizard for an
online request, the back-office for one entered by staff)."""

from dataclasses import dataclass, field
from datetime import date

from ..constants import IdentificationMethod
from ..identity import BirthDateParts


@dataclass(frozen=True)
class Identity:
    method: IdentificationMethod
    first_name: str
    last_name: str
    birth_date: date | BirthDateParts  # month and day may be unknown
    national_number: str = ""  # 11 bare digits, or empty
    # With eID or itsme: the names the authentication service asserted.
    asserted_first_name: str = ""
    asserted_last_name: str = ""


def person_fields(identity: Identity) -> dict:
    """The request's fields that say who the applicant is (not the number: it is
    encrypted by the model's setter)."""
    born = BirthDateParts.of(identity.birth_date)
    return {
        "first_name": identity.first_name,
        "last_name": identity.last_name,
        "birth_date": born.as_date(),
        "birth_year": born.year,
        "birth_month": born.month,
        "birth_day": born.day,
        "asserted_first_name": identity.asserted_first_name,
        "asserted_last_name": identity.asserted_last_name,
    }


@dataclass(frozen=True)
class Contact:
    email: str
    phone: str = ""
    contact_name: str = ""
    contact_relation: str = ""
    contact_email: str = ""
    contact_phone: str = ""


@dataclass(frozen=True)
class Needs:
    categories: list[str] = field(default_factory=list)
    text: str = ""
    urgent: bool = False  # docs/emergency-contacts.md
