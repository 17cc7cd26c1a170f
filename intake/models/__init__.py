"""The request core's models: the request as submitted, and its follow-up."""

from .aid_request import AidRequest
from .follow_up import (
    CompetenceDecision,
    ConflictReferral,
    MeritsDecision,
    ReadMark,
    RequestEvent,
)
from .links import RequestLink
from .register import RegisterCounter, RegisterEntry

__all__ = [
    "AidRequest",
    "CompetenceDecision",
    "ConflictReferral",
    "MeritsDecision",
    "ReadMark",
    "RegisterCounter",
    "RegisterEntry",
    "RequestEvent",
    "RequestLink",
]
