"""Writes of the back-office itself: the access log, and the social software's
retrievals. A request's steps are the request core's services (``intake.services``)."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from intake.constants import EventKind
from intake.models import AidRequest
from intake.services import aid_request_event_record

from .constants import AccessAction
from .models import AccessLogEntry, ApiToken, Retrieval, User


def access_log_record(
    *,
    aid_requests: Iterable[AidRequest | int],
    action: AccessAction,
    ip_address: str | None,
    user: User | None = None,
    api_token: ApiToken | None = None,
    api_client=None,
) -> None:
    """Write one access-log line per request consulted (docs/data-protection.md)."""
    at = timezone.now()
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            at=at,
            user=user,
            api_token=api_token,
            api_client=api_client,
            # A request or its key (the feed reads hundreds as values, not objects).
            aid_request_id=getattr(aid_request, "pk", aid_request),
            action=action,
            ip_address=ip_address or None,
        )
        for aid_request in aid_requests
    )


def aid_request_mark_retrieved(*, aid_request: AidRequest, caller) -> Retrieval:
    """The CPAS's social software (``api_auth.ApiCaller``) has the request; idempotent."""
    with transaction.atomic(durable=True):
        aid_request = AidRequest.objects.select_for_update().get(pk=aid_request.pk)
        now = timezone.now()
        retrieval, created = Retrieval.objects.get_or_create(
            aid_request=aid_request,
            cpas_id=caller.cpas_id,
            defaults={"token": caller.api_token, "client": caller.client, "retrieved_at": now},
        )
        if created:
            who = (
                {"token": caller.api_token.prefix}
                if caller.api_token
                else {"client": caller.client.client_id}
            )
            aid_request_event_record(
                aid_request=aid_request, kind=EventKind.RETRIEVED, at=now, **who
            )
    return retrieval
