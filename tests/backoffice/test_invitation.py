"""The second factor is set up only through the account's own invitation link: one use,
an expiry, a token kept only as a hash (docs/data-protection.md, "Staff accounts").

Whoever knows a new account's password but not the link sent to its owner's address
cannot bind the account's second factor."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.accounts import staff_invitation_create, staff_second_factor_reset
from backoffice.models import StaffInvitation
from notifications.emails import render_email
from notifications.models import OutgoingEmail
from notifications.staff import invitation_token

from .conftest import NAMUR, english_url, invitation_link, make_staff

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
LOGIN = english_url("backoffice:login")
SETUP = english_url("backoffice:otp_setup")
INBOX = english_url("backoffice:inbox")


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.STAFF_OTP_REQUIRED = True
    settings.STAFF_INVITATION_HOURS = 72


@pytest.fixture
def newcomer(db):
    user = make_staff("newcomer", NAMUR)
    user.email = "newcomer@cpas.example"
    user.save()
    return user


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def log_in(client, username="newcomer"):
    return client.post(LOGIN + "?next=" + SETUP, {"username": username, "password": PASSWORD})


def set_up(client, user):
    """The set-up page, then its key confirmed by a code: the response to the code."""
    page = client.get(SETUP)
    assert page.status_code == 200, page.status_code
    assert "otpauth://totp/" in page.content.decode()
    return client.post(SETUP, {"token": code(TOTPDevice.objects.get(user=user))})


def test_the_link_then_the_password_then_the_key(client, newcomer):
    response = client.get(invitation_link(newcomer))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)  # the password is still asked
    response = log_in(client)
    assert response["Location"] == SETUP
    assert set_up(client, newcomer).status_code == 302
    assert client.get(INBOX).status_code == 200
    assert StaffInvitation.objects.get().used_at is not None


def test_the_email_carries_the_link_and_the_database_only_its_hash(newcomer, client):
    invitation = staff_invitation_create(user=newcomer, by=None)
    row = OutgoingEmail.objects.get(kind="staff_invitation")
    token = invitation_token(invitation.salt)
    text = render_email(row).text
    assert f"/backoffice/invitation/{token}/" in text
    assert token not in str(row.context) and token not in invitation.token_hash
    assert row.to == "newcomer@cpas.example" and row.aid_request_id is None


def test_a_password_alone_never_shows_the_key(client, newcomer):
    """The old trust-on-first-use: password → set-up page with the key. Now refused."""
    log_in(client)
    page = client.get(SETUP)
    assert page.status_code == 403
    body = page.content.decode()
    assert "otpauth" not in body
    assert "Open your invitation link first" in body
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    assert client.post(SETUP, {"token": "123456"}).status_code == 403
    assert client.get(INBOX).status_code == 302


def invalid(client, path) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "This invitation link does not work" in response.content.decode()


def test_an_expired_link_is_refused(client, newcomer):
    link = invitation_link(newcomer)
    with time_machine.travel(timezone.now() + timedelta(hours=72, seconds=1)):
        invalid(client, link)


def test_a_link_that_expires_between_the_click_and_the_code_is_refused(client, newcomer):
    client.get(invitation_link(newcomer))
    log_in(client)
    assert client.get(SETUP).status_code == 200
    StaffInvitation.objects.update(expires_at=timezone.now())  # its hour has come
    device = TOTPDevice.objects.get(user=newcomer)
    assert client.post(SETUP, {"token": code(device)}).status_code == 403
    device.refresh_from_db()
    assert not device.confirmed


def test_a_used_link_is_refused(client, newcomer):
    link = invitation_link(newcomer)
    client.get(link)
    log_in(client)
    set_up(client, newcomer)
    client.post(reverse("backoffice:logout"))
    invalid(client, link)


@pytest.mark.parametrize(
    "forged",
    [
        "0" * 43,
        "x",
        "a" * 300,  # longer than any token
        "%00",
        "..%2F..%2Fadmin",
    ],
    ids=["zeros", "short", "long", "nul", "path"],
)
def test_a_forged_link_is_refused(client, newcomer, forged):
    invitation_link(newcomer)
    response = client.get(f"/en/backoffice/invitation/{forged}/")
    assert response.status_code == 404


def test_the_hash_of_a_real_token_is_not_a_token(client, newcomer):
    invitation = StaffInvitation.objects.get(pk=staff_invitation_create(user=newcomer, by=None).pk)
    invalid(client, f"/en/backoffice/invitation/{invitation.token_hash}/")
    invalid(client, f"/en/backoffice/invitation/{invitation.salt}/")


def test_another_user_s_link_does_not_set_up_my_account(client, newcomer):
    other = make_staff("other", NAMUR)
    client.get(invitation_link(other))  # someone forwarded their link
    log_in(client, "newcomer")
    assert client.get(SETUP).status_code == 403
    assert not TOTPDevice.objects.exists()


def test_another_user_s_link_opened_while_logged_in_logs_out(client, newcomer):
    other = make_staff("other", NAMUR)
    log_in(client, "newcomer")
    response = client.get(invitation_link(other))
    assert response["Location"].startswith(LOGIN)
    log_in(client, "newcomer")
    assert client.get(SETUP).status_code == 403


def test_a_new_invitation_ends_the_older_one(client, newcomer):
    older = invitation_link(newcomer)
    newer = invitation_link(newcomer)
    invalid(client, older)
    assert client.get(newer).status_code == 302


def test_an_inactive_account_s_link_is_refused(client, newcomer):
    link = invitation_link(newcomer)
    newcomer.is_active = False
    newcomer.save()
    invalid(client, link)


def test_a_reset_removes_the_lost_second_factor_and_invites_again(client, newcomer):
    TOTPDevice.objects.create(user=newcomer, name="lost phone", confirmed=True)
    invitation = staff_second_factor_reset(user=newcomer, by=None)
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    client.get(
        reverse("backoffice:invitation", kwargs={"token": invitation_token(invitation.salt)})
    )
    log_in(client)
    assert set_up(client, newcomer).status_code == 302


def test_the_invitation_is_sent_by_the_worker_path(newcomer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        staff_invitation_create(user=newcomer, by=None)
    assert len(callbacks) == 1  # queued on commit, like every outbox row
    assert not mail.outbox
