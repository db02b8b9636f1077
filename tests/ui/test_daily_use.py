"""What a fact-checker working in the window every day runs into: renaming and deleting articles in the library,
undo that shows where it acts, an archive imported from a terminal, switching workspaces, and the claims table
keeping its count and order true after edits."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import build_workspace
from workbench.services.articles import get_article, list_articles
from workbench.services.claims import add_claim, get_claim, list_claims
from workbench.ui import claims_model as cm
from workbench.ui import undo_commands as cmd

SECOND = "Prices rose 4 percent in March, the statistics office said. Unions called for higher wages."


@pytest.fixture
def two(window):
    """The window with a second article ("Prices in March", two claims) in the library; the first is shown."""
    from workbench.domain import ParsedArticle
    from workbench.storage import articles as article_repo

    db = window.session.db
    with db.atomic():
        article = article_repo.insert(db, ParsedArticle(title="Prices in March", text=SECOND), "hash-second")
    for words in ("Prices rose 4 percent in March", "Unions called for higher wages."):
        start = SECOND.index(words)
        add_claim(db, article.id, start, start + len(words))
    first = window.article_id
    window.library.set_articles(list_articles(db), first)
    return first, article.id


def titles(win):
    model = win.library.model
    return [model.index(r).data() for r in range(model.rowCount())]


def claim_ids(win, article_id=None):
    return [c.id for c in list_claims(win.session.db, article_id or win.article_id)]


def shown_ids(win):
    proxy = win.table.proxy
    return [proxy.index(r, 0).data(cm.ClaimIdRole) for r in range(proxy.rowCount())]


def focus(qtbot, widget):
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def errors_shown(monkeypatch):
    from workbench.ui import errors

    shown = []
    monkeypatch.setattr(errors, "show_error", lambda parent, exc, *a, **k: shown.append(str(exc)))
    return shown


# --- 1: rename and delete articles in the library -------------------------------------------------------------
def test_f2_in_the_library_renames_the_article_and_undo_takes_it_back(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr("workbench.ui.library_actions.ask_title",
                        lambda parent, current: asked.append(current) or "Treaty <b>talks</b> & the UN")
    focus(qtbot, window.library.view)
    QTest.keyClick(window.library.view, Qt.Key.Key_F2)
    assert asked == ["Treaty talks"]
    assert titles(window) == ["Treaty <b>talks</b> & the UN"]  # plain text, as typed
    assert window.pane.title.text() == "Treaty <b>talks</b> & the UN"
    assert window.pane.title.textFormat() == Qt.TextFormat.PlainText
    assert get_article(window.session.db, window.article_id).title == "Treaty <b>talks</b> & the UN"
    window.session.undo_stack.undo()
    assert titles(window) == ["Treaty talks"]


def test_f2_outside_the_library_still_edits_the_claim_text(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr("workbench.ui.library_actions.ask_title", lambda parent, current: asked.append(current))
    window.table.step(1)
    focus(qtbot, window.table.view)
    QTest.keyClick(window.table.view, Qt.Key.Key_F2)
    assert not asked
    assert window.side.text_edit.hasFocus()


def test_an_empty_title_is_refused_with_a_clear_message(window, qtbot, monkeypatch):
    shown = errors_shown(monkeypatch)
    monkeypatch.setattr("workbench.ui.library_actions.ask_title", lambda parent, current: "   ")
    window.actions["rename_article"].trigger()
    assert shown == ["An article needs a title: type at least one word"]
    assert titles(window) == ["Treaty talks"]
    assert window.session.undo_stack.count() == 0


def test_the_rename_dialog_explains_an_empty_title_and_keeps_asking(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    typed, labels = iter(["   ", "Treaty talks resume"]), []

    def type_and_accept(dialog):
        labels.append(dialog.labelText())
        dialog.setTextValue(next(typed))
        return 1

    monkeypatch.setattr(QInputDialog, "exec", type_and_accept)
    window.actions["rename_article"].trigger()
    assert labels[0] == "Title:"
    assert labels[1].startswith("An article needs a title: type at least one word")
    assert titles(window) == ["Treaty talks resume"]


def test_the_delete_question_names_the_article_and_its_claims(window, qtbot, monkeypatch):
    asked = []

    def answer_cancel(box):
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        asked.append((box.text(), box.textFormat(), box.defaultButton() is cancel))
        cancel.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer_cancel)
    focus(qtbot, window.library.view)
    QTest.keyClick(window.library.view, Qt.Key.Key_Delete)
    assert asked == [("Delete “Treaty talks” and its 4 claims?", Qt.TextFormat.PlainText, True)]
    assert titles(window) == ["Treaty talks"] and len(claim_ids(window)) == 4


def test_deleting_an_article_shows_the_next_and_undo_brings_it_back_whole(two, window, qtbot, monkeypatch):
    first, second = two
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.delete_button.click() or 0)
    window.table.step(1)
    window.side.set_verdict("false")
    claims_before = [(c.id, c.text, c.verdict) for c in list_claims(window.session.db, first)]
    window.library.select(first)
    focus(qtbot, window.library.view)
    QTest.keyClick(window.library.view, Qt.Key.Key_Delete)
    assert titles(window) == ["Prices in March"]
    assert window.article_id == second and window.table.model.rowCount() == 2
    window.session.undo_stack.undo()
    assert titles(window) == ["Treaty talks", "Prices in March"]
    assert window.article_id == first  # the article brought back is the one shown
    assert [(c.id, c.text, c.verdict) for c in list_claims(window.session.db, first)] == claims_before
    assert window.table.model.rowCount() == 4
    window.session.undo_stack.redo()
    assert titles(window) == ["Prices in March"] and window.article_id == second


def test_deleting_the_only_article_leaves_an_empty_window(window, qtbot, monkeypatch):
    monkeypatch.setattr("workbench.ui.library_actions.confirm_delete", lambda parent, article: True)
    window.actions["delete_article"].trigger()
    assert titles(window) == [] and window.article_id is None
    assert window.pane.title.text() == "No article open"
    assert not window.actions["delete_article"].isEnabled()
    window.session.undo_stack.undo()
    assert titles(window) == ["Treaty talks"] and window.table.model.rowCount() == 4


def test_the_library_context_menu_renames_and_deletes_the_article_clicked(two, window, qtbot, monkeypatch):
    first, second = two
    view = window.library.view
    menu = window.library_menu(view.visualRect(window.library.model.index(1)).center())
    offered = {a.text(): a for a in menu.actions() if a.text()}
    assert list(offered)[:2] == ["&Rename Article…", "De&lete Article…"]
    assert all(a.isEnabled() for a in offered.values())
    assert window.article_id == second  # the menu acts on the article it was opened on
    monkeypatch.setattr("workbench.ui.library_actions.ask_title", lambda parent, current: "Prices in April")
    offered["&Rename Article…"].trigger()
    assert titles(window) == ["Treaty talks", "Prices in April"]
    monkeypatch.setattr("workbench.ui.library_actions.confirm_delete", lambda parent, article: True)
    offered["De&lete Article…"].trigger()
    assert titles(window) == ["Treaty talks"] and window.article_id == first


# --- 2: undo and redo show the article and claim they change ---------------------------------------------------
def test_undo_after_switching_articles_shows_the_claim_it_changes(two, window, qtbot):
    first, second = two
    target = claim_ids(window, first)[2]
    window.select_claim(target)
    window.side.set_verdict("false")
    window.library.select(second)
    assert window.article_id == second
    focus(qtbot, window.table.view)
    QTest.keyClick(window.table.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_claim(window.session.db, target).verdict == "unverified"
    assert window.article_id == first
    assert window.table.current_claim_id() == target == window.side.claim.id
    assert window.side.verdict.currentData() == "unverified"
    window.library.select(second)
    window.session.undo_stack.redo()
    assert window.article_id == first and window.side.claim.id == target
    assert window.table.model.claim_at(window.table.model.row_of(target)).verdict == "false"


def test_undoing_a_claim_deletion_in_another_article_shows_the_claim_back(two, window, qtbot):
    first, second = two
    target = claim_ids(window, first)[1]
    window.select_claim(target)
    window.delete_claim()
    window.library.select(second)
    window.session.undo_stack.undo()
    assert window.article_id == first
    assert target in claim_ids(window) and window.side.claim.id == target


# --- 3: the archive changes while the window is open -----------------------------------------------------------
def _import_archive_from_a_terminal(path, tmp_path, rows):
    """As `workbench --db PATH archive import FILE` would: another connection, its own transaction."""
    from workbench.services import archive
    from workbench.services.workspace import open_workspace

    csv = tmp_path / f"archive-{len(rows)}.csv"
    csv.write_text("id,claim,rating,url\n" + "".join(f"{i},{text},False,https://checks.example.org/{i}\n"
                                                      for i, text in rows), encoding="utf-8")
    db = open_workspace(path, seed=False)
    try:
        archive.run(archive.import_archive(db, csv, id_column="id", text_column="claim", rating_column="rating",
                                           url_column="url"))
    finally:
        db.close()


def _card_texts(win):
    labels = type(win.side.empty)
    return [" ".join(label.text() for label in card.findChildren(labels)) for card in win.side.archive_cards.cards]


def test_checked_before_follows_an_archive_imported_from_a_terminal(window, qtbot, tmp_path):
    pytest.importorskip("workbench.services.archive")
    ids = claim_ids(window)
    window.select_claim(ids[1])  # "The treaty was signed by 40 countries in 2019"
    assert window.session.runner.wait(10_000)
    qtbot.wait(20)
    assert not window.side.archive_box.isVisibleTo(window)  # no archive yet
    _import_archive_from_a_terminal(window.session.path, tmp_path,
                                    [("a1", "The treaty was signed by 40 countries in 2019")])
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))  # the person comes back to the window
    qtbot.waitUntil(lambda: window.side.archive_box.isVisibleTo(window), timeout=20_000)
    assert "40 countries" in _card_texts(window)[0]
    # Updated in place (same id, new text: the row count stays): the next claim looked up sees the new text.
    _import_archive_from_a_terminal(window.session.path, tmp_path,
                                    [("a1", "Forty countries signed the treaty in 2019, officials confirmed")])
    window.select_claim(ids[3])  # "Forty countries signed the treaty in 2019"
    qtbot.waitUntil(lambda: any("officials confirmed" in t for t in _card_texts(window)), timeout=20_000)
    assert window.session.runner.wait(10_000)


def test_regaining_focus_with_the_archive_unchanged_keeps_the_matches(window, qtbot, tmp_path):
    pytest.importorskip("workbench.services.archive")
    _import_archive_from_a_terminal(window.session.path, tmp_path,
                                    [("a1", "The treaty was signed by 40 countries in 2019")])
    window.select_claim(claim_ids(window)[1])
    qtbot.waitUntil(lambda: bool(window.side.archive_cards.cards), timeout=20_000)
    cards = list(window.side.archive_cards.cards)
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert window.session.runner.wait(10_000)
    qtbot.wait(20)
    assert window.side.archive_cards.cards == cards  # not rebuilt, no flicker


# --- 4: nothing of the old workspace reaches the new one -------------------------------------------------------
def test_switching_workspace_disconnects_the_old_importer_and_archive_lookup(window, qtbot, tmp_path):
    pytest.importorskip("workbench.services.archive")
    import shiboken6

    from workbench.domain import Progress
    from workbench.services.articles import ImportResult
    from workbench.ui.workers import ServiceWorker

    _import_archive_from_a_terminal(window.session.path, tmp_path,
                                    [("a1", "The treaty was signed by 40 countries in 2019")])
    old_article = get_article(window.session.db, window.article_id)
    old_importer, old_lookup = window.importer, window.side.archive

    def late_import(db, cancel):
        yield Progress(50, 100, "Finding claims")
        return ImportResult(old_article, 4, 0)

    # Both finish in their threads; their signals are still queued when the other workspace opens.
    window.importer._start(ServiceWorker(window.session.path, late_import), "old.txt")
    window.select_claim(claim_ids(window)[1])
    assert window.session.runner.wait(10_000)

    other = tmp_path / "other.factwb"
    build_workspace(other)[0].close()  # the same claim ids as the old workspace, and no archive
    messages = []
    window.statusBar().messageChanged.connect(messages.append)
    assert window.open_workspace(other)
    new_article = window.article_id
    window.select_claim(claim_ids(window)[1])  # the claim id the old lookup answers for
    qtbot.wait(50)
    assert window.session.runner.wait(10_000)
    qtbot.wait(50)

    assert window.article_id == new_article and titles(window) == ["Treaty talks"]
    assert not window.side.archive_box.isVisibleTo(window)  # the old archive's matches never show
    assert not window.progress.isVisibleTo(window)
    assert not any("old.txt" in m or "imported" in m for m in messages)
    qtbot.waitUntil(lambda: not shiboken6.isValid(old_importer) and not shiboken6.isValid(old_lookup))
    assert window.importer is not old_importer and window.side.archive is not old_lookup


# --- 5: the count follows rows that leave a filtered view ------------------------------------------------------
def test_the_count_follows_a_row_leaving_the_verdict_filter(window, qtbot):
    table = window.table
    table.verdict_filter.setCurrentIndex(table.verdict_filter.findData("unverified"))
    assert table.count.text().strip() == "4 claims"
    table.step(1)
    focus(qtbot, table.view)
    QTest.keyClick(table.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # True
    QTest.keyClick(table.view, Qt.Key.Key_J)  # moving on: the checked claim leaves the view
    assert table.proxy.rowCount() == 3
    assert table.count.text().strip() == "3 of 4"
    window.session.undo_stack.undo()  # it is unverified again, and back
    assert table.proxy.rowCount() == 4 and table.count.text().strip() == "4 claims"


# --- 6: a sorted table stays sorted after edits ----------------------------------------------------------------
def test_sorted_by_verdict_an_edited_row_moves_and_stays_selected(window, qtbot):
    table = window.table
    table.view.sortByColumn(cm.VERDICT, Qt.SortOrder.AscendingOrder)
    first = shown_ids(window)[0]
    table.select_claim(first)
    window.side.set_verdict("false")
    assert shown_ids(window)[-1] == first  # unverified claims first, then False
    assert table.current_claim_id() == first and table.selected_claim_ids() == [first]
    assert window.side.claim.id == first
    assert table.view.visualRect(table.view.currentIndex()).intersects(table.view.viewport().rect())
    window.session.undo_stack.undo()
    assert shown_ids(window)[0] == first


def test_sorted_by_evidence_adding_evidence_moves_the_row_to_the_top(window, qtbot):
    from workbench.services.evidence import EvidenceInput

    table = window.table
    table.view.sortByColumn(cm.EVIDENCE, Qt.SortOrder.DescendingOrder)
    last = shown_ids(window)[-1]
    table.select_claim(last)
    window.session.execute(cmd.AddEvidenceCommand(window.session, last, EvidenceInput(url="https://a.example/r")))
    assert shown_ids(window)[0] == last
    assert table.current_claim_id() == last == window.side.claim.id


# --- settings, and the side panel's width ----------------------------------------------------------------------
def test_workspace_settings_set_the_organisation_and_undo_takes_it_back(window, qtbot, monkeypatch):
    from workbench.services.settings import organisation
    from workbench.ui.settings_dialog import SettingsDialog

    seen = []

    def person(dialog):
        dialog.organisation.setText("x" * 201)
        dialog.accept()  # refused: the dialog stays open and says why
        seen.append((dialog.result(), dialog.status.text(), dialog.organisation.text() == "x" * 201))
        dialog.organisation.setText("  Example <Gazette> & Co  ")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", person)
    window.actions["settings"].trigger()
    assert seen == [(0, "The organisation name is too long (at most 200 characters)", True)]
    assert organisation(window.session.db) == "Example <Gazette> & Co"
    window.session.undo_stack.undo()
    assert organisation(window.session.db) == ""


def test_a_claim_added_by_hand_does_not_widen_the_side_panel(window, qtbot):
    window.resize(1400, 900)
    window.table.step(1)  # its heading ends "· ADDED BY HAND"
    qtbot.wait(10)
    side = window.side
    assert "ADDED BY HAND" in side.claim_heading.text()
    assert side.widget().width() <= side.viewport().width()
