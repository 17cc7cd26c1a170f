"""The wizard's pages in order, their titles, and which ones a person is asked.

At most three routing questions lead to a commune (docs/routing.md): someone staying
in an institution is asked where they were registered; everyone else whether they
study full time; students for their domicile (unless the National Register gave it);
the others whether they live at their domicile.
"""

from django.utils.translation import gettext_lazy as _

from . import forms

STEPS = [
    ("eligibility", forms.EligibilityForm),
    ("identification", forms.IdentificationForm),
    ("identity", forms.IdentityForm),
    ("contact", forms.ContactForm),
    ("place", forms.PlaceForm),
    ("admission", forms.AdmissionForm),
    ("student", forms.StudentForm),
    ("student_domicile", forms.StudentDomicileForm),
    ("residence", forms.ResidenceForm),
    ("needs", forms.NeedsForm),
    ("review", forms.ReviewForm),
]
# The routing questions whose follow-up (a commune) depends on the answer.
BRANCH_STEPS = {"admission", "student_domicile", "residence"}

STEP_TITLES = {
    "eligibility": _("Is a CPAS already helping you?"),
    "identification": _("How do you want to show who you are?"),
    "identity": _("Who are you?"),
    "contact": _("How can the CPAS reach you?"),
    "place": _("Where do you live?"),
    "admission": _("Where were you registered?"),
    "student": _("Are you a student?"),
    "student_domicile": _("Where are you registered?"),
    "residence": _("Where do you usually live?"),
    "needs": _("What help do you need?"),
    "review": _("Check your answers and send your request"),
}


def stored_answer(wizard, step: str, field: str) -> bool | None:
    """A yes/no answer as stored for ``step`` (before any form is built)."""
    data = wizard.storage.get_step_data(step) or {}
    return forms.answer(data.get(f"{step}-{field}"))


def in_institution(wizard) -> bool:
    return stored_answer(wizard, "place", "in_institution") is True


def student_asked(wizard) -> bool:
    return not in_institution(wizard)


def student_domicile_asked(wizard) -> bool:
    """Asked of students, unless the National Register gave their domicile."""
    return (
        not in_institution(wizard)
        and stored_answer(wizard, "student", "full_time_student") is True
        and wizard.known_domicile() is None
    )


def residence_asked(wizard) -> bool:
    """Q3, for everyone but people in an institution and students (who had theirs)."""
    return (
        not in_institution(wizard)
        and stored_answer(wizard, "student", "full_time_student") is not True
    )


CONDITIONS = {
    "admission": in_institution,
    "student": student_asked,
    "student_domicile": student_domicile_asked,
    "residence": residence_asked,
}
