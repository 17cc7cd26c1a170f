"""A CPAS manager's page for the software vendors serving their CPAS through the API
(behind the staff gate, managers only; docs/api.md, "Software vendors"): grant a
vendor's client access with scopes, see each grant's last use, revoke it (its tokens
stop at once)."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vendors.models import Grant, Scope, VendorClient
from vendors.services import grant_create, grant_revoke


class GrantForm(forms.Form):
    client = forms.ModelChoiceField(
        label=gettext_lazy("Software"),
        queryset=VendorClient.objects.filter(is_active=True),
        empty_label=gettext_lazy("Choose the software"),
    )
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("What it may do"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Scope.READ],
    )


def _grants(user):
    return (
        Grant.objects.filter(cpas_id=user.cpas_id)
        .select_related("client", "granted_by", "revoked_by")
        .order_by("revoked_at", "-granted_at")
    )


def vendors(request):
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        grant = grant_create(
            client=form.cleaned_data["client"],
            user=request.user,
            scopes=form.cleaned_data["scopes"],
        )
        messages.success(
            request,
            _("%(software)s may now serve your CPAS through the API.")
            % {"software": grant.client.name},
        )
        return redirect("backoffice:vendors")
    return render(
        request,
        "backoffice/vendors.html",
        {"form": form, "grants": _grants(request.user), "scope_labels": dict(Scope.choices)},
        status=400 if form.errors else 200,
    )


@require_POST
def vendor_revoke(request, pk: int):
    grant = Grant.objects.filter(
        pk=pk, cpas_id=request.user.cpas_id, revoked_at__isnull=True
    ).first()
    if grant is None:
        raise Http404  # another CPAS's grant, like another CPAS's request
    grant_revoke(grant=grant, user=request.user)
    messages.success(
        request,
        _("%(software)s can no longer serve your CPAS: its tokens stopped working.")
        % {"software": grant.client.name},
    )
    return redirect("backoffice:vendors")
