"""The CPAS's contact data as the applicant reads it, in each language: the block of
the confirmation page and of the acknowledgement (docs/acknowledgement.md)."""

from django.template.loader import render_to_string
from django.utils import translation

from cpasonline import emergency
from cpasonline.context_processors import LANGUAGE_NAMES
from routing.contacts import LANGUAGES, cpas_contact


def contact_previews(cpas) -> list[dict]:
    """One rendered block per language, with the language's own name."""
    area = cpas.communes.order_by("nis_code").values_list("language_area", flat=True).first()
    previews = []
    for code in LANGUAGES:
        with translation.override(code):
            html = render_to_string(
                "notifications/includes/cpas_contact.html",
                {
                    "cpas": cpas_contact(cpas, code, area=area),
                    "language": code,
                    "helpdesk": emergency.helpdesk(),
                },
            )
        previews.append({"language": code, "name": LANGUAGE_NAMES[code], "html": html})
    return previews
