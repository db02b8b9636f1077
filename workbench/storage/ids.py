"""Fresh ids that are never reused, like AUTOINCREMENT, while undo can still restore an exact id."""

import sqlite_utils

_TABLES = ("claims", "evidence")


def next_id(db: sqlite_utils.Database, table: str) -> int:
    """The next unused id of a table; call inside the action's transaction."""
    if table not in _TABLES:
        raise ValueError(f"no id counter for {table}")
    row = db.execute("SELECT last FROM id_counters WHERE entity = ?", [table]).fetchone()
    highest = db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    new = max(row[0] if row else 0, highest) + 1
    db.execute("INSERT INTO id_counters(entity, last) VALUES (?, ?)"
               " ON CONFLICT(entity) DO UPDATE SET last = excluded.last", [table, new])
    return new
