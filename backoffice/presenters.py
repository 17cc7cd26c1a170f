"""What the pages show in words: the inbox's lines, the detail page's routing answers
and history."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.constants import (
    Channel,
    EventKind,
    IdentificationMethod,
    LinkStatus,
    MeritsOutcome,
    State,
)
from intake.models import AidRequest
from routing.models import Commune, Cpas
from routing.rules import Rule

from .countdown import Countdown, countdown

_REFERENCE_SLOT = "REFERENCE"


@dataclass(frozen=True)
class InboxRow:
    """One line of the inbox: the request, and its dates and states in words."""

    aid_request: AidRequest
    detail_url: str
    received: str
    identified_by: str
    state: str
    competence_deadline: str
    competence: Countdown
    decision_deadline: str
    decision: Countdown
    same_person: int = 0  # other requests of the CPAS's own with the same national number


def _day(value: date) -> str:
    """As the ``date:"d/m/Y"`` filter writes it, without its general machinery."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def inbox_rows(
    aid_requests: Iterable[AidRequest], *, today: date, same_person: dict[int, int] | None = None
) -> list[InboxRow]:
    """The inbox's lines, from ``selectors.inbox_queryset`` rows.

    What every line shares is worked out once per page: the choice labels (a model's
    ``get_FOO_display`` translates all of them at each call) and the detail URL (a
    reference is letters, digits and dashes, which a URL keeps as they are)."""
    states = {value: str(label) for value, label in State.choices}
    methods = {value: str(label) for value, label in IdentificationMethod.choices}
    detail_url = reverse("backoffice:detail", kwargs={"reference": _REFERENCE_SLOT})
    trace_url = reverse("backoffice:trace", kwargs={"reference": _REFERENCE_SLOT})
    return [
        InboxRow(
            aid_request=row,
            # A request transferred away: its trace, without the applicant's data.
            detail_url=(trace_url if row.transferred_out else detail_url).replace(
                _REFERENCE_SLOT, row.reference
            ),
            received=_day(row.reception_date),
            identified_by=methods.get(row.identification_method, row.identification_method),
            state=states.get(row.state, row.state),
            competence_deadline=_day(row.competence_deadline),
            competence=countdown(
                row.competence_deadline, today, done=row.competence_done or row.transferred_out
            ),
            decision_deadline=_day(row.decision_deadline),
            decision=countdown(
                row.decision_deadline, today, done=row.merits_done or row.transferred_out
            ),
            same_person=(same_person or {}).get(row.pk, 0),
        )
        for row in aid_requests
    ]


ROUTING_QUESTIONS = {
    "in_institution": gettext_lazy("Lives in an institution (hospital, care home, prison…)"),
    "registered_commune_at_admission": gettext_lazy(
        "Commune of registration when admitted (to the first place, without a break)"
    ),
    "institution_commune": gettext_lazy("Commune of the institution"),
    "full_time_student": gettext_lazy("Full-time student"),
    "domicile_commune": gettext_lazy("Commune of domicile"),
    "lives_at_domicile": gettext_lazy("Lives at their domicile"),
    "current_commune": gettext_lazy("Commune where they usually live, or stay now"),
    "no_fixed_residence": gettext_lazy("No fixed place to live"),
}


def routing_answers(aid_request: AidRequest) -> list[tuple[str, str]]:
    answers = aid_request.routing_answers or {}
    codes = [v for v in answers.values() if isinstance(v, str)]
    names = {c.nis_code: c.name for c in Commune.objects.filter(nis_code__in=codes)}
    rows = []
    for key, question in ROUTING_QUESTIONS.items():
        value = answers.get(key)
        if value is None:
            continue
        if isinstance(value, bool):
            shown = _("Yes") if value else _("No")
        else:
            shown = names.get(value, value)
        rows.append((str(question), shown))
    return rows


def rule_label(aid_request: AidRequest) -> str:
    try:
        return str(Rule(aid_request.routing_rule).label)
    except ValueError:
        return aid_request.routing_rule


def _iso_day(value) -> str:
    return _day(date.fromisoformat(value)) if value else "–"


def _outcome(value) -> str:
    return str(MeritsOutcome(value).label) if value in MeritsOutcome.values else str(value)


def _registered(data, actor) -> str:
    values = {"number": data.get("number"), "year": data.get("year"), "user": actor}
    if actor:
        text = _("Entered in the register as number %(number)s/%(year)s by %(user)s") % values
    else:
        text = _("Entered in the register as number %(number)s/%(year)s by CPAS Online") % values
    return f"{text} – {_('late entry')}" if data.get("late") else text


def _transferred(data, actor, cpas_names) -> str:
    text = _("Transferred to %(cpas)s by %(user)s; applicant notified on %(date)s") % {
        "cpas": cpas_names.get(data.get("to_cpas"), data.get("to_cpas")),
        "user": actor,
        "date": _iso_day(data.get("notified_on")),
    }
    if data.get("notice_by_email"):
        text = f"{text} ({_('notice sent by CPAS Online')})"
    return f"{text} – {_('late notice (after R + 5)')}" if data.get("late") else text


