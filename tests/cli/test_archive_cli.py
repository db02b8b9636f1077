"""`workbench --db PATH archive import|search` end to end, in a subprocess."""

import json

TSV = ("id\ttext\ttitle\n"
       "a1\tDonald Trump said he would build a wall on the Mexican border.\tWall\n"
       "a2\tNorth Korea halted nuclear and missile tests for sixty days.\tPause\n")


def test_import_then_search_json(cli, tmp_path):
    db = tmp_path / "ws.factwb"
    src = tmp_path / "archive.tsv"
    src.write_text(TSV, encoding="utf-8")
    r = cli("--db", db, "archive", "import", src, "--id-column", "id", "--text-column", "text",
            "--title-column", "title")
    assert r.returncode == 0, r.stderr
    assert "Imported 2" in r.stdout
    r = cli("--db", db, "archive", "search", "North Korea paused missile tests for 60 days", "--top", "1", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["results"][0]["query"] == "text"
    assert out["results"][0]["matches"][0]["id"] == "a2"


def test_bad_input_exit_2_and_no_import(cli, tmp_path):
    db = tmp_path / "ws.factwb"
    src = tmp_path / "archive.tsv"
    src.write_text(TSV, encoding="utf-8")
    r = cli("--db", db, "archive", "import", src, "--id-column", "nope", "--text-column", "text")
    errors = [line for line in r.stderr.splitlines() if "error" in line]
    assert r.returncode == 2 and len(errors) == 1 and "nope" in errors[0]
    r = cli("--db", db, "archive", "search", "wall", "--top", "0")
    assert r.returncode == 2
    r = cli("--db", db, "archive", "search", "wall", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["results"][0]["matches"] == []
