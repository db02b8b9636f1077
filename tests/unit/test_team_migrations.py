"""Schema migrations of both backends, from every earlier version: a workspace written at version N (file) or
with N server steps (team) is upgraded by opening it (file) or by `init` (team), and keeps everything."""

import json
import sqlite3

import pytest

from workbench.services import archive as archive_service
from workbench.services import articles as article_service
from workbench.services import claims as claims_service
from workbench.services import overlaps as overlap_service
from workbench.services import settings as settings_service
from workbench.services.evidence import EvidenceInput, add_evidence, evidence_for_claim
from workbench.services.workspace import open_workspace
from workbench.storage import history, migrations
from workbench.storage.postgres import schema as server_schema

TEXT = "Bus fares rise\n\nThe city bought 40 electric buses in 2020. The depot cost 12 million dollars."
AT = "2025-01-02T03:04:05+00:00"


def _fill(db) -> None:
    """What a workspace of the oldest schema holds, written with the columns every version has."""
    first, second = TEXT.index("The city"), TEXT.index("The depot")
    with db.atomic():
        db.execute("INSERT INTO articles (id, title, authors, text, content_hash, imported_at)"
                   " VALUES (3, 'Bus fares rise', '[\"A. Writer\"]', ?, 'hash-3', ?)", [TEXT, AT])
        db.execute("INSERT INTO claims (id, article_id, start, \"end\", text, verdict, rationale, created_at,"
                   " updated_at) VALUES (5, 3, ?, ?, 'The city bought 40 electric buses in 2020', 'mostly-true',"
                   " 'Fleet register', ?, ?)", [first, first + 41, AT, AT])
        db.execute("INSERT INTO claims (id, article_id, start, \"end\", text, created_at, updated_at)"
                   " VALUES (6, 3, ?, ?, 'The depot cost 12 million dollars', ?, ?)", [second, second + 33, AT, AT])
        db.execute("INSERT INTO sources (url, title) VALUES ('https://city.example/fleet', 'Fleet')")
        db.execute("INSERT INTO evidence (id, claim_id, source_id, quote, stance) SELECT 2, 5, id, '40 buses',"
                   " 'supports' FROM sources WHERE url = 'https://city.example/fleet'")
        db.execute("INSERT INTO overlaps (claim_a, claim_b, score, reason) VALUES (5, 6, 71.5, 'shared: city')")
        db.execute("INSERT INTO archive_claims (external_id, text, title, rating)"
                   " VALUES ('fc-1', 'The city bought forty electric buses in 2020.', 'Buses', 'true'),"
                   " ('fc-2', 'North Korea halted missile tests for sixty days.', 'Pause', 'false')")
        db.execute("INSERT INTO settings (key, value) VALUES ('organisation', ?)", [json.dumps("Desk")])
        db.execute("INSERT INTO history (entity, entity_id, action, before, after, at)"
                   " VALUES ('claim', 5, 'update', '{\"verdict\": \"unverified\"}', '{\"verdict\": \"mostly-true\"}', ?)",
                   [AT])


def _check_kept_and_usable(db) -> None:
    [article] = article_service.list_articles(db)
    assert (article.id, article.title) == (3, "Bus fares rise")
    claims = {c.id: c for c in claims_service.list_claims(db, 3)}
    assert sorted(claims) == [5, 6]
    assert (claims[5].verdict, claims[5].rationale, claims[5].evidence_count) == ("mostly-true", "Fleet register", 1)
    assert TEXT[claims[6].start:claims[6].end] == claims[6].text
    [ev] = evidence_for_claim(db, 5)
    assert (ev.source.url, ev.quote, str(ev.stance)) == ("https://city.example/fleet", "40 buses", "supports")
    [(overlap, other)] = overlap_service.overlaps_for_claim(db, 5)
    assert other.id == 6 and overlap.score == 71.5
    assert settings_service.organisation(db) == "Desk"
    assert [e.after["verdict"] for e in history.entries(db, "claim", 5)] == ["mostly-true"]
    best = archive_service.search(db, "Did the city buy 40 electric buses in 2020?", top=1)
    assert best and best[0].claim.external_id == "fc-1"
    # and the upgraded workspace takes new work
    claims_service.set_verdict(db, 6, "false", "Budget says 9 million", expected_version=claims[6].version)
    new_id = claims_service.add_claim(db, 3, 15, 29).added_claims[0]
    assert new_id > 6
    add_evidence(db, 6, EvidenceInput("https://city.example/budget", quote="9 million"))
    assert claims_service.get_claim(db, 6).evidence_count == 1


@pytest.mark.parametrize("version", range(1, migrations.SCHEMA_VERSION))
def test_a_file_of_every_earlier_version_is_upgraded_with_its_data(tmp_path, version):
    from workbench.storage.database import Workspace

    path = tmp_path / f"v{version}.factwb"
    old = Workspace(sqlite3.connect(str(path), isolation_level=None), execute_plugins=False)
    old.execute("PRAGMA foreign_keys = ON")
    for step in migrations.MIGRATIONS[:version]:  # what that version of the app created
        with old.atomic():
            step(old)
    old.execute(f"PRAGMA user_version = {version}")
    _fill(old)
    old.conn.close()
    db = open_workspace(path, seed=False)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        assert list(tmp_path.glob(f"v{version}.factwb.v{version}-*.bak"))  # the old file kept aside
        _check_kept_and_usable(db)
    finally:
        db.close()


@pytest.mark.parametrize("version", range(1, server_schema.SCHEMA_VERSION))
def test_a_team_workspace_of_every_earlier_version_is_upgraded_by_init_with_its_data(pg_server, version):
    from workbench.domain import WorkbenchError
    from workbench.storage import init_team_workspace
    from workbench.storage.postgres.connection import PgWorkspace

    name = pg_server.new_database()
    url = pg_server.url(name)
    try:
        old = PgWorkspace(url)
        server_schema.migrate(old, upto=version)  # what that version of the app's `init` created
        _fill(old)
        old.close()
        with pytest.raises(WorkbenchError, match=f"schema {version}.*init"):
            open_workspace(url)  # an older team schema is named, not half-used
        init_team_workspace(url).close()  # the upgrade
        db = open_workspace(url)
        try:
            assert db.execute("SELECT version FROM workbench_schema").fetchone()[0] == server_schema.SCHEMA_VERSION
            _check_kept_and_usable(db)
        finally:
            db.close()
    finally:
        pg_server.drop_database(name)
