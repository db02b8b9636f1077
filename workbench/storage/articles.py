"""Articles table: insert, fetch, list with claim counts."""

import json
from datetime import date

import sqlite_utils

from workbench.domain import Article, ArticleSummary, NotFound, ParsedArticle
from workbench.storage.history import now_iso


def _published(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _article(row: dict) -> Article:
    return Article(
        id=row["id"], title=row["title"], text=row["text"], subtitle=row["subtitle"],
        authors=tuple(json.loads(row["authors"])), published=_published(row["published"]),
        source=row["source"], content_hash=row["content_hash"], imported_at=row["imported_at"],
    )


def insert(db: sqlite_utils.Database, parsed: ParsedArticle, content_hash: str) -> Article:
    cursor = db.execute(
        "INSERT INTO articles(title, subtitle, authors, published, source, text, content_hash, imported_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [parsed.title, parsed.subtitle, json.dumps(list(parsed.authors), ensure_ascii=False),
         parsed.published.isoformat() if parsed.published else None, parsed.source, parsed.text,
         content_hash, now_iso()],
    )
    return get(db, cursor.lastrowid)


def get(db: sqlite_utils.Database, article_id: int) -> Article:
    rows = db.execute_returning_dicts("SELECT * FROM articles WHERE id = ?", [article_id])
    if not rows:
        raise NotFound(f"No article with id {article_id}")
    return _article(rows[0])


def find_by_hash(db: sqlite_utils.Database, content_hash: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE content_hash = ?", [content_hash]).fetchone()
    return row[0] if row else None


def summaries(db: sqlite_utils.Database) -> list[ArticleSummary]:
    rows = db.execute_returning_dicts(
        "SELECT a.id, a.title, a.subtitle, a.authors, a.published,"
        " (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims"
        " FROM articles a ORDER BY a.id"
    )
    return [
        ArticleSummary(id=r["id"], title=r["title"], subtitle=r["subtitle"], authors=tuple(json.loads(r["authors"])),
                       published=_published(r["published"]), claims=r["claims"])
        for r in rows
    ]


def delete(db: sqlite_utils.Database, article_id: int) -> None:
    db.execute("DELETE FROM articles WHERE id = ?", [article_id])


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM articles").fetchone()[0]
