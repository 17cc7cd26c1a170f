"""The citizen wizard through Django's test client, step by step."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.utils import timezone

from intake.models import AidRequest
from routing.rules import Rule

pytestmark = pytest.mark.django_db

PREFIX = "request_wizard"
NAMUR, GHENT, EUPEN, LIEGE = "92094", "44021", "63023", "62063"

IDENTITY = {
    "national_number": "85.07.30-033.28",
    "first_name": "Alex",
    "last_name": "Martin",
    "birth_day": "30",
    "birth_month": "7",
    "birth_year": "1985",
}
CONTACT = {"email": "alex@example.org", "email_confirmation": "Alex@example.org"}


class Wizard:
    def __init__(self, client, language="fr"):
        self.client = client
        self.language = language
        self.visited = []

    def url(self, step=""):
        return f"/{self.language}/request/{step + '/' if step else ''}"

    def start(self):
        response = self.client.get(self.url())
        assert response.status_code == 302
        return self.client.get(response["Location"])

    def post(self, step, data=None, **extra):
        self.visited.append(step)
        payload = {f"{PREFIX}-current_step": step, **extra}
        payload.update({f"{step}-{name}": value for name, value in (data or {}).items()})
        return self.client.post(self.url(step), payload)

    def answer(self, step, data=None, **extra):
        """Post a step that must be accepted; return the next step's name."""
        response = self.post(step, data, **extra)
        assert response.status_code == 302, _errors(response)
        return response["Location"].rstrip("/").rsplit("/", 1)[-1]

    def through_identity(self, method="typed", identity=IDENTITY):
        self.start()
        assert self.answer("eligibility", {"already_helped": "no"}) == "identification"
        assert self.answer("identification", {"method": method}) == "identity"
        if method != "typed":
            identity = {k: v for k, v in identity.items() if k != "national_number"}
        assert self.answer("identity", identity) == "contact"
        return self.answer("contact", CONTACT)

    def send(self):
        assert self.answer("needs", {"categories": ["income", "housing"]}) == "review"
        assert self.client.get(self.url("review")).status_code == 200
        response = self.client.post(self.url("review"), {f"{PREFIX}-current_step": "review"})
        assert response["Location"].endswith("/request/send/")
        response = self.client.get(response["Location"])
        assert response["Location"].endswith("/request/confirmation/")
        return self.client.get(response["Location"])


def _errors(response):
    form = response.context and response.context.get("form")
    return form.errors if form else response


ROUTING_PATHS = [
    pytest.param(
        [
            ("place", {"in_institution": "no"}),
            ("student", {"full_time_student": "no"}),
            ("residence", {"lives_at_domicile": "yes", "domicile_commune": "Namur"}),
        ],
        NAMUR,
        Rule.DOMICILE,
        id="at-home",
    ),
    pytest.param(
        [
            ("place", {"in_institution": "no"}),
            ("student", {"full_time_student": "no"}),
            ("residence", {"lives_at_domicile": "no", "current_commune": "Gent"}),
        ],
        GHENT,
        Rule.RESIDENCE,
        id="homeless-stays-in-ghent",
    ),
    pytest.param(
        [
            ("place", {"in_institution": "yes"}),
            ("admission", {"registered": "yes", "registered_commune": "Eupen"}),
        ],
        EUPEN,
        Rule.INSTITUTION,
        id="institution-registered-in-eupen",
    ),
    pytest.param(
        [
            ("place", {"in_institution": "yes"}),
            ("admission", {"registered": "no", "institution_commune": "Luik"}),
        ],
        LIEGE,
        Rule.INSTITUTION_UNREGISTERED,
        id="institution-never-registered",
    ),
    pytest.param(
        [
            ("place", {"in_institution": "no"}),
            ("student", {"full_time_student": "yes"}),
            ("student_domicile", {"registered": "yes", "domicile_commune": "Gand"}),
        ],
        GHENT,
        Rule.STUDENT,
        id="student-registered",
    ),
    pytest.param(
        [
            ("place", {"in_institution": "no"}),
            ("student", {"full_time_student": "yes"}),
            ("student_domicile", {"registered": "no", "current_commune": "5000"}),
        ],
        NAMUR,
        Rule.RESIDENCE,
        id="student-not-registered",
    ),
]


