"""The few places where the file (SQLite) and the team workspace (PostgreSQL) need different calls.

Repositories write portable SQL; where a statement cannot be (full-text search, bulk writes, read
snapshots), they ask here which backend a handle talks to and take the PostgreSQL SQL from storage/postgres/."""

from __future__ import annotations

import getpass
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any


def is_postgres_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def redact_url(url: str) -> str:
    """A team workspace URL without its password (after the user name, or a `password=` option), fit for
    titles, logs and messages."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    netloc, query = parts.netloc, parts.query
    userinfo, at, host = netloc.rpartition("@")
    if at and ":" in userinfo:
        user = userinfo.split(":", 1)[0]  # as written (a port that is not a number is shown, and refused later)
        netloc = f"{user}@{host}" if user else host
    if "password" in query.lower():
        query = ""  # all options go: a password holding '&' would run on into the next one
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def is_postgres(db: Any) -> bool:
    return getattr(db, "dialect", "sqlite") == "postgresql"


def executemany(db: Any, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    if is_postgres(db):
        db.executemany(sql, rows)
    else:
        db.conn.executemany(sql, rows)


@contextmanager
def read_snapshot(db: Any) -> Iterator[None]:
    """One read transaction, so a report never mixes states when a writer commits meanwhile."""
    if is_postgres(db):
        with db.snapshot():
            yield
        return
    if db.conn.in_transaction:
        yield  # the caller's transaction already gives one consistent view
        return
    db.execute("BEGIN")
    try:
        yield
    finally:
        db.execute("COMMIT")


def actor(db: Any) -> str:
    """Who acts: the team server's login, or the person logged in to this computer for a file."""
    if is_postgres(db):
        return db.conn.info.user
    return _computer_user()


@lru_cache(maxsize=1)
def _computer_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (containers): history still records the change
        return ""
