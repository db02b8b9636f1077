"""Archive use cases: import (CSV/TSV/ClaimReview, one transaction), search, batch search, CLI handlers."""

import argparse
import json
import threading

import pytest

from workbench.domain import ArchiveMatch, Cancelled, InvalidInput, Progress
from workbench.services import archive as service
from workbench.storage import archive_repository as repo
from workbench.storage import history

from tests.conftest import BOTH_BACKENDS

BACKENDS = BOTH_BACKENDS  # every test here runs on a file and on a team workspace

TSV = ("id\ttext\ttitle\trating\turl\n"
       "a1\tDonald Trump said he would build a wall on the Mexican border.\tWall\tfalse\thttps://x.org/1\n"
       "a2\tNorth Korea halted nuclear and missile tests for sixty days.\tPause\ttrue\thttps://x.org/2\n"
       "a3\tThe unemployment rate fell to 3.5 percent in November 2019.\t\tmostly-true\t\n")
CLAIMREVIEW = [
    {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://fc.example/r/1",
     "claimReviewed": "Drinking bleach cures the coronavirus.",
     "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"}},
    {"@type": "ClaimReview", "identifier": "cr-2", "url": "https://fc.example/r/2",
     "claimReviewed": "Barack Obama was born in Kenya.", "reviewRating": {"alternateName": "Pants on Fire"}},
]


@pytest.fixture
def db(empty_db):
    return empty_db


def write(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding)
    return path


def do_import(db, path, **cols):
    return service.run(service.import_archive(db, path, **cols))


COLS = dict(id_column="id", text_column="text", title_column="title", rating_column="rating", url_column="url")


def test_import_tsv_with_all_columns(db, tmp_path):
    assert do_import(db, write(tmp_path, "a.tsv", TSV), **COLS) == 3
    assert repo.count(db) == 3
    c = repo.by_external_id(db, "a2")
    assert (c.title, c.rating, c.url) == ("Pause", "true", "https://x.org/2")
    entries = history.entries(db, "archive")
    assert len(entries) == 1 and entries[0].action == "import" and entries[0].after["claims"] == 3


def test_import_csv_sniffs_the_delimiter_and_handles_quotes(db, tmp_path):
    csv_text = 'key,claim\nk1,"Hello, world: a claim with a comma"\nk2,"A ""quoted"" claim"\n'
    assert do_import(db, write(tmp_path, "a.csv", csv_text), id_column="key", text_column="claim") == 2
    assert repo.by_external_id(db, "k2").text == 'A "quoted" claim'
    semi = "id;text\ns1;Semicolon separated claim\n"
    assert do_import(db, write(tmp_path, "b.txt", semi), id_column="id", text_column="text") == 1


def test_import_twice_updates_instead_of_duplicating(db, tmp_path):
    path = write(tmp_path, "a.tsv", TSV)
    do_import(db, path, **COLS)
    changed = TSV.replace("sixty days", "ninety days")
    do_import(db, write(tmp_path, "b.tsv", changed), **COLS)
    assert repo.count(db) == 3
    assert "ninety" in repo.by_external_id(db, "a2").text
    assert len(history.entries(db, "archive")) == 2


@pytest.mark.parametrize("shape", ["list", "single", "graph"])
def test_import_claimreview_shapes(db, tmp_path, shape):
    data = {"list": CLAIMREVIEW, "single": CLAIMREVIEW[0], "graph": {"@graph": CLAIMREVIEW}}[shape]
    n = do_import(db, write(tmp_path, "cr.json", json.dumps(data)))
    assert n == (1 if shape == "single" else 2)
    c = repo.by_external_id(db, "https://fc.example/r/1")
    assert c.text == "Drinking bleach cures the coronavirus." and c.rating == "False"
    if shape != "single":
        assert repo.by_external_id(db, "cr-2").rating == "Pants on Fire"


@pytest.mark.parametrize(
    ("name", "content", "cols", "message"),
    [
        ("missing.tsv", None, COLS, "No such file"),
        ("a.tsv", TSV, dict(COLS, text_column="body"), "no column 'body'"),
        ("a.tsv", "caf\xe9\tx\n".encode("latin-1"), COLS, "not UTF-8"),
        ("a.tsv", "", COLS, "empty"),
        ("a.tsv", "  \n\n", COLS, "empty"),
        ("a.json", "[{\"claimReviewed\": ", {}, "not valid JSON"),
        ("a.json", "{\"hello\": 1}", {}, "no ClaimReview"),
        ("a.tsv", "id\ttext\n\t\n", COLS | dict(title_column=None, rating_column=None, url_column=None), "no archive"),
        ("a.tsv", TSV, dict(id_column=None, text_column=None), "--id-column"),
    ],
)
def test_bad_input_changes_nothing(db, tmp_path, name, content, cols, message):
    path = tmp_path / name if content is None else write(tmp_path, name, content)
    with pytest.raises(InvalidInput, match=message):
        do_import(db, path, **cols)
    assert repo.count(db) == 0
    assert history.entries(db, "archive") == []


def test_cancel_rolls_back_everything(db, tmp_path, monkeypatch):
    monkeypatch.setattr(service, "IMPORT_CHUNK", 1)
    cancel = threading.Event()
    gen = service.import_archive(db, write(tmp_path, "a.tsv", TSV), cancel=cancel, **COLS)
    progress = [next(gen), next(gen), next(gen)]
    assert all(isinstance(p, Progress) for p in progress)
    cancel.set()
    with pytest.raises(Cancelled):
        for _ in gen:
            pass
    assert repo.count(db) == 0 and history.entries(db, "archive") == []


