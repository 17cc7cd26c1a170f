"""Citizens' journeys through the wizard in Chromium, one per language and situation,
with axe on every page they see (error states included), to the confirmation page and
the acknowledgement in the mail outbox."""

import pytest
from django.core import mail

from intake.models import AidRequest
from notifications.models import OutgoingEmail
from notifications.tasks import send_outgoing_email

from .helpers import assert_no_horizontal_overflow, axe_check, shot

pytestmark = pytest.mark.usefixtures("communes")

NO, YES = 1, 0  # radio order: yes, no
TYPED = [
    ("check", "#id_identification-method_1"),
]
IDENTITY = [
    ("fill", "#id_identity-national_number", "85.07.30-033.28"),
    ("fill", "#id_identity-first_name", "Alex"),
    ("fill", "#id_identity-last_name", "Martin"),
    ("fill", "#id_identity-birth_day", "30"),
    ("fill", "#id_identity-birth_month", "7"),
    ("fill", "#id_identity-birth_year", "1985"),
]
CONTACT = [
    ("fill", "#id_contact-email", "alex@example.org"),
    ("fill", "#id_contact-email_confirmation", "alex@example.org"),
]
AT_HOME = [
    [("check", f"#id_place-in_institution_{NO}")],
    [("check", f"#id_student-full_time_student_{NO}")],
    [
        ("check", f"#id_residence-lives_at_domicile_{YES}"),
        ("fill", "#id_residence-domicile_commune", "Namur"),
    ],
]
NO_FIXED_PLACE = 2  # residence: yes, no (usually elsewhere), no fixed place
HOMELESS = [
    [("check", f"#id_place-in_institution_{NO}")],
    [("check", f"#id_student-full_time_student_{NO}")],
    [
        ("check", f"#id_residence-lives_at_domicile_{NO_FIXED_PLACE}"),
        ("fill", "#id_residence-stay_commune", "Saint"),
    ],
    [("check", "#id_residence-stay_commune_pick_0")],  # several communes match: a question
]
INSTITUTION = [
    [("check", f"#id_place-in_institution_{YES}")],
    [
        ("check", f"#id_admission-registered_{YES}"),
        ("fill", "#id_admission-registered_commune", "Eupen"),
    ],
]
STUDENT = [
    [("check", f"#id_place-in_institution_{NO}")],
    [("check", f"#id_student-full_time_student_{YES}")],
    [
        ("check", f"#id_student_domicile-registered_{YES}"),
        ("fill", "#id_student_domicile-domicile_commune", "Gent"),
    ],
]


def submit(page, selector="main button[type=submit]"):
    with page.expect_navigation():
        page.click(selector)


def answer(page, actions, *, check_page):
    for action, selector, *value in actions:
        if action == "check":
            page.check(selector)
        else:
            page.fill(selector, value[0])
    check_page(page)
    submit(page)


def walk(page, language, *, identification, identity, routing, check_page):
    """From the start page to the confirmation page; returns the reference shown."""
    page.goto(f"/{language}/")
    check_page(page)
    page.click(f"a.button[href='/{language}/request/']")

    submit(page)  # nothing chosen: the error state, with the summary focused
    assert page.title().split()[0] in ("Erreur", "Fout:", "Fehler:", "Error:")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    answer(page, [("check", f"#id_eligibility-already_helped_{NO}")], check_page=check_page)

    answer(page, identification, check_page=check_page)
    if identity:
        answer(page, identity, check_page=check_page)
    answer(page, CONTACT, check_page=check_page)
    for actions in routing:
        answer(page, actions, check_page=check_page)
    answer(page, [("check", "#id_needs-categories_0")], check_page=check_page)
    check_page(page)  # the review
    submit(page)
    assert page.url.endswith(f"/{language}/request/confirmation/")
    check_page(page)
    return page.locator(".panel__reference").inner_text().strip()


def accessible(page):
    shot(page, page.url.rstrip("/").rsplit("/", 1)[-1] or "start")
    axe_check(page)


def assert_acknowledged(reference, language):
    aid_request = AidRequest.objects.get(reference=reference)
    assert aid_request.language == language
    acknowledgement = OutgoingEmail.objects.get(aid_request=aid_request, kind="acknowledgement")
    send_outgoing_email(acknowledgement.pk)
    (message,) = [m for m in mail.outbox if reference in m.body]
    assert message.to == ["alex@example.org"]
    return aid_request


@pytest.mark.parametrize(
    ("language", "identity", "routing", "nis_code"),
    [
        pytest.param("fr", IDENTITY, AT_HOME, "92094", id="fr-typed-number-at-home"),
        pytest.param("nl", IDENTITY[1:], HOMELESS, None, id="nl-no-number-homeless"),
        pytest.param("en", IDENTITY, STUDENT, "44021", id="en-typed-number-student"),
    ],
)
def test_citizen_journey(page, language, identity, routing, nis_code):
    identification = TYPED if identity is IDENTITY else [("check", "#id_identification-method_2")]
    reference = walk(
        page,
        language,
        identification=identification,
        identity=identity,
        routing=routing,
        check_page=accessible,
    )
    aid_request = assert_acknowledged(reference, language)
    if nis_code:
        assert aid_request.commune_id == nis_code


