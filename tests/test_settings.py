"""The embedded default, and production refusing to start without real settings."""

import os
import subprocess
import sys

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
