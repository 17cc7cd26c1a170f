"""The reference connector: keeps a SQLite "social software" in sync with a CPAS's feed
(docs/integration.md, "The reference connector").

    CONNECTOR_TOKEN=… CONNECTOR_WEBHOOK_SECRET=whsec_… \
    python -m connector --api https://cpas-online.example --db social.sqlite3 \
        --listen 127.0.0.1:8765

The feed is the source of truth: the connector reads it page by page from its cursor,
applying each page and moving the cursor in one SQLite transaction, so that a connector
killed at any instant resumes with nothing missed and nothing twice. The webhooks only
wake it up (and are deduped by their webhook-id); without them it polls every
``--poll`` seconds. Standard library only.
"""

import argparse
import json
import os
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import store
from .verify import InvalidSignature, verify

PAGE = 500


SCHEMES = ("https", "http")  # http for a CPAS Online on the same machine or network


def api_address(api: str) -> str:
    """The address the operator gave, checked: https or http, with a host; never
    ``file:`` or another scheme urllib would open."""
    parts = urllib.parse.urlsplit(api)
    if parts.scheme not in SCHEMES or not parts.netloc:
        raise ValueError(f"--api must be an https:// (or http://) address, not {api!r}")
    return api.rstrip("/")


def read_page(api: str, token: str, after: int) -> dict:
    query = urllib.parse.urlencode({"after": after, "limit": PAGE})
    url = f"{api_address(api)}/api/v1/feed?{query}"
    request = urllib.request.Request(  # noqa: S310 — scheme checked by api_address
        url, headers={"Authorization": f"Bearer {token}"}
    )
    # nosec B310: the scheme is https or http, checked just above (api_address)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310  # nosec B310
        return json.load(response)


def sync(db, api: str, token: str) -> int:
    """Read and apply pages until the feed has no more; the number of events applied."""
    applied = 0
    while True:
        page = read_page(api, token, store.cursor(db))
        applied += store.apply_page(db, page["events"], page["next_after"])
        if not page["has_more"]:
            return applied


def receiver(db_path: str, secret: str, wake: threading.Event, address: tuple[str, int]):
    """The webhook receiver: check the signature, dedupe, wake the sync up, answer 204."""
    lock = threading.Lock()
    db = store.connect(db_path, shared=True)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            headers = {name.lower(): value for name, value in self.headers.items()}
            try:
                msg_id = verify(secret, headers=headers, body=body, now=int(time.time()))
            except InvalidSignature:
                self._answer(401)
                return
            events = json.loads(body).get("data", {}).get("events", [])
            with lock:
                store.webhook_record(db, msg_id, events)
            wake.set()
            self._answer(204)

        def _answer(self, status: int):
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(address, Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="connector", description=__doc__.split("\n\n")[0])
    parser.add_argument("--api", required=True, help="CPAS Online's address, without /api/v1")
    parser.add_argument("--db", required=True, help="the SQLite file")
    parser.add_argument("--listen", default="", help="host:port of the webhook receiver")
    parser.add_argument("--poll", type=float, default=60, help="seconds between reads anyway")
    parser.add_argument("--once", action="store_true", help="catch up once and stop")
    args = parser.parse_args(argv)
    try:
        api = api_address(args.api)
    except ValueError as error:
        parser.error(str(error))
    token = os.environ["CONNECTOR_TOKEN"]
    db = store.connect(args.db)
    wake = threading.Event()
    if args.listen:
        host, port = args.listen.rsplit(":", 1)
        receiver(args.db, os.environ["CONNECTOR_WEBHOOK_SECRET"], wake, (host, int(port)))
    print("connector ready", flush=True)
    while True:
        wake.clear()
        try:
            sync(db, api, token)
        except OSError as error:  # CPAS Online unreachable: try again at the next wake-up
            print(f"feed unreachable: {type(error).__name__}", file=sys.stderr, flush=True)
        if args.once:
            return 0
        wake.wait(args.poll)


if __name__ == "__main__":
    sys.exit(main())
