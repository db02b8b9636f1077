"""run_app: the screenshot path and bad workspaces give a clear message, never a traceback."""

import os
import subprocess
import sys

from tests.ui.conftest import build_workspace


def run_cli(*args, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_screenshot_writes_a_png(tmp_path):
    db, _ = build_workspace(tmp_path / "shot.factwb")
    db.close()
    out = tmp_path / "shot.png"
    result = run_cli("--db", str(tmp_path / "shot.factwb"), "--screenshot", str(out), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unusable_workspace_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.factwb"
    bad.write_text("this is not a database", encoding="utf-8")
    result = run_cli("--db", str(bad), "--screenshot", str(tmp_path / "x.png"), tmp_path=tmp_path)
    assert result.returncode == 2
    assert "not a Fact Workbench workspace" in result.stderr
    assert "Traceback" not in result.stderr


def test_opening_a_bad_workspace_in_the_app_shows_a_message(window, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr("workbench.ui.main_window.show_error", lambda parent, exc: shown.append(str(exc)))
    bad = tmp_path / "bad.factwb"
    bad.write_bytes(b"garbage" * 10)
    path = window.session.path
    assert window.open_workspace(bad) is False
    assert shown and "not a Fact Workbench workspace" in shown[0]
    assert window.session.path == path  # still on the workspace that was open


def test_switching_workspaces_and_recent_list(window, tmp_path):
    from workbench.ui.main_window import recent_workspaces

    other = tmp_path / "other.factwb"
    assert window.open_workspace(other)
    assert window.session.path == other
    assert window.article_id is None  # a new empty workspace (the seed comes only on first run)
    assert recent_workspaces()[0] == other
    assert "other.factwb" in window.windowTitle()


def test_shortcuts_are_shown_in_menus(window):
    from workbench.ui.help import shortcuts_text

    text = shortcuts_text(window)
    for expected in ("Undo", "Next Claim", "Find Claims", "Import Article", "False"):
        assert expected in text
    assert window.actions["next"].shortcut().toString() == "J"


START_UP = """
import sys
from workbench.ui.app import run_app

def before_show(window):
    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, window.close)  # the event loop ran once with the window on screen

assert run_app(sys.argv[1], before_show=before_show) == 0
import gc
assert gc.isenabled() and gc.get_freeze_count() > 0  # collection resumes once the window is shown
from PySide6.QtWidgets import QApplication
assert "QSplitter::handle" in QApplication.instance().styleSheet()
import PySide6.QtWidgets
print("QStyle-set-up" if "QStyle" in vars(PySide6.QtWidgets) else "QStyle-not-set-up")
print(" ".join(sorted(sys.modules)))
from sqlite_utils.recipes import parsedate  # dateutil.parser, loaded on first use, works
assert parsedate("3 May 2021") == "2021-05-03"
"""


def test_start_up_loads_only_what_the_first_screen_needs(tmp_path):
    """No claim engine, matching, reports or numpy at start-up; the error dialog waits for first use (see
    workbench/ui/app.py)."""
    db, _ = build_workspace(tmp_path / "start.factwb")
    db.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, "-c", START_UP, str(tmp_path / "start.factwb")], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    modules = set(result.stdout.split())
    assert "workbench.ui.main_window" in modules and "sqlite_utils" in modules
    # The library delegate paints without QStyle (the binding's set-up of that class costs ~4 ms).
    assert "QStyle-not-set-up" in modules
    for heavy in ("numpy", "spacy", "trafilatura", "jinja2", "rapidfuzz", "workbench.claims", "workbench.matching",
                  "workbench.report", "workbench.ui.printing", "workbench.ui.errors", "workbench.ui.paste_dialog",
                  "dateutil.tz", "ctypes"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy


def test_reopening_the_last_workspace_does_not_rewrite_settings(window):
    from PySide6.QtCore import QSettings

    from workbench.ui.main_window import recent_workspaces, remember_workspace

    path = window.session.path
    assert recent_workspaces()[0] == path
    before = QSettings().fileName()
    stamp = os.stat(before).st_mtime_ns
    remember_workspace(path)
    QSettings().sync()
    assert os.stat(before).st_mtime_ns == stamp
    assert recent_workspaces()[0] == path


def test_a_failed_start_leaves_garbage_collection_on(qapp, tmp_path, capsys):
    import gc

    from workbench.ui.app import run_app

    bad = tmp_path / "broken.factwb"
    bad.write_bytes(b"not sqlite at all" * 4)
    assert gc.isenabled()
    assert run_app(bad) == 2
    assert gc.isenabled()
