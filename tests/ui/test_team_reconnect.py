"""The team server restarted in the middle of edits: the window says so, keeps what is being typed, retries
and resumes; nothing acknowledged is lost."""

import pytest
from PySide6.QtWidgets import QLineEdit

from workbench.services.claims import get_claim, list_claims
from workbench.storage import history


@pytest.fixture
def no_dialogs(monkeypatch):
    """Any message box would be a failure here: the banner is how the window tells."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


def _window(qtbot, url):
    from workbench.ui.app import open_session
    from workbench.ui.main_window import MainWindow

    session, _ = open_session(url)
    win = MainWindow(session, restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _type(qtbot, win, box, text):
    win.activateWindow()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    box.setPlainText(text)


def test_a_server_restart_mid_edit_shows_a_banner_keeps_the_typing_and_saves_it_after(
        qtbot, team_workspace, pg_server, no_dialogs):
    from workbench.services.workspace import open_workspace

    win = _window(qtbot, team_workspace)
    claim = list_claims(win.session.db, win.article_id)[1]
    win.select_claim(claim.id)
    for n in range(3):  # acknowledged edits before the restart
        _type(qtbot, win, win.side.rationale, f"Checked against the registry, pass {n}")
        win.side.rationale.commit()
    assert not win.banner.isVisible()
    _type(qtbot, win, win.side.rationale, "Ministry figures say 38 countries signed")
    pg_server.stop("fast")
    restarted = False
    try:
        qtbot.waitUntil(win.banner.isVisible, timeout=5000)  # noticed without any action of ours
        assert "Connection" in win.banner.label.text() and "127.0.0.1" in win.banner.label.text()
        win.side.rationale.commit()  # leaving the box while the server is away: not saved, not lost
        win.side.set_verdict("false")  # a choice made while away is refused quietly, the stored one shown
        assert win.side.rationale.toPlainText() == "Ministry figures say 38 countries signed"
        assert win.side.verdict.currentData() == claim.verdict
        assert win.banner.isVisible() and not no_dialogs
        pg_server.start()
        restarted = True
        qtbot.waitUntil(lambda: not win.banner.isVisible(), timeout=15000)  # retried and back
    finally:
        if not restarted:
            pg_server.start()
    check = open_workspace(team_workspace)
    try:
        qtbot.waitUntil(lambda: get_claim(check, claim.id).rationale == "Ministry figures say 38 countries signed",
                        timeout=5000)  # the typing kept offline was saved once the server was back
        saved = [e.after["rationale"] for e in history.entries(check, "claim", claim.id) if e.action == "update"]
        assert saved == [f"Checked against the registry, pass {n}" for n in range(3)] + [
            "Ministry figures say 38 countries signed"]  # every acknowledged edit kept, in order
    finally:
        check.close()
    assert not no_dialogs
    win.side.set_verdict("false")  # and the window works on
    assert get_claim(win.session.db, claim.id).verdict == "false"
    win.close()


def test_the_window_asks_for_the_password_the_server_wants(qtbot, team_workspace, pg_server, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from tests.pg_server import SUPERUSER
    from workbench.services import team
    from workbench.services.workspace import open_workspace
    from workbench.storage.postgres import connection

    monkeypatch.setattr(connection, "_TYPED", {})
    monkeypatch.setenv("PGPASSFILE", "/dev/null")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    admin = open_workspace(team_workspace)
    team.grant_role(admin, "quinn", "checker", password="Quinn-pass-5")
    admin.close()
    pg_server.require_password("quinn")
    asked = []

    def answer(parent, title, label, echo):
        asked.append((label, echo))
        return ("wrong-guess", True) if len(asked) == 1 else ("Quinn-pass-5", True)

    monkeypatch.setattr(QInputDialog, "getText", answer)
    url = team_workspace.replace(f"//{SUPERUSER}@", "//quinn@")
    qtbot.waitUntil(lambda: _refuses_without_password(url), timeout=5000)  # the server has read its new rule
    win = _window(qtbot, url)
    assert [echo for _, echo in asked] == [QLineEdit.EchoMode.Password] * 2  # typed unseen, asked again once
    assert "refused" in asked[1][0] and "quinn@127.0.0.1" in asked[0][0]
    assert win.session.db.conn.info.user == "quinn" and win.session.watcher.connected
    win.close()


def _refuses_without_password(url):
    from workbench.domain import PasswordNeeded
    from workbench.services.workspace import open_workspace

    try:
        open_workspace(url).close()
    except PasswordNeeded:
        return True
    return False


def test_a_lost_connection_met_anywhere_else_is_told_by_the_banner_not_a_dialog(qtbot, team_workspace,
                                                                               no_dialogs, monkeypatch):
    import sys

    from workbench.domain import ConnectionLost
    from workbench.ui import errors

    win = _window(qtbot, team_workspace)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    errors.install_excepthook()
    try:  # what a slot reading the workspace (another article, an undo) raises while the server is away
        raise ConnectionLost("The connection to the team workspace was lost")
    except ConnectionLost:
        sys.excepthook(*sys.exc_info())
    assert win.banner.isVisible() and not no_dialogs
    try:  # anything else still gets its dialog
        raise ValueError("a bug")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert len(no_dialogs) == 1
    win.close()
