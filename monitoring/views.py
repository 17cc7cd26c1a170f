"""The monitoring pages (behind the staff gate; docs/monitoring.md): thin views."""

from defusedcsv import csv
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from .cache import cached_fragment
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
    scope = scope_for(request.user, kind, code)
    form, start, end, unit = period_from(request.GET, timezone.localdate())
    monitoring_view_log(user=request.user, scope=scope, start=start, end=end, output="page")
    names = names_cpas(request.user)
    query = request.GET.urlencode()

    def fragment():
        report = report_build(scope, start=start, end=end, unit=unit)
        context = {"report": report, "names_cpas": names, "query": query}
        return {
            "body": render_to_string("monitoring/includes/report.html", context),
            "report": report,
        }

    kept = cached_fragment((scope.label, start, end, unit, names, query), fragment)
    context = {"form": form, "report": kept["report"], "body": mark_safe(kept["body"])}  # noqa: S308  # nosec B308 B703 — our template's output
    return render(request, "monitoring/page.html", context)


def print_report(request, kind="country", code=""):
    scope = scope_for(request.user, kind, code)
    _form, start, end, unit = period_from(request.GET, timezone.localdate())
    monitoring_view_log(user=request.user, scope=scope, start=start, end=end, output="print")

    def whole_page():
        report = report_build(scope, start=start, end=end, unit=unit)
        return render_to_string("monitoring/print.html", {"report": report})

    return HttpResponse(cached_fragment(("print", scope.label, start, end, unit), whole_page))


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
