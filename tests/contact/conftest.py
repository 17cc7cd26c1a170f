import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from backoffice.constants import Role
from backoffice.models import User
from contact.delivery import APPLICANT
from contact.models import ApplicantMessage
from notifications.outbox.delivery import outbox_deliver
from routing.models import Cpas

NAMUR = "92094"
LINK = re.compile(r"https?://[^\s\"<]+/follow/([A-Za-z0-9_-]{40,})/")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def worker(db):
    return User.objects.create_user(
        username="worker", password="x", role=Role.CASEWORKER, cpas=Cpas.objects.get(code=NAMUR)
    )


def deliver_all() -> None:
    """What the worker does: every due row of the applicant's outbox, now."""
    for pk in ApplicantMessage.objects.filter(state="pending").values_list("pk", flat=True):
        outbox_deliver(channel=APPLICANT, pk=pk, now=timezone.now() + timedelta(seconds=1))


def link_in(text: str) -> str:
    match = LINK.search(text)
    assert match, text
    return match.group(0)


def last_mail():
    assert mail.outbox
    return mail.outbox[-1]
