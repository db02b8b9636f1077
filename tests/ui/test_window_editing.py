"""Selecting, editing and undoing in the main window; every change persists in the workspace file."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.ui.conftest import ARTICLE, snapshot
from workbench.domain import OverlapState
from workbench.services.claims import list_claims
from workbench.services.evidence import EvidenceInput, evidence_for_claim
from workbench.services.workspace import open_workspace
from workbench.ui import undo_commands as cmd


def claim_ids(win):
    return [c.id for c in list_claims(win.session.db, win.article_id)]


def test_window_opens_first_article(window):
    assert window.article_id is not None
    assert window.table.model.rowCount() == 4
    assert window.pane.text.toPlainText() == ARTICLE
    assert "ui.factwb" in window.windowTitle()


def test_selecting_a_claim_fills_the_side_panel(window, qtbot):
    window.table.step(1)
    window.table.step(1)
    claim = list_claims(window.session.db, window.article_id)[1]
    assert window.side.claim.id == claim.id
    assert window.side.text_edit.toPlainText() == claim.text
    assert window.side.verdict.currentData() == "unverified"
    assert len(window.side.overlap_cards.cards) == 1  # claims 2 and 4 overlap
    assert window.pane.text.extraSelections()  # highlighted in the article too


def test_the_claim_form_is_built_when_the_first_claim_is_shown(window, qtbot):
    side = window.side
    assert not side._form_built and side.stack.count() == 1  # start-up: only the hint
    assert side.stack.currentWidget() is side.empty
    window.table.step(1)
    assert side._form_built and side.stack.currentIndex() == 1
    labels = [side.verdict.itemText(i) for i in range(side.verdict.count())]
    assert labels == [o.label for o in window.session.scale.options]
    window.select_claim(None)
    assert side.stack.currentWidget() is side.empty
    window.table.step(1)
    assert side.stack.count() == 2  # built once


def test_the_claim_form_is_built_when_asked_for_and_follows_the_workspace(window, tmp_path):
    side = window.side
    assert not side._form_built
    assert side.verdict.count() == len(window.session.scale.options)  # asking for a widget builds the form
    assert side._form_built and side.stack.currentWidget() is side.empty
    assert window.open_workspace(tmp_path / "other.factwb")
    assert side.verdict.count() == len(window.session.scale.options)
    with pytest.raises(AttributeError):
        side.no_such_widget  # noqa: B018


def test_library_paints_the_selected_article_highlighted(window):
    from PySide6.QtGui import QPalette

    view = window.library.view
    rect = view.visualRect(window.library.model.index(0))
    highlight = view.palette().color(QPalette.ColorRole.Highlight).rgb()

    def colours():
        image = view.viewport().grab().toImage()
        return {image.pixel(x, y) for x in range(rect.left(), rect.right(), 3)
                for y in range(rect.top(), rect.bottom(), 3)}

    assert view.selectionModel().isSelected(window.library.model.index(0))
    assert highlight in colours()  # the style's selected panel under the title
    view.selectionModel().clear()
    assert highlight not in colours()


def test_paste_as_new_article_dialog(window, qtbot, monkeypatch):
    from workbench.ui.paste_dialog import PasteArticleDialog

    monkeypatch.setattr("PySide6.QtGui.QClipboard.text", lambda self: "")
    shown = []

    def accept(dialog):
        shown.append(dialog)
        assert not dialog.ok.isEnabled()  # nothing pasted yet
        dialog.body.setPlainText("The council approved 300 new homes on Tuesday, the mayor said.")
        assert dialog.ok.isEnabled()
        dialog.title.setText("Homes")
        return True

    monkeypatch.setattr(PasteArticleDialog, "exec", accept)
    with qtbot.waitSignal(window.importer.imported, timeout=60_000) as blocker:
        window.paste_article()
    assert shown and blocker.args[0].article.title == "Homes"
    assert window.session.runner.wait(10_000)


def test_clicking_a_highlight_selects_its_claim(window, qtbot):
    claim = list_claims(window.session.db, window.article_id)[2]
    point = window.pane.text.point_of(claim.start + 3)
    qtbot.mouseClick(window.pane.text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.side.claim.id == claim.id
    assert window.table.current_claim_id() == claim.id


def test_clicking_plain_text_selects_nothing_new(window, qtbot):
    window.table.step(1)
    first = window.side.claim.id
    gap = ARTICLE.index("officials said") + 2  # words between claims
    qtbot.mouseClick(window.pane.text.viewport(), Qt.MouseButton.LeftButton, pos=window.pane.text.point_of(gap))
    assert window.side.claim.id == first


def test_verdict_shortcut_and_evidence_persist_after_reopening(window, qtbot, workspace_path):
    window.table.step(1)
    claim_id = window.side.claim.id
    window.verdict_actions[5].trigger()  # Ctrl+5 on the default scale: "False"
    assert window.side.verdict.currentData() == "false"
    assert window.table.model.data(window.table.model.index(0, 5)) == "False"
    window.session.execute(cmd.AddEvidenceCommand(window.session, claim_id, EvidenceInput(
        url="https://example.org/report", title="Report", stance="refutes", quote="only 12 countries")))
    window.session.execute(cmd.AddEvidenceCommand(window.session, claim_id, EvidenceInput(
        url="https://example.org/other", title="Other")))
    assert len(window.side.evidence_cards.cards) == 2
    window.side.remove_evidence(window.side.evidence[1])
    assert len(window.side.evidence_cards.cards) == 1

    db = open_workspace(workspace_path, seed=False)  # a second connection sees what is saved
    try:
        claim = next(c for c in list_claims(db, window.article_id) if c.id == claim_id)
        assert claim.verdict == "false"
        assert [e.source.url for e in evidence_for_claim(db, claim_id)] == ["https://example.org/report"]
    finally:
        db.close()


def test_editing_text_in_the_side_panel_saves_on_leaving(window, qtbot):
    window.table.step(1)
    window.side.text_edit.setFocus()
    window.side.text_edit.setPlainText("Ministers met in Geneva on Monday 3 May.")
    window.side.text_edit.commit()
    assert list_claims(window.session.db, window.article_id)[0].text == "Ministers met in Geneva on Monday 3 May."
    window.session.undo_stack.undo()
    assert list_claims(window.session.db, window.article_id)[0].text == "Ministers met in Geneva on Monday."


def _verdict(win):
    win.side.set_verdict("mostly-true")


def _text(win):
    win.side._update({"text": "Ministers met in Geneva."}, "Edit")


def _attribution(win):
    win.side.attribution.setText("the ministry")
    win.side._attribution_done()


def _add(win):
    cursor = win.pane.text.textCursor()
    start = ARTICLE.index("Critics say")
    cursor.setPosition(start)
    cursor.setPosition(start + len("Critics say the plan should be scrapped."), cursor.MoveMode.KeepAnchor)
    win.pane.text.setTextCursor(cursor)
    win.add_claim()


def _split(win):
    cursor = win.pane.text.textCursor()
    cursor.setPosition(ARTICLE.index("in Geneva"))
    win.pane.text.setTextCursor(cursor)
    win.split_claim()


def _merge(win):
    view = win.table.view
    view.selectRow(1)
    view.selectionModel().select(win.table.proxy.index(2, 0), view.selectionModel().SelectionFlag.Select
                                 | view.selectionModel().SelectionFlag.Rows)
    win.merge_claims()


def _delete(win):
    win.actions["delete"].trigger()


def _evidence_add(win):
    win.session.execute(cmd.AddEvidenceCommand(win.session, win.side.claim.id,
                                               EvidenceInput(url="https://example.org/a", title="A")))


def _evidence_remove(win):
    card = win.side.evidence_cards.cards[0]
    remove = [b for b in card.findChildren(QPushButton) if b.text() == "Remove"][0]
    remove.click()


def _evidence_edit(win):
    evidence = evidence_for_claim(win.session.db, win.side.claim.id)[0]
    win.session.execute(cmd.EditEvidenceCommand(win.session, evidence, EvidenceInput(
        url=evidence.source.url, title="New title", quote="new quote", stance="supports")))


def _overlap(win):
    overlap = win.side.overlap_cards.cards[0].overlap
    win.side.set_overlap_state(overlap.id, OverlapState.DISMISSED)


def _overlap_confirm(win):
    overlap = win.side.overlap_cards.cards[0].overlap
    win.side.set_overlap_state(overlap.id, OverlapState.CONFIRMED)  # shares the evidence with the twin


ACTIONS = {"verdict": _verdict, "text": _text, "attribution": _attribution, "add": _add, "split": _split,
           "merge": _merge, "delete": _delete, "evidence-add": _evidence_add, "evidence-remove": _evidence_remove,
           "evidence-edit": _evidence_edit, "overlap-dismiss": _overlap,
           "overlap-confirm": _overlap_confirm}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_undo_and_redo_round_trip(window, qtbot, name):
    db, article = window.session.db, window.article_id
    window.table.select_claim(list_claims(db, article)[1 if name.startswith("overlap") else 0].id)
    window.table.view.setFocus()
    if name in ("evidence-remove", "evidence-edit", "overlap-confirm"):
        _evidence_add(window)
        window.session.undo_stack.clear()
    before = snapshot(db, article)
    ACTIONS[name](window)
    after = snapshot(db, article)
    assert after != before, f"{name} changed nothing"
    assert window.session.undo_stack.canUndo()
    window.actions["undo"].trigger()
    assert snapshot(db, article) == before
    assert window.table.model.rowCount() == len(before)
    window.actions["redo"].trigger()
    assert snapshot(db, article) == after
    assert window.table.model.rowCount() == len(after)
    window.session.undo_stack.undo()
    window.session.undo_stack.redo()
    assert snapshot(db, article) == after


def test_a_refused_action_is_not_put_on_the_undo_stack(window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr("workbench.ui.main_window.show_error", lambda parent, exc: shown.append(str(exc)))
    window.session.failed.disconnect()
    window.session.failed.connect(lambda exc: shown.append(str(exc)))
    window.table.step(1)
    window.side._update({"text": "   "}, "Edit")
    assert shown and "cannot be empty" in shown[-1]
    assert not window.session.undo_stack.canUndo()
    window.merge_claims()  # nothing selected for merging: a clear message, no crash
    assert "two or more" in shown[-1]


def test_table_selection_scrolls_the_article(window, qtbot):
    window.table.select_claim(claim_ids(window)[3])
    selection = window.pane.text.extraSelections()[0]
    assert selection.cursor.selectedText() == "Forty countries signed the treaty in 2019"


def test_a_claim_stays_visible_until_you_move_on(window, qtbot):
    """Filtering on "Unverified" and setting a verdict must not whisk the claim away mid-edit."""
    window.table.verdict_filter.setCurrentIndex(window.table.verdict_filter.findData("unverified"))
    window.table.step(1)
    first = window.side.claim.id
    window.side.set_verdict("false")
    assert window.side.claim.id == first
    assert window.table.current_claim_id() == first
    assert window.table.proxy.rowCount() == 4
    window.table.step(1)  # moving on lets it go
    assert window.side.claim.id != first
    assert window.table.proxy.rowCount() == 3
