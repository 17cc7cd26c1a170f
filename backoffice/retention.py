"""How long the back-office keeps its records (docs/data-protection.md, "Retention"):
the access log, the login records of django-axes, the second-factor invitations."""

from datetime import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db.models import Q

from .models import AccessLogEntry, StaffInvitation


def access_log_purge(*, before: datetime) -> int:
    """Delete the access log's lines older than ``before``; how many."""
    deleted, _by_model = AccessLogEntry.objects.filter(at__lt=before).delete()
    return deleted


def login_records_purge(*, before: datetime) -> int:
    """Delete django-axes' records (failed attempts, logins, failures) older than
    ``before``: usernames, addresses, browsers; how many."""
    return sum(
        model.objects.filter(attempt_time__lt=before).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )


def staff_invitations_purge(*, before: datetime) -> int:
    """Delete the invitations used or expired before ``before``; how many."""
    ended = Q(used_at__lt=before) | Q(expires_at__lt=before)
    deleted, _by_model = StaffInvitation.objects.filter(ended).delete()
    return deleted


def access_log_of_requests_purge(*, aid_request_pks: list[int]) -> int:
    """The access log's lines about these requests: test requests purged whole
    (docs/sandbox.md). Their API retrievals go with them (CASCADE)."""
    deleted, _by_model = AccessLogEntry.objects.filter(aid_request_id__in=aid_request_pks).delete()
    return deleted
