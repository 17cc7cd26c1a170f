"""Per-CPAS notification settings: the manager's page and the SPP-IS admin."""

import pytest
from django.urls import reverse
from django.utils import translation

from backoffice.constants import Role
from backoffice.models import User
from notifications.constants import EmailKind
from notifications.models import CpasNotificationSettings, NotificationSettingsChange, OutgoingEmail
from routing.models import Cpas
from tests.factories import submit

pytestmark = pytest.mark.django_db

URL = "/fr/backoffice/notifications/"


def staff(role, code=None, **extra):
    cpas = Cpas.objects.get(code=code) if code else None
    return User.objects.create_user(
        username=f"{role}-{code}", password="x" * 16, role=role, cpas=cpas, **extra
    )


def test_the_page_has_its_url_name():
    with translation.override("fr"):
        assert reverse("backoffice:cpas_settings") == URL


def test_a_manager_changes_their_cpas_settings_and_the_change_is_logged(client, cpas_emails):
    cpas_emails("92094")
    manager = staff(Role.MANAGER, "92094")
    client.force_login(manager)

    page = client.get(URL)
    assert page.status_code == 200
    assert "social-92094@cpas.example" in page.text  # the default, shown in the hint

    response = client.post(URL, {"email": "intake@namur.example", "alerts_enabled": "on"})

    assert response.status_code == 302
    preferences = CpasNotificationSettings.objects.get(cpas__code="92094")
    assert (preferences.address, preferences.alerts_enabled, preferences.reminders_enabled) == (
        "intake@namur.example",
        True,
        False,
    )
    changes = NotificationSettingsChange.objects.order_by("field")
    assert [(c.field, c.old_value, c.new_value, c.changed_by) for c in changes] == [
        ("email", "", "intake@namur.example", manager),
        ("reminders_enabled", "True", "False", manager),
    ]
    assert "intake@namur.example" in client.get(URL).text  # the history


def test_an_invalid_address_shows_the_error_summary(client):
    client.force_login(staff(Role.MANAGER, "92094"))
    response = client.post(URL, {"email": "not an address"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert not NotificationSettingsChange.objects.exists()


@pytest.mark.parametrize(
    ("role", "code"), [(Role.CASEWORKER, "92094"), (Role.SPPIS_ADMIN, None)], ids=str
)
def test_only_a_cpas_manager_may_use_the_page(client, role, code):
    client.force_login(staff(role, code))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"email": "x@example.org"}).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/backoffice/login/?next=")


@pytest.fixture
def admin_client_sppis(client):
    client.force_login(staff(Role.SPPIS_ADMIN))  # not a superuser: its group's rights
    return client


@pytest.mark.parametrize("term", ["Namen", "Namur", "92094", "ÖSHZ Namur"])
def test_sppis_admins_find_a_cpas_by_commune_name_in_any_language_or_nis_code(
    admin_client_sppis, term
):
    response = admin_client_sppis.get("/admin/notifications/cpasnotificationsettings/", {"q": term})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert response.context["cl"].result_list[0].cpas.code == "92094"


def test_an_admin_change_is_logged(admin_client_sppis):
    admin_client_sppis.get("/admin/notifications/cpasnotificationsettings/")  # makes the rows
    preferences = CpasNotificationSettings.objects.get(cpas__code="92094")
    response = admin_client_sppis.post(
        f"/admin/notifications/cpasnotificationsettings/{preferences.pk}/change/",
        {"email": "", "alerts_enabled": "", "reminders_enabled": "on"},
    )
    assert response.status_code == 302
    change = NotificationSettingsChange.objects.get()
    assert (change.field, change.old_value, change.new_value) == ("alerts_enabled", "True", "False")
    assert change.changed_by.role == Role.SPPIS_ADMIN


def test_the_outbox_admin_lists_states_and_sends_again(admin_client_sppis):
    aid_request = submit()
    row = OutgoingEmail.objects.get(aid_request=aid_request)
    row.state, row.attempts = "maybe_sent", 8
    row.save()

    listing = admin_client_sppis.get("/admin/notifications/outgoingemail/", {"state": "maybe_sent"})
    assert listing.context["cl"].result_count == 1
    response = admin_client_sppis.post(
        "/admin/notifications/outgoingemail/",
        {"action": "send_again", "_selected_action": [row.pk]},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    # Pending again; the attempts made stay counted (they are the row's history).
    assert (row.state, row.attempts) == ("pending", 8)


def test_nobody_sees_an_acknowledgement_s_recipient_and_text_in_the_admin(client):
    """The applicant's address and the acknowledgement are accessible only to the
    designated CPAS (docs/data-protection.md): not to SPP-IS, not to the operator."""
    aid_request = submit(email="private.person@example.org")
    row = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.ACKNOWLEDGEMENT)
    url = f"/admin/notifications/outgoingemail/{row.pk}/change/"
    sppis = staff(Role.SPPIS_ADMIN)
    operator = User.objects.create_superuser("operator", "s@example.org", "x" * 16)
    for user in (sppis, operator):
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200
        assert "private.person@example.org" not in page.text
        assert aid_request.reference not in page.text


@pytest.mark.django_db
def test_a_wrong_address_says_what_to_type(client):
    from .conftest import NAMUR, make_staff

    client.force_login(make_staff("manager-x", NAMUR, Role.MANAGER))
    response = client.post(
        reverse("backoffice:cpas_settings"), {"email": "not an address", "alerts_enabled": "on"}
    )
    assert "Type the notification address like social@cpas.example.be" in response.content.decode()
