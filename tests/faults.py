"""Real components for fault tests, each started and stopped by the test (by its PID):
a Redis of the test's own, an SMTP server (aiosmtpd) that can be down, refuse or stall,
and Celery worker and beat processes on the test database."""

import asyncio
import email
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from cpasonline.celery import app as celery_app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, *, timeout: float, every: float = 0.1, what: str = "condition"):
    """Poll ``predicate`` until it returns something true; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@contextmanager
def broker(url: str):
    """Point this process's Celery app at another broker for a while."""

    def reset():
        # Forget the connection pools; kombu keeps one per URL for when we come back.
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    # Celery reads the environment variable first (the test settings set it).
    old = os.environ["CELERY_BROKER_URL"]
    reset()
    os.environ["CELERY_BROKER_URL"] = url
    try:
        yield
    finally:
        reset()
        os.environ["CELERY_BROKER_URL"] = old


class RedisServer:
    """A redis-server of the test's own on a free port, without persistence."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(  # noqa: S603
            [
                *(binary, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.directory)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self._answers, timeout=10, what="redis-server")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@dataclass
class Received:
    at: float
    message_id: str
    kind: str
    to: list[str]


@dataclass
class SmtpServer:
    """aiosmtpd in a thread. ``refuse_next`` sessions get 451 at RCPT; a message of a
    kind in ``stall`` is stored, then answered 250 only after that many seconds (the
    server has it while the client still waits)."""

    port: int = field(default_factory=free_port)
    received: list[Received] = field(default_factory=list)
    sessions: list[float] = field(default_factory=list)  # when each MAIL FROM came
    refuse_next: int = 0
    stall: dict[str, float] = field(default_factory=dict)
    stored: threading.Event = field(default_factory=threading.Event)
    _controller: Controller | None = None

    def start(self) -> None:
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's chatter
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller:
            self._controller.stop()
            self._controller = None

    def message_ids(self, kind: str | None = None) -> list[str]:
        return [r.message_id for r in list(self.received) if kind in (None, r.kind)]

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.sessions.append(time.monotonic())
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_next > 0:
            self.refuse_next -= 1
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        kind = message["X-CPAS-Online-Kind"]
        self.received.append(
            Received(time.monotonic(), message["Message-ID"], kind, list(envelope.rcpt_tos))
        )
        self.stored.set()
        if delay := self.stall.get(kind):
            await asyncio.sleep(delay)
        return "250 OK"


class CeleryProcess:
    """``celery -A cpasonline worker`` (solo pool) or ``beat``, on the test database."""

    def __init__(self, kind: str, directory: Path, env: dict[str, str], name: str = ""):
        self.kind = kind
        self.log_path = directory / f"{kind}{name}.log"
        db = connection.settings_dict
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cpasonline.settings_test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            **env,
        }
        if kind == "worker":
            self.args = [
                *("worker", "--pool=solo", "--without-heartbeat", "--without-gossip"),
                *(
                    "--without-mingle",
                    "--loglevel=INFO",
                    f"--hostname=fault{name}-{os.getpid()}@%h",
                ),
            ]
        else:
            self.args = ["beat", "--loglevel=INFO", f"--schedule={directory / 'beat-schedule'}"]
        self.process: subprocess.Popen | None = None

    def start(self) -> "CeleryProcess":
        self._log = self.log_path.open("a")
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "celery", "-A", "cpasonline", *self.args],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        return self

    def log(self) -> str:
        return self.log_path.read_text()

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, no acknowledgement, nothing written."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._log.close()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self._log.close()
