"""The embedded default, and production refusing to start without real settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.core

PRODUCTION = {
    "DEBUG": "off",
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "cpas-online.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/cpasonline",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://user:pass@smtp.example:587",
    "NATIONAL_NUMBER_KEYS": "a" * 43 + "=",
    "NATIONAL_NUMBER_HASH_KEY": "h" * 40,
}


def load_settings(env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, "
        "s.EMAIL_BACKEND)"
    )
    return run_with_settings(["-c", code], env, tmp_path)


def run_with_settings(
    arguments: list[str], env: dict[str, str], tmp_path
) -> subprocess.CompletedProcess:
    """Python with ``arguments`` in a fresh process: the real settings module read from
    nothing but ``env`` (and PATH), its generated files under ``tmp_path``."""
    return subprocess.run(  # noqa: S603
        [sys.executable, *arguments],
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "cpasonline.settings",
            "VAR_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_embedded_default_with_nothing_set(tmp_path):
    result = load_settings({}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.filebased.EmailBackend",
    ]
    assert (tmp_path / "dev-secret-key").exists()


def test_production_settings_load(tmp_path):
    result = load_settings(PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "django.db.backends.postgresql",
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
    ]


@pytest.mark.parametrize("missing", [name for name in PRODUCTION if name != "DEBUG"])
def test_production_refuses_to_start_without(missing, tmp_path):
    env = {name: value for name, value in PRODUCTION.items() if name != missing}
    result = load_settings(env, tmp_path)
    assert result.returncode != 0
    assert f"{missing} must be set when DEBUG is off" in result.stderr
    assert not (tmp_path / "dev-secret-key").exists()


TWO_WRITERS = """
import threading, time
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (n integer)")
    cursor.execute("INSERT INTO counter VALUES (0)")
connection.close()
start, errors = threading.Barrier(2), []

def read_then_write():
    try:
        start.wait(timeout=5)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT n FROM counter")
            n = cursor.fetchone()[0]
            time.sleep(0.3)
            cursor.execute("UPDATE counter SET n = %s", [n + 1])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=read_then_write) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM counter")
    print(cursor.fetchone()[0], errors)
"""


def test_the_embedded_database_makes_two_writers_wait_for_each_other(tmp_path):
    """The web process and a real worker both read then write (the outbox). SQLite's
    deferred transactions made one of them fail at once with "database is locked"."""
    result = run_with_settings(["-c", TWO_WRITERS], {}, tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2 []"


@pytest.mark.parametrize(
    ("cache_url", "expected"),
    [
        # A Redis that hangs must not hold a citizen's request (docs/notifications.md).
        pytest.param("rediscache://127.0.0.1:6379/1", "0.5 0.5", id="redis-timeouts-default"),
        pytest.param("rediscache://127.0.0.1:6379/1?socket_timeout=2", "2 0.5", id="url-wins"),
        pytest.param("locmemcache://", "None None", id="memory-no-sockets"),
    ],
)
def test_the_redis_cache_gives_up_quickly(cache_url, expected, tmp_path):
    code = (
        "from django.conf import settings as s; o = s.CACHES['default'].get('OPTIONS', {}); "
        "print(o.get('socket_timeout'), o.get('socket_connect_timeout'))"
    )
    result = run_with_settings(["-c", code], {"CACHE_URL": cache_url}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_the_celery_settings_of_the_outbox(tmp_path):
    """Tasks left to finish on a lost broker connection, one message reserved per
    process, redelivery after 10 minutes, the sweeper every 15 s (docs/notifications.md)."""
    code = (
        "from django.conf import settings as s; "
        "print(s.CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS, "
        "s.CELERY_WORKER_PREFETCH_MULTIPLIER, "
        "s.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'], "
        "s.CELERY_BEAT_SCHEDULE['notifications-sweep-outbox']['schedule'])"
    )
    result = run_with_settings(["-c", code], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "1", "600", "15.0"]


# --- What the embedded default prints: nothing it does not mean ---------------------------

MANAGE = str(Path(__file__).resolve().parent.parent / "manage.py")


def test_the_embedded_database_passes_the_checks_without_a_warning(tmp_path):
    """SQLite ignores the INCLUDE columns of the open-requests index; the warning saying
    so (models.W040) was printed on every migrate. The database checks run as migrate's."""
    result = run_with_settings([MANAGE, "check", "--database", "default"], {}, tmp_path)

    assert result.returncode == 0, result.stderr
    assert "W040" not in result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_the_covering_index_warning_is_silenced_on_sqlite_only(tmp_path):
    code = "from django.conf import settings as s; print(s.SILENCED_SYSTEM_CHECKS)"
    postgres = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/cpasonline"}
    assert run_with_settings(["-c", code], postgres, tmp_path).stdout.strip() == "[]"
    assert run_with_settings(["-c", code], {}, tmp_path).stdout.strip() == "['models.W040']"


EAGER_TASK = """
import django
django.setup()
from cpasonline.celery import app

@app.task
def ping():
    return "pong"

print(ping.delay().get())
"""


def test_a_task_run_in_process_logs_no_broker_warning(tmp_path):
    """With no broker (tasks run in-process), kombu said "No hostname was supplied"."""
    result = run_with_settings(["-c", EAGER_TASK], {}, tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "pong"
    assert "hostname" not in result.stderr


@pytest.mark.parametrize(
    ("logger", "message"),
    [
        pytest.param("django.utils.autoreload", "Watching for file changes", id="reloader"),
        pytest.param("django.security.csrf", "Forbidden (CSRF cookie not set.)", id="security"),
        # Once already, and kept so: configuring "django" resets its children's handlers.
        pytest.param("django.server", '"GET /fr/ HTTP/1.1" 200 2880', id="runserver-request"),
    ],
)
def test_each_django_log_line_is_printed_once(logger, message, tmp_path):
    """Django's own console handler passed each record on to ours: every line twice."""
    code = (
        "import django, logging; django.setup(); "
        f"logging.getLogger({logger!r}).warning({message!r})"
    )
    result = run_with_settings(["-c", code], {}, tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stderr.count(message) == 1, result.stderr