@pytest.mark.parametrize(("routing", "nis_code", "rule"), ROUTING_PATHS)
def test_a_whole_request_reaches_the_designated_cpas(client, routing, nis_code, rule):
    wizard = Wizard(client)
    next_step = wizard.through_identity()
    for step, data in routing:
        assert next_step == step
        next_step = wizard.answer(step, data)
    assert next_step == "needs"
    assert len(routing) <= 3  # at most three routing questions (docs/routing.md; circular 5)

    response = wizard.send()

    aid_request = AidRequest.objects.get()
    assert (aid_request.commune_id, aid_request.routing_rule) == (nis_code, rule)
    assert aid_request.national_number == "85073003328"
    assert aid_request.email == "alex@example.org"
    assert aid_request.needs == ["income", "housing"]
    assert aid_request.language == "fr"
    assert aid_request.reference in response.content.decode()


def test_without_national_number(client):
    wizard = Wizard(client, language="nl")
    wizard.through_identity(method="none")
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})
    wizard.answer("residence", {"lives_at_domicile": "no", "current_commune": "Brussel"})
    wizard.send()

    aid_request = AidRequest.objects.get()
    assert aid_request.national_number == ""
    assert aid_request.identification_method == "none"
    assert aid_request.language == "nl"


def test_already_helped_stops_and_helps_find_the_cpas(client):
    wizard = Wizard(client)
    wizard.start()
    response = wizard.post("eligibility", {"already_helped": "yes"})
    assert response["Location"] == "/fr/request/already-helped/"

    response = client.post(response["Location"], {"commune": "Namur"})
    assert "CPAS de Namur" in response.content.decode()
    assert AidRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("step", "data", "field", "message"),
    [
        pytest.param(
            "eligibility",
            {},
            "already_helped",
            "Choisissez oui si un CPAS vous aide déjà",
            id="nothing-chosen",
        ),
        pytest.param(
            "identity",
            {**IDENTITY, "national_number": "85.07.30-033.29"},
            "national_number",
            "numéro de registre national valable",
            id="bad-check",
        ),
        pytest.param(
            "identity",
            {**IDENTITY, "birth_year": "1986"},
            "birth_day",
            "ne correspond pas à votre numéro",
            id="birth-date-disagrees",
        ),
        pytest.param(
            "identity",
            {**IDENTITY, "birth_day": "31", "birth_month": "2"},
            "birth_day",
            "date de naissance qui existe",
            id="impossible-date",
        ),
        pytest.param(
            "contact",
            {**CONTACT, "email_confirmation": "other@example.org"},
            "email_confirmation",
            "sont différentes",
            id="emails-differ",
        ),
        pytest.param(
            "contact", {**CONTACT, "phone": "12"}, "phone", "0470 12 34 56", id="bad-phone"
        ),
        pytest.param(
            "contact",
            {**CONTACT, "contact_phone": "0470123456"},
            "contact_name",
            "personne de contact",
            id="contact-without-name",
        ),
    ],
)
def test_errors_are_explained_in_the_applicants_language(client, step, data, field, message):
    wizard = Wizard(client)
    wizard.start()
    wizard.answer("eligibility", {"already_helped": "no"})
    wizard.answer("identification", {"method": "typed"})
    if step == "contact":
        wizard.answer("identity", IDENTITY)
    if step == "eligibility":
        client.get(wizard.url("eligibility"))

    response = wizard.post(step, data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    page = response.content.decode()
    assert "<title>Erreur" in page
    assert 'class="error-summary"' in page


def test_a_name_matching_several_communes_asks_which_one(client):
    wizard = Wizard(client)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})

    response = wizard.post("residence", {"lives_at_domicile": "no", "current_commune": "St"})
    assert response.status_code == 200
    pick = response.context["form"].fields["current_commune_pick"]
    assert len(pick.choices) > 1

    nis_code = pick.choices[0][0]
    wizard.answer(
        "residence",
        {"lives_at_domicile": "no", "current_commune": "St", "current_commune_pick": nis_code},
    )
    wizard.send()
    assert AidRequest.objects.get().commune_id == nis_code


