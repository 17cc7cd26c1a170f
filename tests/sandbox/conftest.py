import pytest

from routing.models import Cpas
from sandbox.services import sandbox_link_issue, sandbox_link_token
from tests.backoffice.conftest import (  # noqa: F401  (fixtures)
    english,
    fresh_login_counts,
    make_staff,
    namur_client,
    namur_staff,
)

NAMUR, LIEGE, GHENT = "92094", "62063", "44021"


def open_sandbox(code: str) -> str:
    """Issue a sandbox link for the CPAS; its token."""
    return sandbox_link_token(sandbox_link_issue(cpas=Cpas.objects.get(code=code)))


@pytest.fixture
def namur_token(db):
    return open_sandbox(NAMUR)
