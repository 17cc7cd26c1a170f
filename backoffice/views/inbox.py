"""The inbox and its CSV export (behind the staff gate)."""

import csv

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from cpasonline.client import client_ip

from .. import services
from ..constants import AccessAction
from ..forms import InboxFilterForm
from ..presenters import inbox_rows
from ..selectors.inbox import OPEN, count_at_most, counters, filter_inbox

PAGE_SIZE = 50
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts at most ``COUNT_CAP`` + 1 rows: a large CPAS's whole list (100 000 rows and
    more) is never counted; past the cap, one narrows the search (dates, filters)."""

    @cached_property
    def count(self) -> int:
        return count_at_most(self.object_list, COUNT_CAP + 1)


def _filtered_inbox(request):
    form = InboxFilterForm(request.GET)
    today = timezone.localdate()
    return form, filter_inbox(form.filters(), user=request.user, today=today), today


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
                _csv_cell(row.last_name),
                _csv_cell(row.first_name),
                row.birth_date_text,
                row.get_identification_method_display(),
            ]
        )
    return response
