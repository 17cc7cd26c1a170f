"""The real wizard in test mode (docs/sandbox.md, "The wizard in test mode"): TEST on
every page in four languages, the sandbox's CPAS whatever the commune, no register
number, and test mode ends without the link."""

import io

import pypdf
import pytest

from intake.models import AidRequest, RegisterCounter, RegisterEntry
from sandbox.services import sandbox_link_revoke
from tests.wizard.test_wizard import CONTACT, IDENTITY, PREFIX, Wizard

from .conftest import GHENT, NAMUR

pytestmark = pytest.mark.django_db

BANNER = {
    "fr": "Ceci est une demande de test dans le bac à sable du CPAS de Namur",
    "nl": "Dit is een testaanvraag in de zandbak van OCMW Namen",
    "de": "Dies ist ein Testantrag in der Sandbox von ÖSHZ Namur",
    "en": "This is a test request in the sandbox of CPAS Namur",
}
TITLE_MARK = "<title>TEST – "


def assert_marked(response, language):
    page = response.content.decode()
    assert response.status_code == 200
    assert TITLE_MARK in page, "the page's title says TEST (read first by screen readers)"
    assert 'class="sandbox-banner" role="region" aria-labelledby="sandbox-banner-title"' in page
    assert BANNER[language] in " ".join(page.split()), page[:3000]


class SandboxWizard(Wizard):
    def open(self, token):
        response = self.client.get(f"/{self.language}/request/sandbox/{token}/")
        assert response.status_code == 302
        return self.client.get(response["Location"])

    def page(self, step):
        return self.client.get(self.url(step))


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_every_page_says_test_and_the_request_goes_to_the_sandbox_cpas(
    client, namur_token, language, cpas_emails
):
    cpas_emails(NAMUR)
    wizard = SandboxWizard(client, language)
    assert_marked(wizard.open(namur_token), language)
    steps = [
        ("eligibility", {"already_helped": "no"}),
        ("identification", {"method": "typed"}),
        ("identity", IDENTITY),
        ("contact", CONTACT),
        ("place", {"in_institution": "no"}),
        ("student", {"full_time_student": "no"}),
        # Ghent designates the CPAS of Ghent: the sandbox sends it to Namur all the same.
        ("residence", {"lives_at_domicile": "no", "current_commune": "Gent"}),
        ("needs", {"categories": ["income"]}),
    ]
    for step, data in steps:
        assert_marked(wizard.page(step), language)
        wizard.answer(step, data)
    assert_marked(wizard.page("review"), language)
    response = client.post(wizard.url("review"), {f"{PREFIX}-current_step": "review"})
    response = client.get(client.get(response["Location"])["Location"])
    assert_marked(response, language)  # the confirmation
    aid_request = AidRequest.objects.get()
    assert aid_request.is_test
    assert aid_request.cpas.code == aid_request.designated_cpas.code == NAMUR
    assert aid_request.commune_id == GHENT  # the answers are kept as given
    assert aid_request.reference.startswith("TEST-")
    assert aid_request.language == language
    assert not RegisterEntry.objects.exists()
    assert not RegisterCounter.objects.exists()
    if language == "de":  # the proof of filing (one language: a PDF takes a second)
        pdf = client.get(f"/{language}/request/confirmation/proof.pdf")
        reader = pypdf.PdfReader(io.BytesIO(pdf.content))
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert text.startswith("TEST: Dieser Antrag wurde über die Sandbox eines ÖSHZ"), text[:200]
        assert reader.metadata.title.startswith("TEST – ")


def test_the_start_without_the_link_ends_test_mode_and_drops_its_answers(client, namur_token):
    wizard = SandboxWizard(client, "fr")
    wizard.open(namur_token)
    wizard.answer("eligibility", {"already_helped": "no"})
    response = wizard.start()  # the ordinary start: a real request
    assert TITLE_MARK not in response.content.decode()
    assert "sandbox-banner" not in response.content.decode()
    assert response.request["PATH_INFO"].endswith("/eligibility/")
    assert wizard.through_identity() == "place"  # answered afresh
    assert "wizard_sandbox" not in client.session


def test_a_link_revoked_while_answering_records_nothing(client, namur_token):
    from routing.models import Cpas

    wizard = SandboxWizard(client, "nl")
    wizard.open(namur_token)
    wizard.answer("eligibility", {"already_helped": "no"})
    wizard.answer("identification", {"method": "typed"})
    wizard.answer("identity", IDENTITY)
    wizard.answer("contact", CONTACT)
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})
    wizard.answer("residence", {"lives_at_domicile": "yes", "domicile_commune": "Namur"})
    wizard.answer("needs", {"categories": ["income"]})
    sandbox_link_revoke(cpas=Cpas.objects.get(code=NAMUR))
    response = client.post(wizard.url("review"), {f"{PREFIX}-current_step": "review"})
    response = client.get(response["Location"])
    assert response.status_code == 404
    assert "Deze testlink werd ingetrokken" in response.content.decode()
    assert not AidRequest.objects.exists()
    assert "wizard_sandbox" not in client.session


def test_a_real_request_has_no_banner(client):
    response = Wizard(client, "fr").start()
    assert "sandbox-banner" not in response.content.decode()
