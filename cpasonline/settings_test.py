"""Test overlay: real local PostgreSQL, a broken broker, fast hashing, locmem mail.

The broker URL points at a closed port on purpose (docs/notifications.md): any task not queued
through the outbox/on_commit path fails loudly. Integration tests that need the real
Redis and worker set it themselves.
"""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cpasonline")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The real worker of the integration tests writes its mail to files the test reads.
EMAIL_BACKEND = os.environ.get(
    "TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
if "TEST_EMAIL_FILE_PATH" in os.environ:
    EMAIL_FILE_PATH = os.environ["TEST_EMAIL_FILE_PATH"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
SUBMISSION_RATE = "10000/h"
SUBMISSION_SESSION_RATE = "10000/h"
COMMUNE_SEARCH_RATE = "10000/h"  # tests send many requests from 127.0.0.1; one test lowers it
