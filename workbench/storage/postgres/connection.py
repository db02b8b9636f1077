"""A team workspace handle with the calls repositories make on a file workspace (execute, atomic, ...).

Repositories write portable SQL with `?` placeholders; this handle turns them into psycopg's `%s` once per
statement text. Credentials never leave libpq: the URL a person gives is kept only without its password
(passwords come from ~/.pgpass, PGPASSWORD or a prompt)."""

from __future__ import annotations

import getpass
import re
import sys
import time
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg import errors as pg_errors
from psycopg.rows import dict_row

from workbench.domain import ConnectionLost, PasswordNeeded, PermissionRefused, WorkbenchError
from workbench.storage.dialect import redact_url

RECONNECT_SECONDS = 30.0  # how long a lost connection is retried before the person is told it failed
# Passwords typed at the prompt, by workspace (as shown, without any password): the window's background
# connections and the change feed use them instead of asking again. In this process's memory only.
_TYPED: dict[str, str] = {}


# OVERLAPS is a reserved word in PostgreSQL (the period operator) but the name of a table in both schemas.
_RESERVED_TABLE = re.compile(r'(?<![".\w])overlaps(?![\w"])', re.IGNORECASE)


@lru_cache(maxsize=1024)
def _to_pyformat(sql: str, params: bool = True) -> str:
    """`?` placeholders outside quotes become `%s`; a literal `%` is doubled; the table overlaps is quoted."""
    sql = _RESERVED_TABLE.sub('"overlaps"', sql)
    if not params:
        return sql.replace("%", "%%")
    out, quote = [], ""
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


class PgWorkspace:
    """One connection to a team workspace (autocommit; `atomic()` is the one transaction of an action)."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = url
        self.name = redact_url(url)
        self.patience = RECONNECT_SECONDS
        self.connect_timeout = 10  # seconds; a window lowers it (and patience): it must not hang on a dead host
        self._password: str | None = _TYPED.get(self.name)  # typed at the prompt: in memory only
        self.conn = self._connect()

    def new_connection(self, application_name: str, timeout: int = 10) -> psycopg.Connection:
        """Another connection with this workspace's credentials (the change feed's)."""
        extra = {"password": self._password} if self._password else {}
        return psycopg.connect(self.url, autocommit=True, connect_timeout=timeout,
                               application_name=application_name, **extra)

    def _connect(self) -> psycopg.Connection:
        try:
            return self.new_connection("Fact Workbench", self.connect_timeout)
        except psycopg.OperationalError as exc:
            typed = self._password is not None
            if typed and "authentication failed" in str(exc):
                _TYPED.pop(self.name, None)  # a mistyped password is asked again next time, not reused
                self._password = None
            if "no password supplied" in str(exc) and not typed and sys.stdin.isatty():
                self._password = _TYPED[self.name] = getpass.getpass(f"Password for {self.name}: ")
                return self._connect()
            if "no password supplied" in str(exc) or (typed and "authentication failed" in str(exc)):
                raise PasswordNeeded(f"The team workspace {self.name} needs a password: {_reason(exc, self.url)}"
                                     ) from None
            raise ConnectionLost(f"Cannot connect to the team workspace {self.name}: {_reason(exc, self.url)}") from None
        except psycopg.ProgrammingError as exc:  # libpq could not read the URL; its words may quote a password
            detail = "" if self.name != self.url else f": {_first_line(exc)}"
            raise WorkbenchError(f"{self.name} is not a PostgreSQL connection URL libpq accepts{detail}"
                                 " (postgresql://USER@HOST[:PORT]/DBNAME[?option=value&...])") from None

    # --- the calls repositories make -------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | None = None) -> psycopg.Cursor:
        text = _to_pyformat(sql, params is not None)
        return self._retrying(lambda: self.conn.execute(text, params))

    def execute_returning_dicts(self, sql: str, params: Sequence[Any] | None = None) -> list[dict]:
        text = _to_pyformat(sql)
        return self._retrying(
            lambda: self.conn.cursor(row_factory=dict_row).execute(text, params if params is not None else ()).fetchall())

    def _retrying(self, run):
        """Outside a transaction a statement is a read (every write runs in atomic()): after a lost
        connection it is safe to reconnect and run it again."""
        if not self.in_transaction:
            self._reopen_if_broken()
            try:
                return run()
            except (pg_errors.AdminShutdown, pg_errors.CannotConnectNow, psycopg.OperationalError) as exc:
                if not _connection_gone(exc, self.conn):
                    with self._translated():
                        raise
                self.conn.close()
                self._reopen_if_broken()
        with self._translated():
            return run()

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._translated():
            with self.conn.cursor() as cur:
                cur.executemany(_to_pyformat(sql), rows)

    @property
    def in_transaction(self) -> bool:
        status = psycopg.pq.TransactionStatus
        return self.conn.info.transaction_status in (status.INTRANS, status.INERROR, status.ACTIVE)

    @contextmanager
    def atomic(self) -> Generator[PgWorkspace, None, None]:
        """One transaction (a savepoint when nested). A connection found broken between actions is
        re-opened first, so an action after a server restart just works."""
        if not self.in_transaction:
            self._reopen_if_broken()
        with self._translated():
            with self.conn.transaction():
                yield self

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One consistent read view over several queries (a report never mixes two states)."""
        if self.in_transaction:
            yield
            return
        self._reopen_if_broken()
        with self._translated():
            with self.conn.transaction():
                self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                yield

    def close(self) -> None:
        self.conn.close()

    # --- connection care -------------------------------------------------------------------------------
    def _reopen_if_broken(self) -> None:
        """Re-open a connection known to be lost, retrying while the server restarts (up to `patience`)."""
        if not self.conn.closed and not self.conn.broken:
            return
        self.conn.close()
        deadline = time.monotonic() + self.patience
        while True:
            try:
                self.conn = self._connect()
                return
            except ConnectionLost:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Server errors a person can meet become one clear line; nothing names a password."""
        try:
            yield
        except pg_errors.InsufficientPrivilege as exc:
            raise PermissionRefused(
                "Your role on this team workspace does not allow this change"
                f" ({_first_line(exc)}); an editor can grant more with `workbench users grant`") from None
        except pg_errors.UndefinedTable as exc:
            raise WorkbenchError(f"{self.name} is not a Fact Workbench team workspace"
                                 f" (run `workbench --db URL init` first): {_first_line(exc)}") from None
        except psycopg.OperationalError as exc:
            if _connection_gone(exc, self.conn):
                self.conn.close()
                raise ConnectionLost(f"The connection to {self.name} was lost; the action was not saved"
                                     " and can be repeated") from None
            raise


def remember_password(url: str, password: str) -> None:
    """A password typed into the window for a workspace: used by this process's connections to it."""
    _TYPED[redact_url(url)] = password


