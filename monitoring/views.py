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


def _viewed(request, kind: str, code: str, output: str):
    """The area the reader may see (or 404), the period asked for, and the view logged:
    what every monitoring page and export starts with."""
    scope = scope_for(request.user, kind, code)
    form, start, end, unit = period_from(request.GET, timezone.localdate())
    monitoring_view_log(user=request.user, scope=scope, start=start, end=end, output=output)
    return form, scope, start, end, unit


def page(request, kind="country", code=""):
    form, scope, start, end, unit = _viewed(request, kind, code, "page")
    names = names_cpas(request.user)
    query = request.GET.urlencode()

    def fragment():
        report = report_build(scope, start=start, end=end, unit=unit)
        context = {"report": report, "names_cpas": names, "query": query}
        body = render_to_string("monitoring/includes/report.html", context)
        return body, report.start, report.end

    # Only the rendered text and the period's days are kept: reading them back costs
    # nothing beside the page.
    body, first, last = cached_fragment((scope.label, start, end, unit, names, query), fragment)
    period = {"scope": scope, "start": first, "end": last}
    context = {"form": form, "report": period, "body": mark_safe(body)}  # noqa: S308  # nosec B308 B703 — our template's output
    return render(request, "monitoring/page.html", context)


def print_report(request, kind="country", code=""):
    _form, scope, start, end, unit = _viewed(request, kind, code, "print")

    def whole_page():
        report = report_build(scope, start=start, end=end, unit=unit)
        return render_to_string("monitoring/print.html", {"report": report})

    return HttpResponse(cached_fragment(("print", scope.label, start, end, unit), whole_page))


def export_csv(request, table, kind="country", code=""):
    _form, scope, start, end, unit = _viewed(request, kind, code, f"csv:{table}")

    def lines():
        report = report_build(scope, start=start, end=end, unit=unit)
        try:
            found = report.table(table)
        except StopIteration:
            return None
        name = (
            f"monitoring-{report.scope.kind}-{report.scope.code or 'be'}-"
            f"{found.key}-{report.start:%Y%m%d}-{report.end:%Y%m%d}.csv"
        )
        rows = [[label, *(cell.raw for cell in cells)] for label, cells in found.rows]
        return name, [[found.header, *found.columns], *rows]

    kept = cached_fragment(("csv", table, scope.label, start, end, unit), lines)
    if kept is None:
        raise Http404
    name, rows = kept
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    csv.writer(response).writerows(rows)
    return response
