"""A CPAS's sandbox in Chromium (docs/sandbox.md): a test request sent through the real
wizard from the test link, TEST on every page (checked with axe), and the banner in the
four languages."""

import pytest

from intake.models import AidRequest, RegisterEntry
from routing.models import Cpas
from sandbox.services import sandbox_link_issue, sandbox_link_token

from .helpers import axe_check, shot
from .test_journeys import CONTACT, IDENTITY, NO, TYPED, YES, answer

pytestmark = pytest.mark.usefixtures("communes")

BANNER = {
    "fr": "Ceci est une demande de test dans le bac à sable du CPAS de Namur",
    "nl": "Dit is een testaanvraag in de zandbak van OCMW Namen",
    "de": "Dies ist ein Testantrag in der Sandbox von ÖSHZ Namur",
    "en": "This is a test request in the sandbox of CPAS Namur",
}
IN_GHENT = [
    [("check", f"#id_place-in_institution_{NO}")],
    [("check", f"#id_student-full_time_student_{NO}")],
    [
        ("check", f"#id_residence-lives_at_domicile_{YES}"),
        ("fill", "#id_residence-domicile_commune", "Gent"),
    ],
]


def sandbox_link() -> str:
    return sandbox_link_token(sandbox_link_issue(cpas=Cpas.objects.get(code="92094")))


def marked(page, language):
    banner = page.get_by_role("region", name="TEST")
    assert banner.is_visible()
    assert BANNER[language] in " ".join(banner.inner_text().split())
    assert page.title().startswith("TEST – ")


def test_a_sandbox_request_through_the_real_wizard(page):
    token = sandbox_link()

    def check_page(page):
        marked(page, "nl")
        shot(page, page.url.rstrip("/").rsplit("/", 1)[-1])
        axe_check(page)

    page.goto(f"/nl/request/sandbox/{token}/")
    assert page.url.endswith("/nl/request/eligibility/")
    answer(page, [("check", f"#id_eligibility-already_helped_{NO}")], check_page=check_page)
    answer(page, TYPED, check_page=check_page)
    answer(page, IDENTITY, check_page=check_page)
    answer(page, CONTACT, check_page=check_page)
    for actions in IN_GHENT:
        answer(page, actions, check_page=check_page)
    answer(page, [("check", "#id_needs-categories_0")], check_page=check_page)
    answer(page, [], check_page=check_page)  # the review: send
    assert page.url.endswith("/nl/request/confirmation/")
    check_page(page)
    reference = page.locator(".panel__reference").inner_text().strip()
    assert reference.startswith("TEST-")
    aid_request = AidRequest.objects.get(reference=reference)
    assert aid_request.is_test and aid_request.cpas.code == "92094"
    assert aid_request.commune_id == "44021"  # Ghent answered, Namur's sandbox received
    assert not RegisterEntry.objects.exists()


def test_the_banner_in_four_languages(page):
    token = sandbox_link()
    for language in ("fr", "de", "en", "nl"):
        page.goto(f"/{language}/request/sandbox/{token}/")
        marked(page, language)
    axe_check(page)
    page.goto("/fr/request/")  # the ordinary start: test mode ends
    assert page.get_by_role("region", name="TEST").count() == 0
