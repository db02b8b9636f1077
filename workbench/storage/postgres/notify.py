"""Changes made by others, as they happen: every history row is announced on one channel (schema.py)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass

import psycopg

from workbench.storage.postgres.schema import CHANNEL


@dataclass(frozen=True, slots=True)
class RemoteChange:
    entity: str
    entity_id: int
    action: str
    by: str
    history_id: int = 0
    article_id: int | None = None  # the claim's article, when the history row names it (add, delete, split...)


RESYNC = RemoteChange("*", 0, "resync", "")  # the connection was lost: anything may have changed meanwhile


class ChangeFeed:
    """Its own connection, listening; `poll` never blocks longer than asked. `ignore_pid` names the listening
    window's own connection: its changes are already on screen. `connect` opens a connection with the
    workspace's credentials (a password typed at the prompt included)."""

    def __init__(self, connect: Callable[[], psycopg.Connection], ignore_pid: Callable[[], int | None]) -> None:
        self._connect = connect
        self.ignore_pid = ignore_pid
        self.conn: psycopg.Connection | None = None
        self._fresh: psycopg.Connection | None = None  # set by the reconnecting thread
        self._reconnecting: threading.Thread | None = None
        self._closed = False
        self._lock = threading.Lock()  # between close() and the reconnecting thread handing over its connection
        self.conn = self._listen()

    def _listen(self) -> psycopg.Connection:
        conn = self._connect()
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    @property
    def connected(self) -> bool:
        return self.conn is not None and not self.conn.closed and not self.conn.broken

    def poll(self, timeout: float = 0.0) -> list[RemoteChange]:
        """What others changed since the last poll. After a lost connection (a server restart), RESYNC
        once it is back; while the server is away, nothing. Reconnecting happens on a thread of its own, so a
        window polling its feed never waits for an unreachable server."""
        if not self.connected:
            with self._lock:
                fresh, self._fresh = self._fresh, None
            if fresh is not None:
                self.conn = fresh
                return [RESYNC]
            self._reconnect_in_background()
            return []
        found: list[RemoteChange] = []
        own = self.ignore_pid()
        try:
            for note in self.conn.notifies(timeout=timeout, stop_after=None):
                if note.pid == own:
                    continue
                data = json.loads(note.payload)
                article = data.get("article_id")
                found.append(RemoteChange(data["entity"], int(data["entity_id"]), data["action"],
                                          data.get("by") or "", int(data.get("id", 0)),
                                          int(article) if article is not None else None))
        except psycopg.OperationalError:
            self.conn.close()
            return []
        return found

    def _reconnect_in_background(self) -> None:
        if self._reconnecting is not None and self._reconnecting.is_alive():
            return

        def attempt() -> None:
            try:
                conn = self._listen()
            except psycopg.Error:
                return  # the next poll tries again
            with self._lock:
                if not self._closed:
                    self._fresh, conn = conn, None
            if conn is not None:
                conn.close()

        self._reconnecting = threading.Thread(target=attempt, name="change feed reconnect", daemon=True)
        self._reconnecting.start()

    def close(self) -> None:
        with self._lock:
            self._closed = True
        for conn in (self.conn, self._fresh):
            if conn is not None:
                conn.close()
