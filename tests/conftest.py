"""Shared fixtures. Qt runs offscreen: set before anything can import Qt."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "north-korea-spurned-talks.txt"


@pytest.fixture
def empty_db(tmp_path):
    """An empty, migrated workspace (no seed)."""
    from workbench.services.workspace import open_workspace

    db = open_workspace(tmp_path / "empty.factwb", seed=False)
    yield db
    db.close()


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seeded_db(tmp_path):
    """A workspace created the way a person's first run creates it: with the seed article."""
    from workbench.services.workspace import open_workspace

    db = open_workspace(tmp_path / "seeded.factwb")
    yield db
    db.close()
