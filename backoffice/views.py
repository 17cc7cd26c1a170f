"""Back-office pages: inbox, export, request detail and its follow-up actions."""

import csv
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import user_has_device

from intake import services as steps
from intake.constants import Need
from intake.identity import format_number
from intake.models import CompetenceDecision, MeritsDecision, ReadMark, RegisterEntry

from . import services
from .access import can_act, client_ip, get_request_or_404, is_back_office_user
from .constants import AccessAction
from .countdown import countdown
from .forms import CompetenceForm, InboxFilterForm, MeritsDecisionForm
from .presenters import history, inbox_rows, routing_answers, rule_label
from .selectors import OPEN, count_at_most, counters, duplicates_of, filter_inbox

PAGE_SIZE = 50
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts at most ``COUNT_CAP`` + 1 rows: a large CPAS's whole list (100 000 rows and
    more) is never counted; past the cap, one narrows the search (dates, filters)."""

    @cached_property
    def count(self) -> int:
        return count_at_most(self.object_list, COUNT_CAP + 1)


def staff_required(view):
    """Logged in, a member of a CPAS or of SPP-IS, and (if required) with a second factor."""

    @wraps(view)
    @login_required
    @never_cache
    def wrapper(request, *args, **kwargs):
        if not is_back_office_user(request.user):
            raise PermissionDenied
        if settings.STAFF_OTP_REQUIRED and not request.user.is_verified():
            step = "otp_verify" if user_has_device(request.user) else "otp_setup"
            return redirect_to_login(request.get_full_path(), reverse(f"backoffice:{step}"))
        return view(request, *args, **kwargs)

    return wrapper


def _filtered_inbox(request):
    form = InboxFilterForm(request.GET)
    today = timezone.localdate()
    return form, filter_inbox(form.filters(), user=request.user, today=today), today


@staff_required
def inbox(request):
    form, queryset, today = _filtered_inbox(request)
    page = CappedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "backoffice/inbox.html",
        {
            "form": form,
            "page_obj": page,
            "rows": inbox_rows(page, today=today),
            "counters": counters(request.user, today),
            "today": today,
            "query": query.urlencode(),
            "urgent": form.filters().state == OPEN,
            "count_capped": page.paginator.count > COUNT_CAP,
            "count_cap": COUNT_CAP,
        },
    )


def _csv_cell(value) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@staff_required
def export_csv(request):
    _form, queryset, today = _filtered_inbox(request)
    rows = list(queryset[: settings.BACKOFFICE_EXPORT_MAX_ROWS])
    services.access_log_record(
        aid_requests=rows,
        action=AccessAction.EXPORT,
        user=request.user,
        ip_address=client_ip(request),
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cpas-online-{today}.csv"'
    response.write("\ufeff")  # spreadsheets then read UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Reference"),
            _("Reception date"),
            _("Competence deadline"),
            _("Decision deadline"),
            _("State"),
            _("Last name"),
            _("First names"),
            _("Identified by"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row.reference,
                row.reception_date.isoformat(),
                row.competence_deadline.isoformat(),
                row.decision_deadline.isoformat(),
                _("Transferred") if row.transferred_out else row.get_state_display(),
                _csv_cell(row.last_name),
                _csv_cell(row.first_name),
                row.get_identification_method_display(),
            ]
        )
    return response


def _detail(request, aid_request, *, competence_form=None, merits_form=None, status=200):
    today = timezone.localdate()
    actionable = can_act(request.user, aid_request)
    competence_decisions = list(
        CompetenceDecision.objects.filter(aid_request=aid_request).select_related(
            "cpas", "transferred_to", "decided_by"
        )
    )
    competence_done = any(d.cpas_id == aid_request.cpas_id for d in competence_decisions)
    merits = MeritsDecision.objects.filter(aid_request=aid_request).first()
    register_entries = list(
        RegisterEntry.objects.filter(aid_request=aid_request).select_related("cpas")
    )
    context = {
        "aid_request": aid_request,
        "actionable": actionable,
        "national_number": (
            format_number(aid_request.national_number)
            if aid_request.national_number_encrypted
            else ""
        ),
        "needs": [Need(n).label if n in Need.values else n for n in aid_request.needs],
        "routing_answers": routing_answers(aid_request),
        "rule_label": rule_label(aid_request),
        "competence_countdown": countdown(
            aid_request.competence_deadline, today, done=competence_done or not actionable
        ),
        "decision_countdown": countdown(
            aid_request.decision_deadline, today, done=merits is not None or not actionable
        ),
        "competence_decisions": competence_decisions,
        "competence_done": competence_done,
        "merits": merits,
        "register_entries": register_entries,
        "registered_here": any(e.cpas_id == aid_request.cpas_id for e in register_entries),
        "read_marks": ReadMark.objects.filter(aid_request=aid_request).select_related(
            "read_by", "cpas"
        ),
        "history": history(aid_request),
        "duplicates": duplicates_of(aid_request, request.user),
    }
    if actionable:
        context["competence_form"] = competence_form or CompetenceForm(
            current_cpas=aid_request.cpas
        )
        context["merits_form"] = merits_form or MeritsDecisionForm()
    errors = [f for f in (competence_form, merits_form) if f is not None and f.errors]
    context["error_form"] = errors[0] if errors else None
    return render(request, "backoffice/detail.html", context, status=status)


@staff_required
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
    @staff_required
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
