import io
import os

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations

from routing.models import Commune, Cpas, PostalCode, Section

# The reference tables, parents first, and the copy of each kept for the whole run.
REFERENCE_TABLES = [
    model._meta.db_table for model in (Cpas, Commune, PostalCode, PostalCode.communes.through)
] + [Section._meta.db_table]
SNAPSHOT = "test_snapshot_{}"


def load_reference_data() -> None:
    call_command("load_reference_data", stdout=io.StringIO())


def _delete_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    """What a transactional test's teardown runs: one DELETE a table (the foreign keys
    are deferred to the flush's commit) rather than Django's TRUNCATE, which on
    PostgreSQL recreates the files of every table, several times slower for the few rows
    a test leaves. The tables end up as empty; sequences are reset (TRUNCATE) only when
    asked for, as Django does."""
    if reset_sequences or allow_cascade or not tables:
        return _truncate_flush(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    # One round trip: psycopg sends statements without parameters as one simple query.
    return [" ".join(f"DELETE FROM {self.quote_name(table)};" for table in tables)]  # noqa: S608


_truncate_flush = PostgresOperations.sql_flush


def _all_of(table: str) -> str:
    """SELECT every row of one of our own tables (a fixed name, quoted)."""
    return f"SELECT * FROM {connection.ops.quote_name(table)}"  # noqa: S608


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The 565 communes and their CPAS, loaded once into the test database, and a copy
    of their tables for the transactional tests that flush them (``communes``)."""
    PostgresOperations.sql_flush = _delete_flush
    with django_db_blocker.unblock():
        load_reference_data()
        with transaction.atomic(), connection.cursor() as cursor:
            for table in REFERENCE_TABLES:
                snapshot = connection.ops.quote_name(SNAPSHOT.format(table))
                cursor.execute(f"DROP TABLE IF EXISTS {snapshot}")
                cursor.execute(f"CREATE TABLE {snapshot} AS {_all_of(table)}")
    yield
    PostgresOperations.sql_flush = _truncate_flush


def reference_data_restore() -> None:
    """The rows that load_reference_data wrote at the start of the run, copied back."""
    with transaction.atomic(), connection.cursor() as cursor:
        for table in REFERENCE_TABLES:
            name = connection.ops.quote_name(table)
            cursor.execute(f"INSERT INTO {name} {_all_of(SNAPSHOT.format(table))}")


@pytest.fixture
def communes(django_db_blocker):
    """Reference data, put back when a transactional test flushed it."""
    with django_db_blocker.unblock():
        if not Commune.objects.exists():
            reference_data_restore()


@pytest.fixture
def cpas_emails(db):
    """The reference data has no contact data (it comes from SPP-IS): give some."""

    def give(*codes: str) -> None:
        for code in codes:
            Cpas.objects.filter(code=code).update(
                email=f"social-{code}@cpas.example",
                phone="081 00 00 00",
                website=f"https://cpas-{code}.example",
                address_fr="Rue de l'Aide 1, 5000 Namur",
            )

    return give


def pytest_configure(config):
    """With pytest-xdist (``-n 2``), each worker has its own Redis database, next to
    TEST_REDIS_URL's (the tests that flush it must not flush another worker's broker);
    pytest-django gives each worker its own test database."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if worker.startswith("gw") and worker[2:].isdigit():
        base = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
        prefix, _, db = base.rpartition("/")
        os.environ["TEST_REDIS_URL"] = f"{prefix}/{int(db) + int(worker[2:])}"
