"""Importing articles in the background with a progress bar and Cancel in the status bar."""

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from workbench.ui.session import disconnect_all
from workbench.ui.workers import ServiceWorker


class ImportProgress(QWidget):
    """Label, bar and Cancel; hidden while nothing is importing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(False)
        self.cancel = QPushButton("Cancel")
        self.cancel.setToolTip("Stop importing; nothing of this article is stored")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.hide()


class Importer(QObject):
    """Queues imports on the session's single writer thread; reports each result."""

    imported = Signal(object)  # ImportResult
    failed = Signal(object)  # exception
    message = Signal(str)

    def __init__(self, session, progress: ImportProgress, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.progress = progress
        self._queue: list[ServiceWorker] = []
        self._closed = False
        progress.cancel.clicked.connect(self.cancel)

    def close(self) -> None:
        """Another workspace is opened: cancel, and let no late result, progress or message of this one's
        imports reach the window (they arrive queued, after the switch)."""
        self.cancel()
        self._closed = True
        self.progress.cancel.clicked.disconnect(self.cancel)
        for signal in (self.imported, self.failed, self.message):
            disconnect_all(signal)
        self._queue.clear()
        self.progress.hide()
        self.deleteLater()

    def import_files(self, paths: list[Path]) -> None:
        for path in paths:
            def make(db, cancel, path=path):
                from workbench.services.articles import import_file

                return import_file(db, path, cancel)

            self._start(ServiceWorker(self.session.path, make), Path(path).name)

    def import_text(self, text: str, title: str) -> None:
        def make(db, cancel):
            from workbench.services.articles import import_pasted

            return import_pasted(db, text, title, cancel)

        self._start(ServiceWorker(self.session.path, make), title or "pasted text")

    def _start(self, worker: ServiceWorker, name: str) -> None:
        worker.name = name  # type: ignore[attr-defined]
        # Every late signal goes through _live: after close() this importer says nothing more.
        worker.signals.progress.connect(lambda p, n=name: self._live() and self._progress(n, p))
        worker.signals.result.connect(lambda result: self._live() and self.imported.emit(result))
        worker.signals.error.connect(lambda exc: self._live() and self.failed.emit(exc))
        worker.signals.cancelled.connect(lambda n=name: self._live() and self.message.emit(f"Import of {n} cancelled"))
        worker.signals.finished.connect(lambda w=worker: self._live() and self._finished(w))
        self._queue.append(worker)
        self.progress.label.setText(f"Importing {name}…")
        self.progress.bar.setValue(0)
        self.progress.show()
        self.session.runner.start_write(worker)

    def _live(self) -> bool:
        return not self._closed

    def _progress(self, name: str, step) -> None:
        self.progress.label.setText(f"{name}: {step.message}" if step.message else name)
        self.progress.bar.setValue(int(100 * step.done / step.total) if step.total else 0)

    def _finished(self, worker: ServiceWorker) -> None:
        if worker in self._queue:
            self._queue.remove(worker)
        if not self._queue:
            self.progress.hide()

    @property
    def busy(self) -> bool:
        return bool(self._queue)

    def cancel(self) -> None:
        for worker in self._queue:
            worker.cancel()