def _connection_gone(exc: Exception, conn: psycopg.Connection) -> bool:
    """The server went away (shut down, restarted, network lost), as opposed to a statement's own error."""
    return conn.broken or conn.closed or isinstance(exc, (pg_errors.AdminShutdown, pg_errors.CannotConnectNow))


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _reason(exc: Exception, url: str) -> str:
    """The server's or libpq's first line, with any password of the URL (as written or decoded) masked."""
    text = _first_line(exc)
    parts = urlsplit(url)
    userinfo, at, _ = parts.netloc.rpartition("@")
    secrets = [userinfo.split(":", 1)[1]] if at and ":" in userinfo else []
    secrets += [o.split("=", 1)[1] for o in parts.query.split("&") if o.split("=", 1)[0].strip().lower() == "password"
                and "=" in o]
    for secret in {v for s in secrets for v in (s, unquote(s)) if v}:
        text = text.replace(secret, "***")
    return text


def open_postgres(url: str, *, create: bool = False) -> PgWorkspace:
    """Open a team workspace; `create=True` (the `init` command) creates or upgrades its schema."""
    from workbench.storage.postgres.schema import check_version, migrate

    db = PgWorkspace(url)
    try:
        if create:
            from workbench.storage.postgres import roles

            with db.atomic():  # schema and roles: all of it or none
                migrate(db)
                roles.set_up(db)
        else:
            check_version(db, required=True)
    except BaseException:
        db.close()
        raise
    return db


_SAFE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def safe_identifier(name: str, what: str) -> str:
    """A role or database name we put into SQL: plain lower-case identifiers only."""
    if not _SAFE_NAME.match(name or ""):
        raise WorkbenchError(f"{what} {name!r} must be lower-case letters, digits and underscores")
    return name
