"""Roles enforced by the server: viewer (read, print, export), checker (claims, verdicts, evidence, import),
editor (also settings, the verdict scale, the archive, renaming and deleting articles).

Each workspace (database) has three group roles NAME_viewer, NAME_checker and NAME_editor holding the
grants; `grant` makes a login role a member of exactly one of them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from psycopg import sql

from workbench.domain import InvalidInput, NotFound

if TYPE_CHECKING:
    from workbench.storage.postgres.connection import PgWorkspace

ROLES = ("viewer", "checker", "editor")
_ALL_TABLES = ("articles", "claims", "sources", "evidence", "overlaps", "archive_claims", "archive_imports",
               "archive_staging", "settings", "history", "id_counters", "workbench_schema", "text_vectors", "archive_terms")
_WRITES = {
    "viewer": {},
    "checker": {"claims": "INSERT, UPDATE, DELETE", "evidence": "INSERT, UPDATE, DELETE",
                "sources": "INSERT, UPDATE", "overlaps": "INSERT, UPDATE, DELETE", "history": "INSERT",
                "id_counters": "INSERT, UPDATE", "articles": "INSERT", "text_vectors": "INSERT"},
    "editor": {"claims": "INSERT, UPDATE, DELETE", "evidence": "INSERT, UPDATE, DELETE",
               "sources": "INSERT, UPDATE, DELETE", "overlaps": "INSERT, UPDATE, DELETE", "history": "INSERT",
               "id_counters": "INSERT, UPDATE", "articles": "INSERT, UPDATE, DELETE",
               "settings": "INSERT, UPDATE, DELETE", "archive_claims": "INSERT, UPDATE, DELETE",
               "archive_imports": "INSERT, UPDATE, DELETE", "archive_staging": "INSERT, UPDATE, DELETE",
               "archive_terms": "INSERT, UPDATE, DELETE", "text_vectors": "INSERT, DELETE"},
}
_LOGIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,62}$")


def group_role(db: PgWorkspace, role: str) -> str:
    base = re.sub(r"[^a-z0-9_]", "_", db.conn.info.dbname.lower())[:40]
    return f"{base}_{role}"


def set_up(db: PgWorkspace) -> None:
    """Create the workspace's three group roles and their grants (idempotent; run by `init`)."""
    for role in ROLES:
        name = group_role(db, role)
        exists = db.conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone()
        if not exists:
            db.conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
        ident = sql.Identifier(name)
        db.conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
            sql.Identifier(db.conn.info.dbname), ident))
        db.conn.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(ident))
        for table in _ALL_TABLES:
            db.conn.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(sql.Identifier(table), ident))
        for table, privileges in _WRITES[role].items():
            db.conn.execute(sql.SQL("GRANT " + privileges + " ON {} TO {}").format(sql.Identifier(table), ident))
        if _WRITES[role]:
            db.conn.execute(sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {}").format(ident))


def grant(db: PgWorkspace, user: str, role: str, password: str | None = None) -> None:
    """Give a login exactly one role on this workspace (a login role is created when missing). With a
    password, the login's password is set: hashed here with SCRAM-SHA-256 (libpq's PQencryptPasswordConn), so
    the password itself never reaches the server, its statement log or its error messages."""
    if role not in ROLES:
        raise InvalidInput(f"Unknown role {role!r}; choose one of: {', '.join(ROLES)}")
    if not _LOGIN.match(user or ""):
        raise InvalidInput(f"{user!r} is not a user name a server accepts (letters, digits, _ . -)")
    with db.atomic():
        if not db.conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [user]).fetchone():
            db.conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(user)))
        if password is not None:
            if not password:
                raise InvalidInput("An empty password cannot be set; leave --password out to keep the current one")
            verifier = db.conn.pgconn.encrypt_password(password.encode(), user.encode(), b"scram-sha-256")
            db.conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(user),
                                                                        sql.Literal(verifier.decode())))
        for other in ROLES:
            name = group_role(db, other)
            if not db.conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone():
                raise NotFound(f"This workspace has no roles yet: run `workbench --db {db.name} init` first")
            db.conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(name), sql.Identifier(user)))
        db.conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group_role(db, role)),
                                                         sql.Identifier(user)))


def roles_of(db: PgWorkspace) -> list[tuple[str, str]]:
    """(login, role) for everyone holding a role on this workspace."""
    names = {group_role(db, r): r for r in ROLES}
    rows = db.conn.execute(
        "SELECT m.rolname, g.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid"
        " JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = ANY(%s) ORDER BY m.rolname",
        [list(names)]).fetchall()
    return [(member, names[group]) for member, group in rows]
