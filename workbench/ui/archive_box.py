"""'Checked before': archive matches for the selected claim, searched off the UI thread.

The archive service is another engineer's module; when it is missing or the archive is empty the box hides.
"""

import importlib.util

from PySide6.QtCore import QObject, Signal

from workbench.ui.workers import ServiceWorker


def archive_available() -> bool:
    try:
        return importlib.util.find_spec("workbench.services.archive") is not None
    except (ImportError, ValueError):
        return False


class ArchiveLookup(QObject):
    found = Signal(int, object)  # claim id, list[ArchiveMatch] or None when there is no archive

    def __init__(self, session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.available = archive_available()
        self._index = None  # built once per workspace, read-only afterwards
        self._empty = False

    def lookup(self, claim) -> None:
        if not self.available or self._empty or claim is None:
            self.found.emit(claim.id if claim else 0, None)
            return

        def make(db, _cancel):
            from workbench.services import archive

            if self._index is None:
                if archive.archive_size(db) == 0:
                    return None
                self._index = archive.load_index(db)
            return archive.search(db, claim, top=5, index=self._index)
            yield  # pragma: no cover - a generator for ServiceWorker

        worker = ServiceWorker(self.session.path, make)
        worker.signals.result.connect(lambda matches, cid=claim.id: self._done(cid, matches))
        worker.signals.error.connect(lambda _exc, cid=claim.id: self._done(cid, None))
        self.session.runner.start_io(worker)

    def _done(self, claim_id: int, matches) -> None:
        if matches is None:
            self._empty = self._index is None
        self.found.emit(claim_id, matches)
