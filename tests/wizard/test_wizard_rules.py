"""The wizard's guards: the gate of circular 3, pages in order, stale steps, birth
dates with an unknown day or month, invisible characters (docs/identification.md)."""

import pytest
import time_machine

from intake.models import AidRequest
from tests.factories import with_check_digits

from .test_wizard import CONTACT, IDENTITY, PREFIX, Wizard

pytestmark = pytest.mark.django_db

ROUTE = [
    ("place", {"in_institution": "no"}),
    ("student", {"full_time_student": "no"}),
    ("residence", {"lives_at_domicile": "no", "current_commune": "Namur"}),
    ("needs", {}),
]


def test_already_helped_cannot_send_by_opening_a_later_page(client):
    """The audit's path: answer yes, open /fr/request/identification/ directly, go on.
    Circular 3: "Les personnes déjà aidées par le CPAS ne peuvent pas utiliser CPAS
    Online"."""
    wizard = Wizard(client)
    wizard.start()
    assert wizard.post("eligibility", {"already_helped": "yes"})["Location"].endswith(
        "/already-helped/"
    )
    for step in ("identification", "identity", "contact", "review", "send"):
        response = client.get(wizard.url(step))
        assert response["Location"] == "/fr/request/already-helped/", step
    posts = [
        ("identification", {"method": "typed"}),
        ("identity", IDENTITY),
        ("contact", CONTACT),
        *ROUTE,
        ("review", {}),
    ]
    for step, data in posts:
        response = wizard.post(step, data)
        assert response["Location"] == "/fr/request/already-helped/", step
    assert client.get(wizard.url("send"))["Location"] == "/fr/request/already-helped/"
    assert AidRequest.objects.count() == 0


def test_changing_the_answer_to_no_opens_the_way_again(client):
    wizard = Wizard(client)
    wizard.start()
    wizard.post("eligibility", {"already_helped": "yes"})
    client.get(wizard.url("eligibility"))
    assert wizard.answer("eligibility", {"already_helped": "no"}) == "identification"


@pytest.mark.parametrize("step", ["identity", "contact", "place", "needs", "review", "send"])
def test_a_page_before_its_questions_leads_to_the_first_unanswered(client, step):
    """An empty review page (or any later page) by URL leads back to the questions."""
    wizard = Wizard(client)
    wizard.start()
    wizard.answer("eligibility", {"already_helped": "no"})
    response = client.get(wizard.url(step))
    assert response["Location"] == "/fr/request/identification/"


def test_two_tabs_answer_a_question_that_no_longer_applies(client):
    """Security audit F6: place = yes, a second tab changes it to no, the first tab
    sends the admission page. A clear page in the person's language, not a 500."""
    wizard = Wizard(client)
    wizard.through_identity()
    assert wizard.answer("place", {"in_institution": "yes"}) == "admission"
    client.get(wizard.url("place"))  # the second tab
    assert wizard.answer("place", {"in_institution": "no"}) == "student"

    response = wizard.post("admission", {"registered": "yes", "registered_commune": "Eupen"})
    assert response["Location"] == "/fr/request/student/"
    page = client.get(response["Location"]).content.decode()
    assert "ne s’applique plus" in page
    # And the stale page by its URL:
    assert client.get(wizard.url("admission"))["Location"] == "/fr/request/student/"


@pytest.mark.parametrize("forged", ["zzz", "send", "", "review\x00"])
def test_a_forged_step_name_never_breaks(client, forged):
    wizard = Wizard(client)
    wizard.through_identity()
    response = client.post(wizard.url("place"), {f"{PREFIX}-current_step": forged})
    assert response.status_code in (302, 400)


def test_a_stale_current_step_in_the_session_never_breaks(client):
    wizard = Wizard(client)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "yes"})
    client.get(wizard.url("admission"))  # current step: admission
    session = client.session
    data = session["wizard_request_wizard"]
    data["step_data"]["place"] = {
        f"{PREFIX}-current_step": ["place"],
        "place-in_institution": ["no"],
    }
    session["wizard_request_wizard"] = data
    session.save()
    response = client.get(wizard.url("admission"))
    assert response.status_code == 302


BIS_UNKNOWN = with_check_digits("852000033")  # 85.20.00-033: BIS, month and day unknown
BIS_DAY_UNKNOWN = with_check_digits("854300033")  # 85.43.00-033: BIS, March, day unknown


@pytest.mark.parametrize(
    ("method", "number", "day", "month", "year", "stored"),
    [
        # docs/identification.md, "Birth date and number must agree".
        pytest.param("typed", BIS_UNKNOWN, "00", "00", "1985", (1985, None, None), id="bis-00-00"),
        pytest.param("typed", BIS_UNKNOWN, "0", "0", "1985", (1985, None, None), id="bis-0-0"),
        pytest.param("typed", BIS_DAY_UNKNOWN, "00", "3", "1985", (1985, 3, None), id="bis-day-00"),
        pytest.param("typed", BIS_UNKNOWN, "12", "4", "1985", (1985, 4, 12), id="bis-full"),
        pytest.param("none", "", "00", "00", "1990", (1990, None, None), id="no-number-00-00"),
        pytest.param("none", "", "00", "6", "1990", (1990, 6, None), id="no-number-day-00"),
    ],
)
def test_an_unknown_day_or_month_can_be_given(client, method, number, day, month, year, stored):
    identity = {
        **IDENTITY,
        "national_number": number,
        "birth_day": day,
        "birth_month": month,
        "birth_year": year,
    }
    wizard = Wizard(client)
    wizard.through_identity(method=method, identity=identity)
    for step, data in ROUTE[:-1]:
        wizard.answer(step, data)
    wizard.send()
    aid_request = AidRequest.objects.get()
    assert (aid_request.birth_year, aid_request.birth_month, aid_request.birth_day) == stored


