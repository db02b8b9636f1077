"""Daily use from the command line: new workspaces start empty, delete, overlaps by id, extract = import."""

import json
import os
import sqlite3
import subprocess
import sys

from tests.cli.conftest import ROOT

SEED = ROOT / "seeds" / "north-korea-spurned-talks.txt"
# A news page whose standfirst (dek) comes again as its lede, with a figure repeated later: overlaps inside it.
DEK_PAGE = """<!doctype html><html><head><title>Coal use fell sharply last year</title>
<meta name="description" content="U.S. emissions fell 2 percent in 2023 as power plants burned less coal.">
<meta name="author" content="Jane Reporter"><meta property="article:published_time" content="2024-01-10">
</head><body><article><h1>Coal use fell sharply last year</h1>
<p>U.S. emissions fell 2 percent in 2023 as power plants burned less coal.</p>
<p>Total greenhouse gas emissions fell 2 percent compared with the year before, according to the Rhodium Group.
Coal generation slid 18 percent, the group said.</p>
<p>The decline came even as the economy grew 2.4 percent, the Commerce Department reported.
Emissions from buildings rose 1 percent, the report found.</p>
<p>"We are burning far less coal than a decade ago," said Ben King, an analyst at the Rhodium Group.
Coal generation slid 18 percent last year, King said.</p>
</article></body></html>"""
SMALL = "City buys buses\n\nBy Jane Doe\n\nMarch 5, 2024\n\nThe city bought 40 electric buses in 2020, the mayor said.\n"


def _rows(db, sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_default_workspace_gets_the_seed_on_first_start(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-m", "workbench", "articles", "--json"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    (article,) = json.loads(result.stdout)
    assert article["title"].startswith("North Korea") and article["claims"] > 20
    assert list((tmp_path / "data").rglob("workspace.factwb"))


def test_delete_a_claim_and_an_article(tmp_path, cli):
    db = tmp_path / "w.factwb"
    page = tmp_path / "buses.md"
    page.write_text(SMALL, encoding="utf-8")
    article_id = int(cli("--db", db, "import", page).stdout)
    claims = json.loads(cli("--db", db, "claims", article_id, "--json").stdout)
    first = claims[0]["id"]

    deleted = cli("--db", db, "delete", "claim", first)
    assert deleted.returncode == 0, deleted.stderr
    assert f"Deleted claim {first}" in deleted.stdout
    assert first not in {c["id"] for c in json.loads(cli("--db", db, "claims", article_id, "--json").stdout)}
    assert _rows(db, f"SELECT action FROM history WHERE entity = 'claim' AND entity_id = {first}") == [("delete",)]

    again = cli("--db", db, "delete", "claim", first)
    assert again.returncode == 2 and f"No claim with id {first}" in again.stderr and "Traceback" not in again.stderr
    unknown = cli("--db", db, "delete", "article", "999")
    assert unknown.returncode == 2 and "No article with id 999" in unknown.stderr

    gone = cli("--db", db, "delete", "article", article_id)
    assert gone.returncode == 0 and "City buys buses" in gone.stdout
    assert json.loads(cli("--db", db, "articles", "--json").stdout) == []
    assert _rows(db, "SELECT count(*) FROM claims") == [(0,)]
    assert _rows(db, f"SELECT action FROM history WHERE entity = 'article' AND entity_id = {article_id}"
                     " ORDER BY id")[-1] == ("delete",)


def _extracted(cli, path):
    result = cli("extract", path, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    claims = [(c["text"], c["start"], c["end"], c["attribution"], c["kind"]) for c in data["claims"]]
    by_id = {c["id"]: (c["start"], c["end"]) for c in data["claims"]}
    pairs = {(by_id[o["a"]], by_id[o["b"]], o["kind"]) for o in data["overlaps"]}
    return claims, pairs


def _imported(cli, db, path):
    result = cli("--db", db, "import", path)
    assert result.returncode == 0, result.stderr
    stored = json.loads(cli("--db", db, "claims", result.stdout.strip(), "--json").stdout)
    claims = [(c["text"], c["start"], c["end"], c["attribution"], c["kind"]) for c in stored]
    by_id = {c["id"]: (c["start"], c["end"]) for c in stored}
    pairs = set()
    for c in stored:
        for o in c["overlaps"]:
            assert set(o) >= {"claim", "kind", "state", "score"} and o["state"] == "flagged"
            a, b = sorted((c["id"], o["claim"]))
            pairs.add((by_id[a], by_id[b], o["kind"]))
    return claims, pairs


def test_a_new_db_workspace_starts_empty_and_extract_and_import_agree_on_the_seed(tmp_path, cli):
    db = tmp_path / "desk.factwb"
    listed = cli("--db", db, "articles", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
    assert "created a new workspace" in listed.stderr and "empty" in listed.stderr
    extracted = _extracted(cli, SEED)
    imported = _imported(cli, db, SEED)  # the seed can still be imported by hand
    assert extracted == imported and extracted[1]
    (article,) = json.loads(cli("--db", db, "articles", "--json").stdout)
    assert article["title"].startswith("North Korea")


def test_extract_and_import_agree_on_a_page_with_a_dek(tmp_path, cli):
    path = tmp_path / "coal.html"
    path.write_text(DEK_PAGE, encoding="utf-8")
    db = tmp_path / "w.factwb"
    other = tmp_path / "buses.md"  # another article already there must not change the pairs inside this one
    other.write_text(SMALL.replace("40 electric buses", "2 percent more coal"), encoding="utf-8")
    assert cli("--db", db, "import", other).returncode == 0
    extracted = _extracted(cli, path)
    assert extracted == _imported(cli, db, path)
    assert extracted[1], "the page states facts twice: some overlap is expected"


def test_report_only_checked_corrections_and_where_the_fact_check_is_published(tmp_path, cli):
    db = tmp_path / "w.factwb"
    page = tmp_path / "buses.md"
    page.write_text(SMALL + "\nThe buses cost $20 million, officials said. Ridership rose 12 percent in 2021.\n",
                    encoding="utf-8")
    article_id = int(cli("--db", db, "import", page).stdout)
    claims = json.loads(cli("--db", db, "claims", article_id, "--json").stdout)
    assert len(claims) >= 2
    first = claims[0]["id"]
    assert cli("--db", db, "verdict", first, "true", "--note", "Council minutes.").returncode == 0
    bad = cli("--db", db, "settings", "--organisation", "Changed", "--review-base-url", "ftp://desk.example.org")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "Changed" not in cli("--db", db, "settings").stdout  # a bad value changes nothing
    assert cli("--db", db, "settings", "--review-base-url", "https://desk.example.org/checks").returncode == 0

    out = tmp_path / "r.json"
    review = tmp_path / "r.jsonld"
    result = cli("--db", db, "report", article_id, "--only-checked", "--json", out, "--claimreview", review)
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [c["id"] for c in data["claims"]] == [first] and data["summary"]["claims"] == len(claims)
    (published,) = json.loads(review.read_text(encoding="utf-8"))
    assert published["url"] == "https://desk.example.org/checks/city-buys-buses#claim-1"

    assert cli("--db", db, "verdict", first, "false", "--note", "The minutes say 14.").returncode == 0
    assert cli("--db", db, "report", article_id, "--json", out).returncode == 0
    corrections = json.loads(out.read_text(encoding="utf-8"))["corrections"]
    assert [(k["claim"], k["before"], k["after"]) for k in corrections] == [(1, "true", "false")]
