"""Settings of the features built on the core: the sandbox, the first contact, the
integration with the social software. Read from the environment like the rest
(cpasonline/settings.py); each group names the docs/ page that explains it."""

from pathlib import Path

from celery.schedules import crontab

from .settings_env import DEBUG, VAR_DIR, env
from .settings_env import required_in_production as _required_in_production

# The sandbox (docs/sandbox.md): how long a CPAS's test link works, and how long a test
# request is kept before the nightly retention task deletes it.
SANDBOX_LINK_DAYS = env.int("SANDBOX_LINK_DAYS", default=90)
SANDBOX_RETENTION_DAYS = env.int("SANDBOX_RETENTION_DAYS", default=7)

# The first contact (docs/first-contact.md): the applicant's link, the appointments, the eBox.
CONTACT_LINK_DAYS = env.int("CONTACT_LINK_DAYS", default=90)
CONTACT_LINK_RATE = env.str("CONTACT_LINK_RATE", default="30/h")
CONTACT_NO_REACTION_DAYS = env.int("CONTACT_NO_REACTION_DAYS", default=7)
EBOX_ENABLED = env.bool("EBOX_ENABLED", default=DEBUG)
EBOX_CLIENT = env.str("EBOX_CLIENT", default="contact.ebox.FakeEboxClient")
EBOX_FAKE_DIR = Path(env.str("EBOX_FAKE_DIR", default=str(VAR_DIR / "ebox")))
if EBOX_ENABLED:
    _required_in_production("EBOX_CLIENT")

# The social software API (docs/api.md): calls of one client (a vendor's, or a CPAS's
# own token) in all the CPAS it serves; a vendor's access token's lifetime; how long an
# Idempotency-Key and its first response are kept.
API_CLIENT_RATE = env.str("API_CLIENT_RATE", default="600/m")
VENDOR_TOKEN_SECONDS = env.int("VENDOR_TOKEN_SECONDS", default=3600)
IDEMPOTENCY_KEY_HOURS = env.int("IDEMPOTENCY_KEY_HOURS", default=24)

# Webhooks (docs/integration.md): retried this long, then dead-lettered; plain http://
# only to a loopback address, for a connector on the same machine (development, tests).
WEBHOOK_LIFETIME_HOURS = env.float("WEBHOOK_LIFETIME_HOURS", default=72)
WEBHOOK_ALLOW_LOOPBACK_HTTP = env.bool("WEBHOOK_ALLOW_LOOPBACK_HTTP", default=DEBUG)
# After a rotation of a webhook's secret the old one signs beside the new one this long.
WEBHOOK_SECRET_OVERLAP_HOURS = env.float("WEBHOOK_SECRET_OVERLAP_HOURS", default=24)

# Their periodic tasks, added to CELERY_BEAT_SCHEDULE by cpasonline/settings.py.
FEATURE_BEAT_SCHEDULE = {
    # The webhooks' outbox (docs/integration.md): the same sweep, its own channel.
    "integration-sweep-webhooks": {
        "task": "integration.tasks.sweep_webhooks",
        "schedule": env.float("OUTBOX_SWEEP_SECONDS", default=15.0),
    },
    # The applicant's messages (email or eBox): the same sweeper for their outbox.
    "contact-sweep-outbox": {
        "task": "contact.tasks.sweep_applicant_messages",
        "schedule": env.float("OUTBOX_SWEEP_SECONDS", default=15.0),
    },
    # Proposals left unanswered (docs/first-contact.md), every hour.
    "contact-mark-no-reaction": {
        "task": "contact.tasks.mark_no_reaction",
        "schedule": crontab(minute=5),
    },
    # The monitoring's rollup (docs/monitoring.md, "Freshness"): the last weeks every
    # quarter of an hour, the last year nightly (before the outbox's rows are purged).
    "monitoring-refresh-recent": {
        "task": "monitoring.tasks.refresh_recent",
        "schedule": crontab(minute="*/15"),
    },
    "monitoring-refresh-year": {
        "task": "monitoring.tasks.refresh_year",
        "schedule": crontab(hour=2, minute=40),
    },
}
