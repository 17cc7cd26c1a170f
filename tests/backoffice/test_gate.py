"""One staff gate for every staff page: login, second factor, role (docs/architecture.md).

The walk below reads every URL the project serves: a page under /<lang>/backoffice/ or
/admin/ that does not pass through the gate fails it, whoever added it and however.
"""

import re

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.constants import Role
from backoffice.gate import StaffAdminSite, gated
from tests.factories import submit

from .conftest import NAMUR, make_staff

pytestmark = pytest.mark.django_db

# How one gets through the gate: the only staff pages outside it.
OUTSIDE_THE_GATE = {
    "backoffice:login",
    "backoffice:logout",
    "backoffice:otp_setup",
    "backoffice:otp_verify",
    "backoffice:invitation",
    "admin:logout",
}
STAFF_PREFIX = re.compile(r"^(?:[a-z]{2}/)?backoffice/|^admin/")


def walk(patterns, prefix="", namespace=""):
    """(route, "namespace:name", callback) of every URL under ``patterns``."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            yield from walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(filter(None, [namespace, pattern.name or ""]))
            yield route, name, pattern.callback


def staff_pages(patterns=None):
    return [
        (route, name, callback)
        for route, name, callback in walk(patterns or get_resolver().url_patterns)
        if STAFF_PREFIX.match(route.lstrip("^"))
    ]


def ungated(pages):
    """Staff pages neither behind the gate nor through the admin site's own check."""
    return [
        name or route
        for route, name, callback in pages
        if name not in OUTSIDE_THE_GATE
        and not getattr(callback, "staff_gate", False)
        and not route.startswith("admin/")
    ]


def test_every_back_office_page_is_behind_the_gate():
    pages = staff_pages()
    assert len([p for p in pages if not p[0].startswith("admin/")]) >= 10  # the walk sees them
    assert ungated(pages) == []


def test_a_page_added_without_the_gate_fails_the_walk():
    def new_page(request):
        return None

    patterns = [
        path("backoffice/", new_page, name="new"),
        *gated([path("backoffice/ok/", new_page)]),
    ]
    assert ungated(staff_pages(patterns)) == ["new"]


def test_the_admin_site_is_the_gated_one():
    assert isinstance(admin.site, StaffAdminSite)


@pytest.fixture
def password_only(client, settings):
    """A manager who typed the right password but not yet the second factor."""
    settings.STAFF_OTP_REQUIRED = True
    manager = make_staff("manager", NAMUR, Role.MANAGER)
    manager.is_staff = True
    manager.save()
    TOTPDevice.objects.create(user=manager, name="TOTP", confirmed=True)
    client.force_login(manager)
    return client


def _concrete(route: str, reference: str) -> str:
    url = "/" + route.lstrip("^")
    url = re.sub(r"<str:reference>", reference, url)
    url = re.sub(r"<[^>]+>", "1", url)  # the admin's ids and paths
    url = url.replace("^", "").replace("$", "").replace("\\Z", "")
    return url.replace(
        "(?P<app_label>auth|backoffice|intake|notifications|routing|eid|axes|otp_totp)", "intake"
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_password_alone_opens_no_staff_page(password_only, method):
    """With the second factor required, every page sends to it; none answers with data."""
    aid_request = submit(nis_code=NAMUR)
    verify = re.compile(r"^/[a-z]{2}/backoffice/two-factor/verify/\?next=")
    checked = 0
    for route, name, _callback in staff_pages():
        if name in OUTSIDE_THE_GATE or route.startswith("admin/r/"):
            continue
        url = _concrete(route.replace("^", ""), aid_request.reference)
        if "(" in url:  # a regular expression the admin uses; its concrete pages are walked
            continue
        response = getattr(password_only, method)(url)
        if response.get("Location", "").startswith("/admin/login/"):
            response = password_only.get(response["Location"])  # the admin's own hop
        assert response.status_code == 302, (url, response.status_code)
        assert verify.match(response["Location"]), (url, response["Location"])
        checked += 1
    assert checked >= 20
    aid_request.refresh_from_db()
    assert aid_request.state == "new"  # nothing was recorded


def test_the_settings_page_is_for_managers_only(client, namur_staff):
    client.force_login(namur_staff)
    assert client.get(reverse("backoffice:cpas_settings")).status_code == 403


def test_anonymous_visitors_go_to_the_login(client):
    response = client.get(reverse("backoffice:inbox"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("backoffice:login"))
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"].startswith(reverse("backoffice:login") + "?next=")
