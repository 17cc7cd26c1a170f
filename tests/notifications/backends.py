"""Test mail backends: SMTP that fails a given number of times, then delivers."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakySMTPBackend(EmailBackend):
    failures_left = 0

    def send_messages(self, messages):
        if FlakySMTPBackend.failures_left > 0:
            FlakySMTPBackend.failures_left -= 1
            raise smtplib.SMTPRecipientsRefused(
                {"applicant@example.org": (451, b"4.3.0 try again later applicant@example.org")}
            )
        return super().send_messages(messages)
