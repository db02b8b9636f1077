"""The workspace shared by the window and terminal commands: nothing acknowledged is ever lost, and several
writers at once all succeed."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import ROOT, run_cli

WORKER = [sys.executable, "-m", "tests.cli.workspace_worker"]


@pytest.fixture
def seeded(tmp_path, seed_path) -> tuple[Path, list[int]]:
    from workbench.services import articles, claims
    from workbench.services.workspace import open_workspace

    path = tmp_path / "shared.factwb"
    db = open_workspace(path, seed=False)
    from workbench.services.draining import drain

    article = drain(articles.import_file(db, seed_path)).article
    ids = [c.id for c in claims.list_claims(db, article.id)]
    db.close()
    return path, ids


def _verdict(path: Path, claim_id: int) -> tuple[str, str]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT verdict, rationale FROM claims WHERE id = ?", [claim_id]).fetchone()
    finally:
        conn.close()


def test_an_edit_acknowledged_while_a_terminal_command_ran_survives_a_crash(seeded):
    path, ids = seeded
    window = subprocess.Popen([*WORKER, "hold", str(path), str(ids[0]), "false"], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert window.stdout.readline().strip() == "ready"
        listed = run_cli("--db", path, "articles", "--json")  # a terminal command while the window is open
        assert listed.returncode == 0, listed.stderr
        window.stdin.write("go\n")
        window.stdin.flush()
        assert window.stdout.readline().strip() == "saved"
        # Another process sees the acknowledged edit at once ...
        shown = json.loads(run_cli("--db", path, "claims", "1", "--json").stdout)
        assert next(c for c in shown if c["id"] == ids[0])["verdict"] == "false"
        # ... and a crash of the window loses nothing.
        os.kill(window.pid, signal.SIGKILL)
        window.wait(timeout=10)
    finally:
        if window.poll() is None:
            window.kill()
    assert _verdict(path, ids[0]) == ("false", "checked against the ministry's figures")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_four_processes_writing_at_once_all_succeed(seeded):
    path, _ = seeded
    procs = [subprocess.Popen([*WORKER, "mix", str(path), "200", str(seed)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for seed in range(1, 5)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    failures = [f for r in results for f in r["failures"]]
    assert failures == []

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        imported = {row[0] for row in conn.execute("SELECT id FROM articles")}
        assert all(set(r["imports"]) <= imported for r in results)
        assert sum(len(r["imports"]) for r in results) == 200
        links = {(row[0], row[1]) for row in conn.execute(
            "SELECT e.claim_id, s.url FROM evidence e JOIN sources s ON s.id = e.source_id")}
        assert {tuple(e) for r in results for e in r["evidence"]} <= links
        # every verdict written is in the history, in full
        logged = conn.execute("SELECT count(*) FROM history WHERE entity = 'claim' AND action = 'update'").fetchone()[0]
        assert logged >= 1
    finally:
        conn.close()


def test_the_workspace_file_is_never_read_as_an_article_or_archive(seeded):
    from workbench.domain import InvalidInput
    from workbench.services import articles
    from workbench.services.draining import drain
    from workbench.services.workspace import open_workspace

    path, _ = seeded
    result = run_cli("--db", path, "archive", "import", path, "--id-column", "id", "--text-column", "text")
    assert result.returncode != 0
    assert "this workspace's own file" in result.stderr and "Traceback" not in result.stderr
    db = open_workspace(path, seed=False)  # the window's import, with its connection open
    try:
        with pytest.raises(InvalidInput, match="this workspace's own file"):
            drain(articles.import_file(db, path))
    finally:
        db.close()
