"""The append-only change log: every change also writes a history row."""

import json
from dataclasses import asdict, is_dataclass
from datetime import datetime, timezone
from typing import Any

import sqlite_utils

from workbench.domain import HistoryEntry
from workbench.storage.dialect import actor


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _to_json(value: Any) -> str | None:
    if value is None:
        return None
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    return json.dumps(value, default=str, ensure_ascii=False, sort_keys=True)


def record(db: sqlite_utils.Database, entity: str, entity_id: int, action: str,
           before: Any = None, after: Any = None) -> None:
    db.execute(  # on a team workspace the server sets changed_by from the login, whatever is sent
        "INSERT INTO history(entity, entity_id, action, before, after, at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [entity, entity_id, action, _to_json(before), _to_json(after), now_iso(), actor(db)],
    )


def last_id(db: sqlite_utils.Database, entity: str) -> int:
    """The id of the newest history row of an entity (0 when none): a cheap version stamp."""
    row = db.execute("SELECT MAX(id) FROM history WHERE entity = ?", [entity]).fetchone()
    return row[0] or 0


def entries(db: sqlite_utils.Database, entity: str | None = None,
            entity_id: int | None = None) -> list[HistoryEntry]:
    sql, params = "SELECT * FROM history", []
    if entity is not None:
        sql += " WHERE entity = ?"
        params.append(entity)
        if entity_id is not None:
            sql += " AND entity_id = ?"
            params.append(entity_id)
    rows = db.execute_returning_dicts(sql + " ORDER BY id", params)
    return [
        HistoryEntry(
            id=r["id"], entity=r["entity"], entity_id=r["entity_id"], action=r["action"],
            before=json.loads(r["before"]) if r["before"] else None,
            after=json.loads(r["after"]) if r["after"] else None, at=r["at"], by=r.get("changed_by", ""),
        )
        for r in rows
    ]
