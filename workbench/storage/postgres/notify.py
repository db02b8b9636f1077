"""Changes made by others, as they happen: every history row is announced on one channel (schema.py)."""

from __future__ import annotations

import json
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
    """Its own connection, listening; `poll` never blocks longer than asked. `ignore_pid` is the listening
    window's own connection: its changes are already on screen."""

    def __init__(self, url: str, ignore_pid: int | None = None) -> None:
        self.url = url
        self.ignore_pid = ignore_pid
        self.conn: psycopg.Connection | None = None
        self._listen()

    def _listen(self) -> None:
        self.conn = psycopg.connect(self.url, autocommit=True, connect_timeout=5,
                                    application_name="Fact Workbench (changes)")
        self.conn.execute(f"LISTEN {CHANNEL}")

    def poll(self, timeout: float = 0.0) -> list[RemoteChange]:
        """What others changed since the last poll. After a lost connection (a server restart), RESYNC
        once it is back; while the server is away, nothing."""
        if self.conn is None or self.conn.closed or self.conn.broken:
            try:
                self._listen()
            except psycopg.OperationalError:
                return []
            return [RESYNC]
        found: list[RemoteChange] = []
        try:
            for note in self.conn.notifies(timeout=timeout, stop_after=None):
                if note.pid == self.ignore_pid:
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

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
