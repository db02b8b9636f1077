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


def _told_by_banner(exc: BaseException, app) -> bool:
    """A team server lost while the window read something (opening an article, undoing...): the open windows'
    connection banner says so and the change feed keeps retrying; no dialog on top of it."""
    from workbench.domain import ConnectionLost

    if not isinstance(exc, ConnectionLost) or app is None:
        return False
    sessions = [w.session for w in app.topLevelWidgets() if getattr(w, "session", None) is not None
                and getattr(w.session, "team", False)]
    for session in sessions:
        session.connection_lost()
    return bool(sessions)


def install_excepthook() -> None:
    """Uncaught exceptions in slots would abort the app (PySide6 >= 6.5); show them instead."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        app = QApplication.instance()
        if _told_by_banner(exc, app):
            return
        traceback.print_exception(kind, exc, tb, file=sys.stderr)
        show_error(app.activeWindow() if app else None, exc)

    sys.excepthook = hook
