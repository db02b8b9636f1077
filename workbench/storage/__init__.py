"""SQLite workspace through sqlite-utils: the only package that knows SQL, tables and columns."""

from workbench.storage.database import Workspace as Database  # the workspace handle services pass around

from workbench.storage.backends import (
    init_team_workspace, is_team_target, open_database, remember_password, workspace_files, workspace_label,
)
from workbench.storage.database import open_memory_database
from workbench.storage.migrations import SCHEMA_VERSION, migrate

__all__ = ["Database", "SCHEMA_VERSION", "init_team_workspace", "is_team_target", "migrate", "open_database",
           "open_memory_database", "remember_password", "workspace_files", "workspace_label"]
