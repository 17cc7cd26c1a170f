"""The register of requests (behind the staff gate): a year's lines in order, to read,
print (the page's print style) and export (CSV); and the entry of a request received
through another channel than the form (docs/register.md)."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cpasonline.client import client_ip
from intake import services as steps
from intake.constants import Channel
from intake.services import Contact, Identity, Needs
from intake.services.common import today
from routing.models import Cpas

from .. import services
from ..constants import AccessAction
from ..selectors.register import register_of
from ..step_forms import EntryForm
from .confirm import confirm_page, confirmed, wants_change
from .inbox import _csv_cell


def _cpas_and_year(request):
    user = request.user
    if user.is_sppis_admin:
        code = (request.GET.get("cpas") or "").strip()
        cpas = Cpas.objects.filter(code=code).first() if code else None
    else:
        cpas = user.cpas
    try:
        year = int(request.GET.get("year") or today().year)
    except ValueError:
        raise Http404 from None
    if not 1900 < year < 3000:
        raise Http404
    return cpas, year


def register_page(request):
    cpas, year = _cpas_and_year(request)
    if cpas is None:
        return render(request, "backoffice/register_choose.html", {"year": year})
    return render(
        request,
        "backoffice/register.html",
        {"register": register_of(cpas, year), "can_enter": not request.user.is_sppis_admin},
    )


def register_csv(request):
    cpas, year = _cpas_and_year(request)
    if cpas is None:
        raise Http404
    register = register_of(cpas, year)
    services.access_log_record(
        aid_requests=[line.entry.aid_request for line in register.lines],
        action=AccessAction.EXPORT,
        user=request.user,
        ip_address=client_ip(request),
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="register-{cpas.code}-{year}.csv"'
    response.write("\ufeff")  # spreadsheets then read UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Number"),
            _("Reception date"),
            _("Channel"),
            _("Reference"),
            _("Entered at"),
            _("Entered by"),
            _("Late entry"),
            _("Out of chronological order"),
            _("Received by transfer from"),
            _("Transferred to"),
            _("Corrected"),
            _("Number in the CPAS's own register"),
        ]
    )
    for line in register.lines:
        entry = line.entry
        writer.writerow(
            [
                f"{entry.number}/{entry.year}",
                entry.reception_date.isoformat(),
                entry.get_channel_display(),
                entry.aid_request.reference,
                entry.registered_at.isoformat(timespec="minutes"),
                _csv_cell(entry.registered_by.username)
                if entry.registered_by
                else _("CPAS Online"),
                _("yes") if entry.late else "",
                _("yes") if line.out_of_order else "",
                _csv_cell(entry.transferred_from.name) if entry.transferred_from else "",
                _csv_cell(line.transferred_to.name) if line.transferred_to else "",
                _csv_cell(entry.correction_reason) if entry.corrected_at else "",
                _csv_cell(entry.external_number),
            ]
        )
    return response


def enter(request):
    """A request received at the desk, by letter, email or phone, or opened ex officio."""
    if request.user.is_sppis_admin:
        raise PermissionDenied
    form = EntryForm(request.POST if request.method == "POST" else None, today=today())
    if request.method != "POST" or wants_change(request) or not form.is_valid():
        status = 400 if request.method == "POST" and form.errors else 200
        if wants_change(request):
            form = EntryForm(request.POST, today=today())
            status = 200
        return render(request, "backoffice/enter.html", {"form": form}, status=status)
    data = form.cleaned_data
    channel = Channel(data["channel"])
    if not confirmed(request):
        warnings = []
        if data["received_on"] < today():
            warnings.append(
                _(
                    "The reception date is before today: the entry will be marked late "
                    "(a request is entered on the day it is received)."
                )
            )
        return confirm_page(
            request,
            title=_("Enter the request in the register?"),
            lines=[
                _(
                    "You are about to enter a request in the register of %(cpas)s for "
                    "%(year)s. It gets the next number; a register is never renumbered."
                )
                % {"cpas": request.user.cpas.name, "year": data["received_on"].year}
            ],
            warnings=warnings,
            details=[
                (_("Channel"), channel.label),
                (_("Date of reception"), date_format(data["received_on"], "d/m/Y")),
                (_("Name"), f"{data['first_name']} {data['last_name']}"),
            ],
            action=reverse("backoffice:enter"),
            button=pgettext("button", "Enter in the register"),
            back_url=reverse("backoffice:register"),
        )
    aid_request = steps.aid_request_enter(
        user=request.user,
        channel=channel,
        received_on=data["received_on"],
        language=data["language"],
        identity=Identity(
            method="typed" if data["national_number"] else "none",
            first_name=data["first_name"],
            last_name=data["last_name"],
            birth_date=data["birth_date"],
            national_number=data["national_number"],
        ),
        contact=Contact(email=data["email"], phone=data["phone"]),
        needs=Needs(categories=data["needs"]),
        signature_reference=data["signature_reference"],
    )
    entry = aid_request.register_entries.get()
    messages.success(
        request,
        _("Entered in the register as number %(number)s/%(year)s.")
        % {"number": entry.number, "year": entry.year},
    )
    return redirect("backoffice:detail", reference=aid_request.reference)
