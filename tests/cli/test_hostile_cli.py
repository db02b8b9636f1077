"""Bad and hostile input on the command line: one line on stderr, a plain exit code, nothing obeyed."""

import subprocess
import sys

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