def test_an_unknown_commune_is_explained(client):
    wizard = Wizard(client)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "yes"})
    response = wizard.post("admission", {"registered": "yes", "registered_commune": "Atlantis"})
    assert "Atlantis" in " ".join(response.context["form"].errors["registered_commune"])


def test_sending_twice_gives_one_request_and_the_same_confirmation(client):
    wizard = Wizard(client)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})
    wizard.answer("residence", {"lives_at_domicile": "no", "current_commune": "Namur"})
    first = wizard.send()
    reference = AidRequest.objects.get().reference

    # Refresh of the sending URL, a second click on "send", the back button to a step.
    for response in (
        client.get(wizard.url("send")),
        client.post(wizard.url("review"), {f"{PREFIX}-current_step": "review"}),
        client.get(wizard.url("contact")),
    ):
        assert response["Location"] == "/fr/request/confirmation/"
    assert AidRequest.objects.count() == 1
    assert reference in first.content.decode()
    assert reference in client.get("/fr/request/confirmation/").content.decode()

    # Starting again from the start page begins a new, empty request.
    assert wizard.start().status_code == 200


def test_changing_an_answer_from_the_review_asks_the_new_branch(client):
    wizard = Wizard(client)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})
    wizard.answer("residence", {"lives_at_domicile": "no", "current_commune": "Namur"})
    wizard.answer("needs", {})

    assert client.get(wizard.url("place") + "?return=review").status_code == 200
    response = wizard.post("place", {"in_institution": "yes"}, **{"return": "review"})
    assert response["Location"] == "/fr/request/admission/?return=review"
    response = wizard.post(
        "admission", {"registered": "yes", "registered_commune": "Eupen"}, **{"return": "review"}
    )
    assert response["Location"] == "/fr/request/review/"
    wizard.client.get(wizard.url("review"))
    response = client.post(wizard.url("review"), {f"{PREFIX}-current_step": "review"})
    client.get(response["Location"])
    assert AidRequest.objects.get().commune_id == EUPEN


def test_the_language_can_change_midway_without_losing_answers(client):
    wizard = Wizard(client)
    wizard.through_identity()
    response = client.get("/de/request/identity/")
    assert response.status_code == 200
    assert response.context["form"]["first_name"].value() == "Alex"
    assert "Vornamen" in response.content.decode()


def test_an_idle_wizard_expires_and_keeps_nothing(client, settings):
    settings.WIZARD_IDLE_TIMEOUT = timedelta(minutes=30)
    wizard = Wizard(client)
    wizard.through_identity()
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.get(wizard.url("place"))
        assert response["Location"] == "/fr/request/expired/"
        response = client.get(wizard.url("identity"))
    # Nothing is left: the wizard starts again at the first question.
    assert response["Location"] == "/fr/request/eligibility/"


def test_no_personal_data_in_urls(client):
    wizard = Wizard(client)
    wizard.through_identity()
    locations = []
    for step, data in [
        ("place", {"in_institution": "no"}),
        ("student", {"full_time_student": "no"}),
        ("residence", {"lives_at_domicile": "no", "current_commune": "Namur"}),
    ]:
        locations.append(wizard.post(step, data)["Location"])
    for location in locations:
        for secret in ("85", "Alex", "Martin", "alex@", "Namur", "92094"):
            assert secret not in location


def test_sending_is_rate_limited_per_address_and_keeps_the_answers(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.SUBMISSION_RATE = "1/h"
    for expected in (1, 1):
        wizard = Wizard(client)
        wizard.through_identity()
        wizard.answer("place", {"in_institution": "no"})
        wizard.answer("student", {"full_time_student": "no"})
        wizard.answer("residence", {"lives_at_domicile": "no", "current_commune": "Namur"})
        if expected == 1 and AidRequest.objects.exists():
            wizard.answer("needs", {})
            client.post(wizard.url("review"), {f"{PREFIX}-current_step": "review"})
            response = client.get(wizard.url("send"))
            assert response.status_code == 429
            assert client.get(wizard.url("review")).status_code == 200  # answers kept
        else:
            wizard.send()
    assert AidRequest.objects.count() == 1


def test_without_eid_the_choice_explains_and_offers_the_other_ways(client, settings):
    settings.EID_ENABLED = False
    wizard = Wizard(client)
    wizard.start()
    wizard.answer("eligibility", {"already_helped": "no"})
    response = wizard.post("identification", {"method": "eid"})
    assert response["Location"] == "/fr/request/eid-unavailable/"


def test_showing_a_step_again_writes_nothing_to_the_session(client):
    """A page view that changes no answer must not rewrite the session row."""
    wizard = Wizard(client)
    wizard.through_identity()
    client.get(wizard.url("place"))
    row = Session.objects.get()

    with time_machine.travel(timezone.now() + timedelta(seconds=30)):
        for _ in range(2):
            assert client.get(wizard.url("place")).status_code == 200

    assert Session.objects.get().session_data == row.session_data


def test_an_answer_or_a_move_is_still_written(client):
    wizard = Wizard(client)
    wizard.through_identity()
    client.get(wizard.url("place"))
    before = Session.objects.get().session_data

    wizard.answer("place", {"in_institution": "no"})
    after_answer = Session.objects.get().session_data
    client.get(wizard.url("contact"))  # going back to another step moves the wizard

    assert after_answer != before
    assert Session.objects.get().session_data != after_answer


def test_a_wizard_in_use_does_not_expire(client, settings):
    """The idle clock is refreshed at most once a minute, but refreshed."""
    settings.WIZARD_IDLE_TIMEOUT = timedelta(minutes=30)
    wizard = Wizard(client)
    wizard.through_identity()
    start = timezone.now()
    for minutes in (20, 40, 60):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get(wizard.url("place")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=92)):
        assert client.get(wizard.url("place"))["Location"] == "/fr/request/expired/"


def test_commune_searches_are_rate_limited_per_address(client, settings):
    """The commune search has a limit of its own; the answers stay (docs/data-protection.md)."""
    from django.core.cache import cache

    cache.clear()
    settings.COMMUNE_SEARCH_RATE = "2/h"
    wizard = Wizard(client)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})
    residence = {"lives_at_domicile": "no", "current_commune": "Namur"}
    assert wizard.post("residence", residence).status_code == 302
    assert wizard.post("residence", residence).status_code == 302
    assert wizard.post("residence", residence).status_code == 429
    page = client.post("/fr/request/already-helped/", {"commune": "Namur"})
    assert page.status_code == 429
    assert client.get(wizard.url("residence")).status_code == 200  # the answers are kept


@pytest.mark.parametrize(
    ("answer", "urgent"),
    [
        pytest.param({"urgent": "yes"}, True, id="yes"),  # docs/emergency-contacts.md
        pytest.param({"urgent": "no"}, False, id="no"),
        pytest.param({}, False, id="not-answered"),  # the question is optional
    ],
)
def test_an_urgent_request_shows_help_tonight_on_the_next_page_and_is_flagged(
    client, answer, urgent
):
    wizard = Wizard(client, "fr")
    wizard.through_identity()
    for step, data in ROUTING_PATHS[1].values[0]:  # homeless, staying in Ghent
        wizard.answer(step, data)
    assert wizard.answer("needs", {"categories": ["housing"], **answer}) == "review"

    review = client.get(wizard.url("review")).content.decode()

    assert ("Vous avez dit que c’est urgent" in review) is urgent
    assert ('href="tel:112"' in review) is urgent
    # Ghent is in Flanders: the Dutch listening line, not the Brussels shelter.
    assert ('href="tel:106"' in review) is urgent
    assert "0800 99 340" not in review
    client.post(wizard.url("review"), {f"{PREFIX}-current_step": "review"})
    client.get(wizard.url("send"))
    assert AidRequest.objects.get().urgent is urgent


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+32470123456", "0470 12 34 56"),  # a Belgian mobile, as people write it
        ("+3281123456", "081 12 34 56"),
        ("+33612345678", "+33 6 12 34 56 78"),  # another country: its international form
        ("", ""),
    ],
)
def test_the_review_shows_the_phone_as_people_write_it(stored, shown):
    from wizard.forms import phone_for_people

    assert phone_for_people(stored) == shown
