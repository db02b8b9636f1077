"""Fresh ids that are never reused, like AUTOINCREMENT, while undo can still restore an exact id."""

import sqlite_utils

_TABLES = ("articles", "claims", "evidence")


def next_id(db: sqlite_utils.Database, table: str) -> int:
    """The next unused id of a table; call inside the action's transaction.

    One statement that bumps the counter row and returns it: on a team workspace the row lock makes two
    writers that insert at the same moment take turns instead of picking the same id."""
    if table not in _TABLES:
        raise ValueError(f"no id counter for {table}")
    row = db.execute(
        f"INSERT INTO id_counters(entity, last) SELECT ?, coalesce(max(id), 0) + 1 FROM {table} WHERE true"
        " ON CONFLICT(entity) DO UPDATE SET last = CASE WHEN excluded.last > id_counters.last + 1"
        " THEN excluded.last ELSE id_counters.last + 1 END RETURNING last", [table],
    ).fetchone()
    return row[0]
