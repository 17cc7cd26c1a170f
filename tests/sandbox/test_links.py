"""The sandbox link (docs/sandbox.md, "The link"): the only way a request is marked
test; a forged, expired or revoked link gives a clear page in the person's language
and records nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from intake.models import AidRequest
from routing.models import Cpas
from sandbox.models import SandboxLink
from sandbox.services import (
    Refusal,
    SandboxLinkRefused,
    sandbox_link_check,
    sandbox_link_issue,
    sandbox_link_revoke,
)
from tests.factories import submit

from .conftest import NAMUR, open_sandbox

pytestmark = pytest.mark.django_db


def namur():
    return Cpas.objects.get(code=NAMUR)


def forged(token: str) -> str:
    number, _dot, mac = token.partition(".")
    return f"{number}.{'A' if mac[0] != 'A' else 'B'}{mac[1:]}"


def other_cpas_number(token: str) -> str:
    """The token of another link number with this link's MAC."""
    number, _dot, mac = token.partition(".")
    return f"{int(number) + 1000}.{mac}"


LATER = timedelta(days=90, seconds=1)  # SANDBOX_LINK_DAYS = 90


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        pytest.param(lambda token: forged(token), Refusal.FORGED, id="mac-changed"),
        pytest.param(lambda token: token[:-3], Refusal.FORGED, id="cut-short"),
        pytest.param(other_cpas_number, Refusal.FORGED, id="other-number"),
        pytest.param(lambda token: "garbage", Refusal.FORGED, id="garbage"),
        pytest.param(lambda token: "9" * 40 + ".x", Refusal.FORGED, id="huge-number"),
        pytest.param(lambda token: token, None, id="valid"),
    ],
)
def test_only_a_link_we_issued_opens_the_sandbox(spoil, reason):
    token = open_sandbox(NAMUR)
    if reason is None:
        assert sandbox_link_check(spoil(token)).cpas == namur()
        return
    with pytest.raises(SandboxLinkRefused) as refused:
        sandbox_link_check(spoil(token))
    assert refused.value.reason == reason


@pytest.mark.parametrize(
    ("after", "reason"),
    [
        pytest.param("revoke", Refusal.REVOKED, id="revoked"),
        pytest.param("replace", Refusal.REVOKED, id="replaced-by-a-new-one"),
        pytest.param("expire", Refusal.EXPIRED, id="expired-after-90-days"),
    ],
)
def test_a_revoked_replaced_or_expired_link_stops_working(after, reason):
    token = open_sandbox(NAMUR)
    now = timezone.now()
    if after == "revoke":
        sandbox_link_revoke(cpas=namur())
    elif after == "replace":
        sandbox_link_issue(cpas=namur())
    else:
        now += LATER
    with pytest.raises(SandboxLinkRefused) as refused:
        sandbox_link_check(token, now=now)
    assert refused.value.reason == reason
    assert SandboxLink.objects.filter(cpas=namur(), revoked_at__isnull=True).count() == (
        0 if after == "revoke" else 1
    )


def test_the_link_names_no_one_and_a_database_copy_gives_none():
    token = open_sandbox(NAMUR)
    link = SandboxLink.objects.get()
    number, _dot, mac = token.partition(".")
    assert number == str(link.pk)
    assert link.nonce not in token and len(mac) == 43  # an HMAC with the secret key


def test_a_request_is_a_test_only_through_a_working_link():
    token = open_sandbox(NAMUR)
    sandbox_link_revoke(cpas=namur())
    with pytest.raises(SandboxLinkRefused):
        submit(sandbox_token=token)
    assert not AidRequest.objects.exists()
    assert submit().is_test is False  # without a link: a real request


REFUSED = {
    # (language, reason): words the page must say
    ("fr", "forged"): "Ce lien de test ne fonctionne pas",
    ("nl", "expired"): "Deze testlink is verlopen",
    ("de", "revoked"): "Dieser Testlink wurde vom ÖSHZ zurückgezogen",
    ("en", "forged"): "This is not a test link of CPAS Online",
}


@pytest.mark.parametrize(("language", "reason"), list(REFUSED))
def test_a_refused_link_gives_a_clear_page_in_the_persons_language(client, language, reason):
    token = open_sandbox(NAMUR)
    if reason == "forged":
        token = forged(token)
    elif reason == "revoked":
        sandbox_link_revoke(cpas=namur())
    else:
        SandboxLink.objects.update(issued_at=timezone.now() - LATER)
    response = client.get(f"/{language}/request/sandbox/{token}/")
    assert response.status_code == 404
    page = response.content.decode()
    assert REFUSED[(language, reason)] in page
    assert f'lang="{language}"' in page
    assert "wizard_sandbox" not in client.session
