"""One log line per staff login, logout or failed attempt; never a password, and never
the username of a failed attempt (it may be anything, a password typed in the wrong
field too)."""

import pytest
from django.urls import reverse

from backoffice.constants import Role
from backoffice.models import User

pytestmark = pytest.mark.django_db

USERNAME, PASSWORD = "sppis-anne", "correct horse battery"


@pytest.fixture
def staff(db):
    return User.objects.create_user(username=USERNAME, password=PASSWORD, role=Role.SPPIS_ADMIN)


@pytest.mark.parametrize(
    ("logged_in", "url", "password", "expected"),
    [
        pytest.param(
            False, "backoffice:login", PASSWORD, "Staff login: sppis-anne (user {pk})", id="login"
        ),
        pytest.param(
            False,
            "backoffice:login",
            "a wrong one",
            'AXES: New login failure by {{username: "********************"',
            id="failed-attempt",
        ),
        pytest.param(
            True, "backoffice:logout", None, "Staff logout: sppis-anne (user {pk})", id="logout"
        ),
    ],
)
def test_each_staff_login_event_logs_one_line(
    client, caplog, staff, logged_in, url, password, expected
):
    if logged_in:
        client.post(reverse("backoffice:login"), {"username": USERNAME, "password": PASSWORD})
    caplog.clear()

    client.post(reverse(url), {"username": USERNAME, "password": password} if password else {})

    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 1, lines
    assert lines[0].startswith(expected.format(pk=staff.pk))
    assert PASSWORD not in lines[0]
    assert "a wrong one" not in lines[0]
    if password != PASSWORD and not logged_in:
        assert USERNAME not in lines[0]
