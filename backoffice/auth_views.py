"""Staff login and logout (Django auth, throttled by django-axes and by
``backoffice.throttle``), the TOTP second factor (django-otp), and the invitation link
that lets an account set it up (``backoffice.accounts``)."""

from django import forms
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from .accounts import (
    SESSION_KEY,
    invitation_for_token,
    invitation_in_session,
    staff_second_factor_confirm,
)
from .throttle import login_failure_record, login_refused, remember_device


class LoginView(auth_views.LoginView):
    template_name = "backoffice/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if login_refused(request, request.POST.get("username", "")):
            return render(request, "backoffice/locked_out.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        login_failure_record(self.request, self.request.POST.get("username", ""))
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        remember_device(response, form.get_user().get_username())
        return response


class LogoutView(auth_views.LogoutView):
    pass


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "input--short"}
        ),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "backoffice:inbox"


@never_cache
def invitation(request, token):
    """The link of an invitation email: keeps the invitation in the session, then on to
    the login (the password is still asked) and the set-up page."""
    found = invitation_for_token(token)
    if found is None:  # unknown, used, expired or forged: one answer for all
        return render(request, "backoffice/invitation_invalid.html", status=404)
    if request.user.is_authenticated and request.user.pk != found.user_id:
        logout(request)
    request.session[SESSION_KEY] = found.pk
    setup = reverse("backoffice:otp_setup")
    if request.user.is_authenticated:
        return redirect(setup)
    return redirect_to_login(setup, reverse("backoffice:login"))


def _refused(request):
    return render(request, "backoffice/otp_setup_refused.html", status=403)


@sensitive_post_parameters("token")
@never_cache
@login_required
def otp_setup(request):
    """Show the otpauth URI of a new TOTP key; confirmed by a first code. Only with the
    account's own valid invitation in the session (``invitation``)."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("backoffice:otp_verify")
    pending = invitation_in_session(request)
    if pending is None:
        return _refused(request)
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "TOTP"}
    )
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if not staff_second_factor_confirm(device=device, invitation=pending):
                return _refused(request)
            request.session.pop(SESSION_KEY, None)
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", forms.ValidationError(_("This code is not right."), code="invalid"))
    return render(
        request,
        "backoffice/otp_setup.html",
        {"form": form, "config_url": device.config_url, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


@sensitive_post_parameters("token")
@never_cache
@login_required
def otp_verify(request):
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", forms.ValidationError(_("This code is not right."), code="invalid"))
    return render(
        request,
        "backoffice/otp_verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )
