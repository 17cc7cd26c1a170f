"""Random input posted to every wizard step never gives a server error (security
audit F6, I1): huge or negative birth years, stale or forged step names, control and
bidirectional characters, in any field of any step."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import field_values
from wizard.steps import STEPS

from .test_wizard import CONTACT, IDENTITY, PREFIX, Wizard

pytestmark = pytest.mark.django_db

STEP_NAMES = [step for step, _form in STEPS]
STEP_FIELDS = {step: list(form.base_fields) for step, form in STEPS}
# What comes before each step, answered validly, so that the step itself is reached.
BEFORE = [
    ("eligibility", {"already_helped": "no"}),
    ("identification", {"method": "typed"}),
    ("identity", IDENTITY),
    ("contact", CONTACT),
    ("place", {"in_institution": "no"}),
    ("student", {"full_time_student": "no"}),
    ("residence", {"lives_at_domicile": "no", "current_commune": "Namur"}),
    ("needs", {}),
]
ANY_TEXT = st.one_of(
    field_values,
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
    st.sampled_from(
        [
            "yes",
            "no",
            "00",
            "10000000000",
            "-4558951226419993164",
            "Saint",
            "typed",
            "eid",
            "none",
            "Alex\u202e",
            "\x1b[31m",
        ]
    ),
)


def form_data(step):
    names = st.sampled_from(STEP_FIELDS[step] + ["pick", "unknown", "registered_commune_pick"])
    return st.dictionaries(names, st.one_of(ANY_TEXT, st.lists(ANY_TEXT, max_size=3)), max_size=8)


def reach(client, step):
    wizard = Wizard(client)
    wizard.start()
    for earlier, data in BEFORE:
        if earlier == step:
            break
        wizard.answer(earlier, data)
    return wizard


@pytest.mark.parametrize("step", STEP_NAMES)
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_answers_never_break_a_step(client, step, data):
    client.cookies.clear()
    reach(client, step if step in dict(BEFORE) else "needs")
    fields = data.draw(form_data(step))
    posted_step = data.draw(st.one_of(st.just(step), st.sampled_from(STEP_NAMES), st.text()))
    payload = {f"{PREFIX}-current_step": posted_step}
    payload.update({f"{step}-{name}": value for name, value in fields.items()})
    if data.draw(st.booleans()):
        payload["return"] = "review"
    response = client.post(f"/fr/request/{step}/", payload)
    assert response.status_code in (200, 302, 400, 429)
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code in (200, 302)
