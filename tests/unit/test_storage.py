"""The workspace file: schema, migrations, refusal of newer files, atomic actions, history."""

import sqlite3

import pytest

from workbench.domain import ClaimDraft, InvalidInput, SchemaTooNew, WorkbenchError
from workbench.services import claims as claim_service
from workbench.storage import SCHEMA_VERSION, history, migrate, open_database
from workbench.storage import articles as article_repo
from workbench.storage import claims as claim_repo
from workbench.text import parse_text
from workbench.text.importer import content_hash

from tests.conftest import BOTH_BACKENDS  # noqa: E402

BACKENDS = BOTH_BACKENDS  # tests on a workspace run on a file and on a team workspace

TABLES = {"articles", "claims", "sources", "evidence", "overlaps", "archive_claims", "settings", "history"}


def _article(db, text="Headline here\n\nThe mayor said 40 buses were bought in 2020."):
    parsed = parse_text(text)
    with db.atomic():
        return article_repo.insert(db, parsed, content_hash(parsed))


def test_fresh_schema_has_every_table_and_full_text_indexes(tmp_path):
    db = open_database(tmp_path / "w.factwb")
    names = set(db.table_names())
    assert TABLES <= names
    assert {"claims_fts", "sources_fts", "archive_claims_fts"} <= names
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrating_twice_changes_nothing(tmp_path):
    path = tmp_path / "w.factwb"
    db = open_database(path)
    schema = db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    assert migrate(db, path) == 0
    db.close()
    again = open_database(path)
    assert again.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema
    assert not list(tmp_path.glob("*.bak"))  # no backup when nothing is upgraded


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "future.factwb"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer version"):
        open_database(path)
    assert path.read_bytes() == before


def test_older_schema_is_backed_up_before_upgrade(tmp_path, monkeypatch):
    from workbench.storage import migrations

    path = tmp_path / "old.factwb"
    open_database(path).close()
    added = []
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, lambda db: added.append(db.execute("CREATE TABLE extra(x)"))])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    db = open_database(path)
    assert "extra" in db.table_names()
    assert len(list(tmp_path.glob(f"old.factwb.v{SCHEMA_VERSION}-*.bak"))) == 1


