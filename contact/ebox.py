"""The eBox (federal electronic mailbox, law of 27 February 2019; for CPAS, law of
29 February 2024), behind a small interface like the National Register client.

``EBOX_CLIENT`` names the class (a dotted path to a class taking no argument). The
fake one writes each message as a JSON file under ``EBOX_FAKE_DIR``, for development
and tests: a real client speaks to the eBox's message registry for the CPAS as sender.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class EboxMessage:
    national_number: str  # the addressee: an eBox is opened by national number
    subject: str
    body: str
    language: str
    message_id: str  # the same for every copy of one outbox row


class EboxClient(Protocol):
    def send(self, message: EboxMessage) -> None:
        """Deposit the message; raise on any failure (the outbox tries again)."""
        ...

    def was_delivered(self, message_id: str) -> bool | None:
        """Whether a message with this id was deposited (None: cannot tell)."""
        ...


class FakeEboxClient:
    """Messages as files, one per message id: for development and tests only."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder or settings.EBOX_FAKE_DIR)

    def _path(self, message_id: str) -> Path:
        name = "".join(c if c.isalnum() else "_" for c in message_id)
        return self.folder / f"{name}.json"

    def send(self, message: EboxMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._path(message.message_id).write_text(json.dumps(asdict(message)), "utf-8")

    def was_delivered(self, message_id: str) -> bool | None:
        return self._path(message_id).exists()

    def messages(self) -> list[EboxMessage]:
        if not self.folder.exists():
            return []
        return [
            EboxMessage(**json.loads(path.read_text("utf-8")))
            for path in sorted(self.folder.glob("*.json"))
        ]


def get_ebox_client() -> EboxClient:
    return import_string(settings.EBOX_CLIENT)()
