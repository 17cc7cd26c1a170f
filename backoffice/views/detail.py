"""The request's detail page and the steps staff take on it (behind the staff gate).

Every step that cannot simply be taken back goes through a confirmation page
(``confirm.py``); the step itself is one service of ``intake.services``."""

from dataclasses import fields
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from contact.selectors import staff_contact_summary
from cpasonline.client import client_ip
from intake import services as steps
from intake.constants import MeritsOutcome
from intake.references import normalise_reference
from intake.services.common import today

from .. import services
from ..access import get_request_or_404, requests_transferred_away_by
from ..constants import AccessAction
from ..selectors.detail import received_by_transfer, request_detail
from ..selectors.transfers import reason_labels
from ..step_forms import CompetenceForm, MeritsDecisionForm, ReferralForm
from .confirm import confirm_page, confirmed, wants_change


def competence_form(aid_request, by_transfer: bool, data=None):
    if by_transfer:
        return ReferralForm(data)
    return CompetenceForm(
        data, current_cpas=aid_request.cpas, needs_notice_date=not aid_request.email
    )


def merits_form(aid_request, data=None):
    return MeritsDecisionForm(data, reception_date=aid_request.reception_date, today=today())


def _detail(request, aid_request, *, competence=None, merits=None, status=200):
    shown = request_detail(aid_request, request.user, today=today())
    context = {field.name: getattr(shown, field.name) for field in fields(shown)}
    if shown.actionable:
        context["competence_form"] = competence or competence_form(
            aid_request, shown.received_by_transfer
        )
        context["merits_form"] = merits or merits_form(aid_request)
    context["first_contact"] = staff_contact_summary(aid_request)
    errors = [f for f in (competence, merits) if f is not None and f.errors]
    context["error_form"] = errors[0] if errors else None
    return render(request, "backoffice/detail.html", context, status=status)


def detail(request, reference):
    try:
        aid_request = get_request_or_404(request.user, reference)
    except Http404:
        # A request this CPAS transferred away: its trace, without the applicant's data.
        traced = requests_transferred_away_by(request.user)
        if traced.filter(reference=normalise_reference(reference) or "").exists():
            return redirect("backoffice:trace", reference=reference)
        raise
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    services.access_log_record(
        aid_requests=[aid_request],
        action=AccessAction.VIEW,
        user=request.user,
        ip_address=client_ip(request),
    )
    if steps.aid_request_mark_read(aid_request=aid_request, user=request.user):
        aid_request.refresh_from_db(fields=["state"])
    return _detail(request, aid_request)


def action(view):
    """A POST-only step on a request this user may act on (else 404, before anything)."""

    @wraps(view)
    def wrapper(request, reference):
        aid_request = get_request_or_404(request.user, reference, for_action=True)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            response = view(request, aid_request)
        except steps.StepRefused as refusal:
            messages.error(request, str(refusal))
            response = None
        return response or redirect("backoffice:detail", reference=aid_request.reference)

    return wrapper


def _day(value) -> str:
    return date_format(value, "d/m/Y")


def _reasons(data) -> list[tuple[str, str]]:
    text = "\n".join(reason_labels(data.get("reasons") or []))
    if data.get("reasons_text"):
        text = f"{text}\n{data['reasons_text']}".strip()
    return [(_("Reasons"), text)]


def _confirm_transfer(request, aid_request, data):
    to_cpas = data["to_cpas"]
    lines = [
        _(
            "You are about to transfer request %(reference)s to %(cpas)s. This cannot be "
            "undone: your CPAS will keep a trace of the transfer, no longer the applicant's "
            "data."
        )
        % {"reference": aid_request.reference, "cpas": to_cpas.name},
    ]
    if aid_request.email:
        lines.append(_("CPAS Online sends the applicant the written notice by email today."))
    notice = today() if aid_request.email else data["notified_on"]
    warnings = []
    if notice > aid_request.competence_deadline:
        warnings.append(
            _("The deadline for the notice was %(date)s (R + 5): it will be recorded as late.")
            % {"date": _day(aid_request.competence_deadline)}
        )
    return confirm_page(
        request,
        title=_("Transfer the request?"),
        lines=lines,
        warnings=warnings,
        details=[(_("To"), to_cpas.name), *_reasons(data), (_("Date of the notice"), _day(notice))],
        action=reverse("backoffice:competence", kwargs={"reference": aid_request.reference}),
        button=_("Yes, transfer the request"),
        back_url=reverse("backoffice:detail", kwargs={"reference": aid_request.reference}),
    )


