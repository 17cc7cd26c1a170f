"""The Celery options of every outbox channel's tasks (docs/notifications.md).

A delivery task gets a primary key: a database error before the claim leaves the row
untouched, so it is tried again a few times within a minute or two, then the sweeper
queues the row again. Late acknowledgement: a worker killed mid-task is redelivered."""

from django.db import DatabaseError

DELIVERY_TASK = {
    "acks_late": True,
    "soft_time_limit": 60,
    "time_limit": 90,
    "autoretry_for": (DatabaseError,),
    "max_retries": 5,
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "retry_jitter": False,
}
SWEEP_TASK = {"acks_late": True, "soft_time_limit": 120, "time_limit": 180}
