"""What the detail page shows: routing answers and history in words."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.models import AidRequest
from routing.models import Commune, Cpas
from routing.rules import Rule

from .constants import EventKind, MeritsOutcome

ROUTING_QUESTIONS = {
    "in_institution": gettext_lazy("Staying in an institution (hospital, care home, prison…)"),
    "registered_commune_at_admission": gettext_lazy("Commune of registration when admitted"),
    "institution_commune": gettext_lazy("Commune of the institution"),
    "full_time_student": gettext_lazy("Full-time student"),
    "domicile_commune": gettext_lazy("Commune of domicile"),
    "lives_at_domicile": gettext_lazy("Lives at their domicile"),
    "current_commune": gettext_lazy("Commune where they live or stay now"),
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
    if event.kind == EventKind.ALERT_SENT:
        return _("The CPAS was alerted by email")
    if event.kind == EventKind.RETRIEVED:
        return _("Retrieved by the social software")
    return event.get_kind_display()


def history(aid_request: AidRequest) -> list[dict]:
    events = list(aid_request.events.select_related("actor", "cpas"))
    codes = [e.data["to_cpas"] for e in events if "to_cpas" in e.data]
    cpas_names = {c.code: c.name for c in Cpas.objects.filter(code__in=codes)}
    rows = [{"at": aid_request.submitted_at, "cpas": None, "text": _("Submitted online")}]
    rows += [{"at": e.at, "cpas": e.cpas, "text": describe_event(e, cpas_names)} for e in events]
    return rows
