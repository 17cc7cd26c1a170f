"""The request core's writes: submitting or entering a request and every later step.

Callers import the services from here (``from intake import services``); each one
owns its transaction and writes the request's history (docs/lifecycle.md).
"""

from ..lifecycle import StepRefused
from .corrections import merits_decision_correct, merits_decision_withdraw
from .follow_up import aid_request_decide, aid_request_declare_competent, aid_request_mark_read
from .history import acting_through, aid_request_event_record, subscribe
from .inputs import Contact, Identity, Needs
from .links import request_link_confirm, request_link_dismiss
from .register import (
    aid_request_enter,
    register_entry_correct_reception,
    register_entry_record_external_number,
)
from .retention import (
    aid_request_personal_data_erase,
    aid_requests_due_for_erasure,
    decided_requests,
    test_requests_delete,
    test_requests_due_for_purge,
)
from .submission import SubmissionRefused, aid_request_submit
from .transfers import aid_request_refer_conflict, aid_request_transfer

__all__ = [
    "Contact",
    "Identity",
    "Needs",
    "StepRefused",
    "SubmissionRefused",
    "acting_through",
    "aid_request_decide",
    "aid_request_declare_competent",
    "aid_request_enter",
    "aid_request_event_record",
    "aid_request_mark_read",
    "aid_request_personal_data_erase",
    "aid_request_refer_conflict",
    "aid_request_submit",
    "aid_request_transfer",
    "aid_requests_due_for_erasure",
    "decided_requests",
    "merits_decision_correct",
    "merits_decision_withdraw",
    "register_entry_correct_reception",
    "register_entry_record_external_number",
    "request_link_confirm",
    "request_link_dismiss",
    "subscribe",
    "test_requests_delete",
    "test_requests_due_for_purge",
]
