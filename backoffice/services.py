"""Writes of the back-office itself: the access log, and the social software's
retrievals. A request's steps are the request core's services (``intake.services``)."""

from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from intake.constants import EventKind
from intake.models import AidRequest
from intake.services import aid_request_event_record

from .constants import AccessAction
from .models import AccessLogEntry, ApiToken, Retrieval, User

_ACCESS_LOG_INSERT = """
INSERT INTO {table} (at, user_id, api_token_id, api_client_id, aid_request_id, action,
                     ip_address)
SELECT %s::timestamptz, %s::bigint, %s::bigint, %s::bigint, aid_request_id, %s::varchar,
       %s::inet
FROM unnest(%s::bigint[]) AS aid_request_id
"""


def access_log_record(
    *,
    aid_requests: Iterable[AidRequest | int],
    action: AccessAction,
    ip_address: str | None,
    user: User | None = None,
    api_token: ApiToken | None = None,
    api_client=None,
) -> None:
    """Write one access-log line per request consulted (docs/data-protection.md): the
    same instant, who, action and address on each. One statement whatever their number
    (a page of the feed shows hundreds): no model object per line."""
    # A request or its key (the feed reads hundreds as values, not objects).
    keys = [getattr(aid_request, "pk", aid_request) for aid_request in aid_requests]
    if not keys:
        return
    if connection.vendor != "postgresql":  # the embedded database (no unnest)
        at = timezone.now()
        AccessLogEntry.objects.bulk_create(
            AccessLogEntry(
                at=at,
                user=user,
                api_token=api_token,
                api_client=api_client,
                aid_request_id=key,
                action=action,
                ip_address=ip_address or None,
            )
            for key in keys
        )
        return
    address = AccessLogEntry._meta.get_field("ip_address").get_prep_value(ip_address or None)
    params = [
        timezone.now(),
        getattr(user, "pk", None),
        getattr(api_token, "pk", None),
        getattr(api_client, "pk", None),
        AccessAction(action).value,
        address,
        keys,
    ]
    sql = _ACCESS_LOG_INSERT.format(table=connection.ops.quote_name(AccessLogEntry._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


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
