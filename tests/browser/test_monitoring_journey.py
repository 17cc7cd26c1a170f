"""Each monitoring role in Chromium (docs/monitoring.md): log in, open the monitoring,
axe (WCAG 2.0 to 2.2, A and AA) on its page in the four languages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from backoffice.constants import Federation, Role
from backoffice.models import User
from intake.deadlines import brussels_date
from monitoring.rollup import rollup_refresh
from routing.models import Cpas
from tests.factories import submit

from .helpers import axe_check, shot

pytestmark = pytest.mark.usefixtures("communes")
PASSWORD = "correct horse battery staple"
ROLES = {
    "sppis": ({"role": Role.SPPIS_ADMIN}, "/backoffice/monitoring/country/"),
    "federation": (
        {"role": Role.FEDERATION, "federation": Federation.WALLONIA},
        "/backoffice/monitoring/federation/wallonia/",
    ),
    "manager": ({"role": Role.MANAGER, "cpas": "92094"}, "/backoffice/monitoring/cpas/92094/"),
}


@pytest.fixture
def figures():
    for day in range(8):
        submit(nis_code="92094", submitted_at=timezone.now() - timedelta(days=3 * day))
    now = timezone.now()
    rollup_refresh(since=brussels_date(now) - timedelta(days=60), until=brussels_date(now), now=now)


@pytest.mark.parametrize("role", list(ROLES))
def test_monitoring_journey(page, figures, role):
    fields, landing = ROLES[role]
    if "cpas" in fields:
        fields = {**fields, "cpas": Cpas.objects.get(code=fields["cpas"])}
    User.objects.create_user(username=role, password=PASSWORD, **fields)
    page.goto("/fr/backoffice/monitoring/")
    page.fill("#id_username", role)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith(f"/fr{landing}")
    for language in ("fr", "nl", "de", "en"):
        page.goto(f"/{language}{landing}")
        assert page.locator("svg[role=img] title").count() >= 2
        shot(page, f"monitoring-{language}")
        axe_check(page)
