"""Editing that keeps up with a fact-checker: undo from any box, split at the caret the person sees, claims added
from a selection that snap to words and get a speaker, the person's place kept, the evidence dialog, the shortcut
table and claim ids in the window."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import ARTICLE
from workbench.services.claims import get_claim, list_claims
from workbench.services.overlaps import overlaps_for_claim
from workbench.ui import claims_model as cm


def focus(qtbot, widget):
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def select_words(window, start, end):
    cursor = window.pane.text.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    window.pane.text.setTextCursor(cursor)


def test_ctrl_z_in_the_rationale_box_undoes_the_last_workspace_action(window, qtbot):
    window.table.step(1)
    claim_id = window.side.claim.id
    window.side.set_verdict("false")
    focus(qtbot, window.side.rationale)  # e.g. where focus returns after Add Evidence: nothing typed here
    QTest.keyClick(window.side.rationale, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_claim(window.session.db, claim_id).verdict == "unverified"
    QTest.keyClick(window.side.rationale, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert get_claim(window.session.db, claim_id).verdict == "false"
    # with typing of its own, Ctrl+Z first undoes the typing
    QTest.keyClicks(window.side.rationale, "abc")
    QTest.keyClick(window.side.rationale, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.side.rationale.toPlainText() != "abc"
    assert get_claim(window.session.db, claim_id).verdict == "false"


def test_split_uses_the_caret_in_the_claim_text_box_and_trims_both_halves(window, qtbot):
    from workbench.services.claims import update_claim

    window.table.step(1)
    window.table.step(1)  # "The treaty was signed by 40 countries in 2019"
    claim = window.side.claim
    window.pane.text.textCursor()
    cursor = window.pane.text.textCursor()
    cursor.setPosition(ARTICLE.index("Ministers") + 3)  # an old caret in the article, inside another claim
    window.pane.text.setTextCursor(cursor)
    update_claim(window.session.db, claim.id, text=claim.text)  # nothing changed: the article's own words
    focus(qtbot, window.side.text_edit)
    box_cursor = window.side.text_edit.textCursor()
    box_cursor.setPosition(claim.text.index(" by 40"))
    window.side.text_edit.setTextCursor(box_cursor)
    window.split_claim()
    texts = [c.text for c in list_claims(window.session.db, window.article_id)]
    assert "The treaty was signed" in texts and "by 40 countries in 2019" in texts
    assert "Ministers met in Geneva on Monday." in texts  # the claim under the old article caret is untouched


def test_split_halves_lose_dangling_dashes_and_conjunctions(empty_db):
    from workbench.domain import ParsedArticle
    from workbench.services.claims import add_claim, split_claim
    from workbench.storage import articles as article_repo

    text = "Leaks release methane — but replacing coal with gas still cut emissions."
    article = article_repo.insert(empty_db, ParsedArticle(title="Gas", text=text), "h")
    (claim_id,) = add_claim(empty_db, article.id, 0, len(text)).added_claims
    split_claim(empty_db, claim_id, text.index(" but"))
    assert [c.text for c in list_claims(empty_db, article.id)] == [
        "Leaks release methane", "replacing coal with gas still cut emissions."]


def test_add_claim_snaps_to_words_and_gets_speaker_kind_score_and_overlaps(window, qtbot):
    start = ARTICLE.index("Forty countries")
    end = ARTICLE.index("in 2019, officials") + len("in 2019, of")  # ends two letters into "officials"
    select_words(window, start + 3, end)  # starts three letters into "Forty": less than half of it is selected
    window.add_claim()
    added = window.side.claim
    assert added.text == "countries signed the treaty in 2019"
    assert window.table.current_claim_id() == added.id
    # the same fact as "The treaty was signed by 40 countries in 2019": checked at once, as an import would
    assert overlaps_for_claim(window.session.db, added.id)
    # speaker, kind and check-worthiness arrive from the claim engine in the background
    qtbot.waitUntil(lambda: get_claim(window.session.db, added.id).attribution == "officials", timeout=60_000)
    stored = get_claim(window.session.db, added.id)
    assert str(stored.kind) != "statement" or stored.checkworthiness != 0.5
    qtbot.waitUntil(lambda: window.side.attribution.text() == "officials")


def test_an_edited_claim_text_is_checked_for_overlaps_again(window):
    window.table.step(1)
    first = window.side.claim
    assert not overlaps_for_claim(window.session.db, first.id)
    window.side._update({"text": "Forty countries signed the treaty in 2019."}, "Edit Claim Text")
    assert overlaps_for_claim(window.session.db, first.id)
    assert window.table.model.claim_at(window.table.model.row_of(first.id)).overlap_count >= 1
    window.undo()
    assert not overlaps_for_claim(window.session.db, first.id)


def test_after_deleting_a_claim_the_next_one_is_selected(window):
    window.table.step(1)
    window.table.step(1)
    second = window.table.current_claim_id()
    following = window.table.claim_at_row(window.table.current_row() + 1)
    window.delete_claim()
    assert window.table.current_claim_id() == following != second
    assert window.side.claim.id == following


def test_clearing_the_search_keeps_the_selected_row_in_view(window, qtbot):
    from workbench.services.claims import add_claim

    db = window.session.db
    for i in range(40):  # a long table: many claims near the top of the article
        add_claim(db, window.article_id, 0, 10 + i % 20)
    critics = ARTICLE.index("Critics")
    add_claim(db, window.article_id, critics, len(ARTICLE))  # the last claim in reading order
    window.show_article(window.article_id)
    window.table.view.resize(600, 160)
    window.table.search.setText("scrapped")
    window.table.step(1)
    chosen = window.table.current_claim_id()
    window.table.search.clear()
    qtbot.wait(50)
    index = window.table.view.currentIndex()
    assert index.data(cm.ClaimIdRole) == chosen
    assert window.table.view.viewport().rect().intersects(window.table.view.visualRect(index))


def test_the_window_reopens_the_article_and_claim_last_worked_on(window, qtbot):
    from workbench.services.workspace import open_workspace
    from workbench.ui.main_window import MainWindow
    from workbench.ui.session import Session

    window.table.step(1)
    window.table.step(1)
    claim_id = window.side.claim.id
    path = window.session.path
    window.close()
    again = MainWindow(Session(open_workspace(path, seed=False), path))
    qtbot.addWidget(again)
    assert again.side.claim is not None and again.side.claim.id == claim_id
    assert again.table.current_claim_id() == claim_id
    again.close()


def test_the_evidence_dialog_asks_for_the_stance_and_shows_the_whole_failure(window, qtbot):
    from workbench.ui.evidence_dialog import EvidenceDialog

    window.table.step(1)
    saved = []
    dialog = EvidenceDialog(window.session, window, claim_text="x", submit=lambda value: saved.append(value))
    qtbot.addWidget(dialog)
    dialog.url.setText("https://example.org/report")
    assert dialog.stance.currentData() is None  # no silent default
    dialog.accept()
    assert not saved and "Choose the stance" in dialog.status.text()
    dialog.stance.setCurrentIndex(dialog.stance.findData("refutes"))
    dialog.accept()
    assert saved and str(saved[0].stance) == "refutes"
    assert dialog.quote.tabChangesFocus()
    long = ("HTTPSConnectionPool(host='no-such-host.example', port=443): Max retries exceeded with url: /report "
            "(Caused by NameResolutionError: Failed to resolve 'no-such-host.example' ([Errno -2] Name or service "
            "not known)); type them in")
    other = EvidenceDialog(window.session, window, claim_text="x")
    qtbot.addWidget(other)
    other._fetch_failed(long)
    assert long in other.status.text() and other.status.wordWrap()


def test_keyboard_shortcuts_are_a_clean_table(window):
    from workbench.ui.help import ShortcutsDialog, shortcut_rows

    window.table.step(1)
    window.side.set_verdict("false")  # the Undo item now reads "Undo Verdict: False"
    rows = shortcut_rows(window)
    names = [name for name, _ in rows]
    assert len(names) == len(set(names))
    assert "Undo" in names and "Redo" in names and not any("Verdict:" in n for n in names)
    dialog = ShortcutsDialog(window)
    assert dialog.table.columnCount() == 2 and dialog.table.rowCount() == len(rows)
    dialog.close()


def test_claim_ids_are_shown_and_the_column_can_be_hidden(window):
    window.table.step(1)
    claim = window.side.claim
    assert window.side.claim_heading.text().startswith(f"CLAIM {claim.id} ·")
    row = window.table.view.currentIndex().row()
    assert window.table.proxy.index(row, cm.ID).data() == claim.id
    menu = window.table.column_menu()
    (toggle,) = [a for a in menu.actions() if a.text() == "ID"]
    toggle.setChecked(False)
    assert window.table.view.isColumnHidden(cm.ID)
    toggle.setChecked(True)
    assert not window.table.view.isColumnHidden(cm.ID)


def test_after_an_import_the_first_claim_is_selected(window, qtbot, tmp_path):
    page = tmp_path / "buses.md"
    page.write_text("City buys buses\n\nThe city bought 40 electric buses in 2020, the mayor said.\n", encoding="utf-8")
    window.importer.import_files([page])
    qtbot.waitUntil(lambda: window.article_id is not None and window.side.claim is not None
                    and window.table.model.rowCount() and "buses" in window.side.claim.text, timeout=90_000)
    assert window.table.current_claim_id() == window.side.claim.id
