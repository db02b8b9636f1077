"""Is the workspace file writable, and is it intact? Asked before a long action and after a surprising answer."""

import sqlite3

import sqlite_utils


def writable(db: sqlite_utils.Database) -> bool:
    """False when the file cannot be written (a read-only file, folder or medium). Probed by a write that is
    rolled back, so nothing changes; a busy workspace counts as writable (the action will wait its turn).
    A team workspace (PostgreSQL) answers for itself: its server refuses what the user may not write."""
    if not _is_file(db):
        return True
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            db.execute(f"PRAGMA user_version = {version}")
        finally:
            db.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc) or "read-only" in str(exc):
            return False
        if "locked" in str(exc) or "busy" in str(exc):
            return True
        raise
    return True


def integrity_problem(db: sqlite_utils.Database) -> str | None:
    """The first problem PRAGMA quick_check finds, or None when the file is intact (or cannot even be checked:
    then the problem is reported as it is)."""
    if not _is_file(db):
        return None
    try:
        rows = db.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    first = str(rows[0][0]) if rows else "ok"
    return None if first == "ok" else " ".join(first.replace("*** in database main ***", "").split())


def is_sqlite_error(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error)


def is_read_only_error(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc)


def _is_file(db) -> bool:
    return isinstance(getattr(db, "conn", None), sqlite3.Connection)
