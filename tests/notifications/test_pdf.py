"""The proof of filing as a tagged PDF (circular of 28 May 2025, point 6: the
acknowledgement is the proof of filing; docs/acknowledgement.md, "The PDF"), read
back with pypdf: its text, its language, its title and its structure tree."""

import io
from datetime import UTC, datetime

import pypdf
import pytest

from notifications.pdf import acknowledgement_pdf
from tests.factories import submit

pytestmark = pytest.mark.django_db
NBSP, NNBSP = "\u00a0", "\u202f"


def structure_types(node, found=None) -> set[str]:
    found = set() if found is None else found
    node = node.get_object()
    if isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node:
            found.add(str(node["/S"]))
        kids = node.get("/K")
        if isinstance(kids, pypdf.generic.ArrayObject):
            for kid in kids:
                structure_types(kid, found)
        elif kids is not None and not isinstance(kids, pypdf.generic.NumberObject):
            structure_types(kids, found)
    return found


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        (
            "fr",
            [
                "Accusé de réception",
                "samedi 21 novembre 2026",
                "lundi 23 novembre 2026",
                "Le centre ou le formulaire électronique",
            ],
        ),
        (
            "nl",
            [
                "Ontvangstbewijs",
                "zaterdag 21 november 2026",
                "maandag 23 november 2026",
                "Het centrum of het elektronisch formulier",
            ],
        ),
        (
            "de",
            [
                "Empfangsbestätigung",
                "Samstag, 21. November 2026",
                "Montag, 23. November 2026",
                "Das Zentrum oder das in § 2 erwähnte",
            ],
        ),
        (
            "en",
            [
                "Acknowledgement of receipt",
                "Saturday 21 November 2026",
                "Monday 23 November 2026",
                "The centre or the electronic form",
            ],
        ),
    ],
)
def test_the_pdf_is_tagged_in_the_applicants_language_with_the_same_content(language, phrases):
    aid_request = submit(language=language, submitted_at=datetime(2026, 11, 21, 9, 12, tzinfo=UTC))

    reader = pypdf.PdfReader(io.BytesIO(acknowledgement_pdf(aid_request)))

    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert aid_request.reference in reader.metadata.title
    tags = structure_types(root["/StructTreeRoot"])
    assert {"/Document", "/H1", "/H2", "/P", "/L", "/LI"} <= tags
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.replace(NBSP, " ").replace(NNBSP, " ").split())
    for phrase in [aid_request.reference, "+32 2 545 50 70", *phrases]:
        assert phrase in text, phrase
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
