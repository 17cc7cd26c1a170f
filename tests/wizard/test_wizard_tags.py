"""The wizard's template filters render what Django's widgets would."""

import pytest
from django import forms as django_forms

from backoffice.step_forms import CompetenceForm, MeritsDecisionForm
from wizard.forms import FindCpasForm
from wizard.steps import STEPS
from wizard.templatetags.wizard_tags import choice_input

pytestmark = pytest.mark.django_db

CHOICE_WIDGETS = (django_forms.RadioSelect, django_forms.CheckboxSelectMultiple)
CHOICE_FORMS = [
    form_class
    for form_class in [form for _step, form in STEPS] + [CompetenceForm, MeritsDecisionForm]
    if any(isinstance(field.widget, CHOICE_WIDGETS) for field in form_class.base_fields.values())
]


def bound_forms(form_class):
    """Unbound; bound and empty (errors: aria-invalid); bound with each choice picked."""
    prefix = "step"
    yield form_class(prefix=prefix)
    yield form_class(prefix=prefix, data={})
    probe = form_class(prefix=prefix)
    for name, field in probe.fields.items():
        for value, _label in getattr(field, "choices", []):
            if value != "":
                yield form_class(prefix=prefix, data={f"{prefix}-{name}": [value]})


@pytest.mark.parametrize("form_class", CHOICE_FORMS, ids=lambda form: form.__name__)
def test_a_choice_renders_as_its_widget_would(form_class):
    seen = 0
    for form in bound_forms(form_class):
        form.is_valid()
        for field in form:
            if field.widget_type not in ("radioselect", "checkboxselectmultiple"):
                continue
            for choice in field:
                assert choice_input(choice) == choice.tag()
                seen += 1
    assert seen


def test_a_commune_pick_list_renders_as_its_widget_would():
    form = FindCpasForm(data={"commune": "Saint"})
    form.is_valid()
    choices = list(form["commune_pick"])

    assert len(choices) > 1
    for choice in choices:
        assert choice_input(choice) == choice.tag()
