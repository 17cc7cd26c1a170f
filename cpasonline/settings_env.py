"""The environment every settings module reads: where the checkout is, DEBUG, var/."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; the real environment wins

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
DEBUG = env.bool("DEBUG", default=True)


def required_in_production(name: str) -> None:
    if not DEBUG and name not in env.ENVIRON:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off.")
