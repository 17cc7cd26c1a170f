"""How an outbox row leaves: one transport per channel (docs/notifications.md).

A transport gives a row its stable message identifier, sends the row (raising on any
failure) and describes a failure without its message text. ``was_delivered`` answers
for an attempt that was interrupted after the message may have left: True, False, or
None when the transport cannot tell (SMTP cannot).
"""

from typing import Protocol

from .emails import build_message, message_id_for
from .models import OutboxMessage, OutgoingEmail


class Transport(Protocol):
    def message_id(self, row: OutboxMessage) -> str: ...

    def send(self, row: OutboxMessage) -> None: ...

    def was_delivered(self, row: OutboxMessage) -> bool | None: ...

    def describe(self, error: Exception) -> str: ...


class EmailTransport:
    """Django's email backend (SMTP in production): one message per connection."""

    def message_id(self, row: OutgoingEmail) -> str:
        return message_id_for(row)

    def send(self, row: OutgoingEmail) -> None:
        build_message(row).send()

    def was_delivered(self, row: OutgoingEmail) -> bool | None:
        # SMTP has no way to ask a server whether it took a message.
        return None

    def describe(self, error: Exception) -> str:
        """The error's class and SMTP code, never its text: SMTP replies may quote the
        recipient's address."""
        code = getattr(error, "smtp_code", None)
        if code is None and getattr(error, "recipients", None):
            # SMTPRecipientsRefused: {address: (code, text)}; keep the code only.
            codes = {reply[0] for reply in error.recipients.values()}
            code = "/".join(str(value) for value in sorted(codes))
        return f"{type(error).__name__} {code}" if code else type(error).__name__
