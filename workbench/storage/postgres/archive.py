"""The archive's SQL that differs on the team workspace: staging an import batch, and text-search candidates
(PostgreSQL's tsvector with a GIN index; the ranking on top is the shared one in matching/)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.storage.postgres.connection import PgWorkspace

_COLUMNS = "external_id, text, title, rating, url"


def stage_batch(db: PgWorkspace, import_id: int, rows: Sequence[tuple[str, str, str, str, str]]) -> int:
    """Like archive_repository.stage_batch: new claims as invisible rows of the import, changed ones into
    archive_staging, unchanged ones skipped; within the batch the last row of an external id wins."""
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS archive_batch (seq BIGSERIAL PRIMARY KEY, external_id TEXT,"
               " text TEXT, title TEXT, rating TEXT, url TEXT)", [])
    db.execute("TRUNCATE pg_temp.archive_batch", [])
    db.executemany(f"INSERT INTO pg_temp.archive_batch ({_COLUMNS}) VALUES (?, ?, ?, ?, ?)", rows)
    last = ("(SELECT DISTINCT ON (external_id) * FROM pg_temp.archive_batch ORDER BY external_id, seq DESC)")
    db.execute(
        "INSERT INTO archive_staging (import_id, external_id, text, title, rating, url)"
        f" SELECT ?, b.external_id, b.text, b.title, b.rating, b.url FROM {last} b"
        " JOIN archive_claims a ON a.external_id = b.external_id"
        " WHERE a.import_id IS DISTINCT FROM ?"
        " AND (a.text, a.title, a.rating, a.url) IS DISTINCT FROM (b.text, b.title, b.rating, b.url)"
        " ON CONFLICT (import_id, external_id) DO UPDATE SET text = excluded.text, title = excluded.title,"
        " rating = excluded.rating, url = excluded.url",
        [import_id, import_id])
    db.execute(
        f"INSERT INTO archive_claims ({_COLUMNS}, import_id)"
        f" SELECT b.external_id, b.text, b.title, b.rating, b.url, ? FROM {last} b"
        " WHERE NOT EXISTS (SELECT 1 FROM archive_claims a WHERE a.external_id = b.external_id"
        "                   AND a.import_id IS DISTINCT FROM ?)"
        " ORDER BY b.seq"
        " ON CONFLICT (external_id) DO UPDATE SET text = excluded.text, title = excluded.title,"
        " rating = excluded.rating, url = excluded.url",
        [import_id, import_id])
    return len(rows)


def candidates(db: PgWorkspace, words: list[str], limit: int, visible: str) -> list[tuple[int, float]]:
    """Archived claims sharing any of the words: (id, score) best first. The score is negated ts_rank_cd,
    so lower is better as with SQLite's bm25()."""
    query = " | ".join(f"'{w}'" for w in (w.replace("'", "") for w in words) if w)
    rows = db.execute(
        "SELECT a.id, -ts_rank_cd(a.search, q) AS s FROM archive_claims a, to_tsquery('english', ?) q"
        f" WHERE a.search @@ q AND {visible} ORDER BY s, a.id LIMIT ?", [query, limit],
    ).fetchall()
    return [(r[0], float(r[1])) for r in rows]
