import pytest

from routing.models import Cpas


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
