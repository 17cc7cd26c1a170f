"""A social worker's day in Chromium: log in, see the inbox, search, open and follow up a
request, transfer one and correct a decision, each step through its confirmation page; a
manager's settings; an SPP-IS administrator's admin pages; axe (WCAG 2.0 to 2.2, A and
AA) on every page in the four languages."""

import pytest

from backoffice.constants import Role
from backoffice.models import User
from intake.models import AidRequest
from routing.models import Cpas
from tests.factories import submit

from .helpers import assert_no_horizontal_overflow, axe_check, shot

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


def log_in(page, language, username="assistant"):
    page.goto(f"/{language}/backoffice/")
    assert "/backoffice/login/" in page.url
    axe_check(page)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_staff_journey(page, staff, language):
    aid_request = submit(nis_code="92094", language=language)
    submit(nis_code="92094", language=language, last_name="Zylberstein")
    log_in(page, language)
    assert page.url.endswith(f"/{language}/backoffice/")
    shot(page, "inbox")
    axe_check(page)

    # A search by name: posted, the address carries an id only.
    page.fill("#id_q", "Zylberstein")
    with page.expect_navigation():
        page.click("form.filters button[type=submit] >> nth=0")
    assert "?search=" in page.url and "Zylberstein" not in page.url
    assert page.locator("tbody tr").count() == 1
    axe_check(page)
    page.goto(f"/{language}/backoffice/")

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


def test_the_inbox_uses_a_wide_screen(new_page, staff):
    page = new_page(viewport={"width": 1920, "height": 1000})
    submit(nis_code="92094")
    log_in(page, "fr")
    width = page.evaluate("() => document.querySelector('main').getBoundingClientRect().width")
    assert width > 1600  # no 960 px column on a wide screen
    assert_no_horizontal_overflow(page)


def test_buttons_wrap_without_an_indent_on_a_phone(new_page, staff):
    page = new_page(viewport={"width": 320, "height": 800})
    log_in(page, "de")
    lefts = page.evaluate(
        """() => [...document.querySelectorAll('.filters .button-group > *')]
            .map((element) => element.getBoundingClientRect().left)"""
    )
    assert len(lefts) == 3 and len({round(left) for left in lefts}) == 1  # one per line
    shot(page, "inbox-phone")
    assert_no_horizontal_overflow(page)


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_a_manager_reaches_the_settings_from_the_navigation(page, language):
    User.objects.create_user(
        username="manager",
        password=PASSWORD,
        role=Role.MANAGER,
        cpas=Cpas.objects.get(code="92094"),
    )
    log_in(page, language, "manager")
    with page.expect_navigation():
        page.click(f"nav.backoffice-nav a[href='/{language}/backoffice/notifications/']")
    shot(page, "settings")
    axe_check(page)
    page.uncheck("#id_reminders_enabled")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    axe_check(page)
    assert page.locator("nav.backoffice-nav").count() == 1

    # The CPAS's staff accounts: a new caseworker, invited by email.
    with page.expect_navigation():
        page.click(f"nav.backoffice-nav a[href='/{language}/backoffice/staff/']")
    axe_check(page)
    with page.expect_navigation():
        page.click("#add-staff button[type=submit]")  # nothing filled in: the errors
    assert page.locator(".error-summary").count() == 1
    axe_check(page)
    page.fill("#id_username", f"nora-{language}")
    page.fill("#id_email", "nora@cpas.example")
    page.check("input[name=role] >> nth=0")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    with page.expect_navigation():
        page.click("#add-staff button[type=submit]")
    shot(page, "staff")
    axe_check(page)
    assert User.objects.get(username=f"nora-{language}").cpas.code == "92094"


ADMIN_PAGES = [
    "/admin/",
    "/admin/backoffice/",
    "/admin/backoffice/user/",
    "/admin/backoffice/user/add/",
    "/admin/backoffice/user/{caseworker}/change/",
    "/admin/backoffice/user/{caseworker}/password/",
    "/admin/backoffice/accesslogentry/",
    "/admin/notifications/cpasnotificationsettings/",
    "/admin/notifications/cpasnotificationsettings/{settings}/change/",
    "/admin/notifications/outgoingemail/",
    "/admin/notifications/outgoingemail/{email}/change/",
    "/admin/notifications/notificationsettingschange/",
    "/admin/intake/registerentry/",
    "/admin/cpasonline/retentionrun/",
]
OPERATOR_PAGES = [
    "/admin/",
    "/admin/auth/group/",
    "/admin/backoffice/apitoken/",
    "/admin/backoffice/apitoken/add/",
]
LOCALES = {"fr": "fr-BE", "nl": "nl-BE", "de": "de-BE", "en": "en-GB"}


def admin_objects(staff):
    from backoffice.services import access_log_record
    from cpasonline.retention import retention_apply
    from notifications.models import CpasNotificationSettings, OutgoingEmail

    aid_request = submit(nis_code="92094")
    access_log_record(aid_requests=[aid_request], action="view", ip_address="192.0.2.1", user=staff)
    retention_apply()
    settings, _ = CpasNotificationSettings.objects.get_or_create(cpas=staff.cpas)
    email = OutgoingEmail.objects.filter(kind="cpas_alert").first() or OutgoingEmail.objects.first()
    return {"caseworker": staff.pk, "settings": settings.pk, "email": email.pk}


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_the_admin_pages_of_an_sppis_administrator(new_page, staff, language):
    ids = admin_objects(staff)
    User.objects.create_user(username="sppis", password=PASSWORD, role=Role.SPPIS_ADMIN)
    page = new_page(locale=LOCALES[language])
    log_in(page, language, "sppis")
    page.goto("/admin/")
    assert page.get_attribute("html", "lang") == language
    assert "Django" not in page.title() and "Django" not in page.inner_text("#site-name")
    assert "OTP" not in page.inner_text("#content-main").upper().replace("TOTP", "")
    for path in ADMIN_PAGES:
        page.goto(path.format(**ids))
        assert page.url.endswith(path.format(**ids)), page.url
        axe_check(page, preload=False)  # the admin's stylesheets @import others
    shot(page, "admin")
    # Lists of records offer no "Add" button.
    for path in ADMIN_PAGES:
        if path.endswith("/") and path.count("/") == 4 and "user" not in path:
            page.goto(path)
            assert page.locator(".object-tools a.addlink").count() == 0, path


def test_the_technical_operator_s_admin_pages(new_page, staff):
    User.objects.create_superuser("operator", "operator@example.org", PASSWORD)
    page = new_page(locale="fr-BE")
    log_in(page, "fr", "operator")
    for path in OPERATOR_PAGES:
        page.goto(path)
        axe_check(page, preload=False)
