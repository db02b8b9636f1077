"""SQLite workspace through sqlite-utils: the only package that knows SQL, tables and columns."""

from workbench.storage.database import Workspace as Database  # the workspace handle services pass around

from workbench.storage.database import open_database, open_memory_database, workspace_files
from workbench.storage.migrations import SCHEMA_VERSION, migrate

__all__ = ["Database", "SCHEMA_VERSION", "migrate", "open_database", "open_memory_database", "workspace_files"]
