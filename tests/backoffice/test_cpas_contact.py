"""Who keeps a CPAS's contact data (circular of 28 May 2025, point 6: the applicant reads
them; docs/acknowledgement.md, "Who keeps the contact data"): the CPAS's manager on a
back-office page, SPP-IS in the admin, with the report of what is missing."""

import pytest

from backoffice.constants import Role
from notifications.models import CpasNotificationSettings
from notifications.selectors import without_contact_data, without_notification_address
from routing.models import Cpas
from tests.backoffice.conftest import make_staff

pytestmark = pytest.mark.django_db
URL = "/fr/backoffice/contact/"


@pytest.fixture
def manager_client(client):
    client.force_login(make_staff("manager", "92094", Role.MANAGER))
    return client


def test_the_manager_sees_the_data_as_the_applicant_will_in_each_language(manager_client):
    page = manager_client.get(URL).content.decode()

    # Nothing yet: the applicant's block says where to ask, in every language.
    assert page.count("accueil de n’importe quel CPAS") == 1
    assert "onthaal van een OCMW" in page
    assert "Empfang eines ÖSHZ" in page
    assert "front desk of any CPAS" in page
    assert "ne reçoit aucun e-mail sur les nouvelles demandes" in page


def test_the_manager_saves_the_contact_data_and_the_preview_falls_back(manager_client):
    response = manager_client.post(
        URL,
        {
            "address_fr": "Rue de l’Aide 1\n5000 Namur",
            "phone": "081 24 86 11",
            "email": "accueil@cpas-namur.example",
            "website_fr": "https://cpas-namur.example/fr",
        },
    )

    assert response.status_code == 302
    cpas = Cpas.objects.get(code="92094")
    assert cpas.phone == "081 24 86 11"
    assert cpas.contact_updated_by.username == "manager"
    page = manager_client.get(URL).content.decode()
    assert '<a href="tel:+3281248611">081 24 86 11</a>' in page
    # The Dutch applicant reads the French address (no Dutch one held), marked as French.
    assert '<dd lang="fr">Rue de l’Aide 1<br>5000 Namur</dd>' in page
    assert "ne reçoit aucun e-mail" not in page  # the public email is now the address


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "call us", "Tapez un numéro de téléphone comme 081 24 86 11"),
        ("email", "nowhere", "Tapez une adresse e-mail comme social@cpas.be."),
        ("website_nl", "not a site", "Tapez une adresse web comme https://www.cpas.be."),
    ],
)
def test_wrong_values_are_refused_in_words(manager_client, field, value, message):
    response = manager_client.post(URL, {field: value})

    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.parametrize("role", [Role.CASEWORKER])
def test_only_managers_keep_the_contact_data(client, role):
    client.force_login(make_staff("worker", "92094", role))
    assert client.get(URL).status_code == 403


def test_the_report_lists_cpas_without_contact_data_or_notification_address(client):
    """With the default settings every CPAS lacks both: no alert is ever sent
    (docs/notifications.md, "No address, no alert")."""
    assert without_contact_data().count() == 565
    assert without_notification_address().count() == 565
    Cpas.objects.filter(code="92094").update(email="accueil@cpas-namur.example")
    CpasNotificationSettings.objects.create(
        cpas=Cpas.objects.get(code="62063"), email="alertes@cpas-liege.example"
    )
    Cpas.objects.filter(code="44021").update(address_nl="Onderbergen 86, 9000 Gent")

    assert without_contact_data().count() == 563
    assert set(without_notification_address().values_list("code", flat=True)) >= {"44021"}
    assert without_notification_address().count() == 563
    admin = make_staff("sppis", None, Role.SPPIS_ADMIN)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    page = client.get("/admin/routing/cpas/", {"missing": "notification"})
    assert page.status_code == 200
    assert page.context["cl"].result_count == 563
    assert "563 CPAS n’ont pas d’adresse de notification" in page.content.decode()
