"""The README tells the truth: every setting the code reads is in one of its tables, the
staff addresses it gives are the real ones, and its first-administrator steps work."""

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.constants import Role
from backoffice.models import User

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
# django-environ's reads (env.str("X"…), env("X"…), any cast) and the plain ones
# (os.environ["X"], os.environ.get("X"…), "X" in os.environ, os.getenv("X"…)).
ENV_READ = re.compile(r"\benv(?:\.\w+)?\(\s*\"(\w+)\"")
OS_READ = re.compile(
    r"os\.environ(?:\.get|\.setdefault)?[\[(]\s*\"(\w+)\"|\"(\w+)\" in os\.environ"
    r"|os\.getenv\(\s*\"(\w+)\""
)
SETTINGS = sorted((ROOT / "cpasonline").glob("settings*.py"))


def _read_in(path: Path) -> set[str]:
    text = path.read_text()
    plain = {name for groups in OS_READ.findall(text) for name in groups if name}
    return set(ENV_READ.findall(text)) | plain


def settings_read() -> set[str]:
    """What the settings of production and development read (not the test overlay)."""
    return {name for path in SETTINGS if path.name != "settings_test.py" for name in _read_in(path)}


def test_settings_read_sees_every_way_of_reading():
    reads = _read_in(ROOT / "cpasonline" / "settings_test.py")
    assert {"DATABASE_URL", "TEST_EMAIL_BACKEND", "TEST_EMAIL_FILE_PATH"} <= reads
    assert ENV_READ.findall('env("A", default=1) env.path(\n    "B") env.str("C")') == [
        *("A", "B", "C")
    ]


def settings_documented() -> set[str]:
    """The names in the first cell of the README's table rows. In "`A_B_SECONDS` / `_MAX`",
    `_MAX` replaces the last part of the name before it: `A_B_MAX`."""
    names: set[str] = set()
    for line in README.splitlines():
        if not line.startswith("| `"):
            continue
        previous = ""
        for name in re.findall(r"`(\w+)`", line.split("|")[1]):
            if name.startswith("_") and previous:
                name = previous.rsplit("_", 1)[0] + name
            names.add(name)
            previous = name
    return names


def test_every_setting_the_code_reads_is_in_a_readme_table():
    read = settings_read()
    assert {"DEBUG", "STAFF_OTP_REQUIRED", "NOTIFICATIONS_RETRY_BACKOFF_MAX"} <= read
    assert sorted(read - settings_documented()) == []


def test_every_variable_of_the_test_settings_is_in_the_readme():
    """The test overlay's own variables are in the README's "Test-only variables" (or a
    table, for those production reads too)."""
    test_only = README.split("Test-only variables:", 1)[1].split("\n\n", 1)[0]
    named = set(re.findall(r"`(\w+)`", test_only)) | settings_documented()
    reads = _read_in(ROOT / "cpasonline" / "settings_test.py")
    assert sorted(reads - named) == []


@pytest.mark.parametrize(
    ("url_name", "readme_path"),
    [
        pytest.param("backoffice:inbox", "/<lang>/backoffice/", id="login"),
        pytest.param("backoffice:otp_setup", "/<lang>/backoffice/two-factor/setup/", id="setup"),
        pytest.param("backoffice:otp_verify", "/<lang>/backoffice/two-factor/verify/", id="verify"),
    ],
)
def test_the_staff_addresses_in_the_readme_are_the_real_ones(url_name, readme_path):
    with translation.override("nl"):
        assert reverse(url_name) == readme_path.replace("<lang>", "nl")
    assert f"`{readme_path}`" in README


@pytest.mark.django_db
def test_createsuperuser_makes_the_technical_operator_who_enrols_through_staff_invite(
    client, settings, monkeypatch
):
    """The README's steps 2 and 3 of "The first accounts, in production", as in production."""
    settings.STAFF_OTP_REQUIRED = True
    password = "the operator's password"
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)
    call_command(
        "createsuperuser",
        interactive=False,
        username="anne",
        email="anne@operator.example",
        stdout=io.StringIO(),
    )
    anne = User.objects.get(username="anne")
    assert (anne.role, anne.cpas, anne.is_superuser) == (Role.SPPIS_ADMIN, None, True)

    # A password alone does not set up the second factor.
    client.post("/fr/backoffice/login/", {"username": "anne", "password": password})
    assert client.get("/fr/backoffice/two-factor/setup/").status_code == 403
    client.post("/fr/backoffice/logout/")

    printed = io.StringIO()
    call_command("staff_invite", "anne", stdout=printed)
    link = re.search(r"https?://\S+/fr/backoffice/invitation/\S+/", printed.getvalue())[0]
    login = client.get(urlsplit(link).path, follow=True)
    assert login.redirect_chain[-1][0].startswith("/fr/backoffice/login/")
    answer = client.post(
        login.redirect_chain[-1][0], {"username": "anne", "password": password}, follow=True
    )
    assert answer.redirect_chain[-1][0].startswith("/fr/backoffice/two-factor/setup/")
    assert "otpauth://totp/" in answer.content.decode()

    device = TOTPDevice.objects.get(user=anne)
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    home = client.post("/fr/backoffice/two-factor/setup/", {"token": code}, follow=True)
    assert home.redirect_chain[-1][0] == "/fr/backoffice/"
    assert home.status_code == 200
    assert client.get("/admin/").status_code == 200
