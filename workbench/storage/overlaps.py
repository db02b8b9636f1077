"""Overlap pairs between claims, stored with a < b."""

import sqlite_utils

from workbench.domain import NotFound, Overlap, OverlapDraft, OverlapKind, OverlapState
from workbench.storage.dialect import executemany


def _overlap(row: dict) -> Overlap:
    return Overlap(id=row["id"], claim_a=row["claim_a"], claim_b=row["claim_b"], score=row["score"],
                   reason=row["reason"], kind=OverlapKind(row["kind"]), state=OverlapState(row["state"]))


def insert_many(db: sqlite_utils.Database, drafts: list[OverlapDraft]) -> int:
    """Insert new pairs; a pair already known keeps its state (a dismissal is not undone by re-running)."""
    before = db.execute("SELECT count(*) FROM overlaps").fetchone()[0]
    executemany(
        db,
        "INSERT INTO overlaps(claim_a, claim_b, score, reason, kind) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(claim_a, claim_b) DO NOTHING",
        [(min(d.a, d.b), max(d.a, d.b), float(d.score), d.reason, str(d.kind)) for d in drafts if d.a != d.b],
    )
    return db.execute("SELECT count(*) FROM overlaps").fetchone()[0] - before


def insert(db: sqlite_utils.Database, overlap: Overlap) -> None:
    db.execute(
        "INSERT INTO overlaps(id, claim_a, claim_b, score, reason, kind, state) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [overlap.id, overlap.claim_a, overlap.claim_b, overlap.score, overlap.reason, str(overlap.kind),
         str(overlap.state)],
    )


def get(db: sqlite_utils.Database, overlap_id: int) -> Overlap:
    rows = db.execute_returning_dicts("SELECT * FROM overlaps WHERE id = ?", [overlap_id])
    if not rows:
        raise NotFound(f"No overlap with id {overlap_id}")
    return _overlap(rows[0])


def for_claim(db: sqlite_utils.Database, claim_id: int) -> list[Overlap]:
    rows = db.execute_returning_dicts(
        "SELECT * FROM overlaps WHERE claim_a = ? OR claim_b = ? ORDER BY score DESC, id", [claim_id, claim_id]
    )
    return [_overlap(r) for r in rows]


def for_article(db: sqlite_utils.Database, article_id: int) -> list[Overlap]:
    rows = db.execute_returning_dicts(
        "SELECT DISTINCT o.* FROM overlaps o JOIN claims c ON c.id IN (o.claim_a, o.claim_b)"
        " WHERE c.article_id = ? ORDER BY o.claim_a, o.claim_b", [article_id]
    )
    return [_overlap(r) for r in rows]


def set_state(db: sqlite_utils.Database, overlap_id: int, state: OverlapState) -> Overlap:
    db.execute("UPDATE overlaps SET state = ? WHERE id = ?", [str(state), overlap_id])
    return get(db, overlap_id)


def delete_for_claim(db: sqlite_utils.Database, claim_id: int) -> list[Overlap]:
    removed = for_claim(db, claim_id)
    db.execute("DELETE FROM overlaps WHERE claim_a = ? OR claim_b = ?", [claim_id, claim_id])
    return removed


def delete_flagged_for_claim(db: sqlite_utils.Database, claim_id: int) -> None:
    """Remove a claim's overlap flags nobody reviewed yet (confirmed and dismissed pairs stay)."""
    db.execute("DELETE FROM overlaps WHERE (claim_a = ? OR claim_b = ?) AND state = 'flagged'", [claim_id, claim_id])
