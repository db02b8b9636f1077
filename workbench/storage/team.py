"""What only a team workspace has: roles, live change notifications. Services reach them through here and
get None or a clear refusal on a file workspace."""

from __future__ import annotations

from typing import Any

from workbench.domain import InvalidInput
from workbench.storage.dialect import is_postgres


def _require_team(db: Any, what: str) -> None:
    if not is_postgres(db):
        raise InvalidInput(f"{what} exist only on a team workspace (--db postgresql://USER@HOST/DBNAME)")


def grant_role(db: Any, user: str, role: str, password: str | None = None) -> None:
    _require_team(db, "Roles")
    from workbench.storage.postgres import roles

    roles.grant(db, user, role, password)


def role_members(db: Any) -> list[tuple[str, str]]:
    _require_team(db, "Roles")
    from workbench.storage.postgres import roles

    return roles.roles_of(db)


def role_names() -> tuple[str, ...]:
    return ("viewer", "checker", "editor")


def change_feed(db: Any):
    """A ChangeFeed announcing what others change (storage/postgres/notify.py), or None for a file."""
    if not is_postgres(db):
        return None
    from workbench.storage.postgres.notify import ChangeFeed

    return ChangeFeed(lambda: db.new_connection("Fact Workbench (changes)", timeout=5),
                      ignore_pid=lambda: None if db.conn.closed else db.conn.info.backend_pid)


def ping(db: Any) -> None:
    """One round trip on the workspace's own connection (re-opened when it was lost); ConnectionLost if the
    server still cannot be reached."""
    db.execute("SELECT 1").fetchone()


def everything_changed():
    """The change a feed reports after reconnecting: anything may have changed meanwhile."""
    from workbench.storage.postgres.notify import RESYNC

    return RESYNC


def display_name(db: Any) -> str:
    """How to name the workspace to a person: a file name, or the team URL without any password."""
    return db.name if is_postgres(db) else str(getattr(db.conn, "filename", "") or "workspace")
