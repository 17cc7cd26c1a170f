"""Who reads which figures (docs/monitoring.md, "Who sees what"), what the pages and their
exports show, and the view log."""

import pytest
from django.test import Client

from backoffice.constants import Federation, Role
from monitoring.models import MonitoringView

from .conftest import BRUSSELS_CITY, EUPEN, LIEGE, NAMUR, make_user

pytestmark = pytest.mark.django_db
PERIOD = "?start=2026-05-01&end=2026-06-30&unit=month"
BASE = "/en/backoffice/monitoring"


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "allowed", "refused"),
    [
        (
            "manager",
            [f"/cpas/{NAMUR}/"],
            ["/country/", "/federation/wallonia/", f"/cpas/{LIEGE}/", f"/cpas/{BRUSSELS_CITY}/"],
        ),
        (
            "wallonia",
            ["/federation/wallonia/", f"/cpas/{NAMUR}/", f"/cpas/{LIEGE}/"],
            ["/country/", "/federation/brussels/", f"/cpas/{BRUSSELS_CITY}/", f"/cpas/{EUPEN}/"],
        ),
        (
            "brussels",
            ["/federation/brussels/", f"/cpas/{BRUSSELS_CITY}/"],
            ["/country/", "/federation/wallonia/", f"/cpas/{NAMUR}/"],
        ),
        (
            "sppis",
            ["/country/", "/federation/german/", f"/cpas/{EUPEN}/", f"/cpas/{NAMUR}/"],
            ["/country/x/", "/federation/nowhere/", "/cpas/00000/", "/region/wallonia/"],
        ),
    ],
)
def test_role_boundaries(request, fixture_requests, who, allowed, refused):
    """A manager reads its own CPAS only; a federation its CPAS; SPP-IS everything. Any
    other address, its CSV and its print, is a 404 like an address that does not exist."""
    client = client_of(request.getfixturevalue(who))
    for path in allowed:
        assert client.get(f"{BASE}{path}{PERIOD}").status_code == 200, path
    for path in refused:
        for suffix in ("", "print/", "summary.csv"):
            assert client.get(f"{BASE}{path}{suffix}").status_code == 404, path + suffix


def test_caseworkers_have_no_monitoring_and_federations_no_requests(fixture_requests, wallonia):
    caseworker = make_user("caseworker", Role.CASEWORKER, NAMUR)
    assert client_of(caseworker).get(f"{BASE}/").status_code == 403
    federation = client_of(wallonia)
    assert federation.get("/en/backoffice/register/").status_code == 403
    assert federation.get("/en/backoffice/transfers/").status_code == 403
    home = federation.get("/en/backoffice/")
    assert home.status_code == 200 and "Open the monitoring figures" in home.content.decode()
    assert federation.get(f"{BASE}/").url == f"{BASE}/federation/wallonia/"


def test_a_federation_account_needs_its_federation():
    from django.core.exceptions import ValidationError

    from backoffice.models import User

    with pytest.raises(ValidationError):
        User(username="f", role=Role.FEDERATION).clean()
    User(username="f", role=Role.FEDERATION, federation=Federation.GERMAN).clean()


def test_the_manager_sees_its_cpas_beside_its_federation_and_no_other_name(
    fixture_requests, manager
):
    page = client_of(manager).get(f"{BASE}/cpas/{NAMUR}/{PERIOD}").content.decode()
    assert "All CPAS of the federation" in page
    assert "Liège" not in page and "Luik" not in page
    assert "< 5" in page and "Counts only" in page


def test_the_summary_shows_the_hand_computed_figures(fixture_requests, manager):
    """Six received; R + 5 met by three of six (50 %); R + 30 rests on three requests:
    hidden; mean first read 217 h / 5 = 43.4 h; transfers (2), the urgent one: hidden."""
    response = client_of(manager).get(f"{BASE}/cpas/{NAMUR}/summary.csv{PERIOD}")
    rows = {
        line.split(",")[0]: line.split(",")[1] for line in response.content.decode().splitlines()
    }
    assert rows["Requests received"] == "6"
    assert rows["Competence decided or transferred by R + 5"] == "50"
    assert rows["Decided on the merits by R + 30"] == "< 5"
    assert rows["Mean time to first read (hours)"] == "43.4"
    assert rows["Transfers to another CPAS"] == "< 5"
    assert rows["of which marked urgent"] == "< 5"
    assert rows["Unread after 2 days"] == "< 5"
    assert response["Content-Type"].startswith("text/csv")


