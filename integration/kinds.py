"""What each step of a request's history becomes in the feed: one table (docs/integration.md).

``KINDS`` maps every ``EventKind`` to the feed's event type, the fields of the history
line it carries (with their JSON types: the published JSON Schema is built from them)
and whether it brings the request to the CPAS (then its reader gets the request's data,
personal data included, while that CPAS holds it). A new ``EventKind`` is one row here;
a test fails while a kind has none.

A transfer is two events: ``request.transferred_out`` in the sending CPAS's feed and
``request.transferred_in`` in the receiving one's. Pure: no ORM, no settings.
"""

from dataclasses import dataclass, field

from intake.constants import EventKind

STRING, INTEGER, BOOLEAN, DATE = "string", "integer", "boolean", "date"
STRINGS = "string[]"
# Copied from the request when it reaches a CPAS (no personal data).
ARRIVAL = {
    "reception_date": DATE,
    "competence_deadline": DATE,
    "decision_deadline": DATE,
    "channel": STRING,
    "language": STRING,
    "urgent": BOOLEAN,
}
VERSION = 1


@dataclass(frozen=True)
class FeedKind:
    type: str
    fields: dict[str, str] = field(default_factory=dict)  # from the history line's data
    arrival: bool = False  # the request reaches this CPAS: ARRIVAL fields and its data
    description: str = ""


_DECISION = {"outcome": STRING, "decided_on": DATE}
_OLD_DECISION = {"old_outcome": STRING, "old_decided_on": DATE}

KINDS: dict[str, FeedKind] = {
    EventKind.SUBMITTED: FeedKind(
        "request.submitted", {"rule": STRING}, arrival=True, description="Sent online."
    ),
    EventKind.ENTERED: FeedKind(
        "request.entered",
        {"channel": STRING},
        arrival=True,
        description="Entered in the register by the CPAS's staff (desk, letter, email, phone).",
    ),
    EventKind.ALERT_SENT: FeedKind("request.alert_sent", description="CPAS alerted by email."),
    EventKind.READ: FeedKind("request.read", description="Opened in the back-office."),
    EventKind.REGISTERED: FeedKind(
        "request.registered",
        {"number": INTEGER, "year": INTEGER, "late": BOOLEAN},
        description="Entered in the CPAS's register with its number.",
    ),
    EventKind.COMPETENT: FeedKind(
        "request.declared_competent", description="The CPAS declared itself competent."
    ),
    EventKind.TRANSFERRED: FeedKind(
        "request.transferred_out",
        {
            "to_cpas": STRING,
            "notified_on": DATE,
            "notice_by_email": BOOLEAN,
            "late": BOOLEAN,
            "reasons": STRINGS,
        },
        description="Transferred to another CPAS: its personal data leaves this feed.",
    ),
    EventKind.REFERRED: FeedKind(
        "request.referred",
        {"deadline": DATE, "late": BOOLEAN, "reasons": STRINGS},
        description="Referred to SPP-IS (competence conflict).",
    ),
    EventKind.DECIDED: FeedKind(
        "request.decided", _DECISION, description="Decision on the merits."
    ),
    EventKind.DECISION_CORRECTED: FeedKind(
        "request.decision_corrected", {**_OLD_DECISION, **_DECISION}
    ),
    EventKind.DECISION_WITHDRAWN: FeedKind("request.decision_withdrawn", _OLD_DECISION),
    EventKind.RECEPTION_CORRECTED: FeedKind(
        "request.reception_corrected",
        {"old": DATE, "new": DATE, "number": INTEGER, "year": INTEGER},
    ),
    EventKind.RETRIEVED: FeedKind(
        "request.retrieved", description="Marked retrieved through the API."
    ),
    EventKind.LINKED: FeedKind(
        "request.linked",
        {"other": STRING, "why": STRING, "status": STRING},
        description="Linked to another request of the same person (its reference).",
    ),
    EventKind.MATCH_CONFIRMED: FeedKind("request.match_confirmed", {"other": STRING}),
    EventKind.MATCH_DISMISSED: FeedKind("request.match_dismissed", {"other": STRING}),
    EventKind.EXTERNAL_NUMBER: FeedKind(
        "request.external_number",
        {"external_number": STRING, "number": INTEGER, "year": INTEGER},
        description="The number of the request in the CPAS's own register, beside ours.",
    ),
    # The first contact (docs/first-contact.md): which attempt, never its place, phone
    # or note (the back-office shows them to the CPAS that holds the request).
    EventKind.CONTACT_PROPOSED: FeedKind(
        "request.contact_proposed",
        {"appointment": INTEGER, "attempt": INTEGER},
        description="A first appointment proposed to the applicant (circular 9.3).",
    ),
    EventKind.CONTACT_CONFIRMED: FeedKind(
        "request.contact_confirmed",
        {"appointment": INTEGER, "attempt": INTEGER},
        description="The applicant confirmed the appointment.",
    ),
    EventKind.CONTACT_OTHER_TIME: FeedKind(
        "request.contact_other_time",
        {"appointment": INTEGER, "attempt": INTEGER},
        description="The applicant asked for another time.",
    ),
    EventKind.CONTACT_NO_REACTION: FeedKind(
        "request.contact_no_reaction",
        {"appointment": INTEGER, "attempt": INTEGER},
        description="No reaction to the appointment in the set time (circular 9.3).",
    ),
    EventKind.CONTACT_LINK_REVOKED: FeedKind(
        "request.contact_link_revoked", description="The applicant's link was revoked."
    ),
    EventKind.CONTACT_MEDIUM: FeedKind(
        "request.contact_medium",
        {"medium": STRING},
        description="The applicant chose email or the eBox for messages.",
    ),
}
# The receiving CPAS's side of a transfer.
TRANSFERRED_IN = FeedKind(
    "request.transferred_in",
    {"from_cpas": STRING, "notified_on": DATE, "reasons": STRINGS},
    arrival=True,
    description="Received by transfer from another CPAS.",
)
BY_TYPE: dict[str, FeedKind] = {k.type: k for k in [*KINDS.values(), TRANSFERRED_IN]}


