"""Staff login: Django auth with our page, throttling, idle expiry, TOTP second factor."""

import time

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.middleware import SESSION_KEY
from tests.backoffice.conftest import english_url, invitation_link

pytestmark = pytest.mark.django_db
LOGIN = english_url("backoffice:login")
INBOX = english_url("backoffice:inbox")
PASSWORD = "correct horse battery"


def test_login_page(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "<title>Staff login" in response.content.decode()


def test_login_and_logout(client, namur_staff):
    response = client.post(LOGIN, {"username": "namur", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == INBOX
    assert client.get(INBOX).status_code == 200
    client.post(reverse("backoffice:logout"))
    assert client.get(INBOX).status_code == 302


def test_wrong_password_shows_the_error_summary(client, namur_staff):
    response = client.post(LOGIN, {"username": "namur", "password": "wrong"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_login_is_throttled_after_five_failures(client, namur_staff):
    for _ in range(5):
        client.post(LOGIN, {"username": "namur", "password": "wrong"})
    response = client.post(LOGIN, {"username": "namur", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert client.get(INBOX).status_code == 302  # not logged in


def test_passwords_must_be_strong(namur_staff):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("short1", namur_staff)
    validate_password("a long enough passphrase", namur_staff)


def test_session_ends_after_inactivity(client, namur_staff, settings):
    settings.STAFF_IDLE_TIMEOUT = 30 * 60
    client.force_login(namur_staff)
    with time_machine.travel(time.time(), tick=False) as clock:
        assert client.get(INBOX).status_code == 200
        clock.shift(29 * 60)
        assert client.get(INBOX).status_code == 200  # activity keeps it alive
        clock.shift(29 * 60)
        assert client.get(INBOX).status_code == 200
        clock.shift(31 * 60)
        response = client.get(INBOX)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert SESSION_KEY not in client.session


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_second_factor_set_up_then_verified(client, namur_staff, settings):
    settings.STAFF_OTP_REQUIRED = True
    client.force_login(namur_staff)
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("backoffice:otp_setup"))
    client.get(invitation_link(namur_staff))  # the link of the invitation email
    setup = client.get(response["Location"])
    assert "otpauth://totp/" in setup.content.decode()
    device = TOTPDevice.objects.get(user=namur_staff)
    response = client.post(reverse("backoffice:otp_setup"), {"token": _code(device)})
    assert response.status_code == 302
    assert client.get(INBOX).status_code == 200

    # Next login: the code is asked again.
    client.post(reverse("backoffice:logout"))
    client.force_login(namur_staff)
    response = client.get(INBOX)
    assert response["Location"].startswith(reverse("backoffice:otp_verify"))
    device.refresh_from_db()
    with time_machine.travel(time.time() + 60, tick=False):  # the next time step
        client.force_login(namur_staff)
        response = client.post(
            reverse("backoffice:otp_verify") + "?next=" + INBOX, {"token": _code(device)}
        )
        assert response.status_code == 302
        assert response["Location"] == INBOX
        assert client.get(INBOX).status_code == 200


def test_second_factor_off_by_setting(client, namur_staff, settings):
    settings.STAFF_OTP_REQUIRED = False
    client.force_login(namur_staff)
    assert client.get(INBOX).status_code == 200


def test_a_wrong_code_is_refused(client, namur_staff, settings):
    settings.STAFF_OTP_REQUIRED = True
    client.force_login(namur_staff)
    client.get(invitation_link(namur_staff))
    client.get(reverse("backoffice:otp_setup"))
    device = TOTPDevice.objects.get(user=namur_staff)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("backoffice:otp_setup"), {"token": wrong})
    assert response.status_code == 400
    assert "This code is not right." in response.content.decode()
    assert client.get(INBOX).status_code == 302
