"""CPAS Online settings, read from the environment (django-environ).

With nothing set, the embedded default runs on one machine: a SQLite file, Celery
tasks run in-process, mails written to files under ``var/mail``, DEBUG on and a
generated development secret. With ``DEBUG=off`` the real values are required and
start-up stops without them.
"""

import base64
import secrets
from datetime import timedelta

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .settings_access import staff_access
from .settings_env import BASE_DIR, DEBUG, VAR_DIR, env
from .settings_env import required_in_production as _required_in_production

for _name in (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "EMAIL_URL",
    "NATIONAL_NUMBER_KEYS",
    "NATIONAL_NUMBER_HASH_KEY",
):
    _required_in_production(_name)

# eID / itsme through the federal authentication service (SAML 2.0; docs/identification.md).
# Off by default in production: turning it on there requires the real SAML settings
# and a real National Register client. The test identity provider signs whatever
# identity one picks: it can never run with DEBUG off.
EID_ENABLED = env.bool("EID_ENABLED", default=DEBUG)
SAML_TEST_IDP = env.bool("SAML_TEST_IDP", default=DEBUG)
if SAML_TEST_IDP and not DEBUG:
    raise ImproperlyConfigured("SAML_TEST_IDP cannot be on when DEBUG is off.")
if EID_ENABLED:
    for _name in (
        "SAML_SP_ENTITY_ID",
        "SAML_SP_CERT",
        "SAML_SP_KEY",
        "SAML_IDP_METADATA",
        "NATIONAL_REGISTER_CLIENT",
    ):
        _required_in_production(_name)


def _dev_secret(name: str, make=lambda: secrets.token_urlsafe(50)) -> str:
    """A secret generated once for this checkout and kept under ``var/``."""
    path = VAR_DIR / f"dev-{name}"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _dev_secret("secret-key")
# National numbers are stored encrypted (Fernet; the first key encrypts, all decrypt,
# so keys can rotate), with a keyed hash beside them to find a person's requests.
NATIONAL_NUMBER_KEYS = env.list("NATIONAL_NUMBER_KEYS", default=[]) or [
    _dev_secret(
        "national-number-key",
        lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    )
]
NATIONAL_NUMBER_HASH_KEY = env.str("NATIONAL_NUMBER_HASH_KEY", default="") or _dev_secret(
    "national-number-hash-key"
)
# SAML service provider: entity id (default: our metadata URL), certificate and key
# (PEM inline or a file path; development: a pair generated once under var/), the IdP's
# metadata file (development: the test IdP), the authentication classes we ask for
# (FAS: eID card, itsme) and the attribute carrying the national number.
SAML_SP_ENTITY_ID = env.str("SAML_SP_ENTITY_ID", default="")
SAML_SP_CERT = env.str("SAML_SP_CERT", default="")
SAML_SP_KEY = env.str("SAML_SP_KEY", default="")
SAML_IDP_METADATA = env.str("SAML_IDP_METADATA", default="")
SAML_AUTHN_CONTEXTS = env.list(
    "SAML_AUTHN_CONTEXTS",
    default=["urn:be:fedict:iam:fas:citizen:eid", "urn:be:fedict:iam:fas:citizen:bmid"],
)
SAML_NRN_ATTRIBUTE = env.str("SAML_NRN_ATTRIBUTE", default="egovNRN")
NATIONAL_REGISTER_CLIENT = env.str(
    "NATIONAL_REGISTER_CLIENT", default="eid.national_register.FixtureNationalRegisterClient"
)
SAML_TEST_IDP_CERT = SAML_TEST_IDP_KEY = ""
if EID_ENABLED and not (SAML_SP_CERT and SAML_SP_KEY):
    from eid.keys import dev_key_pair

    SAML_SP_CERT, SAML_SP_KEY = map(str, dev_key_pair(VAR_DIR, "saml-sp"))
