"""A social worker's day in Chromium: log in, see the inbox, open and follow up a request,
transfer one and correct a decision, each step through its confirmation page; axe on every
back-office page in the four languages."""

import pytest

from backoffice.constants import Role
from backoffice.models import User
from intake.models import AidRequest
from routing.models import Cpas
from tests.factories import submit

from .helpers import axe_check, shot

pytestmark = pytest.mark.usefixtures("communes")
PASSWORD = "correct horse battery staple"


@pytest.fixture
def staff():
    return User.objects.create_user(
        username="assistant",
        password=PASSWORD,
        role=Role.CASEWORKER,
        cpas=Cpas.objects.get(code="92094"),
    )


def log_in(page, language):
    page.goto(f"/{language}/backoffice/")
    assert "/backoffice/login/" in page.url
    axe_check(page)
    page.fill("#id_username", "assistant")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_staff_journey(page, staff, language):
    aid_request = submit(nis_code="92094", language=language)
    log_in(page, language)
    assert page.url.endswith(f"/{language}/backoffice/")
    shot(page, "inbox")
    axe_check(page)

    with page.expect_navigation():
        page.click(f"a:has-text('{aid_request.reference}')")
    shot(page, "detail")
    axe_check(page)
    page.check("input[name=competent] >> nth=0")
    with page.expect_navigation():
        page.click(f"form[action$='/{aid_request.reference}/competence/'] button")
    axe_check(page)  # the confirmation page
    with page.expect_navigation():
        page.click("button[name=confirm]")
    shot(page, "after-competence")
    axe_check(page)

    aid_request = AidRequest.objects.get(pk=aid_request.pk)
    assert aid_request.state != "new"
    assert aid_request.register_entries.get().number == 1  # entered at its submission


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_transfer_with_confirmation_and_a_correction(page, staff, language):
    """A transfer found by a commune search, confirmed, leaving a trace without the
    applicant's data; a decision recorded, then corrected with a reason (docs/transfers.md,
    docs/lifecycle.md). Axe on every page."""
    moving = submit(nis_code="92094", language=language, first_name="Zébulon")
    staying = submit(nis_code="92094", language=language)
    log_in(page, language)

    page.goto(f"/{language}/backoffice/requests/{moving.reference}/")
    page.check("input[name=competent] >> nth=1")
    page.fill("#id_commune", "Liège")
    page.check("input[name=reasons] >> nth=0")
    with page.expect_navigation():
        page.click(f"form[action$='/{moving.reference}/competence/'] button")
    shot(page, "transfer-confirmation")
    axe_check(page)
    assert moving.reference in page.inner_text("main")
    assert AidRequest.objects.get(pk=moving.pk).cpas.code == "92094"  # nothing yet
    with page.expect_navigation():
        page.click("button[name=confirm]")
    shot(page, "trace")
    axe_check(page)
    assert f"/{moving.reference}/trace/" in page.url
    assert "Zébulon" not in page.content()
    assert AidRequest.objects.get(pk=moving.pk).cpas.code == "62063"

    page.goto(f"/{language}/backoffice/requests/{staying.reference}/")
    page.check("input[name=outcome] >> nth=0")
    page.fill("#id_decided_on", "2026-11-30")
    with page.expect_navigation():
        page.click(f"form[action$='/{staying.reference}/decision/'] button")
    axe_check(page)
    with page.expect_navigation():
        page.click("button[name=confirm]")
    with page.expect_navigation():
        page.click(f"a[href$='/{staying.reference}/decision/correct/']")
    shot(page, "correction-form")
    axe_check(page)
    page.check("input[name=action] >> nth=0")
    page.check("input[name=outcome] >> nth=1")
    page.fill("#id_decided_on", "2026-12-01")
    page.fill("#id_reason", "Wrong box ticked")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    axe_check(page)
    with page.expect_navigation():
        page.click("button[name=confirm]")
    shot(page, "after-correction")
    axe_check(page)
    assert "Wrong box ticked" in page.inner_text("main")
    assert (
        AidRequest.objects.get(pk=staying.pk)
        .merits_decisions.filter(superseded_at__isnull=True, outcome="refused")
        .exists()
    )

    page.goto(f"/{language}/backoffice/register/")
    shot(page, "register")
    axe_check(page)
    page.goto(f"/{language}/backoffice/register/new/")
    axe_check(page)


def test_a_transfer_and_a_commune_pick_list_without_javascript(nojs_page, staff):
    """Several communes match: a list to choose from; then the confirmation page; all
    without JavaScript (axe needs it: the pages are those checked above)."""
    page = nojs_page
    aid_request = submit(nis_code="92094", language="fr")
    page.goto("/fr/backoffice/")
    page.fill("#id_username", "assistant")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.goto(f"/fr/backoffice/requests/{aid_request.reference}/")
    page.check("input[name=competent] >> nth=1")
    page.fill("#id_commune", "Saint")
    page.check("input[name=reasons] >> nth=0")
    with page.expect_navigation():
        page.click(f"form[action$='/{aid_request.reference}/competence/'] button")
    page.check("input[name=commune_pick] >> nth=0")
    with page.expect_navigation():
        page.click(f"form[action$='/{aid_request.reference}/competence/'] button")
    shot(page, "confirmation-without-js")
    with page.expect_navigation():
        page.click("button[name=confirm]")
    assert f"/{aid_request.reference}/trace/" in page.url
    assert AidRequest.objects.get(pk=aid_request.pk).cpas.code != "92094"
