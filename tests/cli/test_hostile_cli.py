"""Bad and hostile input on the command line: one line on stderr, a plain exit code, nothing obeyed."""

import json
import os
import subprocess
import sys

import pytest

from workbench.domain import ParsedArticle


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "workbench", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def test_stored_escapes_are_printed_visibly_not_obeyed(tmp_path):
    from workbench.services.workspace import open_workspace
    from workbench.storage import articles as article_repo

    db_path = tmp_path / "w.factwb"
    db = open_workspace(db_path, seed=False)
    # A title written by an older version, before titles were cleaned on the way in.
    article_repo.insert(db, ParsedArticle(title="\x1b]0;pwned\x07Budget\x1b[2J vote", text="Budget vote.\n\nText."),
                        "h1")
    db.close()
    out = run("--db", db_path, "articles")
    assert out.returncode == 0
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout
    assert "\\x1b]0;pwned\\x07Budget\\x1b[2J vote" in out.stdout


def test_an_imported_title_never_carries_escapes(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("\x1b]0;pwned\x07Budget vote\n\nThe council approved a budget of 4.2 million euros on "
                       "Tuesday, the mayor said.\n", encoding="utf-8")
    out = run("--db", tmp_path / "w.factwb", "import", article)
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stderr and "Budget vote" in out.stderr


def _workspace_with_claims(path):
    from tests.ui.conftest import build_workspace

    db, article_id = build_workspace(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = db.execute("SELECT pageno FROM dbstat WHERE name = 'claims' AND pagetype = 'leaf'").fetchone()[0]
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    return article_id, page, page_size


def test_a_damaged_workspace_says_so_and_how_to_recover(tmp_path):
    db_path = tmp_path / "w.factwb"
    article_id, page, page_size = _workspace_with_claims(db_path)
    data = bytearray(db_path.read_bytes())
    start = (page - 1) * page_size
    data[start + 8:start + 16] = b"\xff" * 8  # the claims page's cell pointers: rows read as garbage or vanish
    db_path.write_bytes(bytes(data))
    for args in (["claims", article_id], ["verdict", 3, "true"]):
        out = run("--db", db_path, *args)
        assert out.returncode == 2, out.stderr
        assert "is damaged" in out.stderr and "PRAGMA integrity_check" in out.stderr
        assert "unexpected" not in out.stderr and out.stderr.count("\n") == 1


def _immutable(path) -> bool:
    import shutil

    if os.geteuid() != 0:
        path.chmod(0o444)
        return True
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0


def test_a_read_only_workspace_is_refused_before_extraction(tmp_path):
    db_path = tmp_path / "w.factwb"
    _workspace_with_claims(db_path)
    article = tmp_path / "a.txt"
    article.write_text("Budget vote\n\nThe council approved a budget of 4.2 million euros on Tuesday.\n")
    if not _immutable(db_path):
        pytest.skip("cannot make a file read-only for this user")
    try:
        before = db_path.read_bytes()
        out = run("--db", db_path, "import", article)
        assert out.returncode == 2
        assert "read-only" in out.stderr and "unexpected" not in out.stderr
        assert "claims" not in out.stderr  # refused before extraction: no progress lines
        assert db_path.read_bytes() == before
        assert run("--db", db_path, "articles").returncode == 0  # reading still works
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db_path)], capture_output=True)


def test_settings_scale_nested_too_deep_or_too_long(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"key": "unverified", "label": "Unverified", "colour": "#9aa0a6", "definition": "d"}]
                               + [{"key": f"v{i}", "label": f"V{i}", "colour": "#9aa0a6", "definition": "d"}
                                  for i in range(80)]))
    db_path = tmp_path / "w.factwb"
    for scale, words in ((deep, "nested too deeply"), (many, "at most 50")):
        out = run("--db", db_path, "settings", "--scale", scale)
        assert out.returncode == 2 and words in out.stderr, out.stderr
        assert "unexpected" not in out.stderr


def test_archive_import_of_deep_json_and_broken_csv(tmp_path):
    db_path = tmp_path / "w.factwb"
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    out = run("--db", db_path, "archive", "import", deep)
    assert out.returncode == 2 and "nested too deeply" in out.stderr
    table = tmp_path / "a.csv"
    table.write_text('id,text\n1,"Unemployment fell to 3%\n2,Crime rose in 2019\n3,Taxes went up\n')
    out = run("--db", db_path, "archive", "import", table, "--id-column", "id", "--text-column", "text")
    assert out.returncode == 2 and "line 2" in out.stderr and "unexpected" not in out.stderr, out.stderr
