"""How long a wizard's answers are kept without activity (docs/data-protection.md,
"Answers in the browser session").

The wizard's clock (``seen``, in the wizard's data) moves when a page is shown or
answered, at most every ``resolution()`` seconds so that a page view writes nothing, and
at once when the person asks for more time (``idle_touch``). The session row expires a
little after the idle window, so that the purge deletes it: nothing is kept longer.
"""

from django.conf import settings
from django.utils import timezone

# formtools' storage prefix for ``RequestWizard``.
PREFIX = "wizard_request_wizard"


def idle_seconds() -> float:
    return settings.WIZARD_IDLE_TIMEOUT.total_seconds()


def resolution() -> float:
    """The clock moves at most once a minute (or a tenth of a short test window)."""
    return min(60.0, idle_seconds() / 10)


def idle_touch(extra_data: dict) -> None:
    """Move the clock now."""
    extra_data["seen"] = timezone.now().timestamp()


def session_expires_with_the_window(session) -> None:
    """The session row expires when the idle window does (plus the clock's step): the
    purge then deletes it. Set whenever the wizard's data is written."""
    session.set_expiry(int(idle_seconds() + resolution()) + 1)


def idle_remaining(extra_data: dict) -> float | None:
    """Seconds before the answers are dropped; None when there are none to drop."""
    seen = extra_data.get("seen")
    if not seen:
        return None
    return idle_seconds() - (timezone.now().timestamp() - seen)


def wizard_data(session) -> dict | None:
    """The wizard's data in a session, or None when it holds no answer."""
    data = session.get(PREFIX)
    if not data or not data.get("step_data"):
        return None
    return data


def wizard_extend(session) -> float | None:
    """Keep the answers for another idle window (the "Continue" button); the seconds
    they are now kept, or None when they are already gone."""
    data = wizard_data(session)
    if data is None:
        return None
    remaining = idle_remaining(data["extra_data"])
    if remaining is None or remaining <= 0:
        return None
    idle_touch(data["extra_data"])
    session_expires_with_the_window(session)
    return idle_seconds()


def timeout_context(data: dict) -> dict:
    """What the page's time-out warning needs (templates/wizard/includes/timeout.html):
    the warning is given only when there are answers to lose."""
    remaining = idle_remaining(data["extra_data"])
    return {
        "minutes": round(idle_seconds() / 60),
        "warn": bool(data["step_data"]) and remaining is not None,
        "remaining": max(0, int(remaining or 0)),
        "warning": int(settings.WIZARD_WARNING.total_seconds()),
    }


def idle_answers_drop(session) -> None:
    """Drop the answers if their window has ended (the page saying so is shown)."""
    data = wizard_data(session)
    if data is not None and (idle_remaining(data["extra_data"]) or 0) <= 0:
        session.pop(PREFIX, None)
