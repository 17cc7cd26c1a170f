"""A real server for tests that need one: gunicorn (and a Celery worker) as subprocesses
on the test database, and a small HTTP client that behaves like a browser (its own
cookie jar, redirects followed with GET, the forms' CSRF tokens sent back)."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from django.conf import settings

VENV_BIN = Path(sys.executable).parent
REDIRECTS = {301, 302, 303, 307, 308}
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CURRENT_STEP = re.compile(r'name="([\w-]+-current_step)" value="([^"]+)"')
REFERENCE = re.compile(r"CPAS-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Gunicorn:
    """gunicorn serving the project on a free port: its access log, its error log and
    the application's own log (Django's console handler, stderr) each in a file."""

    def __init__(self, env: dict[str, str], folder: Path):
        self.port = free_port()
        self.access_log = folder / "access.log"
        self.error_log = folder / "gunicorn-error.log"
        self.app_log = folder / "app.log"
        self._out = self.app_log.open("w")
        self.process = subprocess.Popen(  # noqa: S603 — our venv's gunicorn, fixed arguments
            [
                str(VENV_BIN / "gunicorn"),
                "cpasonline.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                "--workers=1",
                f"--access-logfile={self.access_log}",
                f"--error-logfile={self.error_log}",
                "--log-level=info",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.app_log.read_text()
            try:
                if Browser(self).request("GET", "/health/live/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 30 s")

    def close(self) -> None:
        stop(self.process)
        self._out.close()


def celery_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    out = log.open("w")
    return subprocess.Popen(  # noqa: S603 — our venv's Celery, fixed arguments
        [
            *(sys.executable, "-m", "celery", "-A", "cpasonline", "worker"),
            *("--pool=solo", "--without-heartbeat", "--without-gossip", "--without-mingle"),
            *("--loglevel=INFO", f"--hostname=logs-{os.getpid()}@%h"),
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )


class Browser:
    """One visitor with its cookie jar; each request on its own connection."""

    def __init__(self, server: Gunicorn):
        self.server = server
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict | None = None):
        """(status, Location, page)."""
        headers = {"User-Agent": "cpas-online-tests"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.server.port}"
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            page = response.read().decode("utf-8", "replace")
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, value = cookie.split(";", 1)[0].partition("=")
                if "max-age=0" in cookie.lower():
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = value
            return response.status, response.getheader("Location", ""), page
        finally:
            connection.close()

    def follow(self, method: str, path: str, fields: dict | None = None):
        """Request, then GET each redirect: (final status, final path, page)."""
        for _ in range(6):
            status, location, page = self.request(method, path, fields)
            if status not in REDIRECTS:
                return status, path, page
            target = urlsplit(urljoin(path, location))
            method, fields = "GET", None
            path = target.path + (f"?{target.query}" if target.query else "")
        raise AssertionError(f"too many redirects from {path}")

    def submit(self, path: str, page: str, fields: dict, *, action: str | None = None):
        """Post a form of ``page`` with its CSRF token (to ``action``, else ``path``)."""
        token = CSRF_TOKEN.search(page)
        assert token, f"no form on {path}"
        return self.follow("POST", action or path, {"csrfmiddlewaretoken": token[1], **fields})


def walk_wizard(browser: Browser, start: str, answers: dict[str, dict]) -> str:
    """Answer the wizard's steps (by step name) and return the confirmation's reference."""
    answers = dict(answers)
    status, path, page = browser.follow("GET", start)
    for _ in range(30):
        step = CURRENT_STEP.search(page)
        if step is None:
            break
        management, name = step.groups()
        assert status == 200 and name in answers, f"{path}: step {name!r} ({status})"
        fields = {f"{name}-{key}": value for key, value in answers.pop(name).items()}
        status, path, page = browser.submit(path, page, {management: name, **fields})
    reference = REFERENCE.search(page)
    assert status == 200 and reference, f"{path} answered {status} without a reference"
    return reference[0]
