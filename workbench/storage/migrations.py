"""Schema as an append-only list of steps; PRAGMA user_version counts the steps applied."""

import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from workbench.domain import SchemaTooNew

Step = Callable[[sqlite_utils.Database], None]


def _v1_initial(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            subtitle TEXT NOT NULL DEFAULT '',
            authors TEXT NOT NULL DEFAULT '[]',      -- JSON list of names
            published TEXT,                          -- ISO date
            source TEXT NOT NULL DEFAULT '',         -- URL or file path
            text TEXT NOT NULL,                      -- shown text; claim offsets point here
            content_hash TEXT NOT NULL UNIQUE,
            imported_at TEXT NOT NULL
        );
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            attribution TEXT,
            kind TEXT NOT NULL DEFAULT 'statement',
            checkworthiness REAL NOT NULL DEFAULT 0.5,
            verdict TEXT NOT NULL DEFAULT 'unverified',
            rationale TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT 'auto' CHECK (origin IN ('auto', 'manual')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" >= start)
        );
        CREATE INDEX claims_article ON claims(article_id, start);
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            publisher TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            accessed TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            quote TEXT NOT NULL DEFAULT '',
            stance TEXT NOT NULL DEFAULT 'context' CHECK (stance IN ('supports', 'refutes', 'context')),
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (claim_id, source_id, quote)
        );
        CREATE INDEX evidence_claim ON evidence(claim_id);
        CREATE INDEX evidence_source ON evidence(source_id);
        CREATE TABLE overlaps (
            id INTEGER PRIMARY KEY,
            claim_a INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            claim_b INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            score REAL NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'duplicate' CHECK (kind IN ('duplicate', 'inconsistency')),
            state TEXT NOT NULL DEFAULT 'flagged' CHECK (state IN ('flagged', 'confirmed', 'dismissed')),
            CHECK (claim_a < claim_b),
            UNIQUE (claim_a, claim_b)
        );
        CREATE INDEX overlaps_b ON overlaps(claim_b);
        CREATE TABLE archive_claims (
            id INTEGER PRIMARY KEY,
            external_id TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            rating TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL                      -- JSON
        );
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            entity TEXT NOT NULL,
            entity_id INTEGER NOT NULL,
            action TEXT NOT NULL,
            before TEXT,                             -- JSON or NULL
            after TEXT,                              -- JSON or NULL
            at TEXT NOT NULL
        );
        CREATE INDEX history_entity ON history(entity, entity_id);
        -- history is append-only
        CREATE TRIGGER history_no_update BEFORE UPDATE ON history
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
        CREATE TRIGGER history_no_delete BEFORE DELETE ON history
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
        """
    )
    for table, columns in (
        ("claims", ("text", "attribution")),
        ("sources", ("title", "publisher", "url")),
        ("archive_claims", ("text", "title")),
    ):
        _run_script(db, _fts_sql(table, columns))


def _fts_sql(table: str, columns: tuple[str, ...]) -> str:
    """An external-content FTS5 index kept in sync by triggers."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    return f"""
        CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id',
                                              tokenize='porter unicode61 remove_diacritics 2');
        CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN
            INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});
        END;
        CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN
            INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});
        END;
        CREATE TRIGGER {table}_au AFTER UPDATE ON {table} BEGIN
            INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});
            INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});
        END;
    """


def _run_script(db: sqlite_utils.Database, script: str) -> None:
    """Run statements one by one: executescript() would COMMIT our open transaction."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending[:80]}")


def _v2_id_counters(db: sqlite_utils.Database) -> None:
    """Ids are never reused after a deletion (history rows and late background results name them)."""
    _run_script(
        db,
        """
        CREATE TABLE id_counters (entity TEXT PRIMARY KEY, last INTEGER NOT NULL);
        INSERT INTO id_counters SELECT 'claims', coalesce(max(id), 0) FROM claims;
        INSERT INTO id_counters SELECT 'evidence', coalesce(max(id), 0) FROM evidence;
        """,
    )


def _v3_staged_archive_imports(db: sqlite_utils.Database) -> None:
    """An archive import writes in short batches that stay invisible until its last transaction marks the
    import done (storage/archive_repository.py), so no other process waits on it and kill -9 shows nothing
    half-imported. Rows from before this step (import_id NULL) are visible."""
    _run_script(
        db,
        """
        ALTER TABLE archive_claims ADD COLUMN import_id INTEGER;
        CREATE INDEX archive_claims_import ON archive_claims(import_id) WHERE import_id IS NOT NULL;
        CREATE TABLE archive_imports (
            id INTEGER PRIMARY KEY,
            owner TEXT NOT NULL,                     -- host:pid of the process writing it
            started_at TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 0          -- 0 writing, 1 visible, -1 discarded
        );
        -- new values for claims already archived, applied in the import's last transaction
        CREATE TABLE archive_staging (
            import_id INTEGER NOT NULL,
            external_id TEXT NOT NULL,
            text TEXT NOT NULL,
            title TEXT NOT NULL,
            rating TEXT NOT NULL,
            url TEXT NOT NULL,
            PRIMARY KEY (import_id, external_id)
        );
        DROP TRIGGER archive_claims_au;
        CREATE TRIGGER archive_claims_au AFTER UPDATE OF text, title ON archive_claims BEGIN
            INSERT INTO archive_claims_fts(archive_claims_fts, rowid, text, title)
                VALUES ('delete', old.id, old.text, old.title);
            INSERT INTO archive_claims_fts(rowid, text, title) VALUES (new.id, new.text, new.title);
        END;
        """,
    )


