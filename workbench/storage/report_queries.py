"""Reads for the verification report: a whole article's claims, evidence and overlaps in a few queries."""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

from workbench.domain import Article, Claim, Evidence, NotFound, Overlap
from workbench.storage import articles as article_repo
from workbench.storage import claims as claim_repo
from workbench.storage import evidence as evidence_repo
from workbench.storage import overlaps as overlap_repo


@contextmanager
def read_snapshot(db: sqlite_utils.Database) -> Iterator[None]:
    """One read transaction, so a report never mixes states when a writer commits meanwhile (WAL)."""
    if db.conn.in_transaction:
        yield  # the caller's transaction already gives one consistent view
        return
    db.execute("BEGIN")
    try:
        yield
    finally:
        db.execute("COMMIT")


def article(db: sqlite_utils.Database, article_id: int) -> Article:
    return article_repo.get(db, article_id)


def claims(db: sqlite_utils.Database, article_id: int) -> list[Claim]:
    """The article's claims in reading order."""
    return claim_repo.for_article(db, article_id)


def evidence_by_claim(db: sqlite_utils.Database, article_id: int) -> dict[int, list[Evidence]]:
    grouped: dict[int, list[Evidence]] = {}
    for ev in evidence_repo.for_article(db, article_id):
        grouped.setdefault(ev.claim_id, []).append(ev)
    for items in grouped.values():
        items.sort(key=lambda e: e.id)
    return grouped


def overlaps(db: sqlite_utils.Database, article_id: int) -> list[Overlap]:
    return overlap_repo.for_article(db, article_id)


def claims_by_id(db: sqlite_utils.Database, ids: set[int]) -> dict[int, tuple[Claim, str]]:
    """Claims of other articles (named by an overlap) with their article's title."""
    result: dict[int, tuple[Claim, str]] = {}
    titles: dict[int, str] = {}
    for claim_id in sorted(ids):
        try:
            claim = claim_repo.get(db, claim_id)
        except NotFound:  # the pair's other claim is gone
            continue
        if claim.article_id not in titles:
            row = db.execute("SELECT title FROM articles WHERE id = ?", [claim.article_id]).fetchone()
            titles[claim.article_id] = row[0] if row else ""
        result[claim_id] = (claim, titles[claim.article_id])
    return result


def original_texts(db: sqlite_utils.Database, article_id: int) -> dict[int, str]:
    """claim id -> the text it had before its first edit, for the article's claims whose text was edited."""
    rows = db.execute(
        "SELECT h.entity_id, json_extract(h.before, '$.text') FROM history h"
        " JOIN claims c ON c.id = h.entity_id AND c.article_id = ?"
        " WHERE h.entity = 'claim' AND h.action = 'update' AND json_extract(h.before, '$.text') IS NOT NULL"
        " ORDER BY h.id", [article_id]).fetchall()
    first: dict[int, str] = {}
    for claim_id, text in rows:
        first.setdefault(claim_id, text)
    return first


def first_export(db: sqlite_utils.Database, article_id: int) -> tuple[int, str] | None:
    """(history id, time) of the article's first recorded report export, or None."""
    row = db.execute("SELECT id, at FROM history WHERE entity = 'article' AND entity_id = ? AND action = 'export'"
                     " ORDER BY id LIMIT 1", [article_id]).fetchone()
    return (row[0], row[1]) if row else None


def verdict_changes(db: sqlite_utils.Database, article_id: int, after_id: int) -> list[tuple[int, str, str, str]]:
    """(claim id, verdict before, verdict after, time) of verdict changes recorded after a history row."""
    rows = db.execute(
        "SELECT h.entity_id, json_extract(h.before, '$.verdict'), json_extract(h.after, '$.verdict'), h.at"
        " FROM history h JOIN claims c ON c.id = h.entity_id AND c.article_id = ?"
        " WHERE h.entity = 'claim' AND h.action = 'update' AND h.id > ?"
        " AND json_extract(h.after, '$.verdict') IS NOT NULL ORDER BY h.id", [article_id, after_id]).fetchall()
    return [(r[0], r[1] or "", r[2], r[3]) for r in rows]
