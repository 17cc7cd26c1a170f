"""load_demo_data, as `make run` calls it on every start: it fills what is empty and
never replaces what is not its own (contacts, staff accounts)."""

import io

import pytest
from django.core.management import CommandError, call_command

from backoffice.access import requests_visible_to
from backoffice.constants import Role
from backoffice.models import User
from cpasonline.management.commands.load_demo_data import (
    DEMO_PASSWORD,
    DEMO_PHONE,
    contact_fields,
)
from routing.models import Cpas

pytestmark = pytest.mark.django_db

NAMUR, LIEGE = "92094", "62063"
# The empty value of each contact field (the translated addresses are nullable).
EMPTY = {"phone": "", "email": "", "website": ""} | {
    f"address_{code}": None for code in ("fr", "nl", "de", "en")
}
OWN_NAMUR = {  # as SPP-IS's file would give them (the test data of tests/routing)
    "phone": "+32 81 33 70 11",
    "email": "info@cpas.namur.example",
    "website": "https://cpas.namur.example/",
    "address_fr": "Rue de Dave 165\n5100 Namur",
    "address_nl": "Rue de Dave 165\n5100 Namen",
    "address_de": "Rue de Dave 165\n5100 Namür",
    "address_en": "Rue de Dave 165\n5100 Namur",
}


@pytest.fixture(autouse=True)
def debug(settings):
    settings.DEBUG = True


def load_demo_data() -> str:
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def import_contacts(tmp_path, code: str, values: dict[str, str]) -> None:
    """Through SPP-IS's import, the way real contact data arrives."""
    path = tmp_path / "contacts.csv"
    columns = ["code", *values]
    cells = [code, *(f'"{value}"' for value in values.values())]
    path.write_text(f"{','.join(columns)}\n{','.join(cells)}\n", encoding="utf-8")
    call_command("import_cpas_contacts", str(path), stdout=io.StringIO())


def contacts(code: str) -> dict[str, str]:
    return Cpas.objects.filter(code=code).values(*contact_fields()).get()


def test_demo_data_fills_the_demo_inbox_once():
    load_demo_data()
    load_demo_data()
    demo = User.objects.get(username="demo")
    assert requests_visible_to(demo).count() == 5


def test_a_cpas_without_contact_data_gets_the_demo_values():
    load_demo_data()
    namur = contacts(NAMUR)
    assert namur["phone"] == DEMO_PHONE
    assert namur["email"] == "contact@cpas-namur.example"
    assert namur["address_fr"] == "Rue de l’Exemple 1\n5000 Namur"
    assert namur["address_nl"] == "Voorbeeldstraat 1\n5000 Namen"


@pytest.mark.parametrize(
    "own",
    [
        pytest.param(OWN_NAMUR, id="every-field"),
        pytest.param({"phone": OWN_NAMUR["phone"]}, id="phone-only"),
        pytest.param({"email": OWN_NAMUR["email"]}, id="email-only"),
        pytest.param({"address_fr": OWN_NAMUR["address_fr"]}, id="french-address-only"),
    ],
)
@pytest.mark.parametrize("demo_before", [False, True], ids=["fresh", "over-demo-values"])
def test_own_contact_data_is_kept_and_never_shown_beside_demo_values(tmp_path, own, demo_before):
    if demo_before:  # `make run` once, then the real data is imported
        load_demo_data()
    import_contacts(tmp_path, NAMUR, own)

    load_demo_data()  # the next `make run`, and the one after
    out = load_demo_data()

    assert contacts(NAMUR) == {field: own.get(field, EMPTY[field]) for field in contact_fields()}
    assert contacts(LIEGE)["phone"] == DEMO_PHONE  # the others still get demo values
    assert "564 CPAS; 1 CPAS keep their own contact data (0 CPAS changed now)" in out


def test_an_existing_account_of_a_demo_name_is_left_as_it_is():
    User.objects.create_superuser("admin", password="the admin's own one")
    User.objects.create_user(
        "demo",
        password="my own password",
        role=Role.MANAGER,
        cpas=Cpas.objects.get(code=LIEGE),
    )

    out = load_demo_data()

    admin, demo = User.objects.get(username="admin"), User.objects.get(username="demo")
    assert admin.check_password("the admin's own one")
    assert (demo.role, demo.cpas.code) == (Role.MANAGER, LIEGE)
    assert demo.check_password("my own password")
    assert User.objects.get(username="demo-manager").check_password(DEMO_PASSWORD)
    assert "Demo staff accounts created: demo-manager, demo-federation (" in out
    assert "Staff accounts left as they were: demo, admin." in out


def test_a_demo_account_whose_password_was_changed_keeps_it():
    load_demo_data()
    demo = User.objects.get(username="demo")
    demo.set_password("changed on purpose")
    demo.save()

    load_demo_data()

    demo.refresh_from_db()
    assert demo.check_password("changed on purpose")
    assert (demo.role, demo.cpas.code) == (Role.CASEWORKER, NAMUR)


def test_demo_data_is_refused_in_production_and_changes_nothing(settings, tmp_path):
    import_contacts(tmp_path, NAMUR, {"phone": OWN_NAMUR["phone"]})
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        load_demo_data()
    assert contacts(LIEGE)["phone"] == ""
    assert contacts(NAMUR)["email"] == ""
    assert not User.objects.exists()
