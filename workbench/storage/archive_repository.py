"""archive_claims: the only SQL for the archive of already checked claims (and its FTS5 index)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import sqlite_utils

from workbench.domain import ArchiveClaim

_COLUMNS = "id, external_id, text, title, rating, url"
_UPSERT = (
    "INSERT INTO archive_claims(external_id, text, title, rating, url) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT(external_id) DO UPDATE SET text = excluded.text, title = excluded.title, "
    "rating = excluded.rating, url = excluded.url "
    "WHERE (text, title, rating, url) IS NOT (excluded.text, excluded.title, excluded.rating, excluded.url)"
)


def _claim(row: Sequence) -> ArchiveClaim:
    return ArchiveClaim(id=row[0], external_id=row[1], text=row[2], title=row[3], rating=row[4], url=row[5])


def upsert_many(db: sqlite_utils.Database, rows: Iterable[tuple[str, str, str, str, str]]) -> int:
    """Insert (external_id, text, title, rating, url) rows; an existing external_id is updated in place.

    Runs inside the caller's transaction. Returns the number of rows given."""
    rows = list(rows)
    db.conn.executemany(_UPSERT, rows)
    return len(rows)


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM archive_claims").fetchone()[0]


def max_id(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT coalesce(max(id), 0) FROM archive_claims").fetchone()[0]


def get_many(db: sqlite_utils.Database, ids: Sequence[int]) -> dict[int, ArchiveClaim]:
    """Claims by row id (missing ids are simply absent)."""
    out: dict[int, ArchiveClaim] = {}
    ids = list(dict.fromkeys(int(i) for i in ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in db.execute(f"SELECT {_COLUMNS} FROM archive_claims WHERE id IN ({marks})", chunk):
            out[row[0]] = _claim(row)
    return out


def by_external_id(db: sqlite_utils.Database, external_id: str) -> ArchiveClaim | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM archive_claims WHERE external_id = ?", [external_id]).fetchone()
    return _claim(row) if row else None


def iter_texts(db: sqlite_utils.Database, batch: int = 10_000) -> Iterator[tuple[int, str, str]]:
    """(id, text, title) for every archived claim, in id order, for building the in-memory index."""
    cursor = db.conn.execute("SELECT id, text, title FROM archive_claims ORDER BY id")
    while True:
        rows = cursor.fetchmany(batch)
        if not rows:
            return
        yield from rows


_FTS_WORD = re.compile(r"\w+", re.UNICODE)


def fts_search(db: sqlite_utils.Database, text: str, limit: int = 5) -> list[tuple[int, float]]:
    """FTS5 BM25 over text and title, any word matching: (id, bm25) best first (lower bm25 is better)."""
    words = sorted({w.lower() for w in _FTS_WORD.findall(text)})
    if not words:
        return []
    query = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
    rows = db.execute(
        "SELECT rowid, bm25(archive_claims_fts) AS s FROM archive_claims_fts WHERE archive_claims_fts MATCH ? "
        "ORDER BY s LIMIT ?", [query, limit],
    ).fetchall()
    return [(r[0], r[1]) for r in rows]