def test_eid_journey_in_an_institution(page, live_server, settings):
    settings.SITE_URL = live_server.url  # the ACS and the test IdP's addresses

    def through_eid(page):
        page.check("#id_identification-method_0")
        accessible(page)
        submit(page)  # → our SAML login → the test identity provider
        assert "/saml/test-idp/" in page.url
        page.check("input[name=person] >> nth=0")  # Camille, Brussels
        with page.expect_navigation(url="**/de/request/identity/"):
            page.click("button[name=login]")
        assert "85.07.30-034.27" in page.content()  # the number, locked
        assert page.input_value("#id_identity-first_name") == "Camille"
        accessible(page)

    reference = walk(
        page,
        "de",
        identification=[],
        identity=None,
        routing=INSTITUTION,
        check_page=lambda p: (
            (through_eid(p) if p.url.endswith("/identification/") else None) or accessible(p)
        ),
    )
    aid_request = assert_acknowledged(reference, "de")
    assert aid_request.identification_method == "eid"
    assert aid_request.national_number == "85073003427"
    assert aid_request.commune_id == "63023"  # Eupen, where Camille was registered


def test_the_wizard_works_without_javascript(nojs_page):
    reference = walk(
        nojs_page,
        "fr",
        identification=TYPED,
        identity=IDENTITY,
        routing=HOMELESS,
        check_page=lambda page: shot(page, page.url.rsplit("/", 2)[-2]),
    )
    assert AidRequest.objects.filter(reference=reference).exists()


def test_the_wizard_reflows_at_200_percent_zoom_on_a_small_phone(zoomed_page):
    walk(
        zoomed_page,
        "de",
        identification=TYPED,
        identity=IDENTITY,
        routing=HOMELESS,
        check_page=assert_no_horizontal_overflow,
    )


def test_back_button_and_double_click_give_one_request(page):
    page.goto("/fr/request/")
    for actions in [
        [("check", f"#id_eligibility-already_helped_{NO}")],
        TYPED,
        IDENTITY,
        CONTACT,
        *AT_HOME,
        [],
    ]:
        answer(page, actions, check_page=lambda _page: None)
    page.dblclick("main button[type=submit]")
    page.wait_for_url("**/request/confirmation/")
    reference = page.locator(".panel__reference").inner_text().strip()

    page.go_back()
    page.goto("/fr/request/review/")
    assert page.url.endswith("/fr/request/confirmation/")
    page.reload()
    assert page.locator(".panel__reference").inner_text().strip() == reference
    assert AidRequest.objects.count() == 1


ALREADY_HELPED_TITLES = {
    "fr": "Allez voir votre CPAS",
    "nl": "Neem zelf contact op met uw OCMW",
    "de": "Gehen Sie direkt zu Ihrem ÖSHZ",
    "en": "Go to your own CPAS",
}


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_already_helped_goes_no_further_whatever_the_url(page, language):
    """Circular 3: a person already helped by a CPAS cannot send a request; the audit's
    path (answer yes, open the identification page directly, go on) leads back."""
    page.goto(f"/{language}/request/")
    answer(page, [("check", f"#id_eligibility-already_helped_{YES}")], check_page=accessible)
    assert page.url.endswith(f"/{language}/request/already-helped/")
    assert page.locator("h1").inner_text() == ALREADY_HELPED_TITLES[language]
    for step in ("identification", "identity", "review", "send"):
        page.goto(f"/{language}/request/{step}/")
        assert page.url.endswith(f"/{language}/request/already-helped/"), step
    # Finding one's CPAS: a section matching two communes is a question, not an error.
    page.fill("#id_commune", "Deurne")
    submit(page)
    assert page.locator(".error-summary").count() == 0
    accessible(page)
    page.check("#id_commune_pick_0")
    submit(page)
    accessible(page)
    assert AidRequest.objects.count() == 0


def reach_residence(page):
    page.goto("/fr/request/")
    for actions in [
        [("check", f"#id_eligibility-already_helped_{NO}")],
        TYPED,
        IDENTITY,
        CONTACT,
        [("check", f"#id_place-in_institution_{NO}")],
        [("check", f"#id_student-full_time_student_{NO}")],
    ]:
        answer(page, actions, check_page=lambda _page: None)
    assert page.url.endswith("/fr/request/residence/")


FOLLOW_UPS = [
    "#id_residence-domicile_commune",
    "#id_residence-current_commune",
    "#id_residence-stay_commune",
]


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_commune_field_shows_under_the_chosen_answer(new_page, javascript):
    """UX audit #6: no commune field before the choice, then only the chosen one's
    (CSS :has, no script)."""
    page = new_page(java_script_enabled=javascript)
    reach_residence(page)
    assert [page.is_visible(f) for f in FOLLOW_UPS] == [False, False, False]
    for chosen in range(3):
        page.check(f"#id_residence-lives_at_domicile_{chosen}")
        assert [page.is_visible(f) for f in FOLLOW_UPS] == [i == chosen for i in range(3)]
    if javascript:  # axe runs as a script in the page
        accessible(page)


def test_without_css_every_commune_field_is_reachable(page):
    reach_residence(page)
    page.evaluate(
        "document.querySelectorAll('link[rel=stylesheet]').forEach(l => l.disabled = true)"
    )
    assert all(page.is_visible(f) for f in FOLLOW_UPS)
