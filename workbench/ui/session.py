"""One open workspace: its connection, undo stack and workers; announces what each action changed."""

import warnings
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from workbench.domain import ConnectionLost, VerdictScale, WorkbenchError
from workbench.services.changes import Changes
from workbench.services.settings import verdict_scale
from workbench.ui.workers import WorkerRunner


class Session(QObject):
    """Re-entrancy: while the session announces a change (`changed`, `revealed`) or the undo stack is inside a
    command's undo()/redo(), it is *busy*. A command asked for meanwhile (typically the side panel saving text
    still being typed because a refresh moved it to another claim) is not run there: it is queued, already bound
    to its claim, and run right after: when the outermost announcement is over, or after an undo/redo once the
    stack has returned, and in any case before any other command, undo or redo. So no command is ever pushed
    while the stack is executing one, and no view is refreshed from inside its own refresh."""

    changed = Signal(object)  # Changes, after every action, undo and redo
    failed = Signal(object)  # an exception from an action the person asked for
    message = Signal(str)  # a short note for the status bar ("Verdict: False — saved")
    revealed = Signal(object)  # Changes of an undo or redo, after changed: show where they happened
    connection = Signal(bool)  # a team workspace's server can be reached again (True) or not (False)

    WATCH_MS = 500  # how often a team workspace's change feed is read: others' changes show within a second

    def __init__(self, db, path: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from workbench.services.workspace import is_team_target, workspace_label

        self.db = db
        self.team = is_team_target(path)
        self.path = path if self.team else Path(path)  # a file, or a postgresql:// URL (workers connect with it)
        self.label = workspace_label(path)
        self.undo_stack = QUndoStack(self)
        self.runner = WorkerRunner(self)
        self.scale: VerdictScale = verdict_scale(db)
        self._busy = 0  # depth of notifications and of undo stack commands running
        self._in_stack = 0  # of which undo stack commands running
        self._pending: list[tuple] = []  # (command, on_error) asked for while busy, oldest first
        self.watcher = None
        self.online = True
        if self.team:
            self._watch()

    def _watch(self) -> None:
        """Other people's changes on a team workspace reach the views like our own (refresh only what
        changed; typed text is kept by the side panel, which never overwrites a field being edited)."""
        from workbench.services.team import watch

        # While the server is away an action fails at once (the banner says why) instead of holding the window
        # for the 30 s a command waits; the change feed retries in the background every WATCH_MS.
        self.db.patience = 0
        self.db.connect_timeout = 3
        self.watcher = watch(self.db)
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(self.WATCH_MS)
        self._watch_timer.timeout.connect(self.check_remote)
        self._watch_timer.start()

    def check_remote(self) -> bool:
        """Apply what others changed since the last look; True when there was something. Notices a lost
        connection (the `connection` signal) and, once the server is back, refreshes everything."""
        if self.watcher is None or self._busy:
            return False
        try:
            changes = self.watcher.changes()
            if not self.watcher.connected:
                self.connection_lost()
                return False
            if not self.online:
                changes = self.watcher.resync()  # ConnectionLost while our own connection is still down
        except ConnectionLost:
            self.connection_lost()
            return False
        except WorkbenchError:
            return False
        if changes is None:
            return False
        if not self.online:
            self.online = True
            self.connection.emit(True)  # typed text still unsaved is saved now, then the full refresh
            self.message.emit("Reconnected: the workspace is up to date again")
        who = sorted({by for by, _ in changes.extra.get("remote", ()) if by})
        self.notify(changes)
        if who:
            self.message.emit(f"Updated: changes by {', '.join(who)}")
        return True

    def connection_lost(self) -> None:
        """The server cannot be reached: say so once; check_remote keeps retrying."""
        if self.online:
            self.online = False
            self.connection.emit(False)

    @property
    def busy(self) -> bool:
        return self._busy > 0

    @contextmanager
    def guarded(self, in_stack: bool = False):
        """Announcing a change, or (in_stack) running a command's undo()/redo(): commands asked for meanwhile
        wait. They run as soon as the outermost announcement is over; after an undo or redo only once the stack
        is done (QUndoStack emits its own signals after the command returns): when MainWindow.undo()/redo()
        returns, or on the next turn of the event loop."""
        self._busy += 1
        self._in_stack += in_stack
        try:
            yield
        finally:
            self._busy -= 1
            self._in_stack -= in_stack
            if not self._busy and self._pending:
                if in_stack:
                    QTimer.singleShot(0, self, self.run_pending)
                else:
                    self.run_pending()

    def execute(self, command, on_error=None) -> bool:
        """Run a command now; only when it worked does it go on the undo stack. on_error(exc), when given, is
        told of a refusal (a WorkbenchError) instead of the failed signal: a dialog shows it in place.
        While the session is busy the command is queued instead (see the class) and True is returned."""
        if self._busy:
            self._pending.append((command, on_error))
            if self._in_stack:  # a safety net; normally guarded() or the window runs it first
                QTimer.singleShot(0, self, self.run_pending)
            return True
        self.run_pending()  # what was asked for first is done first
        return self._run(command, on_error)

    def run_pending(self) -> None:
        """Run the commands queued while the session was busy (in order); nothing while it still is."""
        while self._pending and not self._busy:
            command, on_error = self._pending.pop(0)
            self._run(command, on_error)

    def _run(self, command, on_error) -> bool:
        try:
            changes = command.first()
        except Exception as exc:  # noqa: BLE001 - shown to the person, nothing is pushed
            if isinstance(exc, ConnectionLost):  # the banner says it; the action can be repeated once back
                self.connection_lost()
                if on_error is not None:
                    on_error(exc)
                else:
                    self.message.emit(f"{command.text()} — not saved: the connection to the server is lost")
                return False
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
            with self.guarded():
                self.changed.emit(changes)
                if reveal:
                    self.revealed.emit(changes)

    def close(self) -> None:
        """Stop the workers and let nothing of this workspace reach the window any more."""
        self.run_pending()  # typed text saved during the last refresh goes to this workspace
        self._pending.clear()  # (only if closed while busy: nothing of it may run against a closed file)
        for signal in (self.changed, self.failed, self.message, self.revealed, self.connection):
            disconnect_all(signal)
        self.runner.cancel_all()
        self.runner.wait()
        self.undo_stack.clear()
        if self.watcher is not None:
            self._watch_timer.stop()
            self.watcher.close()
            self.watcher = None
        self.db.close()


def disconnect_all(signal) -> None:
    """Disconnect every slot; PySide6 warns (not raises) when there was none."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        signal.disconnect()
