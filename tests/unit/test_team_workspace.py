"""The team workspace on a real PostgreSQL server: several people at once, roles, moving work, restarts."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from workbench.domain import ConnectionLost, EditConflict, PermissionRefused
from workbench.services import articles as article_service
from workbench.services import claims as claims_service
from workbench.services import settings as settings_service
from workbench.services import team
from workbench.services.evidence import EvidenceInput, add_evidence
from workbench.services.transfer import copy_articles
from workbench.services.workspace import open_workspace
from workbench.storage import history
from workbench.text import parse_text

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("Bus fares rise\n\n"
        "The city bought 40 electric buses in 2020 and raised fares by 10 percent, the mayor said.\n\n"
        "Officials said the city bought forty buses that year. The depot cost 12 million dollars.")


def _article(db, text=TEXT):
    from workbench.services.draining import drain

    return drain(article_service.import_parsed(db, parse_text(text))).article


def _claim(db, article, words):
    start = article.text.index(words)
    return claims_service.add_claim(db, article.id, start, start + len(words)).added_claims[0]


@pytest.fixture
def team_db(team_url):
    db = open_workspace(team_url)
    yield db
    db.close()


def _login(pg_server, url, user):
    """The same workspace URL, logged in as another user."""
    return url.replace(f"//{pg_server_superuser()}@", f"//{user}@")


def pg_server_superuser():
    from tests.pg_server import SUPERUSER

    return SUPERUSER


def test_second_writer_of_a_claim_is_told_who_and_when(team_db, team_url):
    article = _article(team_db)
    claim_id = _claim(team_db, article, "The depot cost 12 million dollars")
    seen = claims_service.get_claim(team_db, claim_id)
    other = open_workspace(team_url)
    try:
        claims_service.set_verdict(other, claim_id, "false", "Budget says 9 million", expected_version=seen.version)
    finally:
        other.close()
    with pytest.raises(EditConflict) as refused:
        claims_service.set_verdict(team_db, claim_id, "true", "Looks right", expected_version=seen.version)
    assert refused.value.by == pg_server_superuser() and refused.value.at
    assert "changed this claim" in str(refused.value)
    now = claims_service.get_claim(team_db, claim_id)
    assert (now.verdict, now.rationale) == ("false", "Budget says 9 million")  # nothing silently overwritten
    claims_service.set_verdict(team_db, claim_id, "true", "Looks right", expected_version=now.version)  # apply mine
    assert claims_service.get_claim(team_db, claim_id).verdict == "true"


def test_history_names_who_made_each_change(pg_server, team_db, team_url):
    article = _article(team_db)
    claim_id = _claim(team_db, article, "The depot cost 12 million dollars")
    team.grant_role(team_db, "carol", "checker")
    carol = open_workspace(_login(pg_server, team_url, "carol"))
    try:
        claims_service.set_verdict(carol, claim_id, "mostly-true")
    finally:
        carol.close()
    entries = history.entries(team_db, "claim", claim_id)
    assert [e.by for e in entries] == [pg_server_superuser(), "carol"]
    assert claims_service.get_claim(team_db, claim_id).updated_by == "carol"


def test_roles_are_enforced_by_the_server(pg_server, team_db, team_url):
    article = _article(team_db)
    claim_id = _claim(team_db, article, "The depot cost 12 million dollars")
    team.grant_role(team_db, "vera", "viewer")
    team.grant_role(team_db, "chris", "checker")
    team.grant_role(team_db, "edith", "editor")
    assert dict(team.role_members(team_db)) == {"vera": "viewer", "chris": "checker", "edith": "editor"}
    vera, chris, edith = (open_workspace(_login(pg_server, team_url, u)) for u in ("vera", "chris", "edith"))
    try:
        assert claims_service.get_claim(vera, claim_id).text  # a viewer reads
        with pytest.raises(PermissionRefused, match="role"):
            claims_service.set_verdict(vera, claim_id, "false")
        claims_service.set_verdict(chris, claim_id, "false")  # a checker sets verdicts and evidence
        add_evidence(chris, claim_id, EvidenceInput("https://city.example/budget", quote="9 million"))
        with pytest.raises(PermissionRefused):
            settings_service.set_organisation(chris, "Desk")
        with pytest.raises(PermissionRefused):
            article_service.delete_article(chris, article.id)
        settings_service.set_organisation(edith, "Desk")  # an editor changes settings and deletes articles
        article_service.delete_article(edith, article.id)
        team.grant_role(team_db, "chris", "viewer")  # one role at a time: the checker's grant is gone
        with pytest.raises(PermissionRefused):
            _article(chris, TEXT + " Another sentence.")
    finally:
        for db in (vera, chris, edith):
            db.close()
    assert settings_service.organisation(team_db) == "Desk"


def test_another_connection_sees_a_change_within_two_seconds(team_db, team_url):
    article = _article(team_db)
    claim_id = _claim(team_db, article, "The depot cost 12 million dollars")
    other = open_workspace(team_url)
    watcher = team.watch(other)
    try:
        assert watcher.changes() is None
        started = time.monotonic()
        claims_service.set_verdict(team_db, claim_id, "false")
        seen = None
        while seen is None and time.monotonic() - started < 2:
            seen = watcher.changes(timeout=0.1)
        assert seen is not None, "no change announced within 2 s"
        assert claim_id in seen.claim_ids and article.id in seen.article_ids
        assert seen.extra[team.REMOTE] == [(pg_server_superuser(), "claim update")]
        assert claims_service.get_claim(other, claim_id).verdict == "false"
        claims_service.set_verdict(other, claim_id, "true")  # its own changes are not announced back to it
        assert watcher.changes(timeout=0.3) is None
    finally:
        watcher.close()
        other.close()


def test_file_workspace_has_no_watcher_and_no_roles(empty_db):
    assert team.watch(empty_db) is None
    with pytest.raises(Exception, match="team workspace"):
        team.grant_role(empty_db, "x", "viewer")


def test_four_processes_times_200_edits_all_land(team_db, team_url):
    article = _article(team_db)
    ids = [_claim(team_db, article, w) for w in ("The city bought 40 electric buses in 2020",
                                                 "raised fares by 10 percent", "The depot cost 12 million dollars")]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-m", "tests.unit.team_writer", team_url, str(w), "200",
                               ",".join(map(str, ids))], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
             for w in range(4)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    updates = [e for e in history.entries(team_db, "claim") if e.action == "update"]
    assert len(updates) == 800  # every edit present, none lost or merged
    assert {e.after["rationale"] for e in updates} == {f"writer {w} edit {n}" for w in range(4) for n in range(200)}
    assert sum(claims_service.get_claim(team_db, i).version for i in ids) == 3 + 800


def test_concurrent_claim_inserts_get_distinct_ids(team_db, team_url):
    article = _article(team_db)
    others = [open_workspace(team_url) for _ in range(4)]
    added: list[int] = []
    failures: list[Exception] = []

    def add(db):
        try:
            for _ in range(10):
                added.append(_claim(db, article, "The depot cost 12 million dollars"))
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=add, args=(db,)) for db in others]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for db in others:
        db.close()
    assert not failures and len(set(added)) == 40


def test_push_merges_and_pull_takes_articles_offline(team_db, tmp_path):
    shared = _article(team_db)
    team_claim = _claim(team_db, shared, "The depot cost 12 million dollars")
    claims_service.set_verdict(team_db, team_claim, "false")
    local = open_workspace(tmp_path / "laptop.factwb", seed=False)
    try:
        mine = _article(local)  # the same article, checked offline
        a = _claim(local, mine, "The depot cost 12 million dollars")
        b = _claim(local, mine, "The city bought 40 electric buses in 2020")
        claims_service.set_verdict(local, a, "true", "Receipts seen")
        claims_service.set_verdict(local, b, "mostly-true")
        add_evidence(local, b, EvidenceInput("https://city.example/fleet", quote="40 buses"))
        own = _article(local, "Parks\n\nThe city planted 300 trees in 2021.")
        _claim(local, own, "The city planted 300 trees in 2021")
        report = copy_articles(local, team_db)
        assert report.merged_articles == [shared.id] and len(report.added_articles) == 1
        assert report.claims_added == 2 and report.evidence_added == 1
        assert len(report.conflicts) == 1 and "'false' kept" in report.conflicts[0]
        merged = {c.text: c for c in claims_service.list_claims(team_db, shared.id)}
        assert merged["The depot cost 12 million dollars"].verdict == "false"  # the team's verdict kept...
        assert "Receipts seen" in merged["The depot cost 12 million dollars"].rationale  # ...nothing dropped
        assert merged["The city bought 40 electric buses in 2020"].verdict == "mostly-true"
        assert merged["The city bought 40 electric buses in 2020"].evidence_count == 1
        again = copy_articles(local, team_db)  # pushing twice adds nothing
        assert again.claims_added == 0 and again.evidence_added == 0
    finally:
        local.close()
    offline = open_workspace(tmp_path / "offline.factwb", seed=False)
    try:
        pulled = copy_articles(team_db, offline, [shared.id], "pull")
        [article_id] = pulled.added_articles
        claims = {c.text: c.verdict for c in claims_service.list_claims(offline, article_id)}
        assert claims["The depot cost 12 million dollars"] == "false"
        assert claims["The city bought 40 electric buses in 2020"] == "mostly-true"
    finally:
        offline.close()


def test_server_restart_mid_edits_loses_no_acknowledged_change(pg_server, team_db):
    article = _article(team_db)
    claim_id = _claim(team_db, article, "The depot cost 12 million dollars")
    for n in range(5):
        claims_service.update_claim(team_db, claim_id, rationale=f"edit {n}")
    pg_server.stop("fast")
    team_db.patience = 0.5
    with pytest.raises(ConnectionLost) as lost:  # the server is away: said so in one line, nothing saved
        claims_service.update_claim(team_db, claim_id, rationale="while the server is away")
    assert "lost" in str(lost.value) or "connect" in str(lost.value)
    restarter = threading.Timer(1.0, pg_server.start)
    restarter.start()
    team_db.patience = 60
    try:
        claims_service.update_claim(team_db, claim_id, rationale="after the restart")  # waits, reconnects
    finally:
        restarter.join()
    rationales = [e.after["rationale"] for e in history.entries(team_db, "claim", claim_id) if e.action == "update"]
    assert rationales == [f"edit {n}" for n in range(5)] + ["after the restart"]


@pytest.mark.parametrize("shape", [
    "postgresql://ana:{pw}@127.0.0.1:1/desk",  # nothing listens there
    "postgresql://ana:{pw}@127.0.0.1:notaport/desk",  # a port that is not a number
    "postgresql://127.0.0.1:1/desk?sslmode=disable&password={pw}",  # the password as a libpq option
    "postgresql://ana:{pw}@{host}/no_such_database",  # the server answers: no such database
])
def test_a_password_in_the_url_is_never_in_a_message(pg_server, shape):
    from workbench.domain import WorkbenchError
    from workbench.storage import workspace_label

    secret = "Tr0ub4dor&3-s3cret"
    url = shape.format(pw=secret, host=f"127.0.0.1:{pg_server.port}")
    with pytest.raises(WorkbenchError) as refused:
        open_workspace(url)
    message = str(refused.value)
    for shown in (message, workspace_label(url)):
        assert "Tr0ub4dor" not in shown and "s3cret" not in shown, shown
    assert message.count("\n") == 0 and "127.0.0.1" in message  # which workspace, without its password


def test_users_grant_sets_a_password_as_a_scram_hash(pg_server, team_db):
    import psycopg

    team.grant_role(team_db, "dana", "checker", password="correct horse battery")
    with psycopg.connect(pg_server.url("postgres")) as conn:
        stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'dana'").fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$") and "correct horse" not in stored
    assert dict(team.role_members(team_db))["dana"] == "checker"
    with pytest.raises(Exception, match="empty password"):
        team.grant_role(team_db, "dana", "viewer", password="")
    assert dict(team.role_members(team_db))["dana"] == "checker"  # the refusal changed nothing
