"""What the pages show in words: the inbox's lines, the detail page's routing answers
and history."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.constants import EventKind, IdentificationMethod, MeritsOutcome, State
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


def _day(value: date) -> str:
    """As the ``date:"d/m/Y"`` filter writes it, without its general machinery."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def inbox_rows(aid_requests: Iterable[AidRequest], *, today: date) -> list[InboxRow]:
    """The inbox's lines, from ``selectors.inbox_queryset`` rows.

    What every line shares is worked out once per page: the choice labels (a model's
    ``get_FOO_display`` translates all of them at each call) and the detail URL (a
    reference is letters, digits and dashes, which a URL keeps as they are)."""
    states = {value: str(label) for value, label in State.choices}
    methods = {value: str(label) for value, label in IdentificationMethod.choices}
    detail_url = reverse("backoffice:detail", kwargs={"reference": _REFERENCE_SLOT})
    return [
        InboxRow(
            aid_request=row,
            detail_url=detail_url.replace(_REFERENCE_SLOT, row.reference),
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


def describe_event(event, cpas_names: dict[str, str]) -> str:
    data = event.data
    actor = (event.actor.get_full_name() or event.actor.username) if event.actor else ""
    if event.kind == EventKind.READ:
        return _("Read by %(user)s") % {"user": actor}
    if event.kind == EventKind.REGISTERED:
        return _("Registered as number %(number)s/%(year)s by %(user)s") % {
            "number": data.get("number"),
            "year": data.get("year"),
            "user": actor,
        }
    if event.kind == EventKind.COMPETENT:
        return _("Declared competent by %(user)s") % {"user": actor}
    if event.kind == EventKind.TRANSFERRED:
        return _("Transferred to %(cpas)s by %(user)s; applicant notified on %(date)s") % {
            "cpas": cpas_names.get(data.get("to_cpas"), data.get("to_cpas")),
            "user": actor,
            "date": data.get("notified_on"),
        }
    if event.kind == EventKind.DECIDED:
        return _("Decision on the merits: %(outcome)s (%(date)s), recorded by %(user)s") % {
            "outcome": MeritsOutcome(data.get("outcome")).label,
            "date": data.get("decided_on"),
            "user": actor,
        }
    if event.kind == EventKind.SUBMITTED:
        return _("Submitted online")
    if event.kind == EventKind.ALERT_SENT:
        return _("The CPAS was alerted by email")
    if event.kind == EventKind.RETRIEVED:
        return _("Retrieved by the social software")
    return event.get_kind_display()


def history(aid_request: AidRequest) -> list[dict]:
    events = list(aid_request.events.select_related("actor", "cpas"))
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
