"""Open a workspace by its name: a file path (SQLite) or a postgresql:// URL (a team workspace)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.storage import database as file_database
from workbench.storage.dialect import is_postgres_url


def is_team_target(target: object) -> bool:
    return is_postgres_url(target)


def workspace_label(target: Path | str) -> str:
    """A workspace as a person reads it: the file's name, or the team URL without any password."""
    from workbench.storage.dialect import redact_url

    return redact_url(str(target)) if is_postgres_url(target) else Path(target).name


def open_database(target: Path | str, *, create: bool = True) -> Any:
    """A file workspace (created when missing, unless create=False) or an existing team workspace."""
    if is_postgres_url(target):
        from workbench.storage.postgres.connection import open_postgres

        return open_postgres(str(target))
    return file_database.open_database(target, create=create)


def workspace_files(db: Any) -> tuple[Path, ...]:
    """The files of a file workspace (a team workspace has none on this computer)."""
    from workbench.storage.dialect import is_postgres

    return () if is_postgres(db) else file_database.workspace_files(db)


def init_team_workspace(url: str) -> Any:
    """Create (or upgrade) a team workspace's schema on its server and open it."""
    from workbench.storage.postgres.connection import open_postgres

    return open_postgres(url, create=True)


def remember_password(url: str, password: str) -> None:
    """A password a person typed for a team workspace, kept in this process's memory only."""
    from workbench.storage.postgres.connection import remember_password as remember

    remember(url, password)
