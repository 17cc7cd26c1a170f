"""The inbox and its CSV export (behind the staff gate)."""

import csv
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from cpasonline.client import client_ip

from .. import services
from ..constants import AccessAction
from ..forms import InboxFilterForm
from ..presenters import inbox_rows
from ..searches import filters_data, results_query
from ..selectors.inbox import (
    DECISION_SOON_DAYS,
    OPEN,
    count_at_most,
    counters,
    filter_inbox,
    same_person_counts,
    test_requests_count,
)

PAGE_SIZE = 50
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts at most ``COUNT_CAP`` + 1 rows: a large CPAS's whole list (100 000 rows and
    more) is never counted; past the cap, one narrows the search (dates, filters)."""

    @cached_property
    def count(self) -> int:
        return count_at_most(self.object_list, COUNT_CAP + 1)


def _rendered(request, form, *, query: str):
    today = timezone.localdate()
    queryset = filter_inbox(form.filters(), user=request.user, today=today)
    page = CappedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page)
    return render(
        request,
        "backoffice/inbox.html",
        {
            "form": form,
            "page_obj": page,
            "rows": inbox_rows(
                rows, today=today, same_person=same_person_counts(rows, request.user)
            ),
            "counters": counters(request.user, today),
            "test_view": form.filters().test,
            "test_count": test_requests_count(request.user),
            "decision_soon_days": DECISION_SOON_DAYS,
            "today": today,
            "query": query,
            "urgent": form.filters().state == OPEN,
            "count_capped": page.paginator.count > COUNT_CAP,
            "count_cap": COUNT_CAP,
        },
    )


@sensitive_post_parameters("q")
def inbox(request):
    """The list. Filters come from the address, a search by name or number is posted and
    kept in the session (backoffice/searches.py): the address never carries it."""
    if request.user.is_sppis_admin:
        return render(request, "backoffice/sppis_home.html")
    if request.user.is_federation:
        return render(request, "backoffice/federation_home.html")
    if request.method == "POST":
        form = InboxFilterForm(request.POST)
        if form.is_valid():
            return redirect(f"{reverse('backoffice:inbox')}?{results_query(request.session, form)}")
        return _rendered(request, form, query="")
    data = filters_data(request)
    if data is None:
        messages.info(request, _("This search is no longer kept: search again."))
        return redirect("backoffice:inbox")
    search_id = request.GET.get("search")
    query = urlencode({"search": search_id}) if search_id else data.urlencode()
    return _rendered(request, InboxFilterForm(data), query=query)


def _csv_cell(value) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@require_POST
@sensitive_post_parameters("q")
def export_csv(request):
    """The filtered list as CSV: the filter form posted to this address (never a search
    in the URL)."""
    if request.user.is_sppis_admin:
        raise PermissionDenied  # no list, no export: access.requests_visible_to
    today = timezone.localdate()
    queryset = filter_inbox(InboxFilterForm(request.POST).filters(), user=request.user, today=today)
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
            _("Date of birth"),
            _("Identification"),
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
                # Transferred away: a trace, without the applicant's data (access.py).
                "" if row.transferred_out else _csv_cell(row.last_name),
                "" if row.transferred_out else _csv_cell(row.first_name),
                "" if row.transferred_out else row.birth_date_text,
                "" if row.transferred_out else row.get_identification_method_display(),
            ]
        )
    return response
