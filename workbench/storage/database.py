"""Opening a workspace: WAL, foreign keys on for every connection, schema migrated.

The workspace file is never opened outside SQLite: closing any descriptor of a file drops all of this
process's POSIX locks on it, and another process would then think it is alone, checkpoint and delete the
WAL holding our acknowledged edits. So the header check and the backup both go through SQLite."""

import sqlite3
from collections.abc import Generator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from workbench.domain import SchemaTooNew, WorkbenchError
from workbench.storage.migrations import check_version, migrate


BUSY_TIMEOUT_S = 30  # how long a write waits for another process's (short) write transaction


class Workspace(sqlite_utils.Database):
    """sqlite-utils' Database whose transactions take the write lock up front (BEGIN IMMEDIATE).

    A deferred BEGIN that reads before it writes cannot wait on the busy timeout when another process
    writes in between: SQLite fails it at once with "database is locked". Taking the lock first makes
    every user action wait its turn instead."""

    @contextmanager
    def atomic(self) -> Generator["Workspace", None, None]:
        if self.conn.in_transaction:
            with super().atomic():  # a savepoint inside the outer transaction
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()


def _connect(path: str) -> sqlite3.Connection:
    # check_same_thread=False: workers hand a connection to one writer thread at a time;
    # we never share a connection between threads concurrently.
    conn = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_TIMEOUT_S, isolation_level=None)
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
    try:
        conn = _connect(str(path))
        db = Workspace(conn, execute_plugins=False)  # we use no plugins; skip their start-up cost
        _check_sqlite_file(db, path)
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
    db = Workspace(_connect(":memory:"), execute_plugins=False)
    migrate(db, None)
    return db


def _check_sqlite_file(db: sqlite_utils.Database, path: Path) -> None:
    """Refuse a file that is not SQLite, reading it through SQLite itself (see the module docstring)."""
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        db.conn.close()
        if "not a database" in str(exc):
            raise WorkbenchError(f"{path} is not a Fact Workbench workspace (not an SQLite file)") from exc
        raise


def workspace_files(db: sqlite_utils.Database) -> tuple[Path, ...]:
    """The workspace file and its WAL and shared-memory files (nothing for an in-memory workspace)."""
    row = next((r for r in db.execute("PRAGMA database_list").fetchall() if r[1] == "main"), None)
    if row is None or not row[2]:
        return ()
    main = Path(row[2])
    return (main, main.with_name(main.name + "-wal"), main.with_name(main.name + "-shm"))
