"""'Checked before': archive matches for the selected claim, searched off the UI thread.

The search index is built once per version of the archive. Each lookup first reads the archive's version (one
small query, on the worker thread) and rebuilds the index when the archive changed meanwhile, e.g. by
`workbench archive import` run from a terminal while the window is open. When the window regains focus the
shown claim is looked up again, and its matches replaced only if the archive changed.

The archive service is another engineer's module; when it is missing or the archive is empty the box hides.
"""

import importlib.util
import threading

from PySide6.QtCore import QObject, Signal

from workbench.ui.session import disconnect_all
from workbench.ui.workers import ServiceWorker

UNCHANGED = object()  # a re-check found the archive as it was: nothing to show again


def archive_available() -> bool:
    try:
        return importlib.util.find_spec("workbench.services.archive") is not None
    except (ImportError, ValueError):
        return False


class _IndexCache:
    """The index of one version of the archive, shared by the lookups in flight: one builds, the others wait."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: tuple[int, int] | None = None
        self.index = None  # None: the archive is empty

    def refresh(self, db) -> bool:
        """Rebuild when the archive changed since the last build; True when it did."""
        from workbench.services import archive

        with self.lock:
            version = archive.archive_version(db)
            if version == self.version:
                return False
            self.index = archive.load_index(db) if version[1] else None
            self.version = version
            return True

    @property
    def empty(self) -> bool:
        return self.version is not None and self.index is None


class ArchiveLookup(QObject):
    found = Signal(int, object)  # claim id, list[ArchiveMatch] or None when there is no archive

    def __init__(self, session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.available = archive_available()
        self._cache = _IndexCache()
        self._empty = False  # known empty: lookups start no worker until a re-check finds claims
        self._started = 0  # lookups numbered, so a late answer never replaces a newer one
        self._shown = 0
        self._closed = False

    def lookup(self, claim) -> None:
        if not self.available or self._empty or claim is None or self._closed:
            self.found.emit(claim.id if claim else 0, None)
            return
        self._start(claim, recheck=False)

    def recheck(self, claim) -> None:
        """Cheap check that the archive is as it was (on regaining focus); look the claim up again if not.
        Nothing to check before the first lookup: that one builds the index (never at start-up)."""
        if self.available and not self._closed and self._cache.version is not None:
            self._start(claim, recheck=True)

    def close(self) -> None:
        """Another workspace is opened: nothing this one still finds may reach the window."""
        self._closed = True
        disconnect_all(self.found)
        self.deleteLater()

    def _start(self, claim, recheck: bool) -> None:
        cache = self._cache

        def make(db, _cancel):
            from workbench.services import archive

            changed = cache.refresh(db)
            if recheck and not changed:
                return UNCHANGED
            if claim is None or cache.index is None:
                return None
            return archive.search(db, claim, top=5, index=cache.index)
            yield  # pragma: no cover - a generator for ServiceWorker

        self._started += 1
        number, claim_id = self._started, claim.id if claim is not None else 0
        worker = ServiceWorker(self.session.path, make)
        worker.signals.result.connect(lambda matches: self._done(number, claim_id, matches))
        worker.signals.error.connect(lambda _exc: self._done(number, claim_id, None))
        self.session.runner.start_io(worker)

    def _done(self, number: int, claim_id: int, matches) -> None:
        if self._closed:
            return
        self._empty = self._cache.empty
        if matches is UNCHANGED or number < self._shown or not claim_id:
            return
        self._shown = number
        self.found.emit(claim_id, matches)
