"""SPP-IS administrators are not superusers, and no admin page shows an applicant's
personal data or a TOTP secret (docs/data-protection.md, "Who sees what"; circular of
28 May 2025, points 5 and 8.2: a request is accessible only to the designated CPAS).

The walk reads every URL the admin serves, with a real object of each kind behind it,
as an SPP-IS administrator and as the technical operator (a superuser)."""

import base64
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import get_resolver
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.accounts import staff_invitation_create
from backoffice.constants import AccessAction, Role
from backoffice.models import AccessLogEntry, User
from backoffice.roles import SPPIS_GROUP, SPPIS_PERMISSIONS
from intake.identity import format_number
from notifications.models import OutgoingEmail
from notifications.staff import invitation_token
from tests.factories import submit

from .conftest import NAMUR, make_staff

pytestmark = pytest.mark.django_db

NATIONAL_NUMBER = "85073003328"


@pytest.fixture
def sppis(db):
    return make_staff("sppis", None, Role.SPPIS_ADMIN)


@pytest.fixture
def operator(db):
    return User.objects.create_superuser("operator", "operator@example.org", "x" * 16)


@pytest.fixture
def everything(db, cpas_emails):
    """One object of each kind the admin shows, and the secrets none may show."""
    cpas_emails(NAMUR)
    aid_request = submit(
        nis_code=NAMUR,
        national_number=NATIONAL_NUMBER,
        first_name="Zébulon",
        last_name="Zylberstein",
        email="zebulon.applicant@example.org",
    )
    caseworker = make_staff("caseworker", NAMUR)
    caseworker.email = "caseworker@cpas.example"
    caseworker.save()
    AccessLogEntry.objects.create(
        at=aid_request.submitted_at,
        user=caseworker,
        aid_request=aid_request,
        action=AccessAction.VIEW,
        ip_address="192.0.2.9",
    )
    device = TOTPDevice.objects.create(user=caseworker, name="TOTP", confirmed=True)
    invitation = staff_invitation_create(user=caseworker, by=None)
    return {
        "request": aid_request,
        "secrets": [
            NATIONAL_NUMBER,
            format_number(NATIONAL_NUMBER),
            "Zébulon",
            "Z&#x27;ebulon",
            "Zylberstein",
            "zebulon.applicant",
            "1985-07-30",
            "30/07/1985",
            device.key,
            base64.b32encode(device.bin_key).decode().rstrip("="),
            "otpauth",
            invitation_token(invitation.salt),
        ],
    }


def admin_urls():
    """Every admin URL pattern as a route with its placeholders."""
    admin_resolver = next(p for p in get_resolver().url_patterns if str(p.pattern) == "admin/")

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, route)
            else:
                yield route

    return list(walk(admin_resolver.url_patterns, "admin/"))


APP_LABELS = re.compile(r"\^\(\?P<app_label>([^)]*)\)/\$")


def concrete(route: str) -> list[str]:
    """The URLs to read for one route: each app's index, each model's first object."""
    if "(?P<app_label>" in route:
        return [f"/admin/{label}/" for label in APP_LABELS.search(route)[1].split("|")]
    if route.startswith("admin/r/") or ("<" not in route and "(" in route):
        return []  # the "view on site" shortcut; the catch-all
    match = re.match(r"admin/(\w+)/(\w+)/", route)
    if match and "<path:object_id>" in route:
        model = apps.get_model(match[1], match[2])
        return [
            "/" + route.replace("<path:object_id>", str(pk))
            for pk in model.objects.values_list("pk", flat=True)[:2]
        ]
    if "<" in route:  # the password change of a user, and the like
        match = re.match(r"admin/(\w+)/(\w+)/", route)
        if not match:
            return []
        model = apps.get_model(match[1], match[2])
        pks = model.objects.values_list("pk", flat=True)[:2]
        return ["/" + re.sub(r"<[^>]+>", str(pk), route) for pk in pks]
    return ["/" + route]


def read_everything(client, secrets, reference):
    """GET every admin URL (and each list searched for the applicant): status and leaks."""
    seen, leaks, errors = 0, [], []
    for route in admin_urls():
        for url in concrete(route):
            for query in ("", "?q=Zylberstein", f"?q={NATIONAL_NUMBER}"):
                if query and not re.fullmatch(r"/admin/\w+/\w+/", url):
                    continue  # searches: on the lists
                response = client.get(url + query, follow=True)
                seen += 1
                if response.status_code >= 500:
                    errors.append((url + query, response.status_code))
                body = response.content.decode()
                if query and reference in body:
                    leaks.append((url + query, "found by a search"))
                # The page repeats what was searched (its box, its filters' links).
                searched = query[3:]
                leaks += [
                    (url + query, secret)
                    for secret in secrets
                    if secret in body and secret != searched
                ]
    return seen, leaks, errors


