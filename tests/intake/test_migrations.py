"""Migration intake 0007: every request in the register (docs/register.md)."""

import uuid
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("intake", "0007_register_links_transfers")]
AFTER = [("intake", "0008_every_request_in_the_register")]


@pytest.mark.django_db(transaction=True)
def test_requests_nobody_registered_are_entered_in_order_after_the_numbers_given(communes):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    # The state of every migration still applied, not only BEFORE's ancestors: apps whose
    # migrations do not depend on intake (a staff account's columns) stay migrated.
    apps = MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps
    AidRequest = apps.get_model("intake", "AidRequest")
    Cpas = apps.get_model("routing", "Cpas")
    Commune = apps.get_model("routing", "Commune")
    User = apps.get_model("backoffice", "User")
    RegisterCounter = apps.get_model("intake", "RegisterCounter")
    RegisterEntry = apps.get_model("intake", "RegisterEntry")
    ReadMark = apps.get_model("intake", "ReadMark")
    namur = Cpas.objects.get(code="92094")
    commune = Commune.objects.get(nis_code="92094")
    staff = User.objects.create(username="old", role="caseworker", cpas=namur)

    def request(day, state="new"):
        return AidRequest.objects.create(
            reference=f"CPAS-2026-{uuid.uuid4().hex[:4].upper()}-{day:04d}",
            submission_key=uuid.uuid4(),
            submitted_at=datetime(2026, 11, day, 10, tzinfo=UTC),
            language="fr",
            identification_method="none",
            first_name="A",
            last_name="B",
            birth_date=date(1980, 1, 1),
            birth_year=1980,
            birth_month=1,
            birth_day=1,
            email="a@example.org",
            routing_answers={},
            routing_rule="art-1-residence",
            commune=commune,
            designated_cpas=namur,
            cpas=namur,
            reception_date=date(2026, 11, day),
            competence_deadline=date(2026, 11, day + 5),
            decision_deadline=date(2026, 12, day),
            state=state,
        )

    clicked = request(10, state="registered")  # registered by a click, number 1
    ReadMark.objects.create(
        aid_request=clicked, cpas=namur, read_by=staff, read_at=datetime(2026, 11, 10, tzinfo=UTC)
    )
    RegisterCounter.objects.create(cpas=namur, year=2026, last_number=1)
    RegisterEntry.objects.create(
        cpas=namur,
        year=2026,
        number=1,
        aid_request=clicked,
        reception_date=date(2026, 11, 10),
        registered_at=datetime(2026, 11, 12, tzinfo=UTC),
        registered_by=staff,
    )
    later, earlier = request(9), request(3)  # created out of order, never registered

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    entries = apps.get_model("intake", "RegisterEntry").objects.order_by("number")
    assert [(e.aid_request_id, e.number, e.late) for e in entries] == [
        (clicked.pk, 1, False),
        (earlier.pk, 2, True),
        (later.pk, 3, True),
    ]
    states = dict(apps.get_model("intake", "AidRequest").objects.values_list("pk", "state"))
    assert states[clicked.pk] == "read"
    assert apps.get_model("intake", "RegisterCounter").objects.get().last_number == 3
    events = apps.get_model("intake", "RequestEvent").objects.filter(kind="registered")
    assert events.count() == 2
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
