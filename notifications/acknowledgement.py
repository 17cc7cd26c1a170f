"""The acknowledgement of receipt (docs/acknowledgement.md): one context for the email,
the confirmation page and the PDF."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cpasonline import emergency
from cpasonline.dates import brussels_day, date_in_words, time_in_words
from intake.deadlines import HOLIDAY, holiday_name, non_working_reason
from routing.contacts import cpas_contact

from .legal import legal_mentions

# Quotation marks of each language, around the law's words in the text email.
QUOTES = {"fr": ("«\u00a0", "\u00a0»"), "nl": ("„", "”"), "de": ("„", "“"), "en": ("“", "”")}


def filing(aid_request, language: str) -> dict:
    """When the request was sent (Brussels time) and, when R is another day, why
    (art. 58 § 1 al. 6 of the organic law; docs/legal-dates.md)."""
    sent_on = brussels_day(aid_request.submitted_at)
    reason = non_working_reason(sent_on) if sent_on != aid_request.reception_date else ""
    return {
        "date_words": date_in_words(sent_on, language),
        "time_words": time_in_words(aid_request.submitted_at, language),
        "differs": sent_on != aid_request.reception_date,
        "reason": reason,
        "holiday": holiday_name(sent_on, language) if reason == HOLIDAY else "",
    }


def test_notice(aid_request) -> str:
    """The TEST line of a test request's emails and PDF, in the active language, or ""
    (docs/sandbox.md)."""
    if not getattr(aid_request, "is_test", False):
        return ""
    days = settings.SANDBOX_RETENTION_DAYS
    return ngettext(
        "TEST: this request was sent through a CPAS's sandbox to try CPAS Online. Nobody "
        "asked for aid with it, and it is deleted after %(days)d day.",
        "TEST: this request was sent through a CPAS's sandbox to try CPAS Online. Nobody "
        "asked for aid with it, and it is deleted after %(days)d days.",
        days,
    ) % {"days": days}


def area_of(aid_request) -> tuple[str, str]:
    """The region and language area of the request's designated commune."""
    commune = aid_request.commune
    return commune.region, commune.language_area


def acknowledgement_context(aid_request) -> dict:
    """What the acknowledgement says, in the request's language.

    Rendered by ``notifications/acknowledgement_content.html`` (and ``.txt``) in the
    email, on the wizard's confirmation page and in the PDF.
    """
    language = aid_request.language
    region, area = area_of(aid_request)
    with translation.override(language):
        return {
            "language": language,
            "service_name": _("CPAS Online"),
            "reference": aid_request.reference,
            "urgent": aid_request.urgent,
            "test_notice": test_notice(aid_request),
            "filed": filing(aid_request, language),
            "reception_date": aid_request.reception_date,
            "competence_deadline": aid_request.competence_deadline,
            "decision_deadline": aid_request.decision_deadline,
            "reception_date_words": date_in_words(aid_request.reception_date, language),
            "competence_deadline_words": date_in_words(aid_request.competence_deadline, language),
            "decision_deadline_words": date_in_words(aid_request.decision_deadline, language),
            "cpas": cpas_contact(aid_request.cpas, language, area=area),
            "helpdesk": emergency.helpdesk(),
            "tonight": emergency.tonight(
                regions=emergency.regions_of(region=region, language_area=area),
                language=language,
            ),
            "legal": legal_mentions(language),
            "legal_quotes": QUOTES.get(language, QUOTES["fr"]),
        }