def test_failing_migration_step_leaves_schema_version(tmp_path, monkeypatch):
    from workbench.storage import migrations

    path = tmp_path / "w.factwb"
    open_database(path).close()

    def broken(db):
        db.execute("CREATE TABLE half_done(x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    with pytest.raises(RuntimeError):
        open_database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "half_done" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_not_a_workspace_file_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello, not a database")
    with pytest.raises(WorkbenchError, match="not a Fact Workbench workspace"):
        open_database(path)
    assert path.read_text() == "hello, not a database"


def test_failed_action_rolls_back_everything(empty_db):
    article = _article(empty_db)
    claim = claim_service.add_claim(empty_db, article.id, 0, 13)
    claim_id = claim.added_claims[0]
    rows_before = empty_db.execute("SELECT count(*) FROM history").fetchone()[0]
    with pytest.raises(RuntimeError):
        with empty_db.atomic():
            claim_repo.update(empty_db, claim_id, verdict="false")
            history.record(empty_db, "claim", claim_id, "update", None, {"verdict": "false"})
            raise RuntimeError("power cut")
    assert claim_repo.get(empty_db, claim_id).verdict == "unverified"
    assert empty_db.execute("SELECT count(*) FROM history").fetchone()[0] == rows_before


def test_foreign_keys_cascade_from_article_to_claims(empty_db):
    article = _article(empty_db)
    claim_service.add_claim(empty_db, article.id, 0, 13)
    with empty_db.atomic():
        article_repo.delete(empty_db, article.id)
    assert empty_db.execute("SELECT count(*) FROM claims").fetchone()[0] == 0


def test_history_is_append_only(empty_db):
    article = _article(empty_db)
    claim_service.add_claim(empty_db, article.id, 0, 13)
    for statement in ("DELETE FROM history", "UPDATE history SET action = 'x'"):
        with pytest.raises(Exception, match="append-only"):  # sqlite3's or the server's error
            with empty_db.atomic():
                empty_db.execute(statement)


def test_every_change_appends_history(empty_db):
    article = _article(empty_db)
    changes = claim_service.add_claim(empty_db, article.id, 15, 59)
    claim_id = changes.added_claims[0]
    claim_service.set_verdict(empty_db, claim_id, "false", "The city bought 30.")
    entries = history.entries(empty_db, "claim", claim_id)
    assert [e.action for e in entries] == ["add", "update"]
    assert entries[1].before == {"verdict": "unverified", "rationale": ""}
    assert entries[1].after == {"verdict": "false", "rationale": "The city bought 30."}


def test_unknown_verdict_is_refused_and_changes_nothing(empty_db):
    article = _article(empty_db)
    claim_id = claim_service.add_claim(empty_db, article.id, 15, 59).added_claims[0]
    with pytest.raises(InvalidInput, match="Unknown verdict"):
        claim_service.set_verdict(empty_db, claim_id, "pants-on-fire")
    assert claim_repo.get(empty_db, claim_id).verdict == "unverified"


def test_claim_full_text_search(empty_db):
    article = _article(empty_db)
    claim_id = claim_service.add_claim(empty_db, article.id, 15, 59).added_claims[0]
    with empty_db.atomic():
        claim_repo.insert(empty_db, article.id, ClaimDraft("Something else entirely", 0, 5))
    assert claim_repo.search_ids(empty_db, "buses") == [claim_id]


def test_ids_are_not_reused_after_a_deletion(empty_db):
    article = _article(empty_db)
    first = claim_service.add_claim(empty_db, article.id, 0, 13).added_claims[0]
    claim_service.delete_claim(empty_db, first)
    second = claim_service.add_claim(empty_db, article.id, 0, 13).added_claims[0]
    assert second > first


def test_version_1_file_is_upgraded_with_id_counters(tmp_path, monkeypatch):
    from workbench.storage import migrations

    path = tmp_path / "v1.factwb"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 1)
    db = open_database(path)
    parsed = parse_text("Headline here\n\nThe mayor said 40 buses were bought in 2020.")
    with db.atomic():
        article = article_repo.insert(db, parsed, content_hash(parsed))
        db.execute("INSERT INTO claims(id, article_id, start, \"end\", text, created_at, updated_at)"
                   " VALUES (7, ?, 0, 8, 'Headline', 'x', 'x')", [article.id])
    db.close()
    monkeypatch.undo()
    upgraded = open_database(path)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert list(tmp_path.glob("v1.factwb.v1-*.bak"))
    assert claim_service.add_claim(upgraded, article.id, 0, 8).added_claims[0] == 8


def test_version_3_file_is_upgraded_and_claims_keep_their_span(tmp_path, monkeypatch):
    from workbench.storage import migrations

    path = tmp_path / "v3.factwb"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    db = open_database(path)
    parsed = parse_text("Headline here\n\nThe mayor said 40 buses were bought in 2020.")
    with db.atomic():
        article = article_repo.insert(db, parsed, content_hash(parsed))
        db.execute("INSERT INTO claims(id, article_id, start, \"end\", text, created_at, updated_at)"
                   " VALUES (3, ?, 0, 8, 'Headline', 'x', 'x')", [article.id])
    db.close()
    monkeypatch.undo()
    upgraded = open_database(path)
    claim = claim_repo.get(upgraded, 3)
    assert (claim.parts, claim.repeats, claim.anchors) == ((), (), (((0, 8),),))


def test_discontinuous_and_repeated_anchors_are_stored(empty_db):
    article = _article(empty_db)
    draft = ClaimDraft("The mayor bought buses", 15, 60, parts=((15, 24), (40, 60)), repeats=(((0, 8),),))
    with empty_db.atomic():
        stored = claim_repo.insert(empty_db, article.id, draft)
    again = claim_repo.get(empty_db, stored.id)
    assert again.parts == ((15, 24), (40, 60))
    assert again.anchors == (((15, 24), (40, 60)), ((0, 8),))
