"""The review page's rows: each answer in words, with the step that changes it."""

from dataclasses import dataclass

from django.utils.dateformat import format as date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cpasonline.dates import date_in_words
from intake import identity
from intake.constants import Need

from . import forms
from .steps import STEP_TITLES

ROUTING_STEPS = ("place", "admission", "student", "student_domicile", "residence")


@dataclass(frozen=True)
class Row:
    step: str
    label: str
    value: str


def _routing_rows(form, answers: dict) -> list[tuple[str, str]]:
    rows = []
    for name, value in answers.items():
        if name.endswith("_pick") or value is None or name not in form.fields:
            continue
        if isinstance(value, bool):
            value = dict(form.fields[name].choices)[forms.YES if value else forms.NO]
        elif isinstance(value, str) and getattr(form.fields[name], "choices", None):
            value = dict(form.fields[name].choices).get(value, value)
        rows.append((form.fields[name].label, str(value)))
    return rows


def birth_date_words(born: identity.BirthDateParts) -> str:
    """ "30 July 1985", "July 1985 (day not known)" or "1985 (day and month not known)"."""
    if born.is_complete:
        # "30 juillet 1985", "1er mars 1980", "30. Juli 1985" (docs/acknowledgement.md).
        return date_in_words(born.as_date(), get_language(), weekday=False)
    if born.month:
        return _("%(month_year)s (day not known)") % {
            "month_year": date_format(born.earliest(), "F Y")
        }
    return _("%(year)s (day and month not known)") % {"year": born.year}


def review_rows(answers: dict, *, eid_person, form_for) -> list[Row]:
    """The rows of the review page, from every answered step's cleaned data.

    ``form_for(step)`` gives the step's form (the routing questions' labels)."""
    rows = []

    def row(step, label, value):
        if step in answers and value not in (None, ""):
            rows.append(Row(step=step, label=label, value=value))

    yes_no = {True: _("Yes"), False: _("No")}
    contact = answers.get("contact", {})
    person = answers.get("identity", {})
    method = answers.get("identification", {}).get("method")
    row(
        "eligibility",
        STEP_TITLES["eligibility"],
        yes_no.get(answers.get("eligibility", {}).get("already_helped")),
    )
    if method:
        choices = dict(forms.IdentificationForm.base_fields["method"].choices)
        row("identification", _("How you show who you are"), str(choices.get(method, "")))
    number = person.get("national_number") or (eid_person.national_number if eid_person else "")
    if number:
        row("identity", _("National number"), identity.format_number(number))
    if person:
        row("identity", _("Name"), f"{person['first_name']} {person['last_name']}")
        if person.get("birth_date"):
            row("identity", _("Date of birth"), birth_date_words(person["birth_date"]))
    row("contact", _("Email address"), contact.get("email"))
    row("contact", _("Phone number"), forms.phone_for_people(contact.get("phone", "")))
    contact_person = ", ".join(
        contact[n] for n in forms.ContactForm.contact_fields if contact.get(n)
    )
    row("contact", _("Contact person"), contact_person)
    for step in ROUTING_STEPS:
        if answers.get(step):
            for label, value in _routing_rows(form_for(step), answers[step]):
                row(step, label, value)
    needs = answers.get("needs", {})
    row(
        "needs",
        _("Help asked for"),
        ", ".join(str(Need(n).label) for n in needs.get("categories", [])),
    )
    row("needs", _("In your own words"), needs.get("text"))
    return rows
