"""Rename and delete an article from the library: the questions asked first. Loaded on first use, not at
start-up (QInputDialog and QMessageBox cost the binding time to set up)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from workbench.domain import ArticleSummary, InvalidInput
from workbench.services.articles import clean_title


def ask_title(parent: QWidget, current: str) -> str | None:
    """The new title typed, or None when the person cancels.

    A title the workspace would refuse (empty, too long) is explained and the dialog opens again with
    what was typed, so nothing typed is lost."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Rename Article")
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(current)
    dialog.setOkButtonText("Rename")
    dialog.resize(max(dialog.width(), 480), dialog.height())
    problem = ""
    while True:
        dialog.setLabelText(f"{problem}\n\nTitle:" if problem else "Title:")
        if not dialog.exec():
            return None
        try:
            return clean_title(dialog.textValue())
        except InvalidInput as exc:
            problem = str(exc)


def delete_question(parent: QWidget, article: ArticleSummary) -> QMessageBox:
    """Names the article and what goes with it; Cancel is the default, so Enter keeps the article."""
    claims = f"{article.claims} claim" + ("" if article.claims == 1 else "s")
    box = QMessageBox(QMessageBox.Icon.Warning, "Delete Article",
                      f"Delete “{article.title}” and its {claims}?", QMessageBox.StandardButton.Cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the title is the person's text, never markup
    box.setInformativeText("Their verdicts, rationales and evidence links go with it. "
                           "Edit ▸ Undo (Ctrl+Z) brings it all back.")
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.delete_button = delete  # type: ignore[attr-defined]
    return box


def confirm_delete(parent: QWidget, article: ArticleSummary) -> bool:
    box = delete_question(parent, article)
    box.exec()
    return box.clickedButton() is box.delete_button
