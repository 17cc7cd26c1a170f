"""The request core's models: the request as submitted, and its follow-up."""

from .aid_request import AidRequest
from .follow_up import (
    CompetenceDecision,
    MeritsDecision,
    ReadMark,
    RegisterCounter,
    RegisterEntry,
    RequestEvent,
)

__all__ = [
    "AidRequest",
    "CompetenceDecision",
    "MeritsDecision",
    "ReadMark",
    "RegisterCounter",
    "RegisterEntry",
    "RequestEvent",
]
