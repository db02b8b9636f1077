"""Background work: a QRunnable drives a progress-yielding service generator off the UI thread.

The worker opens its own database connection (sqlite connections belong to one thread) and all
writing workers share one single-thread pool, so two writes never race.
"""

import threading
import traceback
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from workbench.domain import Cancelled, Progress

ServiceFactory = Callable[[Any, threading.Event], Generator[Progress, None, Any]]


class WorkerSignals(QObject):
    progress = Signal(object)  # Progress
    result = Signal(object)
    error = Signal(object)  # the exception (with .traceback_text)
    cancelled = Signal()
    finished = Signal()


class ServiceWorker(QRunnable):
    """Runs make(db, cancel) in a pool thread; db is a fresh connection to db_path (None: no database)."""

    def __init__(self, db_path: Path | None, make: ServiceFactory) -> None:
        super().__init__()
        self.db_path = db_path
        self.make = make
        self.cancel_event = threading.Event()
        self.signals = WorkerSignals()

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        db = None
        try:
            if self.db_path is not None:
                from workbench.storage import open_database

                db = open_database(self.db_path)
            result = self._drive(self.make(db, self.cancel_event))
        except Cancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:  # reported to the person on the UI thread, never lost
            exc.traceback_text = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.error.emit(exc)
        else:
            if self.cancel_event.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.result.emit(result)
        finally:
            if db is not None:
                db.close()
            self.signals.finished.emit()

    def _drive(self, generator: Generator[Progress, None, Any]) -> Any:
        while True:
            try:
                step = next(generator)
            except StopIteration as stop:
                return stop.value
            if self.cancel_event.is_set():
                generator.close()
                raise Cancelled("Cancelled")
            self.signals.progress.emit(step)


def call_worker(fn: Callable[[], Any]) -> ServiceWorker:
    """A worker for a plain function without a database (e.g. fetching a web page)."""

    def make(_db, _cancel):
        return fn()
        yield  # pragma: no cover - makes this a generator

    return ServiceWorker(None, make)


class WorkerRunner(QObject):
    """Owns the pools and keeps running workers alive until they finish."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)  # one writer at a time
        self.io_pool = QThreadPool(self)
        self.io_pool.setMaxThreadCount(4)
        self._running: set[ServiceWorker] = set()
        self._detached: set[ServiceWorker] = set()

    def start_write(self, worker: ServiceWorker) -> ServiceWorker:
        return self._start(self.write_pool, worker)

    def start_io(self, worker: ServiceWorker) -> ServiceWorker:
        return self._start(self.io_pool, worker)

    def _start(self, pool: QThreadPool, worker: ServiceWorker) -> ServiceWorker:
        worker.setAutoDelete(False)  # Python keeps the reference; see _running
        self._running.add(worker)
        worker.signals.finished.connect(lambda w=worker: self._running.discard(w))
        pool.start(worker)
        return worker

    def start_detached(self, worker: ServiceWorker) -> ServiceWorker:
        """Work that must never hold up closing the window or the workspace (fetching a web page, which may take
        until its deadline): a daemon thread that wait() and busy ignore. Its result reaches only receivers that
        still exist; such a worker must not use the workspace."""
        self._detached.add(worker)  # keeps the signals object alive until the thread is done
        worker.signals.finished.connect(lambda w=worker: self._detached.discard(w))
        threading.Thread(target=worker.run, name="workbench-detached", daemon=True).start()
        return worker

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def cancel_all(self) -> None:
        for worker in list(self._running):
            worker.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        ok = self.write_pool.waitForDone(msecs) and self.io_pool.waitForDone(msecs)
        return ok
