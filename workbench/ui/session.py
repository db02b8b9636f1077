"""One open workspace: its connection, undo stack and workers; announces what each action changed."""

import warnings
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from workbench.domain import VerdictScale, WorkbenchError
from workbench.services.changes import Changes
from workbench.services.settings import verdict_scale
from workbench.ui.workers import WorkerRunner


class Session(QObject):
    changed = Signal(object)  # Changes, after every action, undo and redo
    failed = Signal(object)  # an exception from an action the person asked for
    message = Signal(str)  # a short note for the status bar ("Verdict: False — saved")
    revealed = Signal(object)  # Changes of an undo or redo, after changed: show where they happened

    def __init__(self, db, path: Path, parent: QObject | None = None) -> None:  # db: sqlite_utils.Database
        super().__init__(parent)
        self.db = db
        self.path = Path(path)
        self.undo_stack = QUndoStack(self)
        self.runner = WorkerRunner(self)
        self.scale: VerdictScale = verdict_scale(db)

    def execute(self, command, on_error=None) -> bool:
        """Run a command now; only when it worked does it go on the undo stack. on_error(exc), when given, is
        told of a refusal (a WorkbenchError) instead of the failed signal: a dialog shows it in place."""
        try:
            changes = command.first()
        except Exception as exc:  # noqa: BLE001 - shown to the person, nothing is pushed
            if on_error is not None and isinstance(exc, WorkbenchError):
                on_error(exc)
            else:
                self.failed.emit(exc)
            return False
        if changes == Changes():  # nothing changed (the same kind chosen again): no undo step for it
            return True
        self.undo_stack.push(command)
        self.notify(changes)
        self.message.emit(f"{command.text()} — saved")
        return True

    def notify(self, changes: Changes | None, reveal: bool = False) -> None:
        if changes is not None:
            self.changed.emit(changes)
            if reveal:
                self.revealed.emit(changes)

    def close(self) -> None:
        """Stop the workers and let nothing of this workspace reach the window any more."""
        for signal in (self.changed, self.failed, self.message, self.revealed):
            disconnect_all(signal)
        self.runner.cancel_all()
        self.runner.wait()
        self.undo_stack.clear()
        self.db.close()


def disconnect_all(signal) -> None:
    """Disconnect every slot; PySide6 warns (not raises) when there was none."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        signal.disconnect()
