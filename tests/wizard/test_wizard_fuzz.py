"""Random input posted to every wizard step never gives a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.steps import STEPS

from .test_wizard import PREFIX

pytestmark = pytest.mark.django_db

STEP_FIELDS = {step: list(form.base_fields) for step, form in STEPS}
ANY_TEXT = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
    st.sampled_from(["yes", "no", "\x00", "9999", "1000", "Saint", "typed", "eid", "none", " "]),
)


def form_data(step):
    names = st.sampled_from(STEP_FIELDS[step] + ["pick", "unknown"])
    return st.dictionaries(names, st.one_of(ANY_TEXT, st.lists(ANY_TEXT, max_size=3)), max_size=8)


@pytest.mark.parametrize("step", [step for step, _form in STEPS])
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_answers_never_break_a_step(client, step, data):
    client.get("/fr/request/")
    fields = data.draw(form_data(step))
    payload = {f"{PREFIX}-current_step": step}
    payload.update({f"{step}-{name}": value for name, value in fields.items()})
    if data.draw(st.booleans()):
        payload["return"] = "review"
    response = client.post(f"/fr/request/{step}/", payload)
    assert response.status_code in (200, 302, 400)
