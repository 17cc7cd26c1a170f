"""Test mail backends: SMTP or the database failing a given number of times, then delivering."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend
from django.db import OperationalError


class FlakySMTPBackend(EmailBackend):
    failures_left = 0

    def send_messages(self, messages):
        if FlakySMTPBackend.failures_left > 0:
            FlakySMTPBackend.failures_left -= 1
            raise smtplib.SMTPRecipientsRefused(
                {"applicant@example.org": (451, b"4.3.0 try again later applicant@example.org")}
            )
        return super().send_messages(messages)


class BusyDatabaseBackend(EmailBackend):
    """The database fails while a row is being sent (SQLite busy, PostgreSQL restarting)."""

    failures_left = 0

    def send_messages(self, messages):
        if BusyDatabaseBackend.failures_left > 0:
            BusyDatabaseBackend.failures_left -= 1
            raise OperationalError("database is locked")
        return super().send_messages(messages)


class ObservingBackend(EmailBackend):
    """Looks at the row from another database connection while the message is sent:
    is the attempt committed, is the row free of locks, is a transaction open here?"""

    seen: list[dict] = []

    def send_messages(self, messages):
        import psycopg
        from django.db import connection

        db = connection.settings_dict
        pk = int(messages[0].extra_headers["Message-ID"].split("-")[1])
        with psycopg.connect(
            host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"]
        ) as other:
            row = other.execute(
                "SELECT state, attempts, claimed_at IS NOT NULL"
                " FROM notifications_outgoingemail WHERE id = %s FOR UPDATE NOWAIT",
                [pk],
            ).fetchone()
        ObservingBackend.seen.append({"row": row, "in_transaction": connection.in_atomic_block})
        return super().send_messages(messages)
