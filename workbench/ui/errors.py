"""Errors reach the person as a clear message; an unexpected bug shows a dialog instead of crashing."""

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from workbench.domain import WorkbenchError

_showing = False  # guard: an error inside the dialog must not open dialogs forever


def error_text(exc: BaseException) -> str:
    if isinstance(exc, WorkbenchError):
        return str(exc)
    return f"Something unexpected went wrong ({type(exc).__name__}: {exc})."


def show_error(parent: QWidget | None, exc: BaseException, title: str = "Fact Workbench") -> None:
    """WorkbenchError messages are written for people; anything else is a bug with details attached."""
    global _showing
    if _showing or QApplication.instance() is None:
        sys.stderr.write(f"workbench: {error_text(exc)}\n")
        return
    _showing = True
    try:
        box = QMessageBox(QMessageBox.Icon.Warning if isinstance(exc, WorkbenchError) else QMessageBox.Icon.Critical,
                          title, error_text(exc), QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if not isinstance(exc, WorkbenchError):
            box.setInformativeText("Your work so far is saved. The details below help us fix this.")
            details = getattr(exc, "traceback_text", None) or "".join(
                traceback.format_exception(type(exc), exc, exc.__traceback__))
            box.setDetailedText(details)
        box.exec()
    finally:
        _showing = False


def install_excepthook() -> None:
    """Uncaught exceptions in slots would abort the app (PySide6 >= 6.5); show them instead."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        traceback.print_exception(kind, exc, tb, file=sys.stderr)
        app = QApplication.instance()
        show_error(app.activeWindow() if app else None, exc)

    sys.excepthook = hook
