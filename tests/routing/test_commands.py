"""import_cpas_contacts (SPP-IS's file) and load_demo_data (development only)."""

import io

import pytest
from django.core.management import CommandError, call_command

from backoffice.models import User
from routing.models import Cpas

pytestmark = [pytest.mark.django_db, pytest.mark.core]


def write_csv(tmp_path, text: str) -> str:
    path = tmp_path / "contacts.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_cpas_contacts(tmp_path):
    path = write_csv(
        tmp_path,
        "code,address_fr,address_nl,phone,email,website\n"
        '92094,"Rue de Dave 165\n5100 Namur",,+32 81 33 70 11,info@cpas.namur.example,'
        "https://cpas.namur.example/\n"
        "21004,Rue Haute 298a,Hoogstraat 298a,,,\n",
    )
    call_command("import_cpas_contacts", path, stdout=io.StringIO())
    namur = Cpas.objects.get(code="92094")
    assert namur.address_fr == "Rue de Dave 165\n5100 Namur"
    assert (namur.phone, namur.email) == ("+32 81 33 70 11", "info@cpas.namur.example")
    brussels = Cpas.objects.get(code="21004")
    assert (brussels.address_fr, brussels.address_nl) == (
        "Rue Haute 298a",
        "Hoogstraat 298a",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            "code,email\n21004,ok@cpas.example\n99999,a@b.example\n",
            "line 3: no CPAS with code",
            id="unknown-code",
        ),
        pytest.param(
            "code,email\n21004,ok@cpas.example\n92094,not-an-email\n",
            "line 3: ",
            id="bad-email",
        ),
        pytest.param("nis,email\n21004,ok@cpas.example\n", "'code' column", id="no-code-column"),
    ],
)
def test_import_cpas_contacts_is_all_or_nothing(tmp_path, content, message):
    path = write_csv(tmp_path, content)
    with pytest.raises(CommandError, match=message):
        call_command("import_cpas_contacts", path, stdout=io.StringIO())
    assert Cpas.objects.get(code="21004").email == ""


def test_import_dry_run_changes_nothing(tmp_path):
    path = write_csv(tmp_path, "code,email\n92094,info@cpas.namur.example\n")
    out = io.StringIO()
    call_command("import_cpas_contacts", path, "--dry-run", stdout=out)
    assert "1 CPAS would be updated" in out.getvalue()
    assert Cpas.objects.get(code="92094").email == ""


def test_demo_data_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo_data", stdout=io.StringIO())
    assert not User.objects.exists()


def test_demo_data_uses_reserved_domains_only(settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())  # twice: idempotent
    emails = set(Cpas.objects.values_list("email", flat=True))
    assert len(emails) == 565
    assert all(email.endswith(".example") for email in emails)
    assert all(url.endswith(".example/") for url in Cpas.objects.values_list("website", flat=True))
    demo = User.objects.get(username="demo")
    assert demo.cpas.code == "92094"
    assert demo.check_password("demo-cpas-online")
