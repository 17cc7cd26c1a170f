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


@pytest.mark.parametrize("remaining", [299, 1, 0, "42", 7.9])
@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_the_time_out_dialog_is_our_template_with_only_an_integer_in_it(remaining, language):
    # The dialog is rendered once per language and lead time; each page puts in only the
    # seconds left, an integer (docs/data-protection.md, "Answers in the browser session").
    from django.template.loader import render_to_string
    from django.utils import translation
    from django.utils.safestring import SafeData

    from wizard.templatetags.wizard_tags import timeout_dialog

    with translation.override(language):
        html = timeout_dialog({"remaining": remaining, "warning": 300, "warn": True})
        expected = render_to_string(
            "wizard/includes/timeout.html",
            {"timeout": {"remaining": int(float(remaining)), "warning": 300, "warn": True}},
        )
    assert isinstance(html, SafeData)
    assert html == expected
    assert f'data-remaining="{int(float(remaining))}"' in html
    assert "{n}" in html and "{time}" in html  # the script's placeholders are left alone


def test_the_time_out_dialog_refuses_what_is_not_a_number():
    from wizard.templatetags.wizard_tags import timeout_dialog

    with pytest.raises(ValueError):
        timeout_dialog({"remaining": '1"><script>', "warning": 300})
