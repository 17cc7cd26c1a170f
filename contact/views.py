"""The applicant's page (docs/first-contact.md, "The page"): opened by the link of the
acknowledgement and of each appointment's message. The link's token is read once and
replaced by the session's key, so the address bar and the history keep no token."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cpasonline.ratelimit import is_limited, too_many_requests
from eid import session as eid_session

from .constants import LinkState, Refusal
from .forms import AnswerForm, MediumForm
from .links import link_find, state_of
from .models import ContactLink
from .selectors import applicant_status
from .services import ForgedAnswer, appointment_answer, contact_choice_set

SESSION_KEY = "contact.link"

REFUSALS = {
    Refusal.ALREADY: gettext_lazy("Your answer was already recorded."),
    Refusal.PAST: gettext_lazy("The time of this meeting has passed: contact your CPAS."),
    Refusal.WITHDRAWN: gettext_lazy("This meeting was withdrawn. Your CPAS will contact you."),
    Refusal.CLOSED: gettext_lazy("This meeting can no longer be answered here: contact your CPAS."),
}


def _refused(request, state: str, status: int):
    return render(request, "contact/link_refused.html", {"state": state}, status=status)


@never_cache
def link_open(request, token):
    if is_limited(request, group="contact.link", rate=settings.CONTACT_LINK_RATE):
        return too_many_requests(request)
    link = link_find(token)
    if link is None:
        return _refused(request, "unknown", 404)
    state = state_of(link)
    if state != LinkState.OK:
        return _refused(request, state, 410)
    request.session.cycle_key()
    request.session[SESSION_KEY] = link.pk
    return redirect("contact:status")


def _session_link(request):
    """The link this browser opened, if it still opens; else the refusal page."""
    pk = request.session.get(SESSION_KEY)
    link = (
        ContactLink.objects.select_related("aid_request", "aid_request__cpas").filter(pk=pk).first()
        if isinstance(pk, int)
        else None
    )
    if link is None:
        return None, _refused(request, "missing", 404)
    state = state_of(link)
    if state != LinkState.OK:
        request.session.pop(SESSION_KEY, None)
        return None, _refused(request, state, 410)
    return link, None


def _page(request, link, *, answer_form=None, status=200):
    aid_request = link.aid_request
    context = applicant_status(aid_request, get_language())
    person = eid_session.get_person(request)
    context["eid_matches"] = bool(person and person.national_number == aid_request.national_number)
    if context["ebox_offered"] and settings.EID_ENABLED and not context["eid_matches"]:
        context["eid_login_url"] = eid_session.login_url(reverse("contact:status"))
    context["medium_form"] = MediumForm(initial={"medium": context["medium"]})
    context["answer_form"] = answer_form or AnswerForm()
    return render(request, "contact/status.html", context, status=status)


@never_cache
def status(request):
    link, refused = _session_link(request)
    return refused or _page(request, link)


@never_cache
@require_POST
def answer(request):
    link, refused = _session_link(request)
    if refused:
        return refused
    form = AnswerForm(request.POST)
    if not form.is_valid():
        if set(form.errors) - {"new_phone", "wish"}:
            return render(request, "contact/forged.html", status=400)
        return _page(request, link, answer_form=form, status=400)
    data = form.cleaned_data
    try:
        refusal = appointment_answer(
            link=link,
            appointment_pk=data["appointment"],
            answer=data["answer"],
            new_phone=data["new_phone"],
            wish=data["wish"],
        )
    except ForgedAnswer:
        return render(request, "contact/forged.html", status=400)
    if refusal is None:
        messages.success(request, _("Thank you: your answer was sent to your CPAS."))
    else:
        messages.warning(request, str(REFUSALS[refusal]))
    return redirect("contact:status")


@never_cache
@require_POST
def choose(request):
    link, refused = _session_link(request)
    if refused:
        return refused
    form = MediumForm(request.POST)
    if not form.is_valid():
        return render(request, "contact/forged.html", status=400)
    if contact_choice_set(
        aid_request=link.aid_request,
        medium=form.cleaned_data["medium"],
        person=eid_session.get_person(request),
    ):
        messages.success(request, _("Your choice is saved."))
    else:
        messages.warning(request, _("Log in with eID or itsme to choose the eBox."))
    return redirect("contact:status")
