"""Reads for the verification report: a whole article's claims, evidence and overlaps in a few queries."""

import json
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

from workbench.domain import Article, Claim, Evidence, NotFound, Overlap
from workbench.storage import articles as article_repo
from workbench.storage import dialect
from workbench.storage import claims as claim_repo
from workbench.storage import evidence as evidence_repo
from workbench.storage import overlaps as overlap_repo


@contextmanager
def read_snapshot(db: sqlite_utils.Database) -> Iterator[None]:
    """One read transaction, so a report never mixes states when a writer commits meanwhile (WAL)."""
    with dialect.read_snapshot(db):
        yield


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
    first: dict[int, str] = {}
    for claim_id, before, _after, _at, _by in _claim_updates(db, article_id, 0):
        if before.get("text") is not None:
            first.setdefault(claim_id, before["text"])
    return first


def _claim_updates(db: sqlite_utils.Database, article_id: int, after_id: int):
    """(claim id, before, after, time, who) of the article's claim updates after a history row, oldest first.
    The JSON is read here rather than in SQL: the file and the team workspace spell JSON paths differently."""
    rows = db.execute(
        "SELECT h.entity_id, h.before, h.after, h.at, h.changed_by FROM history h"
        " JOIN claims c ON c.id = h.entity_id AND c.article_id = ?"
        " WHERE h.entity = 'claim' AND h.action = 'update' AND h.id > ? ORDER BY h.id", [article_id, after_id])
    for claim_id, before, after, at, by in rows.fetchall():
        yield claim_id, json.loads(before) if before else {}, json.loads(after) if after else {}, at, by or ""


def first_export(db: sqlite_utils.Database, article_id: int) -> tuple[int, str] | None:
    """(history id, time) of the article's first recorded report export, or None."""
    row = db.execute("SELECT id, at FROM history WHERE entity = 'article' AND entity_id = ? AND action = 'export'"
                     " ORDER BY id LIMIT 1", [article_id]).fetchone()
    return (row[0], row[1]) if row else None


def verdict_changes(db: sqlite_utils.Database, article_id: int,
                    after_id: int) -> list[tuple[int, str, str, str, str]]:
    """(claim id, verdict before, verdict after, time, who) of verdict changes recorded after a history row."""
    return [(claim_id, before.get("verdict") or "", after["verdict"], at, by)
            for claim_id, before, after, at, by in _claim_updates(db, article_id, after_id)
            if after.get("verdict") is not None]
