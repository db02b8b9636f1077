"""The command-line contract: import, articles, claims, help, bad input."""

import json
import sqlite3
import sys

import pytest

from tests.cli.conftest import ROOT

ARTICLE = "City buys buses\n\nBy Jane Doe\n\nMarch 5, 2024\n\nThe city bought 40 electric buses in 2020, the mayor said.\n"


def _file(tmp_path, name="a.md", text=ARTICLE):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _counts(db):
    conn = sqlite3.connect(db)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "claims", "history"))
    finally:
        conn.close()


def test_the_seed_article_imported_by_hand(tmp_path, cli):
    db = tmp_path / "w.factwb"
    assert cli("--db", db, "import", ROOT / "seeds" / "north-korea-spurned-talks.txt").returncode == 0
    result = cli("--db", db, "articles", "--json")
    assert result.returncode == 0, result.stderr
    (article,) = json.loads(result.stdout)
    assert article["title"] == "North Korea Had Spurned Talks With U.S. Due to Trump's Latest Sanctions"
    assert article["authors"] == ["Colum Lynch", "Dan De Luce"]
    assert article["published"] == "2017-12-13"
    assert article["claims"] > 20
    assert set(article) == {"id", "title", "subtitle", "authors", "published", "claims"}


def test_import_prints_ids_and_is_idempotent(tmp_path, cli):
    db = tmp_path / "w.factwb"
    path = _file(tmp_path)
    first = cli("--db", db, "import", path)
    assert first.returncode == 0, first.stderr
    new_id = int(first.stdout)  # just the id: scripts read it
    counts = _counts(db)
    again = cli("--db", db, "import", path)
    assert again.returncode == 0 and "already in the workspace" in again.stderr
    assert int(again.stdout) == new_id
    assert _counts(db) == counts
    listed = json.loads(cli("--db", db, "articles", "--json").stdout)
    mine = next(a for a in listed if a["id"] == new_id)
    assert mine["title"] == "City buys buses" and mine["authors"] == ["Jane Doe"] and mine["published"] == "2024-03-05"
    claims = json.loads(cli("--db", db, "claims", new_id, "--json").stdout)
    assert claims and all({"id", "text", "start", "end", "verdict", "evidence", "attribution"} <= set(c) for c in claims)


@pytest.mark.parametrize(
    ("name", "content"),
    [("missing.txt", None), ("empty.txt", b""), ("bin.txt", b"\x00\x01\x02binary\x00" * 20),
     ("nohtml.html", b"<html><body></body></html>"), ("bad.txt", b"\xff\xfe\xfa\xfb\x81\x8d\x8f" * 3)],
)
def test_bad_input_one_line_error_and_nothing_changes(tmp_path, cli, name, content):
    db = tmp_path / "w.factwb"
    assert cli("--db", db, "articles").returncode == 0
    counts = _counts(db)
    good = _file(tmp_path)
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = cli("--db", db, "import", good, path)  # one bad file: nothing of the batch is imported
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and name in result.stderr
    assert _counts(db) == counts


def test_unknown_article_id(tmp_path, cli):
    result = cli("--db", tmp_path / "w.factwb", "claims", "999", "--json")
    assert result.returncode == 2 and "No article with id 999" in result.stderr


def test_newer_workspace_is_refused(tmp_path, cli):
    db = tmp_path / "future.factwb"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = db.read_bytes()
    result = cli("--db", db, "articles")
    assert result.returncode == 2 and "newer version" in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == before


@pytest.mark.parametrize("command", [[], ["import"], ["articles"], ["extract"], ["claims"], ["verdict"],
                                     ["evidence", "add"]])
def test_help_everywhere(cli, command):
    result = cli(*command, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout


def test_python_m_and_script_are_the_same_program(cli):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    exe = shutil.which("workbench") or str(Path(sys.executable).parent / "workbench")
    script = subprocess.run([exe, "--help"], capture_output=True, text=True)
    assert script.stdout == cli("--help").stdout.replace("__main__.py", "workbench")


def test_workspace_path_that_cannot_be_created(tmp_path, cli):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = cli("--db", blocker / "w.factwb", "articles")
    assert result.returncode == 2 and "Cannot create a workspace" in result.stderr
    assert "Traceback" not in result.stderr


def test_text_file_as_workspace_is_refused_unchanged(tmp_path, cli):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    result = cli("--db", notes, "articles")
    assert result.returncode == 2 and "not a Fact Workbench workspace" in result.stderr
    assert notes.read_text() == "my notes"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display detection is for X11/Wayland")
def test_app_without_a_display_says_so(tmp_path):
    import os
    import subprocess

    from tests.cli.conftest import ROOT

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "workbench", "--db", str(tmp_path / "w.factwb")], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "no display" in result.stderr and "Traceback" not in result.stderr
