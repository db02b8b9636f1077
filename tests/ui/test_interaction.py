"""Keyboard, drops, tooltips, odd characters, and the crash guard."""

import sys

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from workbench.domain import ParsedArticle
from workbench.domain.verdicts import DEFAULT_SCALE
from workbench.services.claims import list_claims
from workbench.ui.article_view import ArticleText
from workbench.ui.dropping import files_from_mime, link_from_mime


def test_j_and_k_move_between_claims(window, qtbot):
    ids = [c.id for c in list_claims(window.session.db, window.article_id)]
    window.table.select_claim(ids[0])
    window.table.view.setFocus()
    qtbot.keyClick(window.table.view, Qt.Key.Key_J)
    assert window.side.claim.id == ids[1]
    qtbot.keyClick(window.table.view, Qt.Key.Key_J)
    qtbot.keyClick(window.table.view, Qt.Key.Key_J)
    assert window.side.claim.id == ids[3]
    qtbot.keyClick(window.table.view, Qt.Key.Key_K)
    assert window.side.claim.id == ids[2]


def test_typing_j_in_the_search_box_types(window, qtbot):
    window.actions["find"].trigger()
    assert window.table.search.hasFocus()
    qtbot.keyClicks(window.table.search, "jk")
    assert window.table.search.text() == "jk"
    assert window.side.claim is None


def test_verdict_shortcut_from_the_keyboard(window, qtbot):
    window.table.step(1)
    window.table.view.setFocus()
    qtbot.keyClick(window.table.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.side.claim.verdict == "true"
    qtbot.keyClick(window.table.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.side.claim.verdict == "unverified"


def test_delete_key_in_the_table_deletes_the_claim(window, qtbot):
    window.table.step(1)
    window.table.view.setFocus()
    qtbot.keyClick(window.table.view, Qt.Key.Key_Delete)
    assert len(list_claims(window.session.db, window.article_id)) == 3


def test_search_and_filters_keep_the_selection_in_sync(window, qtbot):
    window.table.search.setText("treaty")
    assert window.table.proxy.rowCount() == 2
    window.table.step(1)
    assert "treaty" in window.side.claim.text
    window.table.search.setText("")
    assert window.table.current_claim_id() == window.side.claim.id


def _drop(widget, mime, pos):
    event = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)
    return event


def test_link_dropped_on_a_claim_row_adds_evidence_to_that_claim(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(window.side, "add_evidence", lambda url="": asked.append((window.side.claim.id, url)))
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/source")])
    view = window.table.view
    rect = view.visualRect(window.table.proxy.index(2, 1))
    _drop(view, mime, rect.center())
    row_claim = window.table.proxy.index(2, 1).data(Qt.ItemDataRole.UserRole + 2)
    assert asked == [(row_claim, "https://example.org/source")]


def test_files_dropped_on_the_window_are_imported(window, qtbot, monkeypatch, tmp_path):
    imported = []
    monkeypatch.setattr(window.importer, "import_files", imported.append)
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nSome text.", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    _drop(window, mime, QPoint(50, 50))
    assert imported == [[article]]


def test_mime_helpers_accept_only_web_links():
    mime = QMimeData()
    mime.setText("javascript:alert(1)")
    assert link_from_mime(mime) is None
    mime.setText("  https://example.org/a?utm_source=x  ")
    assert link_from_mime(mime) == "https://example.org/a?utm_source=x"
    assert files_from_mime(mime) == []


def test_tooltip_shows_claim_text_escaped(qtbot):
    from workbench.domain import Claim

    view = ArticleText()
    qtbot.addWidget(view)
    text = "He said <b>60</b> days & more."
    claim = Claim(id=1, article_id=1, text=text, start=0, end=len(text), attribution="<i>X</i>")
    view.show_article(text, [claim], DEFAULT_SCALE)
    tip = view._tooltip(claim)
    assert "&lt;b&gt;60&lt;/b&gt;" in tip and "&amp;" in tip and "&lt;i&gt;X&lt;/i&gt;" in tip
    assert view.toPlainText() == text  # article text is text, never markup


def test_offsets_survive_emoji_before_a_claim(qtbot):
    from workbench.domain import Claim

    text = "Fans 🎉🎉 cheered. The stadium holds 40,000 people."
    start = text.index("The stadium")
    claim = Claim(id=7, article_id=1, text=text[start:], start=start, end=len(text))
    view = ArticleText()
    qtbot.addWidget(view)
    view.resize(600, 200)
    view.show()
    view.show_article(text, [claim], DEFAULT_SCALE)
    view.select_claim(7)
    assert view.extraSelections()[0].cursor.selectedText() == text[start:]
    clicked = []
    view.claimClicked.connect(clicked.append)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.point_of(start + 4))
    assert clicked == [7]


def test_excepthook_shows_a_dialog_instead_of_crashing(qapp, monkeypatch):
    from workbench.ui import errors

    shown = []
    monkeypatch.setattr(errors, "show_error", lambda parent, exc: shown.append(exc))
    previous = sys.excepthook
    try:
        errors.install_excepthook()
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    assert [str(e) for e in shown] == ["boom"]


def test_run_app_with_a_broken_workspace_returns_2(qapp, tmp_path, capsys):
    from workbench.ui.app import run_app

    bad = tmp_path / "broken.factwb"
    bad.write_bytes(b"not sqlite at all" * 4)
    assert run_app(bad) == 2
    assert "not a Fact Workbench workspace" in capsys.readouterr().err
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.objectName() != ""]


