"""The confirmation page on a phone, an urgent request without JavaScript, and the proof
of filing as a PDF (circular of 28 May 2025, point 6; docs/acknowledgement.md,
docs/emergency-contacts.md). Screenshots of the confirmation page on a 390 px phone are
kept as test artefacts in var/test-artefacts/."""

import io
from pathlib import Path

import pypdf
import pytest
from django.conf import settings

from intake.models import AidRequest

from .helpers import assert_no_horizontal_overflow, axe_check, shot
from .test_journeys import AT_HOME, CONTACT, IDENTITY, NO, TYPED, answer, submit

pytestmark = pytest.mark.usefixtures("communes")
ARTEFACTS = Path(settings.BASE_DIR) / "var" / "test-artefacts"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}
URGENT_YES = 0  # radio order: yes, no


def send(page, language, *, needs, check_page=axe_check):
    page.goto(f"/{language}/request/")
    answer(page, [("check", f"#id_eligibility-already_helped_{NO}")], check_page=check_page)
    answer(page, TYPED, check_page=check_page)
    answer(page, IDENTITY, check_page=check_page)
    answer(page, CONTACT, check_page=check_page)
    for actions in AT_HOME:
        answer(page, actions, check_page=check_page)
    answer(page, needs, check_page=check_page)
    check_page(page)  # the review
    submit(page)
    assert page.url.endswith(f"/{language}/request/confirmation/")


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_the_confirmation_page_on_a_phone_says_what_matters_first(new_page, language):
    page = new_page(**PHONE)
    send(page, language, needs=[("check", "#id_needs-categories_0")], check_page=lambda p: None)

    axe_check(page)
    assert_no_horizontal_overflow(page)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTEFACTS / f"confirmation-{language}-390px.png", full_page=True)
    page.screenshot(path=ARTEFACTS / f"confirmation-{language}-390px-first-screen.png")
    # What matters comes before the law: the next steps' box, then the folded texts.
    panel = page.locator(".next-steps")
    assert panel.locator("a[href='tel:112']").count() == 1
    assert panel.locator("a[href='tel:+3225455070']").count() == 0  # in the footer
    assert page.locator("footer a[href='tel:+3225455070']").count() == 1
    assert page.locator("details.legal").get_attribute("open") is None
    top_of_law = page.locator("#legal-mentions").bounding_box()["y"]
    assert panel.bounding_box()["y"] < top_of_law
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"confirmation page, {language}, 390 px: {height} px")
    assert height < 6000


def test_an_urgent_request_without_javascript_shows_help_tonight_and_is_flagged(new_page):
    page = new_page(java_script_enabled=False, **PHONE)
    needs = [("check", "#id_needs-categories_1"), ("check", f"#id_needs-urgent_{URGENT_YES}")]

    def check_page(current):
        if current.url.endswith("/request/review/"):
            box = current.locator(".urgent-help")
            assert box.locator("a[href='tel:112']").count() == 1
            assert box.locator("a[href='tel:107']").count() == 1  # Namur: French line
            shot(current, "review-urgent")  # axe needs JavaScript: the phone tests run it

    send(page, "fr", needs=needs, check_page=check_page)

    assert "Vous avez dit que c’est urgent" in page.inner_text(".next-steps")
    assert AidRequest.objects.get().urgent is True


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_proof_of_filing_downloads_as_a_tagged_pdf(page, language):
    send(page, language, needs=[("check", "#id_needs-categories_0")], check_page=lambda p: None)
    reference = page.locator(".panel__reference").inner_text().strip()

    with page.expect_download() as download:
        page.click("a[href$='/request/confirmation/proof.pdf']")
    path = ARTEFACTS / f"proof-{language}.pdf"
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    download.value.save_as(path)

    assert download.value.suggested_filename == f"{reference}.pdf"
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    assert reader.trailer["/Root"]["/Lang"] == language
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reference in reader.pages[0].extract_text()