if SAML_TEST_IDP:
    from eid.keys import dev_key_pair

    SAML_TEST_IDP_CERT, SAML_TEST_IDP_KEY = map(str, dev_key_pair(VAR_DIR, "saml-test-idp"))
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Public address of the service, used in links inside emails.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",  # before django.contrib.admin
    "backoffice.apps.StaffAdminConfig",  # django.contrib.admin behind the staff gate
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "formtools",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "cpasonline",
    "routing",
    "sandbox",
    "intake",
    "wizard",
    "backoffice",
    "notifications",
    "eid",
    "contact",
    "vendors",
    "integration",
    "monitoring",
]

MIDDLEWARE = [
    # Under /api/ (docs/api.md): a deprecated endpoint's headers on every answer, around
    # every error turned into problem+json, whoever answered it.
    "backoffice.api_versioning.ApiDeprecationMiddleware",
    "backoffice.api_problems.ApiProblemMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "cpasonline.sessions.SessionSizeMiddleware",  # its answer in the person's language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "backoffice.middleware.StaffIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as its documentation asks: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cpasonline.urls"
WSGI_APPLICATION = "cpasonline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cpasonline.context_processors.languages",
                "wizard.sandbox.sandbox_banner",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://user@host:5432/name), else a SQLite file.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'cpasonline.sqlite3'}")
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", 60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web process and a worker both read then write (the outbox): deferred
    # transactions made one of them fail at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
    # The open-requests index carries INCLUDE columns, a PostgreSQL feature that lets the
    # back-office count overdue requests from the index alone. SQLite builds the same
    # index without them (correct, a little slower), and Django's check said so on every
    # migrate. Silenced here, on SQLite only: it is the only index with INCLUDE columns,
    # and it must keep them on PostgreSQL, where the warning cannot occur.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions live in the database: a Redis outage must not end anyone's form. Their data is
# encrypted with the national numbers' keys, and expired rows are purged
# (cpasonline/sessions.py, docs/data-protection.md "Answers in the browser session").
SESSION_ENGINE = "cpasonline.sessions"
SESSION_COOKIE_AGE = 60 * 60 * 2
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_MAX_BYTES = env.int("SESSION_MAX_BYTES", default=32 * 1024)
SESSION_PURGE_SECONDS = env.int("SESSION_PURGE_SECONDS", default=600)
# A wizard left alone this long starts again (its answers are dropped); its pages warn
# this long before, with a button to keep going (docs/data-protection.md).
WIZARD_IDLE_TIMEOUT = timedelta(minutes=env.float("WIZARD_IDLE_MINUTES", default=60))
WIZARD_WARNING = timedelta(minutes=env.float("WIZARD_WARNING_MINUTES", default=5))
# Requests sent from one address (a social service may send several for its visitors),
# and from one browser session.
SUBMISSION_RATE = env.str("SUBMISSION_RATE", default="20/h")
SUBMISSION_SESSION_RATE = env.str("SUBMISSION_SESSION_RATE", default="5/h")
# Commune searches from one address (each page with a commune field is a search).
COMMUNE_SEARCH_RATE = env.str("COMMUNE_SEARCH_RATE", default="300/h")
# No page script reads the CSRF token: forms carry it in a hidden field.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "cpasonline.views.csrf_failure"

# Headers: no referrer towards other sites, no framing (CSP frame-ancestors below too).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Request size limits: the forms are short texts, with no file upload. A bigger body
# or more fields answers 400 before any view runs.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
DATA_UPLOAD_MAX_NUMBER_FILES = 0
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

# Rate limits (cpasonline.ratelimit) count per client address. Behind N reverse proxies
# that each append to X-Forwarded-For, set TRUSTED_PROXY_COUNT=N; with 0, REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Staff accounts, login, second factor; retention periods (cpasonline/settings_access.py).
vars().update(staff_access(env, debug=DEBUG))

# Languages: French first (the default), then Dutch, German, English.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("nl", _("Dutch")),
    ("de", _("German")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Brussels"
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Mail: EMAIL_URL (smtp+tls://user:password@host:587), else files under var/mail.
if "EMAIL_URL" in env.ENVIRON:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="CPAS Online <no-reply@cpas-online.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: CELERY_BROKER_URL (redis://host:6379/0), else tasks run in-process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if not CELERY_BROKER_URL:
    # Never connected to, but an eager task still asks for a producer: without a host,
    # kombu logs "No hostname was supplied" for it.
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# A broker outage must cost a submission a second at most: the outbox sweeper
# sends what could not be queued.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0}
# Idempotent tasks: a send is left to finish when the broker connection drops, one message
# reserved per process, redelivery after 10 min (docs/notifications.md, "Redis and broker…").
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
_transport = {"socket_connect_timeout": 2, "socket_timeout": 5, "visibility_timeout": 600}
CELERY_BROKER_TRANSPORT_OPTIONS = _transport
CELERY_BEAT_SCHEDULE = {
    # The outbox's scheduler: expire, settle interrupted attempts, queue the due rows.
    "notifications-sweep-outbox": {
        "task": "notifications.tasks.sweep_outbox",
        "schedule": env.float("OUTBOX_SWEEP_SECONDS", default=15.0),
    },
    # Erase what is past its retention period, nightly (docs/data-protection.md).
    "cpasonline-apply-retention": {
        "task": "cpasonline.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=15),
    },
    # Delete the expired sessions (docs/data-protection.md, "Answers in the browser session").
    "cpasonline-purge-sessions": {
        "task": "cpasonline.tasks.purge_sessions",
        "schedule": float(SESSION_PURGE_SECONDS),
    },
    # Remind each CPAS of its requests still unread, every morning (Europe/Brussels).
    "notifications-send-reminders": {
        "task": "notifications.tasks.send_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
}

# Notifications (docs/notifications.md, "Settings"): retries 30 s doubling up to 10 min;
# the claims' lease stays above the send task's 90 s time limit.
NOTIFICATIONS_RETRY_BACKOFF_SECONDS = env.float("NOTIFICATIONS_RETRY_BACKOFF_SECONDS", default=30)
NOTIFICATIONS_RETRY_BACKOFF_MAX = env.float("NOTIFICATIONS_RETRY_BACKOFF_MAX", default=10 * 60)
NOTIFICATIONS_ALERT_LIFETIME_HOURS = env.float("NOTIFICATIONS_ALERT_LIFETIME_HOURS", default=48)
NOTIFICATIONS_LATE_AFTER_MINUTES = env.float("NOTIFICATIONS_LATE_AFTER_MINUTES", default=15)
OUTBOX_SWEEP_AFTER_MINUTES = env.float("OUTBOX_SWEEP_AFTER_MINUTES", default=5)
OUTBOX_CLAIM_LEASE_SECONDS = env.float("OUTBOX_CLAIM_LEASE_SECONDS", default=5 * 60)
REMINDER_AFTER_DAYS = env.int("REMINDER_AFTER_DAYS", default=2)

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # a hung Redis costs 0.5 s, no more
    _timeout = env.float("CACHE_SOCKET_TIMEOUT", default=0.5)
    _options = CACHES["default"].setdefault("OPTIONS", {})
    _options.setdefault("socket_timeout", _timeout)
    _options.setdefault("socket_connect_timeout", _timeout)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own configuration gives "django" a console handler of its own, which also
        # passed each record on to ours: every line printed twice (the runserver reloader's
        # among them). Ours only; its other handler mails ADMINS, which we do not set.
        "django": {"handlers": [], "level": "INFO"},
        # Django logs the request path of 4xx/5xx; our URLs carry no personal data.
        "django.request": {"level": "ERROR"},
        # django-axes logs four lines per staff login (housekeeping, the user masked); its
        # warnings stay (a failed attempt, a lockout). The login's line is
        # cpasonline.logins's, with the staff member's username and id.
        "axes": {"level": "WARNING"},
    },
}

# Content-Security-Policy (django-csp): everything from this site only, no inline script
# or style, no framing. Forms post to this site only; a page whose form posts elsewhere
# (the SAML identity provider) adds that origin to CSP_FORM_ACTION_EXTRA before this.
CSP_FORM_ACTION_EXTRA = env.list("CSP_FORM_ACTION_EXTRA", default=[])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, *CSP_FORM_ACTION_EXTRA],
        "frame-ancestors": [NONE],
    },
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

from .settings_features import *  # noqa: E402, F403 (the features' own settings)

CELERY_BEAT_SCHEDULE.update(FEATURE_BEAT_SCHEDULE)  # noqa: F405
