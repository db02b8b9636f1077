"""Opening and creating workspaces; a new workspace starts with the seed article."""

from dataclasses import replace
from pathlib import Path


from workbench.services.draining import drain
from workbench.resources import seeds_dir
from workbench.domain import InvalidInput, WorkbenchError
from workbench.storage import (
    Database, articles, init_team_workspace, is_team_target, open_database, remember_password, settings,
)
from workbench.storage import workspace_files, workspace_label  # noqa: F401 - the window names workspaces with it

APP_NAME = "FactWorkbench"
DEFAULT_FILE = "workspace.factwb"
SEEDED_KEY = "seeded"


def default_workspace_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILE


def seed_files() -> list[Path]:
    return sorted(p for p in seeds_dir().glob("*") if p.suffix.lower() in (".txt", ".md", ".html", ".htm"))


def open_workspace(path: Path | str | None = None, *, seed: bool = True) -> Database:
    """Open a workspace, creating it (with the seed article imported) when it does not exist yet.

    A team workspace (postgresql://...) must exist already: `init_workspace` creates it."""
    if is_team_target(path):
        return open_database(str(path))
    target = Path(path) if path is not None else default_workspace_path()
    db = open_database(target)
    _seed(db, seed)
    return db


def supply_password(url: str, password: str) -> None:
    """The password a person typed for a team workspace (a window's prompt): later connections of this process
    use it. It is never written anywhere."""
    remember_password(url, password)


def init_workspace(url: str, *, seed: bool = True) -> Database:
    """Create a team workspace's schema on its server (or upgrade it) and seed it like a new file."""
    db = init_team_workspace(url)
    try:
        _seed(db, seed)
    except BaseException:
        db.close()
        raise
    return db


def _seed(db: Database, seed: bool) -> None:
    # Seed once per workspace; a first run that failed half-way is seeded on the next open.
    if not settings.get(db, SEEDED_KEY) and articles.count(db) == 0:
        from workbench.services.articles import import_parsed  # only a new workspace needs the importer
        from workbench.text import parse_article_file

        for file in seed_files() if seed else []:
            # Name the seed by its file name, not by a path on this machine.
            parsed = replace(parse_article_file(file), source=f"seed article {file.name}")
            drain(import_parsed(db, parsed))
        with db.atomic():
            settings.put(db, SEEDED_KEY, True)
    return db


def refuse_workspace_file(db: Database, path: Path | str, what: str) -> None:
    """Refuse to read or write the open workspace's own files as anything else: opening and closing them
    outside SQLite would drop this process's locks (storage/database.py), and writing would destroy them."""
    target = Path(path)
    for own in workspace_files(db):
        try:
            same = target.exists() and own.exists() and target.samefile(own)
        except OSError:
            same = False
        if same:
            raise InvalidInput(f"{target} is this workspace's own file; it cannot be used as {what}")


def check_writable(db: Database, path: Path | str) -> None:
    """Refuse, before any long work, an action on a workspace that cannot be written."""
    from workbench.storage import health

    if not health.writable(db):
        raise WorkbenchError(f"the workspace {path} is read-only (file, folder or disk); nothing was changed. "
                             "Make it writable, or copy it somewhere you can write")


def damage_report(db: Database | None, path: Path | str) -> str | None:
    """One line saying the workspace file is damaged and how to recover, or None when it is intact."""
    from workbench.storage import health

    problem = health.integrity_problem(db) if db is not None else None
    if problem is None:
        return None
    path = Path(path)
    copies = sorted(path.parent.glob(f"{path.name}.*.bak"))
    copy = f"restore {copies[-1].name}, the copy saved beside it before the last upgrade, or your own backup" \
        if copies else "restore your last backup of it"
    return (f"the workspace {path} is damaged ({problem}). Check it with: sqlite3 {path} \"PRAGMA integrity_check\"; "
            f"then {copy}. Nothing was changed")


def describe_storage_error(exc: BaseException, db: Database | None, path: Path | str) -> str | None:
    """A person's line for an SQLite error escaping a command (read-only or damaged file), or None."""
    from workbench.storage import health

    if not health.is_sqlite_error(exc):
        return None
    if health.is_read_only_error(exc):
        return f"the workspace {path} is read-only (file, folder or disk); nothing was changed"
    return damage_report(db, path) or f"the workspace {path} could not be used ({exc})"
