"""A throwaway PostgreSQL server for the tests: initdb + pg_ctl in a temporary folder, as a non-root user,
listening on 127.0.0.1 and a free port. Databases are cloned from a migrated template, so each test gets a
fresh team workspace in milliseconds."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "factwb_admin"


def server_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl (Debian's postgresql package), or None."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _runner() -> tuple[list[str], pwd.struct_passwd | None]:
    """initdb refuses root: as root the server runs as the unprivileged 'postgres' account."""
    if os.geteuid() != 0:
        return [], None
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        account = pwd.getpwnam("nobody")
    return ["runuser", "-u", account.pw_name, "--"], account


@dataclass
class PgServer:
    bin: Path
    folder: Path
    port: int
    prefix: list[str]
    _names: itertools.count = field(default_factory=lambda: itertools.count(1))

    def url(self, dbname: str, user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([*self.prefix, str(self.bin / args[0]), *args[1:]], check=check,
                              capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "log"), "-w", "-t", "60",
                 "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
                       " -c synchronous_commit=off -c full_page_writes=off", "start")

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", mode, "-w", "stop", check=False)

    def require_password(self, user: str) -> None:
        """This login must give its password (SCRAM) over TCP; everyone else stays trusted."""
        hba = self.folder / "data" / "pg_hba.conf"
        rule = f"host all {user} 127.0.0.1/32 scram-sha-256\n"
        if rule not in hba.read_text():
            hba.write_text(rule + hba.read_text())
            self.run("pg_ctl", "-D", str(self.folder / "data"), "reload")

    def admin(self, sql: str, dbname: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, template: str | None = None) -> str:
        name = f"ws_{os.getpid()}_{next(self._names)}"
        self.admin(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# Workspace tables in an order that keeps foreign keys satisfied while they are refilled.
TABLES = ("articles", "claims", "sources", "evidence", "overlaps", "archive_imports", "archive_claims",
          "archive_staging", "archive_terms", "settings", "history", "id_counters")


def keep_state(url: str) -> None:
    """Copy a workspace's rows aside (schema keep), so `reset` can bring them back before each test:
    far faster than cloning a database per test."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA keep")
        for table in TABLES:
            conn.execute(f'CREATE TABLE keep."{table}" AS TABLE public."{table}"')


def reset(url: str) -> None:
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute("SET lock_timeout = '10s'")
        # replica mode skips triggers and foreign-key checks: DELETE (cheaper than TRUNCATE on tiny tables)
        # passes the append-only history trigger, and refilled rows are not notified again
        conn.execute("SET session_replication_role = replica")
        for table in TABLES:
            conn.execute(f'DELETE FROM public."{table}"')
        for table in TABLES:
            columns = ", ".join(f'"{c}"' for (c,) in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
                " AND table_name = %s AND is_generated = 'NEVER' ORDER BY ordinal_position", [table]))
            conn.execute(f'INSERT INTO public."{table}" ({columns}) OVERRIDING SYSTEM VALUE'
                         f' SELECT {columns} FROM keep."{table}"')
            if table in ("sources", "overlaps", "archive_claims", "archive_imports", "history"):  # server-made ids
                seq = conn.execute(f"SELECT pg_get_serial_sequence('public.\"{table}\"', 'id')").fetchone()[0]
                conn.execute(f'SELECT setval(%s, (SELECT coalesce(max(id), 0) + 1 FROM public."{table}"), false)',
                             [seq])


def start_server() -> PgServer:
    bin_dir = server_binaries()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) not found")
    prefix, account = _runner()
    folder = Path(tempfile.mkdtemp(prefix="factwb-pg-"))
    if account is not None:
        os.chown(folder, account.pw_uid, account.pw_gid)
    server = PgServer(bin_dir, folder, _free_port(), prefix)
    server.run("initdb", "-D", str(folder / "data"), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
               "--locale=C.UTF-8", "--no-sync")
    server.start()
    return server


def remove_server(server: PgServer) -> None:
    server.stop("immediate")
    shutil.rmtree(server.folder, ignore_errors=True)