def test_pasted_text_becomes_an_article(window, qtbot):
    with qtbot.waitSignal(window.importer.imported, timeout=60_000) as blocker:
        window.importer.import_text("The council approved 300 new homes on Tuesday, the mayor said.", "Homes")
    result = blocker.args[0]
    assert result.article.title
    assert window.article_id == result.article.id
    assert window.session.runner.wait(10_000)


def test_duplicate_import_opens_the_existing_article(window, qtbot, tmp_path):
    from workbench.services.articles import list_articles

    parsed = ParsedArticle  # noqa: F841 - the fixture article was not imported from a file
    path = tmp_path / "same.txt"
    path.write_text("Same article\n\nThe council approved 300 new homes on Tuesday.", encoding="utf-8")
    for _ in range(2):
        with qtbot.waitSignal(window.importer.imported, timeout=60_000) as blocker:
            window.importer.import_files([path])
    assert blocker.args[0].duplicate
    assert len(list_articles(window.session.db)) == 2
    assert window.session.runner.wait(10_000)


def test_link_dropped_on_a_highlight_adds_evidence_to_that_claim(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(window.side, "add_evidence", lambda url="": asked.append((window.side.claim.id, url)))
    claim = list_claims(window.session.db, window.article_id)[2]
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/budget")])
    text = window.pane.text
    text.dropEvent(QDropEvent(QPointF(text.point_of(claim.start + 2)), Qt.DropAction.CopyAction, mime,
                              Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert asked == [(claim.id, "https://example.org/budget")]


def test_hovering_a_highlight_shows_the_claim(window, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    claim = list_claims(window.session.db, window.article_id)[1]
    text = window.pane.text
    point = text.point_of(claim.start + 5)
    text.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, point, text.viewport().mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert claim.text in QToolTip.text()
    QToolTip.hideText()


def test_offsets_count_astral_characters_as_two_qt_units():
    from workbench.ui.article_view import _Offsets

    plain = _Offsets("héllo — “quoted”")
    assert plain.to_qt(5) == 5 and plain.to_py(5) == 5
    emoji = _Offsets("a😀b😀c")
    assert [emoji.to_qt(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert [emoji.to_py(q) for q in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]


def test_clicking_a_claims_second_place_selects_it_and_a_gap_between_parts_does_not(qtbot):
    from workbench.domain import Claim

    dek = "The plant will close in 2030."
    body = "The plant, opened in 1970, will close in 2030, the firm said."
    text = f"{dek}\n\n{body}"
    second = text.index(body)
    gap = text.index("opened")
    claim = Claim(id=3, article_id=1, text="The plant will close in 2030", start=0, end=len(dek) - 1,
                  repeats=(((second, gap - 2), (text.index("will close", second), text.index(", the firm"))),))
    view = ArticleText()
    qtbot.addWidget(view)
    view.resize(600, 200)
    view.show()
    view.show_article(text, [claim], DEFAULT_SCALE)
    assert view.claim_at_offset(second + 2) is claim  # the lede's words are the claim too
    assert view.claim_at_offset(gap + 1) is None  # "opened in 1970" is not what it says
    view.select_claim(3, scroll=False)
    shown = [s.cursor.selectedText() for s in view.extraSelections()]
    assert shown == ["The plant will close in 2030", "The plant", "will close in 2030"]
    clicked = []
    view.claimClicked.connect(clicked.append)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.point_of(second + 2))
    assert clicked == [3]
