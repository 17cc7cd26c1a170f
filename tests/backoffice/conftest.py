import pytest
from django.urls import reverse
from django.utils import translation

from backoffice.constants import Role
from backoffice.models import User
from routing.models import Cpas

NAMUR = "92094"
LIEGE = "62063"


def make_staff(username: str, cpas_code: str | None, role: Role = Role.CASEWORKER) -> User:
    cpas = Cpas.objects.get(code=cpas_code) if cpas_code else None
    return User.objects.create_user(
        username=username, password="correct horse battery", role=role, cpas=cpas
    )


@pytest.fixture
def namur_staff(db):
    return make_staff("namur", NAMUR)


@pytest.fixture
def liege_staff(db):
    return make_staff("liege", LIEGE)


@pytest.fixture
def sppis_admin(db):
    return make_staff("sppis", None, Role.SPPIS_ADMIN)


@pytest.fixture
def namur_client(client, namur_staff):
    client.force_login(namur_staff)
    return client


@pytest.fixture(autouse=True)
def english():
    """Pages in English (reverse() then gives /en/… URLs): tests read the English text."""
    with translation.override("en"):
        yield


def english_url(name: str, **kwargs) -> str:
    """A back-office URL in English, for module-level constants (tests read English text)."""
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def post_confirmed(client, url, data=None, **extra):
    """Post a step's form, check that the confirmation page comes first and records
    nothing, then confirm (the page's hidden fields and its "confirm" button)."""
    data = dict(data or {})
    first = client.post(url, data, **extra)
    assert first.status_code == 200, first.status_code
    assert 'name="confirm" value="yes"' in first.content.decode()
    return client.post(url, {**data, "confirm": "yes"}, **extra)


@pytest.fixture(autouse=True)
def fresh_login_counts():
    """The login limits count in the cache (locmem in tests): each test starts at zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def invitation_link(user, **kwargs) -> str:
    """A new invitation for ``user`` and the path of its link (as the email has it)."""
    from backoffice.accounts import staff_invitation_create
    from notifications.staff import invitation_token

    invitation = staff_invitation_create(user=user, by=None, **kwargs)
    return reverse("backoffice:invitation", kwargs={"token": invitation_token(invitation.salt)})
