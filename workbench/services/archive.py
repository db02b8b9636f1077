"""Archive of already checked claims: import a file, search it for a claim or free text, batch search.

Long actions are generators yielding Progress and returning their result (see `run`). An import writes in
short transactions (batches) that stay invisible until its last one, which makes the whole import visible at
once with one history row (entity "archive"): other processes never wait long for the write lock, and a bad
file, Cancel or kill -9 leaves the visible archive unchanged.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.domain import ArchiveMatch, Cancelled, Claim, InvalidInput, Progress
from workbench.matching.archive_index import ArchiveIndex, Population
from workbench.services.archive_files import read_archive
from workbench.services.draining import drain
from workbench.services.workspace import refuse_workspace_file
from workbench.storage import Database, history
from workbench.storage import archive_repository as repo

IMPORT_CHUNK = 2_000  # rows per write transaction: ~0.1 s of the write lock
SEARCH_PROGRESS_EVERY = 25
SERVER_CANDIDATES = 100  # archived claims the server's text search hands to the ranking, per query
ANALYSED_KEPT = 50_000  # rows whose analysis a ServerArchive keeps between queries


run = drain  # callers that show no progress


def import_archive(db: Database, path: Path | str, *, id_column: str | None = None,
                   text_column: str | None = None, title_column: str | None = None,
                   rating_column: str | None = None, url_column: str | None = None,
                   cancel: threading.Event | None = None) -> Generator[Progress, None, int]:
    """Import (or update, by external id) the claims of a CSV/TSV or ClaimReview JSON file.

    Yields Progress; returns how many claims the file held (new or updated)."""
    refuse_workspace_file(db, path, "an archive file")
    yield Progress(0, 1, "Reading archive file")
    parsed = read_archive(path, id_column=id_column, text_column=text_column, title_column=title_column,
                          rating_column=rating_column, url_column=url_column)
    rows = [r.as_tuple() for r in parsed.rows]
    total = len(rows)
    yield Progress(0, total, "Importing archive claims")
    _clear_abandoned(db)
    with db.atomic():
        import_id = repo.begin_import(db, f"{socket.gethostname()}:{os.getpid()}")
    try:
        done = 0
        for start in range(0, total, IMPORT_CHUNK):
            if cancel is not None and cancel.is_set():
                raise Cancelled("archive import cancelled")
            with db.atomic():  # one short transaction per batch: nobody waits long for the write lock
                done += repo.stage_batch(db, import_id, rows[start:start + IMPORT_CHUNK])
            yield Progress(done, total, "Importing archive claims")
        if cancel is not None and cancel.is_set():
            raise Cancelled("archive import cancelled")
        before = repo.count(db)  # archive imports run one at a time (see _clear_abandoned)
        with db.atomic():  # the whole import becomes visible here, at once
            repo.finish_import(db, import_id)
            after = before + repo.new_rows(db, import_id)
            history.record(db, "archive", 0, "import", {"claims": before},
                           {"claims": after, "file": str(path), "format": parsed.format, "rows": total,
                            "added": after - before, "skipped": parsed.skipped})
    except BaseException:
        _discard(db, import_id)
        raise
    return total


def _clear_abandoned(db: Database) -> None:
    """Remove what a killed import left (invisible rows); refuse while another process is importing."""
    for import_id, owner in repo.unfinished_imports(db):
        if _alive(owner):
            raise InvalidInput("Another archive import is running on this workspace; "
                               "try again when it has finished.")
        _discard(db, import_id)


def _discard(db: Database, import_id: int) -> None:
    while True:
        with db.atomic():
            if repo.discard_some(db, import_id, IMPORT_CHUNK) == 0:
                return


def _alive(owner: str) -> bool:
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # a process on another machine cannot share a SQLite file safely anyway
    if int(pid) == os.getpid():
        return False  # our own earlier import, interrupted
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class ServerArchive:
    """A team workspace's archive, searched where it lives: the server's text search (tsvector + GIN) picks
    candidates and only those are ranked here, by the same ranking a file's in-memory index uses. Rows that
    come back as candidates again are not analysed again."""

    analysed: dict = field(default_factory=dict)

    def search(self, db: Database, text: str, top: int) -> list[tuple[int, float]]:
        rows = repo.candidate_rows(db, text, max(SERVER_CANDIDATES, top))
        if not rows:
            return []
        if len(self.analysed) > ANALYSED_KEPT:
            self.analysed.clear()
        keys = ArchiveIndex.query_keys(text)  # weighed by how rare they are in the whole archive
        size, holding = repo.term_counts(db, list(keys.values()))
        population = Population(size, {k: n for k, n in zip(keys, holding) if n is not None})
        return ArchiveIndex.build(rows, self.analysed, population).search(text, top)


def load_index(db: Database) -> ArchiveIndex | ServerArchive:
    """What searches the archive (keep one per workspace; load again after imports): an in-memory index over
    the whole archive of a file, or the server's search of a team workspace (nothing is loaded up front)."""
    if repo.searched_on_server(db):
        return ServerArchive()
    return ArchiveIndex.build(repo.iter_texts(db))


def _hits(db: Database, index: ArchiveIndex | ServerArchive, text: str, top: int) -> list[tuple[int, float]]:
    return index.search(db, text, top) if isinstance(index, ServerArchive) else index.search(text, top)


def archive_size(db: Database) -> int:
    return repo.count(db)


def archive_version(db: Database) -> tuple[int, int]:
    """Changes with every change to the archive: each import appends one history row in its own
    transaction (an import may only update rows in place, so the row count alone would not tell)."""
    return (history.last_id(db, "archive"), repo.count(db))


def search(db: Database, query: str | Claim, *, top: int = 5,
           index: ArchiveIndex | ServerArchive | None = None) -> list[ArchiveMatch]:
    """The archived claims closest to a claim or a free text, best first, score 0..100."""
    _check_top(top)
    text = query.text if isinstance(query, Claim) else str(query)
    if not text.strip():
        raise InvalidInput("Nothing to search for: the text is empty")
    index = index if index is not None else load_index(db)
    return _matches(db, _hits(db, index, text, top))


def search_many(db: Database, queries: Sequence[tuple[str, str]], *, top: int = 5,
                index: ArchiveIndex | ServerArchive | None = None, cancel: threading.Event | None = None,
                ) -> Generator[Progress, None, list[tuple[str, list[ArchiveMatch]]]]:
    """Search for each (query id, text); yields Progress, returns [(query id, matches)] in input order."""
    _check_top(top)
    total = len(queries)
    yield Progress(0, total, "Loading the archive index")
    index = index if index is not None else load_index(db)
    found: list[tuple[str, list[tuple[int, float]]]] = []
    for n, (qid, text) in enumerate(queries, 1):
        if cancel is not None and cancel.is_set():
            raise Cancelled("archive search cancelled")
        found.append((qid, _hits(db, index, text, top)))
        if n % SEARCH_PROGRESS_EVERY == 0 or n == total:
            yield Progress(n, total, "Searching the archive")
    claims = repo.get_many(db, [doc_id for _, hits in found for doc_id, _ in hits])
    return [(qid, [ArchiveMatch(claims[d], s) for d, s in hits if d in claims]) for qid, hits in found]


def _matches(db: Database, hits: list[tuple[int, float]]) -> list[ArchiveMatch]:
    claims = repo.get_many(db, [d for d, _ in hits])
    return [ArchiveMatch(claims[d], s) for d, s in hits if d in claims]


def _check_top(top: int) -> None:
    if not isinstance(top, int) or top < 1:
        raise InvalidInput(f"--top must be at least 1 (got {top})")
