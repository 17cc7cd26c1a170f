"""The National Register (Rijksregister / Registre national), behind a small interface.

The federal authentication service (FAS) proves who the citizen is and gives their
national number (``egovNRN``) and names, but no birth date nor address (docs/identification.md).
Those come from the National Register, reached in production through the BCSS/CBSS
(Crossroads Bank for Social Security). This module defines what the rest of the code
needs from it — one lookup by national number — and a fixture implementation over
``eid/data/fictitious-people.json`` for development and tests.

The implementation is chosen by the setting ``NATIONAL_REGISTER_CLIENT`` (a dotted
path to a class taking no argument).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

FIXTURE_PATH = Path(__file__).resolve().parent / "data" / "fictitious-people.json"


@dataclass(frozen=True)
class Person:
    """A person as the National Register knows them."""

    national_number: str  # the 11 bare digits (national or BIS number)
    first_name: str
    last_name: str
    birth_date: date
    domicile_nis: str | None  # NIS code of the commune of the legal address; None if none

    def to_dict(self) -> dict[str, str | None]:
        return {
            "national_number": self.national_number,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "birth_date": self.birth_date.isoformat(),
            "domicile_nis": self.domicile_nis,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Person:
        return cls(
            national_number=data["national_number"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            birth_date=date.fromisoformat(data["birth_date"]),
            domicile_nis=data.get("domicile_nis"),
        )


class NationalRegisterClient(Protocol):
    def lookup(self, national_number: str) -> Person | None:
        """The person with this national or BIS number (11 bare digits), or None
        when the register has no record of it."""
        ...


class FixtureNationalRegisterClient:
    """Fictitious people from a JSON file: for development and tests only."""

    def __init__(self, path: Path = FIXTURE_PATH) -> None:
        self.path = Path(path)

    def lookup(self, national_number: str) -> Person | None:
        return _load(self.path).get(national_number)

    def people(self) -> list[Person]:
        """Everyone in the file, for the test identity provider's list."""
        return list(_load(self.path).values())


@cache
def _load(path: Path) -> dict[str, Person]:
    with path.open(encoding="utf-8") as file:
        people = json.load(file)["people"]
    return {row["national_number"]: Person.from_dict(row) for row in people}


def get_national_register_client() -> NationalRegisterClient:
    """The client named by ``settings.NATIONAL_REGISTER_CLIENT``."""
    return import_string(settings.NATIONAL_REGISTER_CLIENT)()
