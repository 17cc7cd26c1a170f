"""The request core's writes: submitting a request and every later step of it.

Callers import the services from here (``from intake import services``); each one
owns its transaction and writes the request's history (docs/lifecycle.md).
"""

from ..lifecycle import StepRefused
from .follow_up import (
    aid_request_decide,
    aid_request_declare_competent,
    aid_request_mark_read,
    aid_request_register,
    aid_request_transfer,
)
from .history import aid_request_event_record, subscribe
from .submission import Contact, Identity, Needs, SubmissionRefused, aid_request_submit

__all__ = [
    "Contact",
    "Identity",
    "Needs",
    "StepRefused",
    "SubmissionRefused",
    "aid_request_decide",
    "aid_request_declare_competent",
    "aid_request_event_record",
    "aid_request_mark_read",
    "aid_request_register",
    "aid_request_submit",
    "aid_request_transfer",
    "subscribe",
]
