"""A CPAS manager's page for their CPAS's staff accounts (docs/data-protection.md,
"Staff accounts"): a new account is invited by email to set up its second factor; a
manager acts on their own CPAS's accounts only."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.constants import Role
from backoffice.models import StaffInvitation, User
from notifications.models import OutgoingEmail

from .conftest import LIEGE, NAMUR, english_url, make_staff

pytestmark = pytest.mark.django_db
STAFF = english_url("backoffice:staff")


@pytest.fixture
def manager(db):
    return make_staff("manager", NAMUR, Role.MANAGER)


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


NEW = {
    "username": "nora",
    "first_name": "Nora",
    "last_name": "Nouvelle",
    "email": "nora@cpas.example",
    "role": Role.CASEWORKER,
    "password1": "a long enough passphrase",
    "password2": "a long enough passphrase",
}


def test_a_manager_creates_an_account_of_their_cpas_which_is_invited(manager_client, manager):
    response = manager_client.post(STAFF, NEW)
    assert response.status_code == 302
    nora = User.objects.get(username="nora")
    assert (nora.cpas, nora.role, nora.is_superuser) == (manager.cpas, Role.CASEWORKER, False)
    assert nora.check_password("a long enough passphrase")
    invitation = StaffInvitation.objects.get(user=nora)
    assert invitation.created_by == manager
    assert OutgoingEmail.objects.get(kind="staff_invitation").to == "nora@cpas.example"
    page = manager_client.get(STAFF).content.decode()
    assert "nora" in page and "Not set up yet" in page


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"role": Role.SPPIS_ADMIN}, "role"),  # not a role a manager gives
        ({"email": ""}, "email"),  # the invitation goes there
        ({"password2": "something else entirely"}, "password2"),
        ({"password1": "short", "password2": "short"}, "password2"),
        ({"username": "manager"}, "username"),  # taken
    ],
    ids=["sppis-role", "no-email", "passwords-differ", "weak-password", "username-taken"],
)
def test_what_a_new_account_needs(manager_client, change, field):
    response = manager_client.post(STAFF, {**NEW, **change})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not User.objects.filter(username=NEW["username"]).exists() or field == "username"
    assert not StaffInvitation.objects.exists()


def test_a_new_invitation_ends_the_member_s_second_factor(manager_client, manager):
    member = make_staff("member", NAMUR)
    member.email = "member@cpas.example"
    member.save()
    TOTPDevice.objects.create(user=member, name="lost phone", confirmed=True)
    response = manager_client.post(reverse("backoffice:staff_invite", args=[member.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert StaffInvitation.objects.filter(user=member).count() == 1


def test_deactivate_then_reactivate_but_not_oneself(manager_client, manager):
    member = make_staff("member", NAMUR)
    url = reverse("backoffice:staff_activation", args=[member.pk])
    manager_client.post(url, {"active": "0"})
    member.refresh_from_db()
    assert not member.is_active
    manager_client.post(url, {"active": "1"})
    member.refresh_from_db()
    assert member.is_active
    manager_client.post(reverse("backoffice:staff_activation", args=[manager.pk]), {"active": "0"})
    manager.refresh_from_db()
    assert manager.is_active


@pytest.mark.parametrize("name", ["staff_invite", "staff_activation"])
def test_another_cpas_s_account_is_404(manager_client, name):
    other = make_staff("liege", LIEGE)
    sppis = make_staff("sppis", None, Role.SPPIS_ADMIN)
    for user in (other, sppis):
        response = manager_client.post(
            reverse(f"backoffice:{name}", args=[user.pk]), {"active": "0"}
        )
        assert response.status_code == 404
        user.refresh_from_db()
        assert user.is_active
    assert not StaffInvitation.objects.exists()


def test_the_list_shows_the_cpas_s_own_staff_only(manager_client):
    make_staff("namur-colleague", NAMUR)
    make_staff("liege-worker", LIEGE)
    page = manager_client.get(STAFF).content.decode()
    assert "namur-colleague" in page and "liege-worker" not in page


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.SPPIS_ADMIN])
def test_only_managers_use_the_page(client, role):
    client.force_login(make_staff("someone", NAMUR if role == Role.CASEWORKER else None, role))
    assert client.get(STAFF).status_code == 403
    assert client.post(STAFF, NEW).status_code == 403
    assert not User.objects.filter(username="nora").exists()


def test_the_page_is_in_the_managers_navigation(manager_client, namur_staff):
    assert f'href="{STAFF}"' in manager_client.get(reverse("backoffice:inbox")).content.decode()
    caseworker = manager_client.__class__()
    caseworker.force_login(namur_staff)
    assert f'href="{STAFF}"' not in caseworker.get(reverse("backoffice:inbox")).content.decode()
