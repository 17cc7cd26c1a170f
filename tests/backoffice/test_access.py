"""One access function: a request is reachable only by its CPAS's staff
(docs/data-protection.md)."""

import pytest
from django.http import Http404
from django.urls import get_resolver

from backoffice.access import get_request_or_404, get_trace_or_404, requests_visible_to
from intake.services import aid_request_transfer
from routing.models import Cpas
from tests.factories import submit

from .conftest import LIEGE

pytestmark = pytest.mark.django_db


def test_staff_see_their_cpas_requests_only(namur_staff, liege_staff, sppis_admin):
    namur_request = submit(nis_code="92094")
    liege_request = submit(nis_code=LIEGE)
    assert list(requests_visible_to(namur_staff)) == [namur_request]
    assert list(requests_visible_to(liege_staff)) == [liege_request]
    # A request is accessible only to the designated CPAS (circular, points 5 and 8.2).
    assert not requests_visible_to(sppis_admin).exists()


def test_anonymous_and_cpasless_users_see_nothing(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    submit()
    nobody = django_user_model.objects.create_user("nobody", role="caseworker", cpas=None)
    assert not requests_visible_to(AnonymousUser()).exists()
    assert not requests_visible_to(nobody).exists()


@pytest.mark.parametrize("lookup", ["reference", "typed-reference", "pk"])
def test_get_request_by_reference_or_pk(namur_staff, lookup):
    aid_request = submit()
    key = {
        "reference": aid_request.reference,
        "typed-reference": aid_request.reference.lower().replace("-", " "),
        "pk": aid_request.pk,
    }[lookup]
    assert get_request_or_404(namur_staff, key) == aid_request


def test_another_cpas_and_a_missing_request_both_give_404(liege_staff):
    aid_request = submit()
    with pytest.raises(Http404):
        get_request_or_404(liege_staff, aid_request.reference)
    with pytest.raises(Http404):
        get_request_or_404(liege_staff, "CPAS-2026-0000-0000")


def test_transfer_gives_the_receiver_access_and_the_sender_a_trace_only(namur_staff, liege_staff):
    # Circular 5: "La demande est uniquement accessible par le CPAS désigné".
    aid_request = submit()
    aid_request_transfer(
        aid_request=aid_request,
        user=namur_staff,
        to_cpas=Cpas.objects.get(code=LIEGE),
        reasons=["residence"],
    )
    assert get_request_or_404(liege_staff, aid_request.reference, for_action=True)
    for for_action in (False, True):
        with pytest.raises(Http404):
            get_request_or_404(namur_staff, aid_request.reference, for_action=for_action)
    assert get_trace_or_404(namur_staff, aid_request.reference) == aid_request
    with pytest.raises(Http404):
        get_trace_or_404(liege_staff, aid_request.reference)


def _backoffice_patterns():
    """Every URL pattern of the back-office namespace, found by the resolver."""
    resolver = get_resolver()
    namespace = resolver.namespace_dict["backoffice"][1]
    return [(p.name, p.pattern) for p in namespace.url_patterns]


REQUEST_URLS = [
    name for name, pattern in _backoffice_patterns() if "<str:reference>" in str(pattern)
]


def test_the_walk_covers_the_request_pages():
    assert {
        "detail",
        "competence",
        "decision",
        "correct_decision",
        "correct_reception",
        "match",
        "trace",
    } <= set(REQUEST_URLS)


@pytest.mark.parametrize("name", REQUEST_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_every_request_url_is_404_for_another_cpas(client, liege_staff, name, method):
    from django.urls import reverse

    aid_request = submit()
    client.force_login(liege_staff)
    url = reverse(f"backoffice:{name}", kwargs={"reference": aid_request.reference})
    response = getattr(client, method)(url, {"competent": "yes"} if method == "post" else None)
    assert response.status_code == 404
    aid_request.refresh_from_db()
    assert aid_request.state == "new"  # nothing happened to it


@pytest.mark.parametrize(
    "name", [name for name, pattern in _backoffice_patterns() if "<" not in str(pattern)]
)
def test_other_urls_show_nothing_of_another_cpas(client, liege_staff, name):
    from django.urls import reverse

    aid_request = submit(first_name="Zébulon", last_name="Zylberstein")
    client.force_login(liege_staff)
    for query in ("", "?state=&q=", f"?q={aid_request.reference}", "?q=Zylberstein"):
        response = client.get(reverse(f"backoffice:{name}") + query)
        assert response.status_code in (200, 302, 403, 405)
        body = response.content.decode()  # the search itself is echoed in the form
        assert f"{aid_request.reference}/" not in body  # no link to it
        assert f"{aid_request.reference}," not in body  # no CSV line
        assert "Zébulon" not in body
