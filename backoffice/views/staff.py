"""A CPAS manager's page for their CPAS's staff accounts (behind the staff gate,
managers only; docs/data-protection.md, "Staff accounts"): the list, a new account
(invited by email to set up its second factor), a new invitation, (de)activation."""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..accounts import staff_member_activate, staff_member_create, staff_second_factor_reset
from ..forms import StaffMemberForm
from ..models import User


def _members(manager: User):
    return (
        User.objects.filter(cpas=manager.cpas)
        .annotate(
            has_second_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
        .order_by("-is_active", "last_name", "first_name", "username")
    )


def _member(request, pk: int) -> User:
    """A member of the manager's own CPAS, else 404 (as for another CPAS's request)."""
    member = User.objects.filter(pk=pk, cpas_id=request.user.cpas_id).first()
    if member is None:
        raise Http404
    return member


@sensitive_post_parameters("password1", "password2")
def staff(request):
    form = StaffMemberForm(request.POST or None, cpas=request.user.cpas)
    if request.method == "POST" and form.is_valid():
        member = staff_member_create(
            by=request.user,
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            password=form.cleaned_data["password1"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
        )
        messages.success(
            request,
            _("The account %(username)s is created: its invitation is sent to its address.")
            % {"username": member.username},
        )
        return redirect("backoffice:staff")
    return render(
        request,
        "backoffice/staff.html",
        {"form": form, "members": _members(request.user)},
        status=400 if form.errors else 200,
    )


@require_POST
def staff_invite(request, pk):
    member = _member(request, pk)
    staff_second_factor_reset(user=member, by=request.user)
    messages.success(
        request,
        _("A new invitation is sent to %(username)s; their former second factor no longer works.")
        % {"username": member.username},
    )
    return redirect("backoffice:staff")


@require_POST
def staff_activation(request, pk):
    member = _member(request, pk)
    if member.pk == request.user.pk:
        messages.error(request, _("You cannot deactivate your own account."))
        return redirect("backoffice:staff")
    active = request.POST.get("active") == "1"
    staff_member_activate(user=member, active=active)
    text = (
        _("%(username)s can log in again.") if active else _("%(username)s can no longer log in.")
    )
    messages.success(request, text % {"username": member.username})
    return redirect("backoffice:staff")
