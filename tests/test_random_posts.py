"""Random and hostile form posts never make a page fail with a server error (500).
The wizard's steps join PAGES as they land (with their field names, prefixed the way
the wizard posts them)."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import encoded_bodies, form_posts

pytestmark = pytest.mark.django_db

# URL → the field names its form knows (random names are drawn as well).
PAGES = {
    "/": [],
    "/fr/": [],
    "/en/about/": [],
    "/de/no-such-page/": [],
    "/health/": [],
    "/admin/login/": ["username", "password", "next"],
}


@pytest.mark.parametrize("url", PAGES)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_posts_never_give_a_server_error(url, data):
    content_type, body = data.draw(encoded_bodies(form_posts(PAGES[url])), label="body")
    # The test client skips the CSRF check, so the posts reach the views' own code;
    # an exception in a view fails the test with its traceback.
    response = Client().post(url, body, content_type=content_type)
    assert response.status_code < 500