def _linked(data) -> str:
    values = {"reference": data.get("other")}
    if data.get("status") == LinkStatus.POSSIBLE:
        return (
            _("Possible match with request %(reference)s (same names and date of birth)") % values
        )
    return _("Linked to request %(reference)s of the same person") % values


def describe_event(event, cpas_names: dict[str, str]) -> str:
    data = event.data
    actor = (event.actor.get_full_name() or event.actor.username) if event.actor else ""
    if not actor and data.get("via"):  # recorded by the social software (docs/api.md)
        actor = _("the social software (%(name)s)") % {"name": data["via"]}
    describe = {
        EventKind.READ: lambda: _("Read by %(user)s") % {"user": actor},
        EventKind.REGISTERED: lambda: _registered(data, actor),
        EventKind.ENTERED: lambda: (
            _("Received: %(channel)s; entered by %(user)s")
            % {"channel": Channel(data.get("channel")).label, "user": actor}
        ),
        EventKind.EXTERNAL_NUMBER: lambda: (
            _("Number %(external)s in the CPAS's own register, recorded by %(user)s")
            % {"external": data.get("external_number"), "user": actor}
        ),
        EventKind.COMPETENT: lambda: _("Declared competent by %(user)s") % {"user": actor},
        EventKind.TRANSFERRED: lambda: _transferred(data, actor, cpas_names),
        EventKind.REFERRED: lambda: (
            _("Referred to SPP-IS's competence-conflict service by %(user)s (due by %(date)s)")
            % {"user": actor, "date": _iso_day(data.get("deadline"))}
        ),
        EventKind.DECIDED: lambda: (
            _("Decision on the merits: %(outcome)s (%(date)s), recorded by %(user)s")
            % {
                "outcome": _outcome(data.get("outcome")),
                "date": _iso_day(data.get("decided_on")),
                "user": actor,
            }
        ),
        EventKind.DECISION_CORRECTED: lambda: (
            _(
                "Decision on the merits corrected by %(user)s: %(old)s (%(old_date)s) "
                "became %(outcome)s (%(date)s)"
            )
            % {
                "user": actor,
                "old": _outcome(data.get("old_outcome")),
                "old_date": _iso_day(data.get("old_decided_on")),
                "outcome": _outcome(data.get("outcome")),
                "date": _iso_day(data.get("decided_on")),
            }
        ),
        EventKind.DECISION_WITHDRAWN: lambda: (
            _("Decision on the merits (%(old)s, %(old_date)s) withdrawn by %(user)s")
            % {
                "user": actor,
                "old": _outcome(data.get("old_outcome")),
                "old_date": _iso_day(data.get("old_decided_on")),
            }
        ),
        EventKind.RECEPTION_CORRECTED: lambda: (
            _("Reception date corrected by %(user)s from %(old)s to %(new)s")
            % {"user": actor, "old": _iso_day(data.get("old")), "new": _iso_day(data.get("new"))}
        ),
        EventKind.LINKED: lambda: _linked(data),
        EventKind.MATCH_CONFIRMED: lambda: (
            _("Match with request %(reference)s confirmed by %(user)s")
            % {"reference": data.get("other"), "user": actor}
        ),
        EventKind.MATCH_DISMISSED: lambda: (
            _("Match with request %(reference)s dismissed by %(user)s")
            % {"reference": data.get("other"), "user": actor}
        ),
        EventKind.SUBMITTED: lambda: _("Submitted online"),
        EventKind.ALERT_SENT: lambda: _("The CPAS was alerted by email"),
        EventKind.RETRIEVED: lambda: _("Retrieved by the social software"),
    }.get(event.kind)
    return describe() if describe else event.get_kind_display()


# Lines about links name another request: shown only to the CPAS that made the link
# (after a transfer, the receiver does not learn of the sender's other requests).
_LINK_KINDS = {EventKind.LINKED, EventKind.MATCH_CONFIRMED, EventKind.MATCH_DISMISSED}


def history(aid_request: AidRequest, *, all_links: bool = False) -> list[dict]:
    events = [
        e
        for e in aid_request.events.select_related("actor", "cpas")
        if all_links or e.kind not in _LINK_KINDS or e.cpas_id == aid_request.cpas_id
    ]
    codes = [e.data["to_cpas"] for e in events if "to_cpas" in e.data]
    cpas_names = {c.code: c.name for c in Cpas.objects.filter(code__in=codes)}
    return [
        {
            "at": e.at,
            "cpas": None if e.kind == EventKind.SUBMITTED else e.cpas,
            "text": describe_event(e, cpas_names),
        }
        for e in events
    ]
