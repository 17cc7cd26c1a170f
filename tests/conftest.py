import io

import pytest
from django.core.management import call_command

from routing.models import Commune


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
