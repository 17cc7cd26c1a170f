"""The request page shows the identity as given: a partly known birth date as such,
and names typed over the ones eID or itsme asserted (docs/identification.md)."""

import pytest
from django.urls import reverse

from intake.identity import BirthDateParts
from tests.factories import submit

pytestmark = pytest.mark.django_db


def detail(client, aid_request) -> str:
    url = reverse("backoffice:detail", kwargs={"reference": aid_request.reference})
    return client.get(url).content.decode()


@pytest.mark.parametrize(
    ("born", "shown"),
    [
        pytest.param(BirthDateParts(1985, 3, None), "00/03/1985 (day not known)", id="day"),
        pytest.param(BirthDateParts(1985), "00/00/1985 (day and month not known)", id="both"),
    ],
)
def test_a_partly_known_birth_date_is_shown_as_such(namur_client, born, shown):
    aid_request = submit(national_number="", birth_date=born)
    assert shown in detail(namur_client, aid_request)


def test_names_changed_over_the_asserted_ones_are_shown(namur_client):
    """Security audit F11: staff can tell an asserted name from a typed one."""
    aid_request = submit(
        method="eid",
        first_name="Mallory",
        last_name="Someone-Else",
        asserted_first_name="Camille",
        asserted_last_name="Exemple",
    )
    html = detail(namur_client, aid_request)
    assert "Mallory Someone-Else" in html
    assert "changed by the applicant" in html
    assert "Camille Exemple" in html


def test_kept_names_show_no_change(namur_client):
    aid_request = submit(method="eid", asserted_first_name="Alex", asserted_last_name="Martin")
    assert "changed by the applicant" not in detail(namur_client, aid_request)


def test_the_api_gives_the_parts_and_the_asserted_names(namur_client):
    from backoffice.api import _out

    aid_request = submit(
        national_number="",
        birth_date=BirthDateParts(1985, 3, None),
        asserted_first_name="Camille",
        asserted_last_name="Exemple",
    )
    out = _out(aid_request, None)
    assert (out.birth_date, out.birth_year, out.birth_month, out.birth_day) == (None, 1985, 3, None)
    assert (out.asserted_first_name, out.asserted_last_name) == ("Camille", "Exemple")
