"""Regressions found in review: filters while claims come and go, edits typed before moving on, user text
in tooltips, the evidence dialog keeping what was typed, and shortcuts hitting the claim that is shown."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from tests.ui.conftest import ARTICLE
from workbench.services.claims import get_claim, list_claims


def claim_ids(win):
    return [c.id for c in list_claims(win.session.db, win.article_id)]


def shown_ids(win):
    proxy = win.table.proxy
    return [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in range(proxy.rowCount())]


def _select_words(win, start, end):
    cursor = win.pane.text.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    win.pane.text.setTextCursor(cursor)


# --- 1: claims added while a filter is on ---------------------------------------------------------------
def test_adding_a_claim_while_a_verdict_filter_is_on(window, qtbot):
    window.table.verdict_filter.setCurrentIndex(window.table.verdict_filter.findData("unverified"))
    _select_words(window, 0, 8)  # "Minister"
    window.add_claim()
    assert len(claim_ids(window)) == 5
    assert window.table.proxy.rowCount() == 5  # all unverified, the new one among them


def test_adding_a_claim_while_searching(window, qtbot):
    window.table.search.setText("treaty")
    assert window.table.proxy.rowCount() == 2
    start = ARTICLE.index("Critics say")
    _select_words(window, start, start + len("Critics say the plan should be scrapped."))
    window.add_claim()
    assert len(claim_ids(window)) == 5
    new = window.side.claim.id
    assert new in shown_ids(window)  # the new claim is selected, so it stays in view


def test_undoing_a_delete_while_a_filter_is_on(window, qtbot):
    window.table.verdict_filter.setCurrentIndex(window.table.verdict_filter.findData("unverified"))
    window.table.step(1)
    window.delete_claim()
    assert window.table.proxy.rowCount() == 3
    window.session.undo_stack.undo()
    assert len(claim_ids(window)) == 4
    assert window.table.proxy.rowCount() == 4


def test_a_source_model_reset_to_more_rows_under_a_filter(qtbot, workspace_path):
    from PySide6.QtWidgets import QTableView

    from workbench.services.workspace import open_workspace
    from workbench.ui import claims_model as cm

    db = open_workspace(workspace_path, seed=False)
    from workbench.services.articles import list_articles

    claims = list_claims(db, list_articles(db)[0].id)
    db.close()
    model, proxy = cm.ClaimsModel(), cm.ClaimsFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    qtbot.addWidget(view)
    model.set_claims(claims[:2])
    proxy.set_filters(verdict="unverified")
    model.set_claims(claims)
    assert proxy.rowCount() == 4
    model.sort(cm.TEXT, Qt.SortOrder.DescendingOrder)
    proxy.set_filters(search="treaty")
    model.sort(cm.TEXT, Qt.SortOrder.AscendingOrder)
    assert sorted(proxy.index(r, cm.TEXT).data() for r in range(proxy.rowCount())) == sorted(
        c.text for c in claims if "treaty" in c.text.casefold())


# --- 2: searching while the selected claim does not match ------------------------------------------------
def test_searching_while_the_selected_claim_does_not_match(window, qtbot):
    view = window.table.view
    third_row = view.visualRect(window.table.proxy.index(2, 1)).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=third_row)
    selected = window.side.claim.id
    window.focus_search()
    QTest.keyClicks(window.table.search, "treaty")
    assert window.table.current_claim_id() == selected == window.side.claim.id
    assert selected in shown_ids(window)
    assert window.table.proxy.rowCount() == 3  # two matches and the claim being worked on


def test_a_verdict_shortcut_keeps_the_claim_under_a_verdict_filter(window, qtbot):
    second = claim_ids(window)[1]
    window.table.select_claim(second)
    window.table.verdict_filter.setCurrentIndex(window.table.verdict_filter.findData("unverified"))
    window.table.view.setFocus()
    qtbot.waitUntil(window.table.view.hasFocus)
    QTest.keyClick(window.table.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert second in shown_ids(window)
    assert window.table.current_claim_id() == second == window.side.claim.id
    QTest.keyClick(window.table.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    db = window.session.db
    assert get_claim(db, second).verdict != "unverified"
    assert [get_claim(db, i).verdict for i in claim_ids(window) if i != second] == ["unverified"] * 3


# --- 8: the claim shown is the claim highlighted ---------------------------------------------------------
def test_a_claim_hidden_by_a_filter_is_shown_and_selected_when_chosen(window, qtbot):
    ids = claim_ids(window)
    window.table.search.setText("treaty")
    window.table.step(1)
    assert window.table.current_claim_id() == ids[1]
    window.select_claim(ids[0])  # a click on its words in the article
    assert ids[0] in shown_ids(window)
    assert window.table.current_claim_id() == ids[0] == window.side.claim.id
    window.table.view.setFocus()
    qtbot.waitUntil(window.table.view.hasFocus)
    QTest.keyClick(window.table.view, Qt.Key.Key_Delete)
    assert claim_ids(window) == ids[1:]


# --- 3 and 4: text typed in the side panel, then another claim or a structural edit ---------------------
def _type_into(qtbot, box, text):
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.selectAll()
    QTest.keyClicks(box, text)


def test_typed_claim_text_stays_with_its_claim_on_ctrl_down(window, qtbot):
    ids = claim_ids(window)
    window.table.step(1)
    _type_into(qtbot, window.side.text_edit, "Edited first claim")
    QTest.keyClick(window.side.text_edit, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.side.claim.id == ids[1]
    assert window.side.text_edit.toPlainText() == get_claim(window.session.db, ids[1]).text
    window.table.view.setFocus()
    qtbot.waitUntil(window.table.view.hasFocus)
    db = window.session.db
    assert get_claim(db, ids[0]).text == "Edited first claim"
    assert get_claim(db, ids[1]).text == "The treaty was signed by 40 countries in 2019"


def test_typed_rationale_stays_with_its_claim_on_ctrl_down(window, qtbot):
    ids = claim_ids(window)
    window.table.step(1)
    _type_into(qtbot, window.side.rationale, "Because sources")
    QTest.keyClick(window.side.rationale, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.side.rationale.toPlainText() == ""
    window.table.view.setFocus()
    qtbot.waitUntil(window.table.view.hasFocus)
    db = window.session.db
    assert get_claim(db, ids[0]).rationale == "Because sources"
    assert get_claim(db, ids[1]).rationale == ""


def test_typing_then_merging_keeps_the_edit(window, qtbot, monkeypatch):
    from PySide6.QtCore import QItemSelectionModel

    from workbench.ui import errors

    shown = []
    monkeypatch.setattr(errors, "show_error", lambda parent, exc, *a, **k: shown.append(exc))
    ids = claim_ids(window)
    window.table.select_claim(ids[0])
    index = window.table.proxy.mapFromSource(window.table.model.index(window.table.model.row_of(ids[1]), 0))
    window.table.view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert window.side.claim.id == ids[1]
    _type_into(qtbot, window.side.rationale, "Checked against the register")
    QTest.keyClick(window.side.rationale, Qt.Key.Key_M,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    window.table.view.setFocus()
    qtbot.wait(10)
    assert not shown
    claims = list_claims(window.session.db, window.article_id)
    assert len(claims) == 3
    stack = window.session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Edit Rationale", "Merge Claims"]


def test_typing_then_deleting_shows_no_error(window, qtbot, monkeypatch):
    from workbench.ui import errors

    shown = []
    monkeypatch.setattr(errors, "show_error", lambda parent, exc, *a, **k: shown.append(exc))
    window.table.step(1)
    _type_into(qtbot, window.side.text_edit, "Changed my mind")
    window.delete_claim()
    window.table.view.setFocus()
    qtbot.wait(10)
    assert not shown
    assert len(claim_ids(window)) == 3


# --- 5: user text in tooltips is text -----------------------------------------------------------------------
def _as_shown(tooltip: str) -> str:
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(tooltip)  # a tooltip that looks like markup is rich text to Qt
    return document.toPlainText()


def test_claim_tooltips_show_markup_as_typed(window, qtbot):
    from workbench.ui import claims_model as cm

    first = claim_ids(window)[0]
    text, speaker = "Sales <b>doubled</b> & more", "<i>Minister</i> <img src='x'>"
    window.session.execute(cmd_update(window, first, {"text": text, "attribution": speaker}))
    row = window.table.model.row_of(first)
    model = window.table.model
    assert _as_shown(model.index(row, cm.TEXT).data(Qt.ItemDataRole.ToolTipRole)) == text
    assert _as_shown(model.index(row, cm.ATTRIBUTION).data(Qt.ItemDataRole.ToolTipRole)) == speaker


def cmd_update(win, claim_id, values):
    from workbench.ui import undo_commands as cmd

    return cmd.UpdateClaimCommand(win.session, claim_id, values, "Edit")


def test_library_tooltips_show_markup_as_typed(qtbot):
    from workbench.domain import ArticleSummary
    from workbench.ui.library import ArticlesModel

    model = ArticlesModel()
    model.set_articles([ArticleSummary(1, "<b>Budget</b> cuts", "Why <i>now</i>?", ("A & <B>",), None, 2)])
    tip = model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert _as_shown(tip) == "<b>Budget</b> cuts\nWhy <i>now</i>?\nA & <B>"


# --- 6: the evidence dialog keeps what was typed until it is saved ------------------------------------------
def _dialog_session(window, qtbot, monkeypatch, steps):
    """Runs add/edit evidence with a dialog driven by steps(dialog, results) instead of a person."""
    from PySide6.QtWidgets import QDialog

    from workbench.ui import errors
    from workbench.ui.evidence_dialog import EvidenceDialog

    shown, results = [], []
    monkeypatch.setattr(errors, "show_error", lambda parent, exc, *a, **k: shown.append(exc))
    monkeypatch.setattr(EvidenceDialog, "exec",
                        lambda dialog: steps(dialog, results) or dialog.result() == QDialog.DialogCode.Accepted)
    return shown, results


def test_the_evidence_dialog_stays_open_on_a_bad_date(window, qtbot, monkeypatch):
    from workbench.services.evidence import evidence_for_claim

    def steps(dialog, results):
        dialog.url.setText("https://example.org/report")
        dialog.title_edit.setText("Official report")
        dialog.published.setText("13/12/2017")
        dialog.quote.setPlainText("A long quote typed carefully")
        dialog.stance.setCurrentIndex(dialog.stance.findData("refutes"))
        dialog.accept()
        results.append((dialog.result(), dialog.status.text(), dialog.quote.toPlainText()))
        dialog.published.setText("2017-12-13")
        dialog.accept()
        results.append((dialog.result(), dialog.status.text(), dialog.quote.toPlainText()))

    shown, results = _dialog_session(window, qtbot, monkeypatch, steps)
    window.table.step(1)
    window.side.add_evidence()
    (first_result, first_status, first_quote), (second_result, _, _) = results
    assert first_result == 0 and "2017-12-13" in first_status and first_quote == "A long quote typed carefully"
    assert second_result == 1
    assert not shown
    evidence = evidence_for_claim(window.session.db, window.side.claim.id)
    assert [(e.source.url, e.source.published, e.quote) for e in evidence] == [
        ("https://example.org/report", "2017-12-13", "A long quote typed carefully")]
    assert window.session.undo_stack.count() == 1


def test_the_evidence_dialog_stays_open_on_a_too_long_title_when_editing(window, qtbot, monkeypatch):
    from workbench.services.evidence import MAX_FIELD, EvidenceInput, evidence_for_claim

    window.table.step(1)
    claim_id = window.side.claim.id
    window.session.execute(cmd_add_evidence(window, claim_id, EvidenceInput(url="https://a.example/x", quote="one")))
    (before,) = evidence_for_claim(window.session.db, claim_id)

    def steps(dialog, results):
        dialog.title_edit.setText("x" * (MAX_FIELD + 1))
        dialog.note.setText("my note")
        dialog.accept()
        results.append((dialog.result(), dialog.status.text(), dialog.note.text()))
        dialog.reject()

    shown, results = _dialog_session(window, qtbot, monkeypatch, steps)
    window.side.edit_evidence(before)
    assert results[0][0] == 0 and "too long" in results[0][1] and results[0][2] == "my note"
    assert not shown
    assert [e.note for e in evidence_for_claim(window.session.db, claim_id)] == [""]


def cmd_add_evidence(win, claim_id, value):
    from workbench.ui import undo_commands as cmd

    return cmd.AddEvidenceCommand(win.session, claim_id, value)


# --- 7: Del belongs to the claims table and the article ------------------------------------------------------
def test_del_in_the_library_list_deletes_no_claim(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr("workbench.ui.library_actions.confirm_delete",
                        lambda parent, article: asked.append(article.title) and False)
    window.table.step(1)
    before = claim_ids(window)
    window.library.view.setFocus()
    qtbot.waitUntil(window.library.view.hasFocus)
    QTest.keyClick(window.library.view, Qt.Key.Key_Delete)
    assert asked == ["Treaty talks"]  # there Del offers to delete the article (declined here), never a claim
    assert claim_ids(window) == before
    window.table.view.setFocus()  # where it still works
    qtbot.waitUntil(window.table.view.hasFocus)
    QTest.keyClick(window.table.view, Qt.Key.Key_Delete)
    assert claim_ids(window) == before[1:]
    window.select_claim(before[1])
    window.pane.text.setFocus()
    qtbot.waitUntil(window.pane.text.hasFocus)
    QTest.keyClick(window.pane.text, Qt.Key.Key_Delete)
    assert claim_ids(window) == before[2:]


# --- 9: an edit that changes nothing is no undo step ---------------------------------------------------------
def test_choosing_the_same_kind_again_pushes_no_undo_step(window, qtbot):
    window.table.step(1)
    kind = window.side.kind
    kind.activated.emit(kind.currentIndex())
    window.side.set_verdict("unverified")
    window.side._update({"attribution": None}, "Edit Attribution")
    assert window.session.undo_stack.count() == 0
    kind.setCurrentIndex((kind.currentIndex() + 1) % kind.count())
    kind.activated.emit(kind.currentIndex())
    assert window.session.undo_stack.count() == 1