@pytest.mark.parametrize(
    ("number", "day", "month", "year", "message"),
    [
        pytest.param(
            BIS_DAY_UNKNOWN, "00", "00", "1985", "ne correspond pas", id="number-knows-month"
        ),
        pytest.param(
            "85.07.30-033.28", "00", "7", "1985", "ne correspond pas", id="number-knows-day"
        ),
        pytest.param(BIS_UNKNOWN, "00", "00", "1986", "ne correspond pas", id="other-year"),
        pytest.param(BIS_UNKNOWN, "12", "00", "1985", "00 pour le jour", id="day-without-month"),
        pytest.param(BIS_UNKNOWN, "", "", "1985", "00 si vous ne les connaissez pas", id="blank"),
        pytest.param(BIS_UNKNOWN, "00", "00", "", "année", id="no-year"),
        pytest.param(BIS_UNKNOWN, "1", "1", "10000000000", "4 chiffres", id="year-2-31"),
        pytest.param(BIS_UNKNOWN, "1", "1", "-4558951226419993164", "4 chiffres", id="negative"),
        pytest.param(BIS_UNKNOWN, "1", "1", "99999999999999999999999", "4 chiffres", id="huge"),
        pytest.param(BIS_UNKNOWN, "1", "13", "1985", "de 1 à 12", id="month-13"),
    ],
)
def test_birth_dates_that_cannot_be_right(client, number, day, month, year, message):
    wizard = Wizard(client)
    wizard.start()
    wizard.answer("eligibility", {"already_helped": "no"})
    wizard.answer("identification", {"method": "typed"})
    data = {**IDENTITY, "national_number": number}
    data.update(birth_day=day, birth_month=month, birth_year=year)
    response = wizard.post("identity", data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["birth_day"])


def test_a_birth_date_after_today_is_refused(client):
    with time_machine.travel("2026-12-02 10:00 +0000"):
        wizard = Wizard(client)
        wizard.start()
        wizard.answer("eligibility", {"already_helped": "no"})
        wizard.answer("identification", {"method": "none"})
        data = {k: v for k, v in IDENTITY.items() if k != "national_number"}
        data.update(birth_day="00", birth_month="00", birth_year="2027")
        response = wizard.post("identity", data)
    assert "date de naissance qui existe" in " ".join(response.context["form"].errors["birth_day"])


@pytest.mark.parametrize(
    ("step", "field", "value"),
    [
        # Security audit I1: control characters and bidirectional overrides.
        pytest.param("identity", "first_name", "Alex\x01", id="c0-in-first-name"),
        pytest.param("identity", "last_name", "\u202enitraM", id="bidi-override-in-name"),
        pytest.param("identity", "last_name", "Mar\u200btin", id="zero-width-space"),
        pytest.param("identity", "first_name", "\x1b[31mAlex", id="escape-sequence"),
        pytest.param("contact", "contact_name", "Sam\u2066", id="contact-person"),
        pytest.param("contact", "contact_relation", "sister\x7f", id="contact-relation"),
        pytest.param("needs", "text", "=\u200bHYPERLINK(1)", id="needs-text"),
    ],
)
def test_invisible_characters_are_refused_with_a_message(client, step, field, value):
    wizard = Wizard(client)
    wizard.start()
    wizard.answer("eligibility", {"already_helped": "no"})
    wizard.answer("identification", {"method": "typed"})
    base = {"identity": IDENTITY, "contact": {**CONTACT, "contact_name": "Sam"}, "needs": {}}
    if step != "identity":
        wizard.answer("identity", IDENTITY)
    if step == "needs":
        wizard.answer("contact", CONTACT)
        for route_step, data in ROUTE[:-1]:
            wizard.answer(route_step, data)
    response = wizard.post(step, {**base[step], field: value})
    assert response.status_code == 200
    assert "caractères invisibles" in " ".join(response.context["form"].errors[field])


@pytest.mark.parametrize(
    "field",
    [
        pytest.param("current_commune", id="commune-text"),
    ],
)
def test_invisible_characters_in_a_commune_are_refused(client, field):
    wizard = Wizard(client)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})
    response = wizard.post("residence", {"lives_at_domicile": "no", field: "Na\u202emur"})
    assert response.status_code == 200
    assert "caractères invisibles" in " ".join(response.context["form"].errors[field])


def test_line_breaks_and_tabs_stay_in_the_needs_text(client):
    wizard = Wizard(client)
    wizard.through_identity()
    for step, data in ROUTE[:-1]:
        wizard.answer(step, data)
    assert wizard.answer("needs", {"text": "Line one\r\n\tLine two"}) == "review"
