"""Correcting a mistake on a request (behind the staff gate): a decision on the merits
corrected or withdrawn, the reception date of a request entered by staff. Each has its
form page, its confirmation page, and a reason that the history keeps."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from intake import services as steps
from intake.constants import MeritsOutcome
from intake.services.common import today

from ..access import get_request_or_404
from ..step_forms import DecisionCorrectionForm, ReceptionCorrectionForm
from .confirm import confirm_page, confirmed, wants_change


def _form_page(request, aid_request, form, *, title, action, status=200):
    return render(
        request,
        "backoffice/correction.html",
        {"aid_request": aid_request, "form": form, "title": title, "action": action},
        status=status,
    )


def _urls(aid_request, name):
    kwargs = {"reference": aid_request.reference}
    return reverse(f"backoffice:{name}", kwargs=kwargs), reverse("backoffice:detail", kwargs=kwargs)


def correct_decision(request, reference):
    aid_request = get_request_or_404(request.user, reference, for_action=True)
    action, back = _urls(aid_request, "correct_decision")
    title = _("Correct the decision on the merits")
    form = DecisionCorrectionForm(
        request.POST if request.method == "POST" else None,
        reception_date=aid_request.reception_date,
        today=today(),
    )
    if request.method != "POST" or wants_change(request):
        return _form_page(request, aid_request, form, title=title, action=action)
    if not form.is_valid():
        return _form_page(request, aid_request, form, title=title, action=action, status=400)
    data = form.cleaned_data
    withdraw = data["action"] == DecisionCorrectionForm.WITHDRAW
    if not confirmed(request):
        details = [(_("Why the correction"), data["reason"])]
        if not withdraw:
            details[:0] = [
                (_("Decision on the merits"), MeritsOutcome(data["outcome"]).label),
                (_("Date of the decision"), date_format(data["decided_on"], "d/m/Y")),
            ]
        return confirm_page(
            request,
            title=_("Withdraw the decision?") if withdraw else _("Correct the decision?"),
            lines=[
                (
                    _(
                        "You are about to withdraw the decision on the merits of request "
                        "%(reference)s: the request will be open again."
                    )
                    if withdraw
                    else _(
                        "You are about to replace the decision on the merits of request "
                        "%(reference)s by the one below."
                    )
                )
                % {"reference": aid_request.reference},
                _("The history keeps the old decision, who corrected it, when and why."),
            ],
            details=details,
            action=action,
            button=_("Yes, withdraw the decision") if withdraw else _("Yes, correct the decision"),
            back_url=back,
        )
    try:
        if withdraw:
            steps.merits_decision_withdraw(
                aid_request=aid_request, user=request.user, reason=data["reason"]
            )
            messages.success(request, _("The decision on the merits was withdrawn."))
        else:
            steps.merits_decision_correct(
                aid_request=aid_request,
                user=request.user,
                outcome=data["outcome"],
                decided_on=data["decided_on"],
                reason=data["reason"],
            )
            messages.success(request, _("The decision on the merits was corrected."))
    except steps.StepRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(back)


def correct_reception(request, reference):
    aid_request = get_request_or_404(request.user, reference, for_action=True)
    action, back = _urls(aid_request, "correct_reception")
    title = _("Correct the reception date")
    form = ReceptionCorrectionForm(request.POST if request.method == "POST" else None)
    if request.method != "POST" or wants_change(request):
        return _form_page(request, aid_request, form, title=title, action=action)
    if not form.is_valid():
        return _form_page(request, aid_request, form, title=title, action=action, status=400)
    data = form.cleaned_data
    if not confirmed(request):
        return confirm_page(
            request,
            title=_("Correct the reception date?"),
            lines=[
                _(
                    "You are about to change the reception date of request %(reference)s: "
                    "its deadlines follow. Its register line keeps its number and is marked "
                    "corrected."
                )
                % {"reference": aid_request.reference}
            ],
            details=[
                (_("The right reception date"), date_format(data["received_on"], "d/m/Y")),
                (_("Why the correction"), data["reason"]),
            ],
            action=action,
            button=_("Yes, correct the reception date"),
            back_url=back,
        )
    try:
        steps.register_entry_correct_reception(
            aid_request=aid_request,
            user=request.user,
            received_on=data["received_on"],
            reason=data["reason"],
        )
        messages.success(request, _("The reception date was corrected."))
    except steps.StepRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(back)
