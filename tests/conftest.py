import io

import pytest
from django.core.management import call_command

from routing.models import Commune, Cpas


def load_reference_data() -> None:
    call_command("load_reference_data", stdout=io.StringIO())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The 565 communes and their CPAS, loaded once into the test database."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def communes(django_db_blocker):
    """Reference data, reloaded when a transactional test flushed it."""
    with django_db_blocker.unblock():
        if not Commune.objects.exists():
            load_reference_data()


@pytest.fixture
def cpas_emails(db):
    """The reference data has no contact data (it comes from SPP-IS): give some."""

    def give(*codes: str) -> None:
        for code in codes:
            Cpas.objects.filter(code=code).update(
                email=f"social-{code}@cpas.example",
                phone="081 00 00 00",
                website=f"https://cpas-{code}.example",
                address_fr="Rue de l'Aide 1, 5000 Namur",
            )

    return give
