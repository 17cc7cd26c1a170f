"""The monitoring pages (behind the staff gate; docs/monitoring.md): thin views."""

from defusedcsv import csv
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from .forms import period_from
from .reports import monitoring_view_log, report_build
from .scopes import home_of, names_cpas, scope_for


def home(request):
    kind, code = home_of(request.user)
    if code:
        return redirect("monitoring:page", kind=kind, code=code)
    return redirect("monitoring:country")


def _report(request, kind, code, output):
    scope = scope_for(request.user, kind, code)
    form, start, end, unit = period_from(request.GET, timezone.localdate())
    report = report_build(scope, start=start, end=end, unit=unit)
    monitoring_view_log(user=request.user, scope=scope, start=start, end=end, output=output)
    return form, report


def page(request, kind="country", code=""):
    form, report = _report(request, kind, code, "page")
    context = {"form": form, "report": report, "names_cpas": names_cpas(request.user)}
    return render(request, "monitoring/page.html", context)


def print_report(request, kind="country", code=""):
    _form, report = _report(request, kind, code, "print")
    return render(request, "monitoring/print.html", {"report": report})


def export_csv(request, table, kind="country", code=""):
    _form, report = _report(request, kind, code, f"csv:{table}")
    try:
        found = report.table(table)
    except StopIteration:
        raise Http404 from None
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="monitoring-{report.scope.kind}-{report.scope.code or "be"}-'
        f'{found.key}-{report.start:%Y%m%d}-{report.end:%Y%m%d}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow([found.header, *found.columns])
    for label, cells in found.rows:
        writer.writerow([label, *(cell.raw for cell in cells)])
    return response
