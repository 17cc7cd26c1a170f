"""The eBox behind its pluggable client (tested with the fake), the transfer seen from
the applicant's page, the staff's pages (docs/first-contact.md)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from contact.ebox import FakeEboxClient
from contact.links import contact_link_create, link_url
from contact.models import ApplicantMessage, Appointment, DocumentItem
from contact.services import contact_choice_set
from eid.national_register import Person
from eid.session import PERSON
from intake import crypto
from intake.constants import EventKind, IdentificationMethod
from intake.services import aid_request_transfer
from routing.models import Cpas
from tests.factories import submit

from .conftest import deliver_all
from .test_first_contact import acknowledged, propose

pytestmark = pytest.mark.django_db
CAMILLE = "85073003427"


@pytest.fixture
def ebox(settings, tmp_path):
    settings.EBOX_ENABLED = True
    settings.EBOX_CLIENT = "contact.ebox.FakeEboxClient"
    settings.EBOX_FAKE_DIR = tmp_path
    return FakeEboxClient(tmp_path)


def identified():
    return submit(
        national_number=CAMILLE,
        method=IdentificationMethod.EID,
        submitted_at=timezone.now(),
        birth_date=timezone.datetime(1985, 7, 30).date(),
    )


def camille():
    return Person(CAMILLE, "Camille", "Exemple", timezone.datetime(1985, 7, 30).date(), None)


def log_in_with_eid(client, person):
    session = client.session
    session[PERSON] = crypto.encrypt(json.dumps(person.to_dict()))
    session.save()


@pytest.mark.parametrize(
    ("method", "person", "chosen"),
    [
        pytest.param(IdentificationMethod.EID, "camille", True, id="eid-and-same-person"),
        pytest.param(IdentificationMethod.EID, None, False, id="no-eid-login-now"),
        pytest.param(IdentificationMethod.EID, "other", False, id="someone-else-logged-in"),
        pytest.param(IdentificationMethod.TYPED, "camille", False, id="typed-number"),
    ],
)
def test_the_ebox_is_chosen_only_after_an_eid_login_of_the_applicant(ebox, method, person, chosen):
    aid_request = submit(national_number=CAMILLE, method=method, submitted_at=timezone.now())
    who = {
        "camille": camille(),
        "other": Person("92031412253", "L", "D", camille().birth_date, None),
    }
    assert (
        contact_choice_set(aid_request=aid_request, medium="ebox", person=who.get(person)) is chosen
    )


def test_the_ebox_path_with_the_fake(client, ebox, worker):
    aid_request = identified()
    url = link_url(contact_link_create(aid_request=aid_request), "fr")
    client.get(url)
    page = client.get("/fr/follow/").content.decode()
    assert "eBox" in page and "/saml/login/" in page  # log in first
    log_in_with_eid(client, camille())
    client.post("/fr/follow/choice/", {"medium": "ebox"})
    assert aid_request.events.filter(kind=EventKind.CONTACT_MEDIUM).count() == 1
    propose(aid_request, worker)
    deliver_all()
    row = ApplicantMessage.objects.get(aid_request=aid_request)
    assert (row.medium, row.state, row.to) == ("ebox", "sent", "")
    [message] = ebox.messages()
    assert message.national_number == CAMILLE and aid_request.reference in message.subject
    assert CAMILLE not in message.body


def test_a_transfer_withdraws_the_meeting_and_the_page_shows_the_new_cpas(client, worker):
    aid_request, url = acknowledged("fr")
    appointment = propose(aid_request, worker)
    Cpas.objects.filter(code="62063").update(phone="04 000 00 00")
    aid_request_transfer(
        aid_request=aid_request,
        user=worker,
        to_cpas=Cpas.objects.get(code="62063"),
        reasons=["residence"],
    )
    assert Appointment.objects.get(pk=appointment.pk).state == "withdrawn"
    client.get(url)
    page = client.get("/fr/follow/").content.decode()
    assert "Liège" in page and "04 000 00 00" in page
    assert "autre commune" in page  # the reason, in French
    client.post("/fr/follow/answer/", {"appointment": appointment.pk, "answer": "confirmed"})
    assert "retiré" in client.get("/fr/follow/").content.decode()
    assert not aid_request.events.filter(kind=EventKind.CONTACT_CONFIRMED).exists()


def test_the_social_worker_proposes_and_the_manager_keeps_the_list(client, worker):
    from backoffice.constants import Role

    aid_request, _url = acknowledged("fr")
    manager = type(worker).objects.create_user(
        username="boss", password="x", role=Role.MANAGER, cpas=worker.cpas
    )
    client.force_login(manager)
    client.post("/en/backoffice/documents/", {"add": "1", "label_fr": "Carte d’identité"})
    assert client.post("/en/backoffice/documents/", {"add": "1"}).status_code == 400
    item = DocumentItem.objects.get(cpas=worker.cpas)
    client.force_login(worker)
    assert client.get("/en/backoffice/documents/").status_code == 403
    url = f"/en/backoffice/requests/{aid_request.reference}/appointment/"
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(
        url, {"day": day, "time": "10:00", "mode": "phone", "documents": [item.pk]}
    )
    assert response.status_code == 302
    assert (
        client.post(url, {"day": "2020-01-01", "time": "10:00", "mode": "phone"}).status_code == 400
    )
    detail = client.get(f"/en/backoffice/requests/{aid_request.reference}/").content.decode()
    assert "First contact" in detail and "Proposed, no answer yet" in detail
    deliver_all()
    client.post(f"/en/backoffice/requests/{aid_request.reference}/link/revoke/")
    assert aid_request.contact_links.filter(revoked_at=None).count() == 0
