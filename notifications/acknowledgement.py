"""The acknowledgement of receipt (docs/acknowledgement.md): one context for the email
and the page."""

from datetime import date

from django.utils import translation
from django.utils.formats import date_format

from .legal import legal_mentions

# The date in words, as each language writes it: "lundi 23 novembre 2026",
# "maandag 23 november 2026", "Montag, 23. November 2026", "Monday 23 November 2026".
DATE_IN_WORDS = {"fr": "l j F Y", "nl": "l j F Y", "de": "l, j. F Y", "en": "l j F Y"}


def date_in_words(value: date, language: str) -> str:
    with translation.override(language):
        return date_format(value, DATE_IN_WORDS.get(language, "l j F Y"))


def acknowledgement_context(aid_request) -> dict:
    """What the acknowledgement says, in the request's language.

    Rendered by ``notifications/acknowledgement_content.html`` (and ``.txt``), in the
    email and on the wizard's confirmation page.
    """
    language = aid_request.language
    with translation.override(language):
        cpas = aid_request.cpas
        return {
            "language": language,
            "reference": aid_request.reference,
            "reception_date": aid_request.reception_date,
            "competence_deadline": aid_request.competence_deadline,
            "decision_deadline": aid_request.decision_deadline,
            "reception_date_words": date_in_words(aid_request.reception_date, language),
            "competence_deadline_words": date_in_words(aid_request.competence_deadline, language),
            "decision_deadline_words": date_in_words(aid_request.decision_deadline, language),
            "cpas": {
                "name": cpas.name,
                "address": cpas.address,
                "phone": cpas.phone,
                "email": cpas.email,
                "website": cpas.website,
            },
            "legal": legal_mentions(language),
        }
