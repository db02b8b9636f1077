"""Workspace settings the window needs, read through services (the UI never touches storage)."""


from workbench.domain import VerdictScale
from workbench.storage import Database, settings as settings_repo


def verdict_scale(db: Database) -> VerdictScale:
    return settings_repo.verdict_scale(db)


def organisation(db: Database) -> str:
    return settings_repo.organisation(db)
