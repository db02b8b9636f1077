"""archive_claims: the only SQL for the archive of already checked claims (and its FTS5 index)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import sqlite_utils

from workbench.domain import ArchiveClaim
from workbench.storage.dialect import is_postgres
from workbench.storage.history import now_iso

_COLUMNS = "id, external_id, text, title, rating, url"
# Rows of an import still being written (or abandoned by a killed process) are never shown.
def _visible(alias: str = "") -> str:
    col = f"{alias}.import_id" if alias else "import_id"
    return f"({col} IS NULL OR {col} IN (SELECT id FROM archive_imports WHERE done = 1))"


VISIBLE = _VISIBLE = _visible()
_BATCH_COLUMNS = "external_id, text, title, rating, url"


def _claim(row: Sequence) -> ArchiveClaim:
    return ArchiveClaim(id=row[0], external_id=row[1], text=row[2], title=row[3], rating=row[4], url=row[5])


def begin_import(db: sqlite_utils.Database, owner: str) -> int:
    """A new, invisible import; the caller commits it before staging batches."""
    return db.execute("INSERT INTO archive_imports(owner, started_at) VALUES (?, ?) RETURNING id",
                      [owner, now_iso()]).fetchone()[0]


def unfinished_imports(db: sqlite_utils.Database) -> list[tuple[int, str]]:
    """(import id, owner) of imports being written, or abandoned by a process that died."""
    return [(r[0], r[1]) for r in db.execute("SELECT id, owner FROM archive_imports WHERE done = 0 ORDER BY id")]


def stage_batch(db: sqlite_utils.Database, import_id: int, rows: Iterable[tuple[str, str, str, str, str]]) -> int:
    """Write (external_id, text, title, rating, url) rows of an import, invisible until finish_import.

    A new external id becomes a pending row; a changed claim already archived waits in archive_staging; an
    unchanged one is skipped. Within a file the last row of an external id wins. Returns rows given."""
    rows = list(rows)
    if is_postgres(db):
        from workbench.storage.postgres.archive import stage_batch as stage_on_server

        return stage_on_server(db, import_id, rows)
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS archive_batch(seq INTEGER PRIMARY KEY, {_BATCH_COLUMNS})")
    db.execute("DELETE FROM temp.archive_batch")
    db.conn.executemany(f"INSERT INTO temp.archive_batch({_BATCH_COLUMNS}) VALUES (?, ?, ?, ?, ?)", rows)
    db.execute(
        "INSERT INTO archive_staging(import_id, external_id, text, title, rating, url)"
        " SELECT ?, b.external_id, b.text, b.title, b.rating, b.url FROM temp.archive_batch b"
        " JOIN archive_claims a ON a.external_id = b.external_id"
        " WHERE a.import_id IS NOT ? AND (a.text, a.title, a.rating, a.url) IS NOT (b.text, b.title, b.rating, b.url)"
        " ORDER BY b.seq"
        " ON CONFLICT(import_id, external_id) DO UPDATE SET text = excluded.text, title = excluded.title,"
        " rating = excluded.rating, url = excluded.url",
        [import_id, import_id])
    db.execute(
        f"INSERT INTO archive_claims({_BATCH_COLUMNS}, import_id)"
        " SELECT b.external_id, b.text, b.title, b.rating, b.url, ? FROM temp.archive_batch b"
        " WHERE NOT EXISTS (SELECT 1 FROM archive_claims a WHERE a.external_id = b.external_id"
        "                   AND a.import_id IS NOT ?)"
        " ORDER BY b.seq"
        " ON CONFLICT(external_id) DO UPDATE SET text = excluded.text, title = excluded.title,"
        " rating = excluded.rating, url = excluded.url",
        [import_id, import_id])
    db.execute("DELETE FROM temp.archive_batch")
    return len(rows)


def finish_import(db: sqlite_utils.Database, import_id: int) -> None:
    """Make an import visible at once: its new rows by the done flag, its changes applied in place (and, on a
    team workspace, the server's term counts for candidate search recounted)."""
    db.execute(
        "UPDATE archive_claims SET text = s.text, title = s.title, rating = s.rating, url = s.url"
        " FROM archive_staging s WHERE s.import_id = ? AND archive_claims.external_id = s.external_id",
        [import_id])
    db.execute("DELETE FROM archive_staging WHERE import_id = ?", [import_id])
    db.execute("UPDATE archive_imports SET done = 1 WHERE id = ?", [import_id])
    recount_terms(db)


def recount_terms(db: sqlite_utils.Database) -> None:
    """A team workspace counts which claims hold each search term (for candidate search); a file's FTS5
    index keeps itself up to date."""
    if is_postgres(db):
        from workbench.storage.postgres.archive import refresh_terms

        refresh_terms(db, _VISIBLE)


def new_rows(db: sqlite_utils.Database, import_id: int) -> int:
    """How many claims an import added (not counting the archived claims it changed)."""
    return db.execute("SELECT count(*) FROM archive_claims WHERE import_id = ?", [import_id]).fetchone()[0]


def discard_some(db: sqlite_utils.Database, import_id: int, limit: int) -> int:
    """Delete up to `limit` rows of an unfinished import (call repeatedly, one short transaction each);
    returns how many went. When none are left the import is marked discarded."""
    gone = db.execute("DELETE FROM archive_claims WHERE id IN"
                      " (SELECT id FROM archive_claims WHERE import_id = ? LIMIT ?)", [import_id, limit]).rowcount
    if gone == 0:
        db.execute("DELETE FROM archive_staging WHERE import_id = ?", [import_id])
        db.execute("UPDATE archive_imports SET done = -1 WHERE id = ? AND done = 0", [import_id])
    return gone


def count(db: sqlite_utils.Database) -> int:
    return db.execute(f"SELECT count(*) FROM archive_claims WHERE {_VISIBLE}").fetchone()[0]


def max_id(db: sqlite_utils.Database) -> int:
    return db.execute(f"SELECT coalesce(max(id), 0) FROM archive_claims WHERE {_VISIBLE}").fetchone()[0]


def get_many(db: sqlite_utils.Database, ids: Sequence[int]) -> dict[int, ArchiveClaim]:
    """Claims by row id (missing ids are simply absent)."""
    out: dict[int, ArchiveClaim] = {}
    ids = list(dict.fromkeys(int(i) for i in ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in db.execute(f"SELECT {_COLUMNS} FROM archive_claims WHERE id IN ({marks}) AND {_VISIBLE}", chunk):
            out[row[0]] = _claim(row)
    return out


def by_external_id(db: sqlite_utils.Database, external_id: str) -> ArchiveClaim | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM archive_claims WHERE external_id = ? AND {_VISIBLE}", [external_id]).fetchone()
    return _claim(row) if row else None


def iter_texts(db: sqlite_utils.Database, batch: int = 10_000) -> Iterator[tuple[int, str, str]]:
    """(id, text, title) for every archived claim, in id order, for building the in-memory index."""
    cursor = db.execute(f"SELECT id, text, title FROM archive_claims WHERE {_VISIBLE} ORDER BY id", [])
    while True:
        rows = cursor.fetchmany(batch)
        if not rows:
            return
        yield from rows


_FTS_WORD = re.compile(r"\w+", re.UNICODE)


def searched_on_server(db: sqlite_utils.Database) -> bool:
    """True when the archive lives on a server: search takes the server's candidates (candidate_rows) and
    ranks those, rather than holding an index of the whole archive in memory."""
    return is_postgres(db)


def candidate_rows(db: sqlite_utils.Database, text: str, limit: int) -> list[tuple[int, str, str]]:
    """(id, text, title) of up to `limit` archived claims sharing words with the text, best first: the
    server's text search (tsvector + GIN) on a team workspace, FTS5 BM25 on a file."""
    if is_postgres(db):
        from workbench.storage.postgres.archive import candidate_rows as on_server

        return on_server(db, text, limit, _visible("a"))
    found = fts_search(db, text, limit)
    rows = get_many(db, [i for i, _ in found])
    return [(i, rows[i].text, rows[i].title) for i, _ in found if i in rows]


def term_counts(db: sqlite_utils.Database, words: Sequence[str]) -> tuple[int, list[int | None]]:
    """How many claims the archive holds, and how many hold each word (None: not counted). Only a team
    workspace counts: a file's archive is indexed whole, in memory."""
    if is_postgres(db):
        from workbench.storage.postgres.archive import term_counts as on_server

        return on_server(db, words)
    return count(db), [None] * len(words)


def fts_search(db: sqlite_utils.Database, text: str, limit: int = 5) -> list[tuple[int, float]]:
    """FTS5 BM25 over text and title, any word matching: (id, bm25) best first (lower bm25 is better)."""
    words = sorted({w.lower() for w in _FTS_WORD.findall(text)})
    if not words:
        return []
    if is_postgres(db):
        from workbench.storage.postgres.archive import candidate_rows

        return [(row[0], float(n)) for n, row in enumerate(candidate_rows(db, text, limit, _visible("a")))]
    query = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
    rows = db.execute(
        "SELECT f.rowid, bm25(archive_claims_fts) AS s FROM archive_claims_fts f"
        f" JOIN archive_claims a ON a.id = f.rowid WHERE archive_claims_fts MATCH ? AND {_visible('a')}"
        " ORDER BY s LIMIT ?", [query, limit],
    ).fetchall()
    return [(r[0], r[1]) for r in rows]
