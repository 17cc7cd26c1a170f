"""The first contact in Chromium (docs/first-contact.md): a social worker proposes a
meeting, the applicant confirms it from the link on a 390 px phone, in each language; a
no-reaction path; a transfer seen from the applicant's page; the eBox with the fake
client. Axe on every page, and the applicant's pages without JavaScript."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from backoffice.constants import Role
from backoffice.models import User
from contact.links import contact_link_create, link_url
from contact.services import appointment_propose, appointments_no_reaction_mark
from intake.services import aid_request_transfer
from routing.models import Cpas
from tests.contact.conftest import deliver_all, link_in
from tests.factories import submit

from .helpers import assert_no_horizontal_overflow, axe_check

pytestmark = pytest.mark.usefixtures("communes")
PASSWORD = "correct horse battery staple"
PHONE = {"viewport": {"width": 390, "height": 844}}
NO_JS = {**PHONE, "java_script_enabled": False}  # axe needs scripts: checked on PHONE pages
CONFIRM = {"fr": "Je confirme", "nl": "Ik bevestig", "de": "Ich bestätige", "en": "I confirm"}


@pytest.fixture
def worker():
    return User.objects.create_user(
        username="assistant",
        password=PASSWORD,
        role=Role.CASEWORKER,
        cpas=Cpas.objects.get(code="92094"),
    )


def path_of(url: str) -> str:
    return urlsplit(url).path


def log_in(page, language):
    page.goto(f"/{language}/backoffice/login/")
    page.fill("#id_username", "assistant")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def propose_in_browser(page, aid_request, language):
    page.goto(f"/{language}/backoffice/requests/{aid_request.reference}/appointment/")
    axe_check(page)
    day = timezone.localdate() + timedelta(days=4)
    page.fill("#id_day", day.isoformat())
    page.fill("#id_time", "10:30")
    page.check("input[name=mode] >> nth=0")
    page.fill("#id_place", "Rue de l'Aide 1")
    with page.expect_navigation():
        page.click("button[name=propose]")
    assert f"/requests/{aid_request.reference}/" in page.url
    axe_check(page)


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_the_applicant_confirms_the_proposed_meeting_on_a_phone(new_page, worker, language):
    """The social worker's pages are checked in French (their four languages are the
    staff journey's); the applicant's in each language."""
    aid_request = submit(language=language, submitted_at=timezone.now())
    if language == "fr":
        staff = new_page()
        log_in(staff, language)
        propose_in_browser(staff, aid_request, language)
    else:
        appointment_propose(
            aid_request=aid_request,
            user=worker,
            mode="at_cpas",
            starts_at=timezone.now() + timedelta(days=4),
        )
    deliver_all()
    url = link_in(mail.outbox[-1].body)
    phone = new_page(**PHONE)
    phone.goto(path_of(url))
    assert phone.url.endswith(f"/{language}/follow/")  # the token left the address bar
    assert aid_request.reference in phone.content()
    assert aid_request.last_name not in phone.content()
    axe_check(phone)
    assert_no_horizontal_overflow(phone)
    with phone.expect_navigation():
        phone.click(f"button:has-text('{CONFIRM[language]}')")
    axe_check(phone)
    assert aid_request.appointments.get().state == "confirmed"
    if language == "fr":
        staff.reload()
        assert "Confirmé par le demandeur" in staff.content()


def test_no_reaction_and_a_transfer_seen_from_the_applicant_s_page(new_page, worker, settings):
    aid_request = submit(language="fr", submitted_at=timezone.now())
    staff = new_page()
    log_in(staff, "en")
    propose_in_browser(staff, aid_request, "en")
    # The meeting (in 4 days) comes before N days: no answer by then is "no reaction".
    assert appointments_no_reaction_mark(now=timezone.now() + timedelta(days=3)) == 0
    assert appointments_no_reaction_mark(now=timezone.now() + timedelta(days=5)) == 1
    staff.reload()
    days = settings.CONTACT_NO_REACTION_DAYS
    assert f"No reaction after {days} days" in staff.content()
    axe_check(staff)
    aid_request_transfer(
        aid_request=aid_request,
        user=worker,
        to_cpas=Cpas.objects.get(code="62063"),
        reasons=["residence"],
    )
    phone = new_page(**NO_JS)
    phone.goto(path_of(link_url(aid_request.contact_links.first(), "fr")))
    content = phone.content()
    assert "Liège" in content and "autre commune" in content
    assert "Je confirme" not in content  # the meeting was withdrawn by the transfer


def test_the_no_reaction_count_on_the_staff_page(new_page, worker):
    aid_request = submit(language="nl", submitted_at=timezone.now())
    for _attempt in range(2):
        appointment_propose(
            aid_request=aid_request,
            user=worker,
            mode="phone",
            starts_at=timezone.now() + timedelta(days=30),
        )
        appointments_no_reaction_mark(now=timezone.now() + timedelta(days=31))
    staff = new_page()
    log_in(staff, "fr")
    staff.goto(f"/fr/backoffice/requests/{aid_request.reference}/")
    assert "2 propositions sans réaction" in staff.content()
    axe_check(staff)


def test_the_ebox_path_with_the_fake(new_page, live_server, settings, tmp_path, worker):
    from eid.keys import make_self_signed

    settings.SITE_URL = live_server.url
    settings.EID_ENABLED = settings.SAML_TEST_IDP = settings.EBOX_ENABLED = True
    settings.SAML_IDP_METADATA = settings.SAML_SP_ENTITY_ID = ""
    settings.SAML_SP_CERT, settings.SAML_SP_KEY = make_self_signed("SP")
    settings.SAML_TEST_IDP_CERT, settings.SAML_TEST_IDP_KEY = make_self_signed("IdP")
    settings.EBOX_FAKE_DIR = tmp_path
    aid_request = submit(
        national_number="85073003427",
        method="eid",
        submitted_at=timezone.now(),
    )
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(path_of(link_url(contact_link_create(aid_request=aid_request), "fr")))
    axe_check(page)
    with page.expect_navigation():
        page.click("a[href*='/saml/login/']")
    assert "/saml/test-idp/" in page.url, page.url
    page.check("input[name=person] >> nth=0")  # Camille, 85073003427
    with page.expect_navigation(url="**/fr/follow/"):
        page.click("button[name=login]")
    page.check("input[name=medium][value=ebox]")
    with page.expect_navigation():
        page.click("button[name=choose]")
    axe_check(page)
    appointment_propose(
        aid_request=aid_request,
        user=worker,
        mode="phone",
        starts_at=timezone.now() + timedelta(days=3),
    )
    deliver_all()
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1 and aid_request.reference in files[0].read_text()