def _v4_row_versions(db: sqlite_utils.Database) -> None:
    """A row version checked on write (two windows never silently overwrite each other's claim edit) and
    who made each change (the team workspace's server fills these from the login; a file from the
    computer's user name)."""
    _run_script(
        db,
        """
        ALTER TABLE claims ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE claims ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
        ALTER TABLE history ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
        """,
    )


def _v5_overstates(db: sqlite_utils.Database) -> None:
    """Overlap kind 'overstates' (a headline that states as done what the body hedges). SQLite cannot alter a
    CHECK, so the table is rebuilt with the same columns, ids and index; nothing references it."""
    _run_script(
        db,
        """
        CREATE TABLE overlaps_v5 (
            id INTEGER PRIMARY KEY,
            claim_a INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            claim_b INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            score REAL NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'duplicate' CHECK (kind IN ('duplicate', 'inconsistency', 'overstates')),
            state TEXT NOT NULL DEFAULT 'flagged' CHECK (state IN ('flagged', 'confirmed', 'dismissed')),
            CHECK (claim_a < claim_b),
            UNIQUE (claim_a, claim_b)
        );
        INSERT INTO overlaps_v5(id, claim_a, claim_b, score, reason, kind, state)
            SELECT id, claim_a, claim_b, score, reason, kind, state FROM overlaps;
        DROP TABLE overlaps;
        ALTER TABLE overlaps_v5 RENAME TO overlaps;
        CREATE INDEX overlaps_b ON overlaps(claim_b);
        """,
    )


def _v6_text_vectors(db: sqlite_utils.Database) -> None:
    """Sentence vectors of claim texts (storage/vectors.py): an import encodes only the new claims."""
    _run_script(
        db,
        """
        CREATE TABLE text_vectors (
            text_hash TEXT NOT NULL,                 -- SHA-1 of the UTF-8 text
            model TEXT NOT NULL,                     -- encoder and weights, e.g. all-MiniLM-L6-v2@53aa51172d14
            vector BLOB NOT NULL,                    -- little-endian float32
            PRIMARY KEY (text_hash, model)
        );
        """,
    )


def _v7_claim_anchors(db: sqlite_utils.Database) -> None:
    """Where a claim stands when it is not one run of words: a JSON array of anchors, each an
    array of [start, end] parts into articles.text in reading order. '[]' (every existing row):
    the claim's one anchor is start..end. Otherwise anchors[0] is the main occurrence (its extent
    is start..end) and any later anchor is another place the article states the same claim."""
    db.execute("ALTER TABLE claims ADD COLUMN anchors TEXT NOT NULL DEFAULT '[]'")


MIGRATIONS: list[Step] = [_v1_initial, _v2_id_counters, _v3_staged_archive_imports, _v4_row_versions,
                          _v5_overstates, _v6_text_vectors, _v7_claim_anchors]
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def check_version(db: sqlite_utils.Database) -> int:
    """The file's schema version; refuses a file from a newer app before anything is written."""
    current = user_version(db)
    if current > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"This workspace was written by a newer version of Fact Workbench (schema {current}, "
            f"this version knows {SCHEMA_VERSION}). Update the app to open it; the file was not changed."
        )
    return current


def migrate(db: sqlite_utils.Database, path: Path | None) -> int:
    """Run pending steps, each in one transaction. Returns the number of steps run."""
    current = check_version(db)
    if current == SCHEMA_VERSION:
        return 0
    if current > 0 and path is not None:
        _backup(db, path, current)
    ran = 0
    for version in range(current, SCHEMA_VERSION):
        with db.atomic():  # one transaction per step: all of it or none
            if user_version(db) > version:
                continue  # another process opening the same file ran this step first
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
            ran += 1
    return ran


def _backup(db: sqlite_utils.Database, path: Path, version: int) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    # Through SQLite's backup API, never a file copy: opening and closing the workspace file outside
    # SQLite would drop this process's locks on it (storage/database.py).
    copy = sqlite3.connect(str(target))
    try:
        db.conn.backup(copy)
    finally:
        copy.close()
    return target
