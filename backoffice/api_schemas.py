"""The write-back's bodies and answers, with their examples (docs/api.md)."""

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from intake.constants import MeritsOutcome, TransferReason
from vendors.idempotency import KEY_MAX_LENGTH

# Every input declares extra="forbid": an unknown field is a 422, never silently dropped.


class RegistrationIn(Schema):
    external_number: str = Field(
        min_length=1,
        max_length=50,
        pattern=r"^[\w./ -]+$",
        description="The request's number in the register the CPAS keeps in its software.",
    )
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"external_number": "2026/00412"}]}
    )


class RegistrationOut(Schema):
    reference: str
    register_year: int = Field(description="Year of this service's register line.")
    register_number: int = Field(description="This service's number (never renumbered).")
    external_number: str
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "reference": "CPAS-2026-7K4M-Q9XD",
                    "register_year": 2026,
                    "register_number": 118,
                    "external_number": "2026/00412",
                }
            ]
        }
    )


class CompetenceIn(Schema):
    competent: bool = Field(
        description="true: the CPAS is territorially competent. A CPAS that is not "
        "competent transfers the request instead (POST …/transfer)."
    )
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"competent": True}]})


class CompetenceOut(Schema):
    reference: str
    competent: bool
    decided_at: datetime
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "reference": "CPAS-2026-7K4M-Q9XD",
                    "competent": True,
                    "decided_at": "2026-11-21T09:30:00+01:00",
                }
            ]
        }
    )


class TransferIn(Schema):
    to_cpas: str = Field(description="The code of the CPAS deemed competent.", max_length=10)
    reasons: list[TransferReason] = Field(description="Why this CPAS is not competent.")
    reasons_text: str = Field("", max_length=2000, description="Reasons in the CPAS's words.")
    notified_on: date | None = Field(
        None,
        description="When the applicant was sent the written notice; ignored when the "
        "applicant gave an email address (CPAS Online sends it today).",
    )
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"to_cpas": "62063", "reasons": ["residence"], "reasons_text": ""}]
        },
    )


class TransferOut(Schema):
    reference: str
    transferred_to: str
    notified_on: date
    notice_timing: str = Field(description="on_time or late (after R + 5).")
    decided_at: datetime
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "reference": "CPAS-2026-7K4M-Q9XD",
                    "transferred_to": "62063",
                    "notified_on": "2026-11-21",
                    "notice_timing": "on_time",
                    "decided_at": "2026-11-21T09:30:00+01:00",
                }
            ]
        }
    )


class DecisionIn(Schema):
    outcome: MeritsOutcome
    decided_on: date = Field(description="The date of the decision on the merits.")
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"outcome": "granted", "decided_on": "2026-12-10"}]},
    )


class DecisionOut(Schema):
    reference: str
    outcome: str
    decided_on: date
    recorded_at: datetime
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "reference": "CPAS-2026-7K4M-Q9XD",
                    "outcome": "granted",
                    "decided_on": "2026-12-10",
                    "recorded_at": "2026-12-10T14:02:00+01:00",
                }
            ]
        }
    )


IDEMPOTENCY_HEADER = {
    "parameters": [
        {
            "in": "header",
            "name": "Idempotency-Key",
            "required": True,
            "schema": {"type": "string", "maxLength": KEY_MAX_LENGTH},
            "example": "9f2c4d1e-6b7a-4f0e-8a51-3c2d9e7b1a60",
            "description": "A unique key per write (a UUID): a retry with the same key and "
            "body gets the first response and records nothing.",
        }
    ]
}


class ConflictReferralIn(Schema):
    reasons: list[TransferReason] = Field(description="Why this CPAS is not competent either.")
    reasons_text: str = Field("", max_length=2000, description="Reasons in the CPAS's words.")
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"reasons": ["residence"], "reasons_text": ""}]},
    )


class ConflictReferralOut(Schema):
    reference: str
    deadline: date = Field(description="Five working days after the transfer reached the CPAS.")
    late: bool
    referred_at: datetime
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "reference": "CPAS-2026-7K4M-Q9XD",
                    "deadline": "2026-11-27",
                    "late": False,
                    "referred_at": "2026-11-24T11:00:00+01:00",
                }
            ]
        }
    )
