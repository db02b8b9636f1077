"""SQLite workspace through sqlite-utils: the only package that knows SQL, tables and columns."""

from workbench.storage.database import open_database, open_memory_database
from workbench.storage.migrations import SCHEMA_VERSION, migrate

__all__ = ["SCHEMA_VERSION", "migrate", "open_database", "open_memory_database"]