def pick(kind: FeedKind, data: dict) -> dict:
    """The fields of ``kind`` found in a history line's ``data``, nothing else."""
    return {name: data[name] for name in kind.fields if name in data}


# --- the contract: a JSON Schema per event type -------------------------------------------

_JSON = {
    STRING: {"type": "string"},
    INTEGER: {"type": "integer"},
    BOOLEAN: {"type": "boolean"},
    DATE: {"type": "string", "format": "date"},
    STRINGS: {"type": "array", "items": {"type": "string"}},
}


def event_schema(kind: FeedKind, *, base_url: str = "") -> dict:
    """The JSON Schema (2020-12) of one event type as the feed returns it."""
    data = {**kind.fields, **(ARRIVAL if kind.arrival else {})}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base_url}/api/v1/schemas/events/{kind.type}.json",
        "title": kind.type,
        "description": kind.description,
        "type": "object",
        "required": ["id", "seq", "type", "version", "occurred_at", "reference", "test", "data"],
        "properties": {
            "id": {"type": "string", "description": "Unique; the webhook-id of its webhooks."},
            "seq": {"type": "integer", "minimum": 1, "description": "Gapless, per CPAS."},
            "type": {"const": kind.type},
            "version": {"const": VERSION},
            "occurred_at": {"type": "string", "format": "date-time"},
            "reference": {"type": "string"},
            "test": {"type": "boolean", "description": "A sandbox request (docs/sandbox.md)."},
            "data": {
                "type": "object",
                "properties": {name: _JSON[t] for name, t in data.items()},
            },
            "request": {
                "description": "The request as GET /requests gives it, on the events that "
                "bring it to the CPAS, while this CPAS holds it; otherwise null.",
                "type": ["object", "null"] if kind.arrival else "null",
            },
        },
    }
