"""Edit ▸ Workspace Settings: the verdict-scale editor, and the window following the scale it saves."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog

from workbench.domain import DEFAULT_SCALE
from workbench.services.claims import get_claim, list_claims
from workbench.services.settings import organisation, verdict_scale
from workbench.storage import history
from workbench.ui import undo_commands as cmd
from workbench.ui.settings_dialog import SettingsDialog


def run_dialog(window, qtbot, monkeypatch, person):
    """Opens Workspace Settings from the menu; person(dialog) acts on it in place of a modal exec()."""
    seen = []

    def exec_(dialog):
        dialog.show()
        seen.append(person(dialog))
        result = dialog.result()
        dialog.hide()
        return result

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    window.actions["settings"].trigger()
    assert seen, "the dialog was not shown"
    return seen[0]


def row_of(dialog, label):
    return next(i for i, r in enumerate(dialog.editor.rows) if r.label == label)


def type_into(qtbot, widget, text):
    """As a person types: select what is there and type over it."""
    widget.setFocus()
    widget.selectAll()
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)


def set_verdict(window, claim_id, key):
    window.session.execute(cmd.UpdateClaimCommand(window.session, claim_id, {"verdict": key}, "Verdict"))


def combo_labels(window):
    combo = window.side.verdict
    return [combo.itemText(i) for i in range(combo.count())]


def menu_labels(window):
    return [a.text() for a in window.verdict_actions]


def scale_rows(db):
    return [e for e in history.entries(db, "settings") if e.action == "verdict_scale"]


def test_renaming_a_verdict_keeps_every_claims_verdict_and_the_window_follows(window, qtbot, monkeypatch):
    first, second = (c.id for c in list_claims(window.session.db, window.article_id)[:2])
    set_verdict(window, first, "false")
    set_verdict(window, second, "mostly-false")
    window.table.select_claim(first)
    window.table.verdict_filter.setCurrentIndex(window.table.verdict_filter.findData("false"))

    def person(dialog):
        dialog.editor.select(row_of(dialog, "False"))
        type_into(qtbot, dialog.editor.label_edit, "Wrong")
        assert dialog.editor.table.item(dialog.editor.current_row(), 0).text() == "Wrong"  # the list follows typing
        assert dialog.apply_button.isEnabled()
        dialog.accept()

    run_dialog(window, qtbot, monkeypatch, person)
    db = window.session.db
    assert get_claim(db, first).verdict == "false" and get_claim(db, second).verdict == "mostly-false"
    assert verdict_scale(db).get("false").label == "Wrong"
    # the side panel (the claim still shown), its combo, the table, the filter and the Verdict menu follow
    assert window.side.claim.id == first
    assert window.side.verdict.currentText() == "Wrong" and window.side.verdict.currentData() == "false"
    assert "Wrong" in combo_labels(window) and "False" not in combo_labels(window)
    row = window.table.model.row_of(first)
    assert window.table.model.data(window.table.model.index(row, 5)) == "Wrong"
    assert window.table.verdict_filter.currentData() == "false"  # the filter stays on the renamed verdict
    assert window.table.verdict_filter.currentText() == "Wrong"
    assert window.table.proxy.rowCount() == 1
    assert "Wrong" in menu_labels(window)
    assert len(scale_rows(db)) == 1


def test_a_new_verdict_is_offered_everywhere_with_a_key_from_its_label(window, qtbot, monkeypatch):
    def person(dialog):
        editor = dialog.editor
        editor.select(row_of(dialog, "Mixed"))
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        assert editor.current_row() == row_of(dialog, "Mixed") + 1  # added below the selected verdict
        type_into(qtbot, editor.label_edit, "Half true & <b>misleading</b>")
        type_into(qtbot, editor.definition_edit, "Accurate in part, <i>misleading</i> overall.")
        type_into(qtbot, editor.rating_edit, "3")
        type_into(qtbot, editor.colour_edit, "#00897B")
        qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)  # now just before "Mixed"
        assert "half-true-b-misleading-b" in editor.key_note.text()
        dialog.accept()

    run_dialog(window, qtbot, monkeypatch, person)
    scale = window.session.scale
    assert scale == verdict_scale(window.session.db)
    option = scale.get("half-true-b-misleading-b")
    assert option is not None, scale.keys()
    assert (option.label, option.colour, option.rating) == ("Half true & <b>misleading</b>", "#00897B", 3)
    assert option.definition == "Accurate in part, <i>misleading</i> overall."
    assert scale.keys().index(option.key) == scale.keys().index("mixed") - 1
    # the side panel's combo, the table's filter and the Verdict menu offer it (a label is text, not a mnemonic)
    assert window.side.verdict.findData(option.key) >= 0
    assert window.table.verdict_filter.findData(option.key) > 0
    action = window.verdict_actions[scale.keys().index(option.key)]
    assert action.text() == "Half true && <b>misleading</b>"
    assert action.shortcut() == QKeySequence("Ctrl+3")  # its place in the scale, after Unverified
    window.table.step(1)
    claim_id = window.side.claim.id
    action.trigger()
    assert get_claim(window.session.db, claim_id).verdict == option.key
    assert window.side.verdict.currentData() == option.key
    assert window.side.definition.text() == option.definition
    assert window.side.definition.textFormat() == Qt.TextFormat.PlainText


def test_removing_a_verdict_that_claims_have_is_refused_with_their_count(window, qtbot, monkeypatch):
    claims = list_claims(window.session.db, window.article_id)
    set_verdict(window, claims[0].id, "false")
    set_verdict(window, claims[2].id, "false")
    depth = window.session.undo_stack.count()
    messages = []

    def person(dialog):
        editor = dialog.editor
        at = row_of(dialog, "False")
        editor.select(at)
        assert editor.table.item(at, 2).text() == "2"  # the list says how many claims have each verdict
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
        messages.append(dialog.status.text())
        assert [r.key for r in editor.rows] == DEFAULT_SCALE.keys()  # nothing removed
        editor.select(0)
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)  # Unverified stays
        messages.append(dialog.status.text())
        assert not dialog.modified and not dialog.apply_button.isEnabled()
        editor.select(row_of(dialog, "Unproven"))  # no claim has it: removed
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
        assert "unproven" not in [r.key for r in editor.rows]
        monkeypatch.setattr(dialog, "confirm_discard", lambda: True)
        dialog.reject()  # Cancel: nothing is saved

    run_dialog(window, qtbot, monkeypatch, person)
    assert messages[0] == "“False” is the verdict of 2 claims: give them another verdict first, then remove it."
    assert "“Unverified” stays" in messages[1]
    assert verdict_scale(window.session.db) == DEFAULT_SCALE == window.session.scale
    assert window.session.undo_stack.count() == depth
    assert scale_rows(window.session.db) == []


def test_the_workspace_refuses_a_scale_that_drops_a_verdict_claims_have(window, qtbot, monkeypatch):
    """The list may be out of date (a terminal changed claims meanwhile): the save itself refuses, names the count
    and keeps the dialog open with everything as it was."""
    claim_id = list_claims(window.session.db, window.article_id)[1].id

    def person(dialog):
        editor = dialog.editor
        editor.select(row_of(dialog, "Unproven"))
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)  # no claim had it when the dialog opened
        set_verdict(window, claim_id, "unproven")  # ... but one has it now
        dialog.accept()
        return dialog.result(), dialog.status.text(), dialog.isVisible(), [r.key for r in editor.rows]

    result, status, visible, keys = run_dialog(window, qtbot, monkeypatch, person)
    assert result == QDialog.DialogCode.Rejected and visible
    assert "“Unproven” (1 claim)" in status
    assert "unproven" not in keys  # what was edited is still there to fix
    assert verdict_scale(window.session.db) == DEFAULT_SCALE


def test_undo_restores_the_previous_scale_in_one_step_and_redo_brings_the_new_one_back(window, qtbot, monkeypatch):
    claim_id = list_claims(window.session.db, window.article_id)[0].id
    set_verdict(window, claim_id, "true")
    window.table.select_claim(claim_id)
    depth = window.session.undo_stack.count()

    def person(dialog):
        editor = dialog.editor
        editor.select(row_of(dialog, "True"))
        type_into(qtbot, editor.label_edit, "Correct")
        qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        type_into(qtbot, editor.label_edit, "Satire")
        type_into(qtbot, editor.definition_edit, "Not meant to be read as fact.")
        type_into(qtbot, dialog.organisation, "Example Gazette")
        dialog.accept()

    run_dialog(window, qtbot, monkeypatch, person)
    db = window.session.db
    assert window.session.undo_stack.count() == depth + 1  # one step for the whole dialog
    assert window.session.undo_stack.undoText() == "Change Workspace Settings"
    changed = verdict_scale(db)
    assert changed.keys()[:4] == ["unverified", "mostly-true", "true", "satire"]
    assert organisation(db) == "Example Gazette"
    assert "Satire" in combo_labels(window)

    window.actions["undo"].trigger()  # Ctrl+Z
    assert verdict_scale(db) == DEFAULT_SCALE == window.session.scale
    assert organisation(db) == ""
    assert combo_labels(window) == [o.label for o in DEFAULT_SCALE.options]
    assert menu_labels(window) == [o.label for o in DEFAULT_SCALE.options]
    assert window.side.claim.id == claim_id and window.side.verdict.currentText() == "True"
    assert get_claim(db, claim_id).verdict == "true"
    window.actions["redo"].trigger()
    assert verdict_scale(db) == changed == window.session.scale
    assert window.side.verdict.currentText() == "Correct"
    assert len(scale_rows(db)) == 3  # the change, its undo and its redo


@pytest.mark.parametrize("field, text, message", [
    ("label", "", "Verdict 6 needs a label."),
    ("label", "  mostly TRUE ", "Two verdicts are labelled “mostly TRUE”: each label must be unique."),
    ("colour", "#12zz", "“False” has the colour “#12zz”; use #rrggbb, e.g. #2e7d32."),
    ("definition", "", "“False” needs a definition: the report prints it for readers."),
    ("rating", "-", "“False” has the rating “-”; use a whole number, or leave it blank."),
])
def test_a_bad_verdict_keeps_the_dialog_open_with_nothing_lost(window, qtbot, monkeypatch, field, text, message):
    depth = window.session.undo_stack.count()

    def person(dialog):
        editor = dialog.editor
        editor.select(len(editor.rows) - 1)
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)  # an edit elsewhere that must not be lost
        type_into(qtbot, editor.label_edit, "Satire")
        type_into(qtbot, editor.definition_edit, "Not meant as fact.")
        editor.select(row_of(dialog, "False"))
        type_into(qtbot, dialog.organisation, "Example Gazette")
        type_into(qtbot, getattr(editor, f"{field}_edit"), text)
        editor.select(0)  # the person moves on before saving
        dialog.accept()
        at_fault = editor.current_row()
        focused = dialog.focusWidget() is getattr(editor, f"{field}_edit")  # (offscreen windows are not activated)
        state = (dialog.result(), dialog.isVisible(), dialog.status.text(), at_fault, focused,
                 [r.label for r in editor.rows], dialog.organisation.text())
        monkeypatch.setattr(dialog, "confirm_discard", lambda: True)
        dialog.reject()
        return state

    result, visible, status, at_fault, focused, labels, name = run_dialog(window, qtbot, monkeypatch, person)
    assert result == QDialog.DialogCode.Rejected and visible
    assert status == message
    assert at_fault == 5 and focused  # the verdict at fault is selected, the cursor in the field to fix
    assert "Satire" in labels and name == "Example Gazette"
    assert verdict_scale(window.session.db) == DEFAULT_SCALE and organisation(window.session.db) == ""
    assert window.session.undo_stack.count() == depth


def test_apply_saves_and_keeps_the_dialog_open_and_cancel_asks_before_discarding(window, qtbot, monkeypatch):
    asked = []

    def person(dialog):
        editor = dialog.editor
        assert not dialog.apply_button.isEnabled()  # nothing to apply yet
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        type_into(qtbot, editor.label_edit, "Satire")
        type_into(qtbot, editor.definition_edit, "Not meant as fact.")
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and not dialog.apply_button.isEnabled()
        assert "satire" in verdict_scale(window.session.db).keys()
        assert "Satire" in combo_labels(window)  # the window follows while the dialog is open
        assert editor.rows[editor.current_row()].key == "satire"  # now a stored verdict with its key
        type_into(qtbot, editor.label_edit, "Parody")
        monkeypatch.setattr(dialog, "confirm_discard", lambda: asked.append(True) or False)
        dialog.reject()  # "Keep editing"
        assert dialog.isVisible() and asked
        monkeypatch.setattr(dialog, "confirm_discard", lambda: True)
        dialog.reject()
        return dialog.result()

    assert run_dialog(window, qtbot, monkeypatch, person) == QDialog.DialogCode.Rejected
    labels = [o.label for o in verdict_scale(window.session.db).options]
    assert "Satire" in labels and "Parody" not in labels


def test_user_text_in_the_editor_is_plain_text(window, qtbot, monkeypatch):
    def person(dialog):
        editor = dialog.editor
        type_into(qtbot, editor.label_edit, "<b>Unverified</b>")
        editor.select(1)
        type_into(qtbot, editor.label_edit, "<b>Unverified</b>")
        dialog.accept()
        return [(w.textFormat(), w.text()) for w in (dialog.status, editor.key_note)]

    (status, note) = run_dialog(window, qtbot, monkeypatch, person)
    assert status == (Qt.TextFormat.PlainText, "Two verdicts are labelled “<b>Unverified</b>”: each label must be "
                                               "unique.")
    assert note[0] == Qt.TextFormat.PlainText


def test_the_dialog_is_not_cramped(window, qtbot, monkeypatch, tmp_path):
    def person(dialog):
        editor = dialog.editor
        image = dialog.grab()
        image.save(str(tmp_path / "scale.png"))
        widths = [editor.table.columnWidth(c) for c in range(3)]
        return image.width(), image.height(), widths, editor.table.horizontalHeader().length(), \
            editor.table.viewport().width(), editor.definition_edit.height(), editor.label_edit.width()

    width, height, widths, header, viewport, definition, label = run_dialog(window, qtbot, monkeypatch, person)
    assert width >= 760 and height >= 500
    assert widths[0] >= 150 and header <= viewport  # no horizontal scrolling in the list
    assert definition >= 80 and label >= 250


def test_verdict_labels_and_definitions_are_shown_as_text_in_menus_and_tooltips(window, qtbot):
    from dataclasses import replace

    from workbench.domain import VerdictScale
    from workbench.services.settings import set_verdict_scale
    from workbench.ui import claims_model as cm

    options = tuple(
        replace(o, label="Half & half", definition="<b>bold</b> & <i>not</i>") if o.key == "false" else o
        for o in DEFAULT_SCALE.options
    )
    window.session.changed.emit(set_verdict_scale(window.session.db, VerdictScale(options)))
    action = next(a for a in window.verdict_actions if "Half" in a.text())
    assert action.text() == "Half && half"  # shown as "Half & half", no mnemonic eaten
    claim = list_claims(window.session.db, window.article_id)[0]
    set_verdict(window, claim.id, "false")
    model = window.table.model
    tip = model.data(model.index(model.row_of(claim.id), cm.VERDICT), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold&lt;/b&gt;" in tip and "<b>" not in tip
    window.select_claim(claim.id)
    window.side.set_verdict("unverified")
    window.side.set_verdict("false")
    assert window.session.undo_stack.undoText() == "Verdict: Half && half"  # the Undo menu shows "Half & half"


def test_where_fact_checks_are_published_is_a_setting_with_undo(window, qtbot, monkeypatch):
    from workbench.services.settings import publication_url, review_base_url

    def person(dialog):
        type_into(qtbot, dialog.base_url, "ftp://desk.example.org")
        refused = not dialog.apply()
        message = dialog.status.text()
        type_into(qtbot, dialog.base_url, "https://desk.example.org/checks")
        dialog.accept()
        return refused, message

    refused, message = run_dialog(window, qtbot, monkeypatch, person)
    assert refused and "http" in message
    db = window.session.db
    assert review_base_url(db) == "https://desk.example.org/checks"
    assert publication_url(db, window.article_id, "Treaty talks") == "https://desk.example.org/checks/treaty-talks"
    window.undo()
    assert review_base_url(db) == ""
