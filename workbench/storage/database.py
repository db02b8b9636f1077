"""Opening a workspace: WAL, foreign keys on for every connection, schema migrated."""

import sqlite3
from pathlib import Path

import sqlite_utils

from workbench.domain import SchemaTooNew, WorkbenchError
from workbench.storage.migrations import check_version, migrate


def _connect(path: str) -> sqlite3.Connection:
    # check_same_thread=False: workers hand a connection to one writer thread at a time;
    # we never share a connection between threads concurrently.
    conn = sqlite3.connect(path, check_same_thread=False, timeout=10, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def open_database(path: Path | str, *, create: bool = True) -> sqlite_utils.Database:
    """Open (or create) a workspace file and bring its schema up to date."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise WorkbenchError(f"{path} is a folder, not a workspace file")
    if not path.exists():
        if not create:
            raise WorkbenchError(f"No workspace at {path}")
        if path.parent.exists() and not path.parent.is_dir():
            raise WorkbenchError(f"Cannot create a workspace at {path}: {path.parent.name} is not a folder")
        if not path.parent.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkbenchError(f"Cannot create a workspace at {path}: {exc.strerror or exc}") from exc
    elif path.stat().st_size > 0:
        _check_sqlite_header(path)
    try:
        conn = _connect(str(path))
        db = sqlite_utils.Database(conn, execute_plugins=False)  # we use no plugins; skip their start-up cost
        check_version(db)  # before WAL is switched on: a refused file stays byte for byte
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        migrate(db, path)
    except SchemaTooNew:
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        raise WorkbenchError(f"{path} is not a usable workspace: {exc}") from exc
    except OSError as exc:
        raise WorkbenchError(f"Cannot open the workspace {path}: {exc.strerror or exc}") from exc
    return db


def open_memory_database() -> sqlite_utils.Database:
    db = sqlite_utils.Database(_connect(":memory:"), execute_plugins=False)
    migrate(db, None)
    return db


def _check_sqlite_header(path: Path) -> None:
    with path.open("rb") as fh:
        head = fh.read(16)
    if head != b"SQLite format 3\x00":
        raise WorkbenchError(f"{path} is not a Fact Workbench workspace (not an SQLite file)")
