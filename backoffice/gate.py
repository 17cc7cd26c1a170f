"""The one gate in front of every staff page (docs/architecture.md).

A staff page needs a logged-in, active member of a CPAS or of SPP-IS, with a verified
second factor when ``STAFF_OTP_REQUIRED`` is on, of a role the page allows; the idle
timeout (``StaffIdleTimeoutMiddleware``) has already ended a session left alone. The
gate is declared once, where the URLs are: ``backoffice.urls`` passes every staff
pattern through ``gated``; only the login, logout and second-factor pages stand
outside it. The Django admin goes through the same check (``StaffAdminSite``).
A test walks every URL and fails on one that does not pass through the gate.
"""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import URLPattern, URLResolver, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import user_has_device

from .access import is_back_office_user


def second_factor_missing(user) -> bool:
    return settings.STAFF_OTP_REQUIRED and not user.is_verified()


def gate_redirect(request, next_url: str):
    """Where someone who may not pass yet goes: the login, or the second factor."""
    if not request.user.is_authenticated:
        return redirect_to_login(next_url, reverse("backoffice:login"))
    step = "otp_verify" if user_has_device(request.user) else "otp_setup"
    return redirect_to_login(next_url, reverse(f"backoffice:{step}"))


def refusal(request, roles=None):
    """None if the request may pass the gate; else the response that stops it."""
    user = request.user
    if not user.is_authenticated or (is_back_office_user(user) and second_factor_missing(user)):
        return gate_redirect(request, request.get_full_path())
    if not is_back_office_user(user) or (roles and user.role not in roles):
        raise PermissionDenied
    return None


def staff_gate(view, *, roles=None):
    """The gate around one view; ``roles`` narrows who may pass (default: all staff)."""

    @wraps(view)
    @never_cache
    def gated_view(request, *args, **kwargs):
        return refusal(request, roles) or view(request, *args, **kwargs)

    gated_view.staff_gate = True  # what the URL walk checks
    return gated_view


def gated(patterns, *, roles=None):
    """Every pattern of ``patterns`` (and of the patterns they include) behind the gate."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            gated(pattern.url_patterns, roles=roles)
        elif isinstance(pattern, URLPattern) and not getattr(pattern.callback, "staff_gate", 0):
            pattern.callback = staff_gate(pattern.callback, roles=roles)
    return patterns


class StaffAdminSite(admin.AdminSite):
    """The Django admin, behind the same gate as the back-office."""

    site_header = _("CPAS Online administration")
    site_title = _("CPAS Online administration")
    index_title = _("Administration")

    def has_permission(self, request):
        """SPP-IS administrators (their group's permissions, ``backoffice.roles``) and
        the technical operator (a superuser); never a CPAS's staff, whatever
        ``is_staff`` says."""
        user = request.user
        return (
            user.is_active
            and is_back_office_user(user)
            and (user.is_superuser or user.is_sppis_admin)
            and not second_factor_missing(user)
        )

    def login(self, request, extra_context=None):
        """The back-office's login and second factor, then back to the admin."""
        if self.has_permission(request):
            return super().login(request, extra_context)
        if request.user.is_authenticated and not second_factor_missing(request.user):
            raise PermissionDenied
        return gate_redirect(request, request.GET.get("next") or reverse("admin:index"))
