"""The command line on a team workspace: init, every command, roles, push and pull, no password shown."""

import json

import pytest

from tests.pg_server import SUPERUSER


@pytest.fixture
def blank_url(pg_server):
    """A database on the server that holds no workspace yet."""
    name = pg_server.new_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


def test_init_then_every_command_works_on_a_team_workspace(cli, blank_url, tmp_path, seed_path):
    refused = cli("--db", blank_url, "articles")
    assert refused.returncode == 2 and "init" in refused.stderr and refused.stderr.count("\n") == 1
    assert cli("--db", blank_url, "init", "--no-seed").returncode == 0
    assert cli("--db", blank_url, "init", "--no-seed").returncode == 0  # again: nothing to do, no error
    imported = cli("--db", blank_url, "import", seed_path, "--json")
    assert imported.returncode == 0, imported.stderr
    [article] = json.loads(imported.stdout)
    claims = json.loads(cli("--db", blank_url, "claims", str(article["id"]), "--json").stdout)
    first = claims[0]["id"]
    assert cli("--db", blank_url, "verdict", str(first), "false", "--note", "Budget says otherwise").returncode == 0
    added = cli("--db", blank_url, "evidence", "add", str(first), "--url", "https://example.org/budget",
                "--stance", "refutes")
    assert added.returncode == 0, added.stderr
    listed = {c["id"]: c for c in json.loads(cli("--db", blank_url, "claims", str(article["id"]), "--json").stdout)}
    assert listed[first]["verdict"] == "false" and listed[first]["evidence"] == 1
    assert cli("--db", blank_url, "settings", "--organisation", "Team Desk").returncode == 0
    html, md = tmp_path / "r.html", tmp_path / "r.md"
    report = cli("--db", blank_url, "report", str(article["id"]), "--html", html, "--markdown", md)
    assert report.returncode == 0, report.stderr
    assert "Budget says otherwise" in html.read_text() and "Team Desk" in md.read_text()
    archive = tmp_path / "a.tsv"
    archive.write_text("id\ttext\nx1\tNorth Korea stopped missile tests for 60 days\n", encoding="utf-8")
    assert cli("--db", blank_url, "archive", "import", archive, "--id-column", "id", "--text-column", "text").returncode == 0
    found = json.loads(cli("--db", blank_url, "archive", "search", "North Korea missile tests", "--top", "1",
                           "--json").stdout)
    assert found["results"][0]["matches"][0]["id"] == "x1"


def test_users_grant_and_a_refused_action_gets_one_line(cli, team_url):
    assert cli("--db", team_url, "users", "grant", "viola", "viewer").returncode == 0
    assert "viola" in cli("--db", team_url, "users", "list").stdout
    as_viewer = team_url.replace(f"//{SUPERUSER}@", "//viola@")
    refused = cli("--db", as_viewer, "settings", "--organisation", "Mine")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "role" in refused.stderr
    bad = cli("--db", team_url, "users", "grant", "x'; drop table claims; --", "editor")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_push_and_pull_between_file_and_team(cli, team_url, tmp_path, seed_path):
    laptop = tmp_path / "laptop.factwb"
    [article] = json.loads(cli("--db", laptop, "import", seed_path, "--json").stdout)
    claim = json.loads(cli("--db", laptop, "claims", str(article["id"]), "--json").stdout)[0]["id"]
    cli("--db", laptop, "verdict", str(claim), "mostly-true")
    pushed = cli("--db", laptop, "push", team_url, "--json")
    assert pushed.returncode == 0, pushed.stderr
    [team_article] = json.loads(pushed.stdout)["added_articles"]
    offline = tmp_path / "offline.factwb"
    pulled = cli("--db", team_url, "pull", offline, "--article", str(team_article), "--json")
    assert pulled.returncode == 0, pulled.stderr
    [offline_article] = json.loads(pulled.stdout)["added_articles"]
    verdicts = [c["verdict"] for c in json.loads(cli("--db", offline, "claims", str(offline_article), "--json").stdout)]
    assert verdicts.count("mostly-true") == 1
    assert cli("--db", team_url, "pull", offline, "--article", "999").returncode == 2


def test_a_password_is_never_printed(cli, pg_server, team_url):
    secret = "s3cret-Pa55"
    url = team_url.replace(f"//{SUPERUSER}@127.0.0.1:{pg_server.port}", "//nobody:" + secret + "@127.0.0.1:1")
    failed = cli("--db", url, "articles")
    assert failed.returncode == 2 and secret not in failed.stderr + failed.stdout
    assert "nobody@127.0.0.1:1" in failed.stderr


def test_users_grant_takes_a_password_from_stdin_and_never_from_the_command_line(pg_server, team_url):
    import subprocess
    import sys

    import psycopg

    from tests.cli.conftest import ROOT

    secret = "lamp-Stapler-42"
    given = subprocess.run([sys.executable, "-m", "workbench", "--db", team_url, "users", "grant", "erin", "editor",
                            "--password-stdin"], cwd=ROOT, input=secret + "\n", capture_output=True, text=True,
                           timeout=120)
    assert given.returncode == 0, given.stderr
    assert "erin is now editor (password set)" in given.stdout and secret not in given.stdout + given.stderr
    with psycopg.connect(pg_server.url("postgres")) as conn:
        stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'erin'").fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$") and secret not in stored
    asked = subprocess.run([sys.executable, "-m", "workbench", "--db", team_url, "users", "grant", "erin", "viewer",
                            "--password"], cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           timeout=120)
    assert asked.returncode == 2 and "--password-stdin" in asked.stderr and asked.stderr.count("\n") == 1
    with psycopg.connect(pg_server.url("postgres")) as conn:  # the refusal changed nothing
        assert conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'erin'").fetchone()[0] == stored
