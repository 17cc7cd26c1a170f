"""What a request is made of, as the clients of the core hand it over (the wizard for an
online request, the back-office for one entered by staff)."""

from dataclasses import dataclass, field
from datetime import date

from ..constants import IdentificationMethod


@dataclass(frozen=True)
class Identity:
    method: IdentificationMethod
    first_name: str
    last_name: str
    birth_date: date
    national_number: str = ""  # 11 bare digits, or empty


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
