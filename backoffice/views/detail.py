"""The request's detail page and the steps staff take on it (behind the staff gate)."""

from dataclasses import fields
from functools import wraps

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cpasonline.client import client_ip
from intake import services as steps

from .. import services
from ..access import get_request_or_404
from ..constants import AccessAction
from ..forms import CompetenceForm, MeritsDecisionForm
from ..selectors.detail import request_detail


def _detail(request, aid_request, *, competence_form=None, merits_form=None, status=200):
    shown = request_detail(aid_request, request.user, today=timezone.localdate())
    context = {field.name: getattr(shown, field.name) for field in fields(shown)}
    if shown.actionable:
        context["competence_form"] = competence_form or CompetenceForm(
            current_cpas=aid_request.cpas
        )
        context["merits_form"] = merits_form or MeritsDecisionForm()
    errors = [f for f in (competence_form, merits_form) if f is not None and f.errors]
    context["error_form"] = errors[0] if errors else None
    return render(request, "backoffice/detail.html", context, status=status)


def detail(request, reference):
    aid_request = get_request_or_404(request.user, reference)
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


def _action(view):
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


@_action
def register(request, aid_request):
    entry = steps.aid_request_register(aid_request=aid_request, user=request.user)
    messages.success(
        request,
        _("Registered as number %(number)s/%(year)s.")
        % {"number": entry.number, "year": entry.year},
    )


@_action
def competence(request, aid_request):
    form = CompetenceForm(request.POST, current_cpas=aid_request.cpas)
    if not form.is_valid():
        return _detail(request, aid_request, competence_form=form, status=400)
    if form.cleaned_data["competent"] == CompetenceForm.COMPETENT:
        steps.aid_request_declare_competent(aid_request=aid_request, user=request.user)
        messages.success(request, _("Recorded: your CPAS is competent."))
        return None
    to_cpas = form.cleaned_data["transferred_to"]
    steps.aid_request_transfer(
        aid_request=aid_request,
        user=request.user,
        to_cpas=to_cpas,
        notified_on=form.cleaned_data["notified_on"],
    )
    messages.success(request, _("The request was transferred to %(cpas)s.") % {"cpas": to_cpas})
    return None


@_action
def decision(request, aid_request):
    form = MeritsDecisionForm(request.POST)
    if not form.is_valid():
        return _detail(request, aid_request, merits_form=form, status=400)
    steps.aid_request_decide(
        aid_request=aid_request,
        user=request.user,
        outcome=form.cleaned_data["outcome"],
        decided_on=form.cleaned_data["decided_on"],
    )
    messages.success(request, _("The decision on the merits was recorded."))
    return None
