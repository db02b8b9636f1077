"""Shared fixtures. Qt runs offscreen: set before anything can import Qt."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "north-korea-spurned-talks.txt"
BOTH_BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc):
    """A test module that sets BACKENDS = BOTH_BACKENDS runs its workspace tests on a file and on a team
    workspace (one parametrised fixture: `backend`, used by empty_db and seeded_db)."""
    backends = getattr(metafunc.module, "BACKENDS", None)
    if backends and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", backends)


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for this test run (skipped only when the server binaries are missing)."""
    from tests import pg_server as pg

    if pg.server_binaries() is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql")
    server = pg.start_server()
    yield server
    pg.remove_server(server)


@pytest.fixture(scope="session")
def pg_templates(pg_server):
    """Two migrated team workspaces to clone: empty, and seeded with the seed article."""
    from workbench.services.workspace import init_workspace

    from tests import pg_server as pg

    names = {}
    for kind, seed in (("empty", False), ("seeded", True)):
        name = pg_server.new_database()
        init_workspace(pg_server.url(name), seed=seed).close()
        names[kind] = name
    reusable = {}
    for kind, template in names.items():  # one database per kind, reset before each test
        name = pg_server.new_database(template=template)
        pg.keep_state(pg_server.url(name))
        reusable[kind] = name
    return {"templates": names, "reusable": reusable}


@pytest.fixture
def team_url(pg_server, pg_templates):
    """The URL of a fresh, empty team workspace (dropped after the test)."""
    from workbench.storage import init_team_workspace

    name = pg_server.new_database(template=pg_templates["templates"]["empty"])
    init_team_workspace(pg_server.url(name)).close()  # its own viewer/checker/editor roles
    yield pg_server.url(name)
    pg_server.drop_database(name)


def _workspace(request, backend: str, kind: str, path: Path):
    from workbench.services.workspace import open_workspace

    if backend == "postgresql":
        from tests import pg_server as pg

        server = request.getfixturevalue("pg_server")
        url = server.url(request.getfixturevalue("pg_templates")["reusable"][kind])
        pg.reset(url)
        return open_workspace(url)
    return open_workspace(path, seed=kind == "seeded")


@pytest.fixture
def empty_db(tmp_path, request, backend):
    """An empty, migrated workspace (no seed)."""
    db = _workspace(request, backend, "empty", tmp_path / "empty.factwb")
    yield db
    db.close()


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seeded_db(tmp_path, request, backend):
    """A workspace created the way a person's first run creates it: with the seed article."""
    db = _workspace(request, backend, "seeded", tmp_path / "seeded.factwb")
    yield db
    db.close()
