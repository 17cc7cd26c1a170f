"""The reference connector's "social software": a SQLite file (docs/integration.md).

``cases`` is what a social worker's software would hold; ``applied`` logs every event
applied (it has no unique key on purpose: a double application would show); ``cursor``
is the last seq applied, written in the same transaction as the events it covers.
``webhooks`` dedupes the wake-ups by webhook-id; ``webhook_log`` records every copy;
``announced`` every event a webhook named.
"""

import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS cursor (id INTEGER PRIMARY KEY CHECK (id = 1), after INTEGER NOT NULL);
INSERT OR IGNORE INTO cursor VALUES (1, 0);
CREATE TABLE IF NOT EXISTS applied (
    id INTEGER PRIMARY KEY AUTOINCREMENT, seq INTEGER NOT NULL, type TEXT NOT NULL,
    reference TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cases (
    reference TEXT PRIMARY KEY, status TEXT NOT NULL, register_number INTEGER,
    national_number TEXT, last_name TEXT, first_name TEXT, reception_date TEXT,
    decision_deadline TEXT, test INTEGER NOT NULL DEFAULT 0, held INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS webhooks (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS webhook_log (id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS announced (event_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
"""
LEAVING = {"request.transferred_out"}


def connect(path: Path | str, *, shared: bool = False) -> sqlite3.Connection:
    """``shared``: used by several threads, one at a time (the caller holds a lock)."""
    db = sqlite3.connect(  # explicit BEGIN … COMMIT
        path, timeout=30, isolation_level=None, check_same_thread=not shared
    )
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")  # a commit survives a SIGKILL
    db.executescript(SCHEMA)
    return db


def cursor(db: sqlite3.Connection) -> int:
    return db.execute("SELECT after FROM cursor").fetchone()[0]


def _apply(db: sqlite3.Connection, event: dict) -> None:
    reference, request = event["reference"], event.get("request")
    db.execute(
        "INSERT INTO applied (seq, type, reference) VALUES (?, ?, ?)",
        (event["seq"], event["type"], reference),
    )
    db.execute(
        "INSERT OR IGNORE INTO cases (reference, status, test) VALUES (?, ?, ?)",
        (reference, event["type"], int(event["test"])),
    )
    db.execute("UPDATE cases SET status = ? WHERE reference = ?", (event["type"], reference))
    data = event["data"]
    if event["type"] == "request.registered":
        db.execute(
            "UPDATE cases SET register_number = ? WHERE reference = ?", (data["number"], reference)
        )
    if request:  # the request arrived here: its data, while this CPAS holds it
        db.execute(
            "UPDATE cases SET national_number = ?, last_name = ?, first_name = ?, "
            "reception_date = ?, decision_deadline = ?, held = 1 WHERE reference = ?",
            (
                request["national_number"],
                request["last_name"],
                request["first_name"],
                request["reception_date"],
                request["decision_deadline"],
                reference,
            ),
        )
    if event["type"] in LEAVING:  # the file goes with the request to the other CPAS
        db.execute(
            "UPDATE cases SET held = 0, national_number = NULL, last_name = NULL, "
            "first_name = NULL WHERE reference = ?",
            (reference,),
        )


def apply_page(db: sqlite3.Connection, events: list[dict], next_after: int) -> int:
    """Apply a page and move the cursor in one transaction; events at or before the
    cursor (a page read twice) are skipped. The number applied."""
    db.execute("BEGIN IMMEDIATE")
    try:
        after = cursor(db)
        fresh = [event for event in events if event["seq"] > after]
        for event in fresh:
            _apply(db, event)
        db.execute("UPDATE cursor SET after = ? WHERE id = 1", (max(after, next_after),))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return len(fresh)


def webhook_record(db: sqlite3.Connection, msg_id: str, events: list[dict]) -> bool:
    """Log a webhook copy and the events it names; True the first time its id is seen."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("INSERT INTO webhook_log (id) VALUES (?)", (msg_id,))
        new = db.execute("INSERT OR IGNORE INTO webhooks VALUES (?)", (msg_id,)).rowcount
        db.executemany(
            "INSERT OR IGNORE INTO announced VALUES (?, ?)",
            [(event["id"], event["seq"]) for event in events],
        )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return bool(new)
