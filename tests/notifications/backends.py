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
