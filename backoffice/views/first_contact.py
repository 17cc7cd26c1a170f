"""The first contact on the back-office (docs/first-contact.md): a social worker proposes
a meeting and sees the answers; a manager keeps the list of documents to bring."""

import contextlib

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from contact.documents import document_item_add, document_item_remove, document_items
from contact.forms import DocumentItemForm, ProposeForm
from contact.services import appointment_propose, contact_link_revoke
from intake.lifecycle import StepRefused

from ..access import get_request_or_404


def propose(request, reference):
    aid_request = get_request_or_404(request.user, reference, for_action=True)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form = ProposeForm(request.POST or None, cpas=aid_request.cpas, language=get_language())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appointment_propose(
                aid_request=aid_request,
                user=request.user,
                starts_at=form.starts_at(),
                mode=data["mode"],
                place=data["place"],
                documents=[int(pk) for pk in data["documents"]],
                documents_text=data["documents_text"],
            )
        except StepRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The proposal is recorded and sent to the applicant."))
            return redirect("backoffice:detail", reference=aid_request.reference)
    status = 400 if form.errors else 200
    context = {"aid_request": aid_request, "form": form}
    return render(request, "backoffice/first_contact_propose.html", context, status=status)


def revoke_link(request, reference):
    aid_request = get_request_or_404(request.user, reference, for_action=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if contact_link_revoke(aid_request=aid_request, user=request.user):
        messages.success(request, _("The applicant's link no longer opens."))
    return redirect("backoffice:detail", reference=aid_request.reference)


def documents(request):
    cpas = request.user.cpas
    form = DocumentItemForm(request.POST if "add" in request.POST else None)
    if request.method == "POST":
        if "remove" in request.POST:
            with contextlib.suppress(ValueError):
                document_item_remove(cpas=cpas, pk=int(request.POST["remove"]))
            messages.success(request, _("The document is no longer offered."))
            return redirect("backoffice:contact_documents")
        if form.is_valid():
            document_item_add(cpas=cpas, labels=form.cleaned_data)
            messages.success(request, _("The document is added to the list."))
            return redirect("backoffice:contact_documents")
    context = {"cpas": cpas, "items": document_items(cpas), "form": form}
    return render(
        request, "backoffice/contact_documents.html", context, status=400 if form.errors else 200
    )
