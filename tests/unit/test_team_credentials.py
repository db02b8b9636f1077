"""Passwords for a team workspace come from ~/.pgpass, PGPASSWORD or a prompt; a wrong one is refused in one
line that never repeats it. The server really asks (SCRAM) for the login used here."""

import os
import time

import pytest

from workbench.domain import ConnectionLost, PasswordNeeded
from workbench.services import team
from workbench.services.workspace import open_workspace, supply_password
from workbench.storage import history

PASSWORD = "violet-Harbour-17"


@pytest.fixture
def pat_url(pg_server, team_url, monkeypatch):
    """The team workspace as the checker 'pat', whose login needs its password."""
    from tests.pg_server import SUPERUSER
    from workbench.storage.postgres import connection

    monkeypatch.setattr(connection, "_TYPED", {})  # nothing typed earlier in this process
    for name in ("PGPASSWORD", "PGPASSFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", os.devnull)  # not the tester's own ~/.pgpass
    admin = open_workspace(team_url)
    try:
        team.grant_role(admin, "pat", "checker", password=PASSWORD)
    finally:
        admin.close()
    pg_server.require_password("pat")
    time.sleep(0.2)  # the reload is signalled; let the server read its rules
    return team_url.replace(f"//{SUPERUSER}@", "//pat@")


def _who_am_i(url):
    db = open_workspace(url)
    try:
        return db.conn.info.user, len(history.entries(db, "claim"))  # a read only a member may make
    finally:
        db.close()


def test_without_a_password_the_server_refuses_and_says_one_is_needed(pat_url):
    with pytest.raises(PasswordNeeded) as refused:
        open_workspace(pat_url)
    assert "needs a password" in str(refused.value) and str(refused.value).count("\n") == 0


def test_pgpassword_is_used(pat_url, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    assert _who_am_i(pat_url)[0] == "pat"


def test_a_pgpass_file_is_used(pat_url, monkeypatch, tmp_path, pg_server):
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{pg_server.port}:*:pat:{PASSWORD}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert _who_am_i(pat_url)[0] == "pat"


def test_a_wrong_password_is_refused_without_repeating_it(pat_url, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", "guessed-Wrong-99")
    with pytest.raises(ConnectionLost) as refused:
        open_workspace(pat_url)
    assert "authentication failed" in str(refused.value) and "guessed-Wrong" not in str(refused.value)


def test_a_password_typed_into_a_prompt_is_used_by_every_connection_of_the_process(pat_url):
    supply_password(pat_url, PASSWORD)  # what the window's prompt does
    db = open_workspace(pat_url)
    watcher = team.watch(db)  # the change feed's own connection logs in with it too
    try:
        assert db.conn.info.user == "pat" and watcher.connected
    finally:
        watcher.close()
        db.close()
    assert _who_am_i(pat_url)[0] == "pat"  # a background worker's connection
