"""Articles table: insert, fetch, list with claim counts, rename, delete and restore."""

import json
from datetime import date

import sqlite_utils

from workbench.domain import Article, ArticleSummary, NotFound, ParsedArticle
from workbench.storage.dialect import is_postgres
from workbench.storage.history import now_iso
from workbench.storage.ids import next_id


def _published(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _article(row: dict) -> Article:
    return Article(
        id=row["id"], title=row["title"], text=row["text"], subtitle=row["subtitle"],
        authors=tuple(json.loads(row["authors"])), published=_published(row["published"]),
        source=row["source"], content_hash=row["content_hash"], imported_at=row["imported_at"],
    )


_COUNTER = "articles"  # row of id_counters (schema v2): article ids are never reused either


def insert(db: sqlite_utils.Database, parsed: ParsedArticle, content_hash: str) -> Article:
    published = parsed.published.isoformat() if parsed.published else None
    return _insert(db, _next_id(db), parsed.title, parsed.subtitle, parsed.authors, published, parsed.source,
                   parsed.text, content_hash, now_iso())


def restore(db: sqlite_utils.Database, article: Article) -> Article:
    """A deleted article back with its exact id (undo of a deletion)."""
    published = article.published.isoformat() if article.published else None
    return _insert(db, article.id, article.title, article.subtitle, article.authors, published, article.source,
                   article.text, article.content_hash, article.imported_at)


def _insert(db: sqlite_utils.Database, article_id: int | None, title: str, subtitle: str, authors: tuple[str, ...],
            published: str | None, source: str, text: str, content_hash: str, imported_at: str) -> Article:
    cursor = db.execute(
        "INSERT INTO articles(id, title, subtitle, authors, published, source, text, content_hash, imported_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [article_id, title, subtitle, json.dumps(list(authors), ensure_ascii=False), published, source, text,
         content_hash, imported_at],
    )
    return get(db, cursor.fetchone()[0])


def _next_id(db: sqlite_utils.Database) -> int | None:
    """Like storage.ids.next_id: an undone deletion must find its id still free. None (SQLite picks) in a file
    not yet migrated to schema v2, which has no counters."""
    if not is_postgres(db) and not db["id_counters"].exists():
        return None
    return next_id(db, _COUNTER)


def keep_id(db: sqlite_utils.Database, article_id: int) -> None:
    """Mark an id as used for good (a write: inside a transaction it also takes the write lock)."""
    db.execute("INSERT INTO id_counters(entity, last) VALUES (?, ?)"
               " ON CONFLICT(entity) DO UPDATE SET last = CASE WHEN excluded.last > id_counters.last"
               " THEN excluded.last ELSE id_counters.last END", [_COUNTER, article_id])


def exists(db: sqlite_utils.Database, article_id: int) -> bool:
    return db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None


def rename(db: sqlite_utils.Database, article_id: int, title: str) -> Article:
    db.execute("UPDATE articles SET title = ? WHERE id = ?", [title, article_id])
    return get(db, article_id)


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
    """Claims, their evidence and overlaps go with it (ON DELETE CASCADE)."""
    keep_id(db, article_id)  # articles stored before the counter existed: their ids stay taken too
    db.execute("DELETE FROM articles WHERE id = ?", [article_id])


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM articles").fetchone()[0]
