"""The wizard's forms: one question group per page, errors in plain words.

One module per family of steps; this package lists them for the wizard.
"""

from .communes import FindCpasForm
from .contact import ContactForm, phone_for_people
from .fields import NO, YES, answer
from .needs import NeedsForm, ReviewForm
from .person import EligibilityForm, IdentificationForm, IdentityForm
from .place import AdmissionForm, PlaceForm, ResidenceForm, StudentDomicileForm, StudentForm

__all__ = [
    "NO",
    "YES",
    "AdmissionForm",
    "ContactForm",
    "EligibilityForm",
    "FindCpasForm",
    "IdentificationForm",
    "IdentityForm",
    "NeedsForm",
    "PlaceForm",
    "ResidenceForm",
    "ReviewForm",
    "StudentDomicileForm",
    "StudentForm",
    "answer",
    "phone_for_people",
]
