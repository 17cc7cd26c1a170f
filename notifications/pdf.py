"""The proof of filing as a PDF (docs/acknowledgement.md, "The PDF").

Built on request, from the request, when the applicant downloads it: nothing is stored,
and the email never waits for it nor depends on it. WeasyPrint writes a tagged PDF
(PDF/UA-1: a structure tree from the HTML's headings, lists and tables, the document's
language and title, real text with embedded fonts).
"""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from .acknowledgement import acknowledgement_context

PDF_VARIANT = "pdf/ua-1"
STYLESHEET = Path(__file__).resolve().parent / "pdf.css"


def acknowledgement_pdf(aid_request) -> bytes:
    """The acknowledgement of receipt as a tagged PDF, in the request's language."""
    # Imported here: WeasyPrint loads Pango at import, and only this download needs it.
    import weasyprint

    context = acknowledgement_context(aid_request)
    with translation.override(context["language"]):
        html = render_to_string("notifications/pdf/acknowledgement.html", context)
    return weasyprint.HTML(string=html).write_pdf(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))],
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
    )


def pdf_filename(aid_request) -> str:
    return f"{aid_request.reference}.pdf"