def test_a_language_cell_that_a_total_would_reveal_is_hidden_with_another(fixture_requests, sppis):
    """French 5, Dutch 1 of 6 received: the Dutch 1 is hidden, and the French 5 with it."""
    csv = client_of(sppis).get(f"{BASE}/cpas/{NAMUR}/language.csv{PERIOD}").content.decode()
    assert "French,< 5" in csv and "Dutch,< 5" in csv and "German,0" in csv


def test_every_view_is_logged_without_personal_data(fixture_requests, sppis):
    client = client_of(sppis)
    client.get(f"{BASE}/country/{PERIOD}")
    client.get(f"{BASE}/country/trend.csv{PERIOD}")
    client.get(f"{BASE}/federation/wallonia/print/{PERIOD}")
    logged = list(MonitoringView.objects.order_by("pk").values_list("scope", "output"))
    assert logged == [
        ("country", "page"),
        ("country", "csv:trend"),
        ("federation:wallonia", "print"),
    ]
    assert {field.name for field in MonitoringView._meta.fields} == {
        "id",
        "at",
        "user",
        "scope",
        "period_start",
        "period_end",
        "output",
    }


def test_a_wrong_period_is_said_and_the_default_shown(communes, sppis):
    client = client_of(sppis)
    for query in (
        "?start=2026-07-01&end=2026-05-01",
        "?start=nonsense&unit=day",
        "?start=2020-01-01&end=2026-01-01",
        "?start=2026-01-01&end=2026-02-01&unit=week%00",
        "?start=9999-12-01&end=9999-12-31",
        "?start=0001-01-01&end=0001-01-02&unit=week",
    ):
        response = client.get(f"{BASE}/country/{query}")
        assert response.status_code == 200, query
        assert 'role="alert"' in response.content.decode(), query


def test_the_charts_are_images_with_a_title_and_a_description(fixture_requests, sppis):
    page = client_of(sppis).get(f"{BASE}/country/{PERIOD}").content.decode()
    assert page.count('role="img"') >= 4 and "<desc id=" in page and "<title id=" in page
    assert page.count("<table") >= 6


def test_a_page_kept_in_the_cache_is_renewed_by_the_next_refresh(fixture_requests, manager):
    """The rendered figures are kept until the rollup is refreshed (docs/monitoring.md)."""
    from datetime import date

    from monitoring.rollup import rollup_refresh
    from tests.factories import submit

    from .conftest import NOW, at

    client = client_of(manager)
    received = '<th scope="row">Requests received</th>\n          <td>{}</td>'
    assert received.format(6) in client.get(f"{BASE}/cpas/{NAMUR}/{PERIOD}").content.decode()
    submit(nis_code=NAMUR, national_number="", submitted_at=at("2026-06-10"), last_name="Late")
    assert received.format(6) in client.get(f"{BASE}/cpas/{NAMUR}/{PERIOD}").content.decode()
    rollup_refresh(since=date(2026, 6, 1), until=NOW.date(), now=NOW)
    assert received.format(7) in client.get(f"{BASE}/cpas/{NAMUR}/{PERIOD}").content.decode()


def test_the_page_says_its_days_on_a_first_load_and_from_the_cache(fixture_requests, manager):
    """Only the rendered figures and the period's days are kept (monitoring/views.py)."""
    client = client_of(manager)
    for _load in range(2):
        page = client.get(f"{BASE}/cpas/{NAMUR}/{PERIOD}").content.decode()
        assert "from 05/01/2026 to 06/30/2026" in page or "2026" in page.split("falls from")[1][:40]
        assert "Monitoring: " in page