def _confirm_competence(request, aid_request, *, refer: bool, data):
    url = reverse("backoffice:competence", kwargs={"reference": aid_request.reference})
    back = reverse("backoffice:detail", kwargs={"reference": aid_request.reference})
    if refer:
        return confirm_page(
            request,
            title=_("Refer the request to SPP-IS?"),
            lines=[
                _(
                    "You are about to refer request %(reference)s to SPP-IS's "
                    "competence-conflict service: your CPAS received it by transfer and is "
                    "not competent either. SPP-IS designates the competent CPAS."
                )
                % {"reference": aid_request.reference}
            ],
            details=_reasons(data),
            action=url,
            button=_("Yes, refer the request to SPP-IS"),
            back_url=back,
        )
    return confirm_page(
        request,
        title=_("Record that your CPAS is competent?"),
        lines=[
            _(
                "You are about to record that your CPAS is territorially competent for "
                "request %(reference)s."
            )
            % {"reference": aid_request.reference}
        ],
        action=url,
        button=_("Yes, my CPAS is competent"),
        back_url=back,
    )


@action
def competence(request, aid_request):
    form = competence_form(aid_request, received_by_transfer(aid_request), request.POST)
    if not form.is_valid():
        return _detail(request, aid_request, competence=form, status=400)
    if wants_change(request):
        return _detail(request, aid_request, competence=form)
    data = form.cleaned_data
    refer = data["competent"] == ReferralForm.REFER
    competent = data["competent"] == CompetenceForm.COMPETENT
    if not confirmed(request):
        if competent or refer:
            return _confirm_competence(request, aid_request, refer=refer, data=data)
        return _confirm_transfer(request, aid_request, data)
    if competent:
        steps.aid_request_declare_competent(aid_request=aid_request, user=request.user)
        messages.success(request, _("Recorded: your CPAS is competent."))
        return None
    if refer:
        steps.aid_request_refer_conflict(
            aid_request=aid_request,
            user=request.user,
            reasons=data["reasons"],
            reasons_text=data["reasons_text"],
        )
        messages.success(request, _("The request was referred to SPP-IS."))
        return None
    to_cpas = data["to_cpas"]
    steps.aid_request_transfer(
        aid_request=aid_request,
        user=request.user,
        to_cpas=to_cpas,
        reasons=data["reasons"],
        reasons_text=data["reasons_text"],
        notified_on=data.get("notified_on"),
    )
    messages.success(request, _("The request was transferred to %(cpas)s.") % {"cpas": to_cpas})
    return redirect("backoffice:trace", reference=aid_request.reference)


@action
def decision(request, aid_request):
    form = merits_form(aid_request, request.POST)
    if not form.is_valid():
        return _detail(request, aid_request, merits=form, status=400)
    if wants_change(request):
        return _detail(request, aid_request, merits=form)
    data = form.cleaned_data
    if not confirmed(request):
        return confirm_page(
            request,
            title=_("Record the decision on the merits?"),
            lines=[
                _("You are about to record the decision on the merits of request %(reference)s.")
                % {"reference": aid_request.reference},
                _("A mistake can be corrected afterwards, with a reason that the history keeps."),
            ],
            details=[
                (_("Decision on the merits"), MeritsOutcome(data["outcome"]).label),
                (_("Date of the decision"), _day(data["decided_on"])),
            ],
            action=reverse("backoffice:decision", kwargs={"reference": aid_request.reference}),
            button=_("Yes, record the decision"),
            back_url=reverse("backoffice:detail", kwargs={"reference": aid_request.reference}),
        )
    steps.aid_request_decide(
        aid_request=aid_request,
        user=request.user,
        outcome=data["outcome"],
        decided_on=data["decided_on"],
    )
    messages.success(request, _("The decision on the merits was recorded."))
    return None
