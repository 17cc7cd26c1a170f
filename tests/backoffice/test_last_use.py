"""The last use of a token or an access, kept to the minute (docs/api.md, "Last use"): a
busy software's calls do not each write a row."""

from datetime import timedelta

import pytest
from django.utils import timezone

from backoffice.models import ApiToken
from tests.integration.conftest import NAMUR, make_token

from .api_support import bearer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("before", "written"),
    [
        pytest.param(None, True, id="never-used"),
        pytest.param(timedelta(seconds=30), False, id="30-seconds-ago"),
        pytest.param(timedelta(minutes=2), True, id="2-minutes-ago"),
    ],
)
def test_the_last_use_is_written_at_most_once_a_minute(client, before, written):
    token = make_token(NAMUR)
    earlier = timezone.now() - before if before else None
    ApiToken.objects.update(last_used_at=earlier)
    assert client.get("/api/v1/requests", **bearer(token)).status_code == 200
    last = ApiToken.objects.get().last_used_at
    assert (last != earlier) is written
    if written:
        assert timezone.now() - last < timedelta(seconds=5)
