"""Claims table: insert, fetch with evidence and overlap counts, update, delete."""

import json
from dataclasses import asdict
from typing import Any

import sqlite_utils

from workbench.domain import Anchor, Claim, ClaimDraft, ClaimKind, EditConflict, NotFound, Origin
from workbench.storage.dialect import actor, is_postgres
from workbench.storage.history import now_iso
from workbench.storage.ids import next_id

_SELECT = (
    'SELECT c.*, (SELECT count(*) FROM evidence e WHERE e.claim_id = c.id) AS evidence_count,'
    " (SELECT count(*) FROM overlaps o WHERE (o.claim_a = c.id OR o.claim_b = c.id)"
    "  AND o.state != 'dismissed') AS overlap_count FROM claims c"
)
EDITABLE = ("text", "attribution", "kind", "checkworthiness", "verdict", "rationale", "start", "end")


def _anchors_json(draft: ClaimDraft | Claim) -> str:
    """claims.anchors: [] for one run of words, else [main parts, *repeats] (migration v7)."""
    if not draft.parts and not draft.repeats:
        return "[]"
    main = draft.parts or ((draft.start, draft.end),)
    return json.dumps([[list(p) for p in anchor] for anchor in (main, *draft.repeats)])


def _anchors(raw: str | None) -> tuple[Anchor, tuple[Anchor, ...]]:
    anchors = tuple(tuple((int(s), int(e)) for s, e in anchor) for anchor in json.loads(raw or "[]"))
    if not anchors:
        return (), ()
    return (anchors[0] if len(anchors[0]) > 1 else ()), anchors[1:]


def _claim(row: dict) -> Claim:
    parts, repeats = _anchors(row.get("anchors"))
    return Claim(
        id=row["id"], article_id=row["article_id"], text=row["text"], start=row["start"], end=row["end"],
        attribution=row["attribution"], kind=ClaimKind(row["kind"]), checkworthiness=row["checkworthiness"],
        verdict=row["verdict"], rationale=row["rationale"], origin=Origin(row["origin"]),
        created_at=row["created_at"], updated_at=row["updated_at"],
        evidence_count=row.get("evidence_count", 0), overlap_count=row.get("overlap_count", 0),
        version=row.get("version", 1), updated_by=row.get("updated_by", ""),
        parts=parts, repeats=repeats,
    )


def insert(db: sqlite_utils.Database, article_id: int, draft: ClaimDraft, origin: Origin = Origin.AUTO,
           *, claim_id: int | None = None, verdict: str = "unverified", rationale: str = "") -> Claim:
    stamp = now_iso()
    if claim_id is None:
        claim_id = next_id(db, "claims")
    columns = ('id, article_id, start, "end", text, attribution, kind, checkworthiness, verdict, rationale, origin,'
               " created_at, updated_at, updated_by")
    values = [claim_id, article_id, draft.start, draft.end, draft.text, draft.attribution, str(draft.kind),
              float(draft.checkworthiness), verdict, rationale, str(origin), stamp, stamp, actor(db)]
    anchors = _anchors_json(draft)
    if anchors != "[]":  # the column's default otherwise (and a claim of one run needs no newer schema)
        columns += ", anchors"
        values.append(anchors)
    db.execute(f"INSERT INTO claims({columns}) VALUES ({', '.join('?' * len(values))})", values)
    return get(db, claim_id)


def get(db: sqlite_utils.Database, claim_id: int) -> Claim:
    rows = db.execute_returning_dicts(_SELECT + " WHERE c.id = ?", [claim_id])
    if not rows:
        raise NotFound(f"No claim with id {claim_id}")
    return _claim(rows[0])


def for_article(db: sqlite_utils.Database, article_id: int) -> list[Claim]:
    rows = db.execute_returning_dicts(_SELECT + ' WHERE c.article_id = ? ORDER BY c.start, c."end", c.id', [article_id])
    return [_claim(r) for r in rows]


def all_texts(db: sqlite_utils.Database, exclude_article: int | None = None) -> list[tuple[int, str]]:
    sql, params = "SELECT id, text FROM claims", []
    if exclude_article is not None:
        sql += " WHERE article_id != ?"
        params.append(exclude_article)
    return [(r[0], r[1]) for r in db.execute(sql + " ORDER BY id", params).fetchall()]


def existing_ids(db: sqlite_utils.Database, ids: set[int]) -> set[int]:
    """Those of `ids` that are claims now (matching ran before the transaction; one may have gone since)."""
    found: set[int] = set()
    wanted = sorted(ids)
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        found.update(r[0] for r in db.execute(
            f"SELECT id FROM claims WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
    return found


def update(db: sqlite_utils.Database, claim_id: int, *, expected_version: int | None = None, **changes: Any) -> Claim:
    """Write the changes and bump the row version. With expected_version, the write happens only if nobody
    changed the claim since that version was read; otherwise EditConflict names who changed it and when."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if changes:
        assignments = ", ".join(f'"{k}" = ?' for k in changes)
        if {"start", "end"} & changes.keys():
            assignments += ", anchors = '[]'"  # a new span is one run of words
        values = [str(v) if isinstance(v, ClaimKind) else v for v in changes.values()]
        sql = f"UPDATE claims SET {assignments}, updated_at = ?, version = version + 1, updated_by = ? WHERE id = ?"
        params = [*values, now_iso(), actor(db), claim_id]
        if expected_version is not None:
            sql += " AND version = ?"
            params.append(expected_version)
        if db.execute(sql, params).rowcount == 0 and expected_version is not None:
            current = get(db, claim_id)  # NotFound when it was deleted meanwhile
            raise EditConflict(
                f"{current.updated_by or 'Someone'} changed this claim at {current.updated_at} while you were"
                " editing it: reload to see their version, or apply yours again", current.updated_by,
                current.updated_at)
    return get(db, claim_id)


def delete(db: sqlite_utils.Database, claim_id: int) -> None:
    db.execute("DELETE FROM claims WHERE id = ?", [claim_id])


def as_row(claim: Claim) -> dict:
    row = asdict(claim)
    row.pop("evidence_count", None)
    row.pop("overlap_count", None)
    row.pop("version", None)  # bookkeeping of the row, not part of the claim a history entry records
    row.pop("updated_by", None)
    return row


def search_ids(db: sqlite_utils.Database, query: str, article_id: int | None = None) -> list[int]:
    """Claim ids whose text or attribution matches a full-text query."""
    if is_postgres(db):
        from workbench.storage.postgres.search import claim_ids_matching

        return claim_ids_matching(db, query, article_id)
    sql = "SELECT c.id FROM claims_fts f JOIN claims c ON c.id = f.rowid WHERE claims_fts MATCH ?"
    params: list[Any] = [db.quote_fts(query)]
    if article_id is not None:
        sql += " AND c.article_id = ?"
        params.append(article_id)
    return [r[0] for r in db.execute(sql + " ORDER BY rank", params).fetchall()]
