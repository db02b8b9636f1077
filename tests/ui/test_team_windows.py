"""Two windows on one team workspace see each other's changes without a restart."""

from workbench.services.claims import delete_claim, list_claims, set_verdict


def _window(qtbot, url):
    from workbench.ui.app import open_session
    from workbench.ui.main_window import MainWindow

    session, _ = open_session(url)
    win = MainWindow(session, restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _verdicts(win):
    return [c.verdict for c in win.table.model.claims()]


def test_a_change_in_one_window_shows_in_the_other_within_two_seconds(qtbot, team_workspace):
    first, second = _window(qtbot, team_workspace), _window(qtbot, team_workspace)
    assert "127.0.0.1" in second.windowTitle()
    claims = list_claims(first.session.db, first.article_id)
    second.select_claim(claims[2].id)
    second.side.rationale.setFocus()
    second.activateWindow()
    qtbot.waitUntil(second.side.rationale.hasFocus, timeout=2000)
    second.side.rationale.setPlainText("Half-typed note about the budget")  # not saved yet
    set_verdict(first.session.db, claims[2].id, "false")
    qtbot.waitUntil(lambda: _verdicts(second)[2] == "false", timeout=2000)
    assert second.current_claim_id() == claims[2].id  # the selection stays
    assert second.side.verdict.currentData() == "false"
    assert second.side.rationale.toPlainText() == "Half-typed note about the budget"  # typing is never lost
    delete_claim(first.session.db, claims[0].id)  # a structural change rebuilds the other window's lists
    qtbot.waitUntil(lambda: second.table.model.rowCount() == 3, timeout=2000)
    assert second.current_claim_id() == claims[2].id
    first.close()
    second.close()


def test_saving_text_typed_over_someone_elses_change_asks_first(qtbot, team_workspace, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    first, second = _window(qtbot, team_workspace), _window(qtbot, team_workspace)
    claim = list_claims(first.session.db, first.article_id)[1]
    second.select_claim(claim.id)
    second.activateWindow()
    second.side.rationale.setFocus()
    qtbot.waitUntil(second.side.rationale.hasFocus, timeout=2000)
    second.side.rationale.setPlainText("Ministry figures say 38 countries")
    set_verdict(first.session.db, claim.id, "mostly-true", "Signed by 40 per the UN registry")
    qtbot.waitUntil(lambda: second.side.verdict.currentData() == "mostly-true", timeout=2000)
    asked = []

    def choose(box):  # the person reads who changed it and keeps their own text
        asked.append(box.text())
        return next(b for b in box.buttons() if b.text() == "Apply Mine")

    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.clickedButton() or setattr(box, "_chosen", choose(box)))
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: getattr(box, "_chosen", None))
    second.side.rationale.commit()
    assert asked and "changed this claim" in asked[0]
    stored = list_claims(first.session.db, first.article_id)[1]
    assert (stored.verdict, stored.rationale) == ("mostly-true", "Ministry figures say 38 countries")
    first.close()
    second.close()
