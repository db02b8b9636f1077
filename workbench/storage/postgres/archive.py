"""The archive's SQL that differs on the team workspace: staging an import batch, and text-search candidates
(PostgreSQL's tsvector with a GIN index; the ranking on top is the shared one in matching/)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.storage.postgres.connection import PgWorkspace

_COLUMNS = "external_id, text, title, rating, url"


def stage_batch(db: PgWorkspace, import_id: int, rows: Sequence[tuple[str, str, str, str, str]]) -> int:
    """Like archive_repository.stage_batch: new claims as invisible rows of the import, changed ones into
    archive_staging, unchanged ones skipped; within the batch the last row of an external id wins."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS archive_batch (seq BIGSERIAL PRIMARY KEY, external_id TEXT,"
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


# A query's terms are looked up in archive_terms (how many visible claims hold each lexeme); the rarest are
# searched through the GIN index until their postings reach this budget, each weighted by its BM25 idf, and
# the claims holding the most idf are the candidates. Common terms (a title word every claim shares, "said")
# weigh little in any ranking and would cost a heap visit per claim holding them.
POSTINGS_BUDGET = 2_500
TOTAL_ROW = ""  # the archive_terms row holding the number of visible claims (no lexeme is empty)


def refresh_terms(db: PgWorkspace, visible: str) -> None:
    """Recount archive_terms from the visible archive (after an import: ~0.5 s for 100,000 claims)."""
    db.execute("DELETE FROM archive_terms", [])
    db.execute("INSERT INTO archive_terms (word, ndoc) SELECT word, ndoc FROM ts_stat("
               f"'SELECT search FROM archive_claims WHERE {visible}')", [])
    db.execute(f"INSERT INTO archive_terms (word, ndoc) SELECT ?, count(*) FROM archive_claims WHERE {visible}",
               [TOTAL_ROW])
    # Fresh statistics, so the planner goes through the GIN index at once rather than after autovacuum's next
    # visit (only the table's owner may: for anyone else the server skips it with a notice).
    db.execute("ANALYZE archive_claims", [])


def candidate_rows(db: PgWorkspace, text: str, limit: int, visible: str) -> list[tuple[int, str, str]]:
    """(id, text, title) of up to `limit` archived claims sharing the query's rarest terms, best first.
    `visible` is archive_repository's condition on the alias a."""
    stats = dict(db.execute(
        "SELECT word, ndoc FROM archive_terms WHERE word = ? OR word = ANY(tsvector_to_array("
        "to_tsvector('english', ?)))", [TOTAL_ROW, text]).fetchall())
    total = stats.pop(TOTAL_ROW, 0)
    chosen: list[tuple[str, float]] = []
    used = 0
    for ndoc, word in sorted((n, w) for w, n in stats.items() if n > 0):
        if chosen and used + ndoc > POSTINGS_BUDGET:
            break
        chosen.append((_lexeme(word), math.log(1.0 + (total - ndoc + 0.5) / (ndoc + 0.5))))
        used += ndoc
    if not chosen:
        return []
    # One branch per term, its tsquery a parameter the planner sees: a rare term goes through the GIN index.
    branch = (f"(SELECT a.id, ?::float8 AS w FROM archive_claims a WHERE a.search @@ ?::tsquery AND {visible}"
              " LIMIT ?)")
    params: list = []
    for term, weight in chosen:
        params += [weight, term, POSTINGS_BUDGET]
    rows = db.execute(
        "SELECT c.id, c.text, c.title FROM ("
        f" SELECT m.id, sum(m.w) AS s FROM ({' UNION ALL '.join([branch] * len(chosen))}) m"
        " GROUP BY m.id ORDER BY s DESC, m.id LIMIT ?) best"
        " JOIN archive_claims c ON c.id = best.id ORDER BY best.s DESC, best.id",
        [*params, limit]).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


def term_counts(db: PgWorkspace, words: Sequence[str]) -> tuple[int, list[int | None]]:
    """How many visible claims there are, and for each word how many hold it (its rarest lexeme when it has
    several; None when the text search ignores the word, a stopword)."""
    row = db.execute(
        "SELECT (SELECT ndoc FROM archive_terms WHERE word = ?), array(SELECT CASE WHEN length(v) = 0 THEN NULL"
        " ELSE coalesce((SELECT min(t.ndoc) FROM archive_terms t WHERE t.word = ANY(tsvector_to_array(v))), 0)"
        " END FROM unnest(?::text[]) WITH ORDINALITY AS u(w, n), to_tsvector('english', u.w) AS v ORDER BY u.n)",
        [TOTAL_ROW, list(words)]).fetchone()
    return row[0] or 0, list(row[1])


def _lexeme(word: str) -> str:
    """One lexeme as tsquery text, quoted so that no character in it is read as an operator."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
