"""`workbench verdict` and `workbench evidence add`: accepted input changes the claim, refused input changes nothing."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_report_fixtures import make_article

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def workspace(tmp_path) -> tuple[Path, list[int]]:
    from workbench.services.workspace import open_workspace

    path = tmp_path / "w.factwb"
    db = open_workspace(path, seed=False)
    _, ids = make_article(db, ["Sixty days passed without tests.", "Tillerson said talks could start."])
    db.close()
    return path, ids


def snapshot(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                for table in ("claims", "evidence", "sources", "history")}
    finally:
        conn.close()


def claim_row(path: Path, claim_id: int) -> tuple[str, str]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT verdict, rationale FROM claims WHERE id = ?", [claim_id]).fetchone()
    finally:
        conn.close()


def refused(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode != 0
    assert done.stderr.strip(), "a refusal says why"
    assert "Traceback" not in done.stderr
    for word in words:
        assert word.lower() in done.stderr.lower(), done.stderr


def test_verdict_with_note(workspace):
    db, ids = workspace
    done = run("--db", str(db), "verdict", str(ids[0]), "false", "--note", "The tests resumed after 40 days.")
    assert done.returncode == 0, done.stderr
    assert f"Claim {ids[0]}: false" in done.stdout
    assert claim_row(db, ids[0]) == ("false", "The tests resumed after 40 days.")


def test_unknown_verdict_key_is_refused(workspace):
    db, ids = workspace
    before = snapshot(db)
    refused(run("--db", str(db), "verdict", str(ids[0]), "pants-on-fire"), "pants-on-fire", "true")
    assert snapshot(db) == before


def test_verdict_for_missing_claim_is_refused(workspace):
    db, _ = workspace
    before = snapshot(db)
    refused(run("--db", str(db), "verdict", "9999", "true"), "9999")
    assert snapshot(db) == before


def test_evidence_add_http_and_https(workspace):
    db, ids = workspace
    for url in ("https://www.state.gov/a?utm_source=x", "http://example.org/b"):
        done = run("--db", str(db), "evidence", "add", str(ids[1]), "--url", url, "--title", "T",
                   "--publisher", "P", "--published", "2017-12-12", "--quote", "q", "--stance", "supports")
        assert done.returncode == 0, done.stderr
    rows = snapshot(db)["sources"]
    assert sorted(r[1] for r in rows) == ["http://example.org/b", "https://www.state.gov/a"]
    assert len(snapshot(db)["evidence"]) == 2


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/x", "data:text/html,<script>x</script>",
    "example.org/no-scheme", "https://", "", "https://exa mple.org/",
])
def test_non_http_urls_are_refused(workspace, url):
    db, ids = workspace
    before = snapshot(db)
    refused(run("--db", str(db), "evidence", "add", str(ids[0]), "--url", url))
    assert snapshot(db) == before


def test_evidence_for_missing_claim_is_refused(workspace):
    db, _ = workspace
    before = snapshot(db)
    refused(run("--db", str(db), "evidence", "add", "9999", "--url", "https://example.org/"), "9999")
    assert snapshot(db) == before


def test_bad_stance_and_date_are_refused(workspace):
    db, ids = workspace
    before = snapshot(db)
    refused(run("--db", str(db), "evidence", "add", str(ids[0]), "--url", "https://example.org/", "--stance", "maybe"))
    refused(run("--db", str(db), "evidence", "add", str(ids[0]), "--url", "https://example.org/",
                "--published", "yesterday"), "date")
    assert snapshot(db) == before


def test_missing_claim_id_argument_is_refused(workspace):
    db, _ = workspace
    refused(run("--db", str(db), "verdict"))
    refused(run("--db", str(db), "evidence", "add", "--url", "https://example.org/"))