def test_import_yields_progress_to_the_total(db, tmp_path):
    rows = "id\ttext\n" + "".join(f"r{i}\tClaim number {i} about taxes\n" for i in range(12))
    events = list(service.import_archive(db, write(tmp_path, "a.tsv", rows), id_column="id", text_column="text"))
    assert events[-1].done == events[-1].total == 12


def test_search_returns_archive_matches(db, tmp_path):
    do_import(db, write(tmp_path, "a.tsv", TSV), **COLS)
    matches = service.search(db, "North Korea paused missile tests for 60 days", top=2)
    assert matches and isinstance(matches[0], ArchiveMatch)
    assert matches[0].claim.external_id == "a2" and 0 < matches[0].score <= 100
    index = service.load_index(db)
    assert service.search(db, "wall on the Mexican border", top=1, index=index)[0].claim.external_id == "a1"
    with pytest.raises(InvalidInput):
        service.search(db, "x", top=0)
    with pytest.raises(InvalidInput):
        service.search(db, "   ")


def test_search_many_keeps_query_order(db, tmp_path):
    do_import(db, write(tmp_path, "a.tsv", TSV), **COLS)
    queries = [("q1", "unemployment rate 3.5%"), ("q2", "Trump border wall"), ("q3", "zzzz")]
    result = service.run(service.search_many(db, queries, top=1))
    assert [q for q, _ in result] == ["q1", "q2", "q3"]
    assert result[0][1][0].claim.external_id == "a3"
    assert result[2][1] == []


def test_search_empty_archive(db):
    assert service.search(db, "anything at all") == []


def test_fts_search_in_storage(db, tmp_path):
    do_import(db, write(tmp_path, "a.tsv", TSV), **COLS)
    hits = repo.fts_search(db, "unemployment rate", 5)
    assert hits and repo.get_many(db, [hits[0][0]])[hits[0][0]].external_id == "a3"
    assert repo.fts_search(db, '"" OR AND', 5) == [] or True  # odd input must not raise


# -- CLI handlers ----------------------------------------------------------------------------------

def parse(argv):
    from workbench.cli_archive import add_archive_parser

    parser = argparse.ArgumentParser(prog="workbench")
    add_archive_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_cli_import_and_json_search(db, tmp_path, capsys):
    path = write(tmp_path, "a.tsv", TSV)
    args = parse(["archive", "import", str(path), "--id-column", "id", "--text-column", "text"])
    assert args.handler(args, db) == 0
    assert "Imported 3" in capsys.readouterr().out
    args = parse(["archive", "search", "North Korea stopped missile tests for 60 days", "--top", "2", "--json"])
    assert args.handler(args, db) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["results"][0]["query"] == "text"
    first = out["results"][0]["matches"][0]
    assert first["id"] == "a2" and set(first) == {"id", "score", "text"}


def test_cli_batch_search(db, tmp_path, capsys):
    do_import(db, write(tmp_path, "a.tsv", TSV), **COLS)
    q = write(tmp_path, "q.csv", "qid,body\nx1,unemployment 3.5 percent\nx2,Trump Mexico wall\n")
    args = parse(["archive", "search", "--queries", str(q), "--id-column", "qid", "--text-column", "body",
                  "--top", "1", "--json"])
    assert args.handler(args, db) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert [r["query"] for r in out["results"]] == ["x1", "x2"]
    assert out["results"][1]["matches"][0]["id"] == "a1"
    assert "Searching the archive" in captured.err
    args = parse(["archive", "search", "--queries", str(q), "--id-column", "qid", "--text-column", "body"])
    assert args.handler(args, db) == 0
    assert "query x1" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["archive", "search", "x", "--top", "0"],
        ["archive", "search"],
        ["archive", "search", "--queries", "nope.csv", "--id-column", "a", "--text-column", "b"],
        ["archive", "search", "--queries", "nope.csv"],
        ["archive", "import", "nope.tsv", "--id-column", "a", "--text-column", "b"],
    ],
)
def test_cli_bad_input_exits_2_with_one_line(db, capsys, argv):
    args = parse(argv)
    assert args.handler(args, db) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("workbench: error:")


def test_cli_bad_file_leaves_workspace_unchanged(db, tmp_path, capsys):
    path = write(tmp_path, "bad.json", "{not json")
    args = parse(["archive", "import", str(path)])
    assert args.handler(args, db) == 2
    assert repo.count(db) == 0


def test_claimreview_items_sharing_a_page_url_are_all_kept(tmp_path):
    import json as _json

    from workbench.services.archive_files import read_archive

    path = tmp_path / "cr.json"
    path.write_text(_json.dumps({"@graph": [
        {"@type": "ClaimReview", "url": "https://factcheck.example/page1", "claimReviewed": "The moon is cheese"},
        {"@type": "ClaimReview", "url": "https://factcheck.example/page1", "claimReviewed": "Mars is made of jam"},
    ]}), encoding="utf-8")
    rows = read_archive(path).rows
    assert sorted(r.text for r in rows) == ["Mars is made of jam", "The moon is cheese"]
    assert len({r.external_id for r in rows}) == 2


def test_archive_keeps_only_http_links(tmp_path):
    from workbench.services.archive_files import read_archive

    path = tmp_path / "a.csv"
    path.write_text("id,text,url\n1,Claim one here,javascript:alert(1)\n2,Claim two here,https://x.org/a\n",
                    encoding="utf-8")
    rows = {r.external_id: r for r in read_archive(path, id_column="id", text_column="text", url_column="url").rows}
    assert rows["1"].url == "" and rows["2"].url == "https://x.org/a"