@pytest.mark.parametrize("who", ["sppis", "operator"])
def test_no_admin_page_shows_an_applicant_s_data_or_a_totp_secret(client, everything, who, request):
    client.force_login(request.getfixturevalue(who))
    seen, leaks, errors = read_everything(
        client, everything["secrets"], everything["request"].reference
    )
    assert seen > 60  # the walk reads the admin's pages
    assert leaks == []
    assert errors == []


def test_an_sppis_administrator_is_not_a_superuser_and_holds_the_group_s_permissions(sppis):
    group = Group.objects.get(name=SPPIS_GROUP)
    held = {(p.content_type.app_label, p.codename) for p in group.permissions.all()}
    assert held == set(SPPIS_PERMISSIONS)
    assert not sppis.is_superuser
    assert sppis.has_perm("backoffice.change_user")
    assert sppis.has_perm("notifications.change_cpasnotificationsettings")
    assert not sppis.has_perm("backoffice.add_apitoken")  # a token reads a CPAS's requests
    assert not sppis.has_perm("otp_totp.view_totpdevice")
    assert not sppis.has_perm("intake.view_aidrequest")


def test_permissions_come_from_the_role_not_from_memberships(db):
    caseworker = make_staff("caseworker", NAMUR)
    caseworker.groups.add(Group.objects.get(name=SPPIS_GROUP))
    assert not User.objects.get(pk=caseworker.pk).has_perm("backoffice.change_user")


def test_the_group_is_set_again_by_migrate(db):
    group = Group.objects.get(name=SPPIS_GROUP)
    group.permissions.clear()
    call_command("migrate", verbosity=0)
    assert group.permissions.count() == len(SPPIS_PERMISSIONS)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/", 200),
        ("/admin/backoffice/user/", 200),
        ("/admin/notifications/cpasnotificationsettings/", 200),
        ("/admin/backoffice/apitoken/", 403),  # the technical operator's
        ("/admin/backoffice/apitoken/add/", 403),
        ("/admin/auth/group/", 403),
        ("/admin/otp_totp/totpdevice/1/config/", 404),  # no device pages at all (was 500)
        ("/admin/otp_totp/totpdevice/", 404),
        ("/admin/axes/accessattempt/", 404),
    ],
)
def test_what_an_sppis_administrator_may_open(client, sppis, url, expected):
    client.force_login(sppis)
    assert client.get(url).status_code == expected


def test_sppis_administrators_manage_cpas_staff_only(client, sppis, operator):
    other_sppis = make_staff("other-sppis", None, Role.SPPIS_ADMIN)
    caseworker = make_staff("caseworker", NAMUR)
    client.force_login(sppis)
    listing = client.get("/admin/backoffice/user/").content.decode()
    assert "caseworker" in listing
    assert "other-sppis" not in listing and "operator" not in listing
    for user in (other_sppis, operator):
        response = client.get(f"/admin/backoffice/user/{user.pk}/change/", follow=True)
        assert "operator@example.org" not in response.content.decode()
    # Making a caseworker an SPP-IS administrator or a superuser is refused.
    response = client.post(
        f"/admin/backoffice/user/{caseworker.pk}/change/",
        {
            "username": "caseworker",
            "first_name": "",
            "last_name": "",
            "email": "c@cpas.example",
            "role": Role.SPPIS_ADMIN,
            "cpas": caseworker.cpas_id,
            "is_active": "on",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 200  # the form again, with its error
    caseworker.refresh_from_db()
    assert caseworker.role == Role.CASEWORKER and not caseworker.is_superuser


def test_a_cpas_manager_does_not_enter_the_admin(client):
    manager = make_staff("manager", NAMUR, Role.MANAGER)
    manager.is_staff = True
    manager.save()
    client.force_login(manager)
    assert client.get("/admin/", follow=True).status_code == 403


def test_an_account_created_by_an_sppis_administrator_is_invited(client, sppis, mailoutbox):
    client.force_login(sppis)
    response = client.post(
        "/admin/backoffice/user/add/",
        {
            "username": "new-caseworker",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "first_name": "Nora",
            "last_name": "Nouvelle",
            "email": "nora@cpas.example",
            "role": Role.CASEWORKER,
            "cpas": make_staff("x", NAMUR).cpas_id,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    email = OutgoingEmail.objects.get(kind="staff_invitation")
    assert email.to == "nora@cpas.example"
    assert "/backoffice/invitation/" not in str(email.context)  # no link at rest


def test_the_admin_speaks_the_staff_member_s_language(client, sppis):
    """Its name, the apps' and the columns' names translated (no "Django", "AXES",
    "OTP_TOTP" or a raw field name)."""
    client.force_login(sppis)
    index = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Beheer van OCMW Online" in index and "Django" not in index
    assert "otp_totp" not in index.lower() and "axes" not in index.lower()
    listing = client.get(
        "/admin/notifications/cpasnotificationsettings/", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Notifications envoyées à" in listing
    assert 'class="addlink"' not in listing.split('id="content-main"')[1].split("</ul>")[0]
