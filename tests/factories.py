"""Test data builders."""

import uuid
from datetime import UTC, date, datetime

from intake.constants import IdentificationMethod
from intake.services import Contact, Identity, Needs, aid_request_submit
from routing.rules import RoutingAnswers


def with_check_digits(nine: str, *, born_from_2000: bool = False) -> str:
    """The 11 digits: 97 - (9 digits mod 97), "2" before them for births from 2000."""
    base = int(("2" if born_from_2000 else "") + nine)
    return f"{nine}{97 - base % 97:02d}"


def national_number(born: date, sequence: int = 33, *, bis_offset: int = 0) -> str:
    """A valid national (or BIS, with a month offset) number for this birth date."""
    nine = f"{born:%y}{born.month + bis_offset:02d}{born:%d}{sequence:03d}"
    return with_check_digits(nine, born_from_2000=born.year >= 2000)


def submit(
    *,
    nis_code: str = "92094",
    national_number: str = "85073003328",
    submitted_at: datetime | None = None,
    language: str = "fr",
    email: str = "applicant@example.org",
    urgent: bool = False,
    sandbox_token: str = "",
    **identity_fields,
):
    """A request submitted for someone living at home in ``nis_code``."""
    identity = {
        "method": IdentificationMethod.TYPED if national_number else IdentificationMethod.NONE,
        "first_name": "Alex",
        "last_name": "Martin",
        "birth_date": date(1985, 7, 30),
        "national_number": national_number,
        **identity_fields,
    }
    return aid_request_submit(
        submission_key=uuid.uuid4(),
        submitted_at=submitted_at or datetime(2026, 11, 20, 17, 0, tzinfo=UTC),
        language=language,
        identity=Identity(**identity),
        contact=Contact(email=email),
        routing=RoutingAnswers(in_institution=False, current_commune=nis_code),
        needs=Needs(categories=["income"], urgent=urgent),
        confirms_not_helped=True,
        sandbox_token=sandbox_token,
    )
