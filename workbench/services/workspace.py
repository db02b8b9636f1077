"""Opening and creating workspaces; a new workspace starts with the seed article."""

from collections.abc import Generator
from pathlib import Path

import sqlite_utils

from workbench.domain import Progress
from workbench.resources import seeds_dir
from workbench.storage import articles, open_database

APP_NAME = "FactWorkbench"
DEFAULT_FILE = "workspace.factwb"


def default_workspace_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILE


def seed_files() -> list[Path]:
    return sorted(p for p in seeds_dir().glob("*") if p.suffix.lower() in (".txt", ".md", ".html", ".htm"))


def open_workspace(path: Path | str | None = None, *, seed: bool = True) -> sqlite_utils.Database:
    """Open a workspace, creating it (with the seed article imported) when it does not exist yet."""
    from workbench.services.articles import import_file

    target = Path(path) if path is not None else default_workspace_path()
    is_new = not target.exists() or target.stat().st_size == 0
    db = open_database(target)
    if is_new and seed and articles.count(db) == 0:
        for file in seed_files():
            drain(import_file(db, file))
    return db


def drain(generator: Generator[Progress, None, object]):
    """Run a progress-yielding service to the end and return its result."""
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value
