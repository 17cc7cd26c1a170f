"""A social worker's day in Chromium: log in, see the inbox, open, register and follow up
a request; axe on every back-office page in the four languages."""

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
    with page.expect_navigation():
        page.click(f"form[action$='/{aid_request.reference}/register/'] button")
    axe_check(page)
    page.check("input[name=competent] >> nth=0")
    with page.expect_navigation():
        page.click(f"form[action$='/{aid_request.reference}/competence/'] button")
    shot(page, "after-competence")
    axe_check(page)

    aid_request = AidRequest.objects.get(pk=aid_request.pk)
    assert aid_request.state != "new"
    assert aid_request.register_entries.get().number == 1
