"""Login limits beyond one username from one address (docs/data-protection.md, "Staff
accounts"): per account from every address, per address for every username; the
account's owner is told, the page never says whether an account exists, and the log
lines name no one."""

import logging
from datetime import UTC, datetime

import pytest
import time_machine

from notifications.emails import render_email
from notifications.models import OutgoingEmail

from .conftest import LIEGE, NAMUR, english_url, make_staff

pytestmark = pytest.mark.django_db
LOGIN = english_url("backoffice:login")
INBOX = english_url("backoffice:inbox")
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def clock():
    # A fixed start inside one hour: the limits count in calendar windows.
    with time_machine.travel(datetime(2026, 12, 2, 9, 0, 5, tzinfo=UTC), tick=True):
        yield


@pytest.fixture
def liege(db):
    user = make_staff("liege", LIEGE)
    user.email = "liege.worker@cpas.example"
    user.save()
    return user


def attempt(client, username, password="wrong", address="192.0.2.1"):  # noqa: S107
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def distributed_guesses(client, username, count):
    """``count`` wrong passwords, four per address (under django-axes' five)."""
    for n in range(count):
        attempt(client, username, address=f"198.51.100.{n // 4 + 1}")


def test_guesses_spread_over_many_addresses_lock_the_account(client, liege, settings):
    # The audit's case: 40 addresses x 4 guesses went through. Now 20 an hour, then no more.
    settings.STAFF_LOGIN_ACCOUNT_RATE = "20/h"
    distributed_guesses(client, "liege", 20)
    response = attempt(client, "liege", PASSWORD, address="203.0.113.50")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert client.get(INBOX).status_code == 302  # not logged in


def test_below_the_limit_the_right_password_still_works(client, liege, settings):
    settings.STAFF_LOGIN_ACCOUNT_RATE = "20/h"
    distributed_guesses(client, "liege", 19)
    assert attempt(client, "liege", PASSWORD, address="203.0.113.50").status_code == 302


def test_the_owner_is_told_once_without_address_or_password(client, liege, settings):
    settings.STAFF_LOGIN_ACCOUNT_RATE = "5/h"
    for n in range(12):
        attempt(client, "liege", password=f"guess-{n}", address=f"198.51.100.{n}")
    warnings = OutgoingEmail.objects.filter(kind="login_warning")
    assert warnings.count() == 1
    warning = warnings.get()
    assert warning.to == "liege.worker@cpas.example"
    rendered = render_email(warning)
    for text in (rendered.subject, rendered.text, rendered.html):
        assert "198.51.100" not in text
        assert "guess-" not in text
        assert "liege.worker" not in text
    assert "/backoffice/login/" in rendered.text  # where to log in again, after the pause


@pytest.mark.parametrize("variant", ["LIEGE", " liege ", "Liege", "\uff4c\uff49\uff45\uff47\uff45"])
def test_variants_of_the_username_share_the_count(client, liege, settings, variant):
    settings.STAFF_LOGIN_ACCOUNT_RATE = "5/h"
    distributed_guesses(client, variant, 5)
    assert attempt(client, "liege", PASSWORD, address="203.0.113.50").status_code == 429


def test_an_unknown_username_gets_the_same_page_and_no_email(client, liege, settings):
    settings.STAFF_LOGIN_ACCOUNT_RATE = "5/h"
    distributed_guesses(client, "liege", 5)
    distributed_guesses(client, "nobody-here", 5)
    known = attempt(client, "liege", address="203.0.113.50")
    unknown = attempt(client, "nobody-here", address="203.0.113.50")
    assert known.status_code == unknown.status_code == 429
    assert known.content == unknown.content
    assert OutgoingEmail.objects.filter(kind="login_warning").count() == 1  # liege's only


def test_the_owner_s_own_browser_is_not_locked_out(client, liege, settings):
    """Whoever attacks an account must not lock its owner out of it."""
    settings.STAFF_LOGIN_ACCOUNT_RATE = "5/h"
    assert attempt(client, "liege", PASSWORD, address="192.0.2.10").status_code == 302
    client.post(english_url("backoffice:logout"))  # the device cookie stays
    attacker = client.__class__()
    distributed_guesses(attacker, "liege", 8)
    assert attempt(attacker, "liege", PASSWORD, address="203.0.113.9").status_code == 429
    assert attempt(client, "liege", PASSWORD, address="192.0.2.10").status_code == 302


def test_a_device_cookie_for_another_account_does_not_help(client, liege, settings):
    settings.STAFF_LOGIN_ACCOUNT_RATE = "5/h"
    make_staff("namur", NAMUR)
    assert attempt(client, "namur", PASSWORD, address="192.0.2.10").status_code == 302
    client.post(english_url("backoffice:logout"))
    distributed_guesses(client.__class__(), "liege", 5)
    assert attempt(client, "liege", PASSWORD, address="192.0.2.10").status_code == 429


def test_spraying_usernames_from_one_address_stops(client, liege, settings):
    # The audit's case: 20 usernames x 4 passwords from one address, no lockout.
    settings.STAFF_LOGIN_ADDRESS_RATE = "50/h"
    for n in range(50):
        attempt(client, f"user{n % 20}", password=f"p{n}", address="192.0.2.66")
    assert attempt(client, "liege", PASSWORD, address="192.0.2.66").status_code == 429
    assert attempt(client, "liege", PASSWORD, address="192.0.2.67").status_code == 302


def test_an_administrator_unlocks_the_account(client, liege, settings):
    from backoffice.constants import Role

    settings.STAFF_LOGIN_ACCOUNT_RATE = "5/h"
    distributed_guesses(client, "liege", 5)
    sppis = make_staff("sppis", None, Role.SPPIS_ADMIN)
    admin = client.__class__()
    admin.force_login(sppis)
    response = admin.post(
        "/admin/backoffice/user/",
        {"action": "unlock_login", "_selected_action": [liege.pk]},
    )
    assert response.status_code == 302
    assert attempt(client, "liege", PASSWORD, address="203.0.113.50").status_code == 302


def test_log_lines_name_no_typed_username_and_no_address(client, liege, caplog):
    """A failed attempt's lines (django-axes) name neither the username typed (it can be
    anything, a password typed in the wrong field too) nor the address; the successful
    login's line names the staff member (cpasonline/logins.py), not the address."""
    with caplog.at_level(logging.DEBUG):
        for _ in range(6):
            attempt(client, "liege", address="192.0.2.123")
        attempt(client, "liege-typo", address="192.0.2.124")
    axes_lines = [r.getMessage() for r in caplog.records if r.name.startswith("axes")]
    assert axes_lines  # the lines are there
    assert not [line for line in axes_lines if "liege" in line or "192.0.2.12" in line]
    everything = "\n".join(record.getMessage() for record in caplog.records)
    assert "192.0.2.12" not in everything and "liege-typo" not in everything
