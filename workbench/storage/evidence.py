"""Sources (one per normalised URL, shared by many claims) and evidence links."""

import sqlite_utils

from workbench.domain import Evidence, NotFound, Source, Stance
from workbench.storage.dialect import is_postgres
from workbench.storage.ids import next_id

_EVIDENCE = (
    "SELECT e.id, e.claim_id, e.quote, e.stance, e.note, s.id AS source_id, s.url, s.title, s.publisher,"
    " s.published, s.accessed FROM evidence e JOIN sources s ON s.id = e.source_id"
)


def _source(row: dict, key: str = "id") -> Source:
    return Source(id=row[key], url=row["url"], title=row["title"], publisher=row["publisher"],
                  published=row["published"], accessed=row["accessed"])


def _evidence(row: dict) -> Evidence:
    return Evidence(id=row["id"], claim_id=row["claim_id"], source=_source(row, "source_id"), quote=row["quote"],
                    stance=Stance(row["stance"]), note=row["note"])


def source_by_url(db: sqlite_utils.Database, url: str) -> Source | None:
    rows = db.execute_returning_dicts("SELECT * FROM sources WHERE url = ?", [url])
    return _source(rows[0]) if rows else None


def get_source(db: sqlite_utils.Database, source_id: int) -> Source:
    rows = db.execute_returning_dicts("SELECT * FROM sources WHERE id = ?", [source_id])
    if not rows:
        raise NotFound(f"No source with id {source_id}")
    return _source(rows[0])


def insert_source(db: sqlite_utils.Database, url: str, title: str, publisher: str, published: str,
                  accessed: str) -> Source:
    cursor = db.execute(
        "INSERT INTO sources(url, title, publisher, published, accessed) VALUES (?, ?, ?, ?, ?) RETURNING id",
        [url, title, publisher, published, accessed],
    )
    return get_source(db, cursor.fetchone()[0])


def update_source(db: sqlite_utils.Database, source_id: int, **fields: str) -> Source:
    allowed = {"title", "publisher", "published", "accessed"}
    fields = {k: v for k, v in fields.items() if k in allowed}
    if fields:
        db.execute(f"UPDATE sources SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
                   [*fields.values(), source_id])
    return get_source(db, source_id)


def search_sources(db: sqlite_utils.Database, prefix: str, limit: int = 10) -> list[Source]:
    """Sources whose URL, title or publisher contains the typed text (for reuse as you type)."""
    typed = prefix.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = f"%{typed}%"
    like_op = "ILIKE" if is_postgres(db) else "LIKE"  # SQLite's LIKE already ignores case
    rows = db.execute_returning_dicts(
        f"SELECT * FROM sources WHERE url {like_op} ? ESCAPE '\\' OR title {like_op} ? ESCAPE '\\'"
        f" OR publisher {like_op} ? ESCAPE '\\' ORDER BY title, url LIMIT ?",
        [like, like, like, limit],
    )
    return [_source(r) for r in rows]


def all_sources(db: sqlite_utils.Database) -> list[Source]:
    return [_source(r) for r in db.execute_returning_dicts("SELECT * FROM sources ORDER BY title, url")]


def insert_evidence(db: sqlite_utils.Database, claim_id: int, source_id: int, quote: str, stance: Stance,
                    note: str, *, evidence_id: int | None = None) -> Evidence:
    if evidence_id is None:
        evidence_id = next_id(db, "evidence")
    db.execute(
        "INSERT INTO evidence(id, claim_id, source_id, quote, stance, note) VALUES (?, ?, ?, ?, ?, ?)",
        [evidence_id, claim_id, source_id, quote, str(stance), note],
    )
    return get_evidence(db, evidence_id)


def find_evidence(db: sqlite_utils.Database, claim_id: int, source_id: int, quote: str) -> Evidence | None:
    rows = db.execute_returning_dicts(_EVIDENCE + " WHERE e.claim_id = ? AND e.source_id = ? AND e.quote = ?",
                                      [claim_id, source_id, quote])
    return _evidence(rows[0]) if rows else None


def get_evidence(db: sqlite_utils.Database, evidence_id: int) -> Evidence:
    rows = db.execute_returning_dicts(_EVIDENCE + " WHERE e.id = ?", [evidence_id])
    if not rows:
        raise NotFound(f"No evidence with id {evidence_id}")
    return _evidence(rows[0])


def update_evidence(db: sqlite_utils.Database, evidence_id: int, *, quote: str, stance: Stance, note: str) -> Evidence:
    db.execute("UPDATE evidence SET quote = ?, stance = ?, note = ? WHERE id = ?", [quote, str(stance), note, evidence_id])
    return get_evidence(db, evidence_id)


def delete_evidence(db: sqlite_utils.Database, evidence_id: int) -> None:
    db.execute("DELETE FROM evidence WHERE id = ?", [evidence_id])


def for_claim(db: sqlite_utils.Database, claim_id: int) -> list[Evidence]:
    return [_evidence(r) for r in db.execute_returning_dicts(_EVIDENCE + " WHERE e.claim_id = ? ORDER BY e.id", [claim_id])]


def for_article(db: sqlite_utils.Database, article_id: int) -> list[Evidence]:
    rows = db.execute_returning_dicts(
        _EVIDENCE + " JOIN claims c ON c.id = e.claim_id WHERE c.article_id = ? ORDER BY c.start, e.id", [article_id]
    )
    return [_evidence(r) for r in rows]
