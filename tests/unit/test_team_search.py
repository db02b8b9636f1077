"""Archive search on a team workspace: the server's text search (tsvector + GIN) picks the candidates, the
shared ranking orders them; term counts follow every import."""

import pytest

from workbench.services import archive as service
from workbench.services.workspace import open_workspace
from workbench.storage import archive_repository as repo

COMMON = "minister budget report city"  # in every row: never worth a visit per row


@pytest.fixture
def team_db(team_url):
    db = open_workspace(team_url)
    yield db
    db.close()


def _import(db, tmp_path, rows, name="archive.tsv"):
    path = tmp_path / name
    path.write_text("id\ttext\ttitle\n" + "".join(f"{i}\t{text}\t{title}\n" for i, text, title in rows),
                    encoding="utf-8")
    return service.run(service.import_archive(db, path, id_column="id", text_column="text", title_column="title"))


def _archive(n):
    """n claims sharing the common words, each with two rare words of its own."""
    return [(f"c{i}", f"The {COMMON} said zorblat{i} rose by {i} percent near quenwick{i % 50}.", "Fact-check")
            for i in range(n)]


def _copy(url, rows):
    """A large archive written straight to the server (an import of 20,000 rows would take the test's time)."""
    import psycopg

    with psycopg.connect(url) as conn, conn.cursor().copy(
            "COPY archive_claims (external_id, text, title) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def test_candidates_come_from_the_gin_index_and_skip_common_words(team_db, team_url):
    _copy(team_url, _archive(20_000))
    with team_db.atomic():
        repo.recount_terms(team_db)  # what an import does at its end
    seen = []
    execute = team_db.execute

    def capture(sql, params=None):
        seen.append((sql, params))
        return execute(sql, params)

    team_db.execute = capture
    try:
        rows = repo.candidate_rows(team_db, f"Did the {COMMON} say zorblat1234 rose near quenwick34?", 10)
    finally:
        del team_db.execute
    assert rows[0][0] == repo.by_external_id(team_db, "c1234").id  # holds both rare words
    assert all("quenwick34." in c.text for c in repo.get_many(team_db, [r[0] for r in rows]).values())
    sql, params = next((s, p) for s, p in seen if "UNION ALL" in s)
    terms = params[1::3]
    assert "'minist'" not in terms and "'citi'" not in terms  # in every row: left out of the candidates
    plan = "\n".join(r[0] for r in team_db.execute("EXPLAIN " + sql, params).fetchall())
    assert "archive_claims_fts" in plan and "Seq Scan on archive_claims" not in plan, plan


def test_search_finds_what_the_last_import_changed(team_db, tmp_path):
    _import(team_db, tmp_path, _archive(200))
    assert service.search(team_db, "glorpwhistle vaccines")[:1] == []
    _import(team_db, tmp_path, [("c7", "Glorpwhistle vaccines were approved in 2021.", "Vaccines")], "second.tsv")
    best = service.search(team_db, "were glorpwhistle vaccines approved?", top=1)
    assert best and best[0].claim.external_id == "c7" and best[0].claim.text.startswith("Glorpwhistle")


def test_words_that_look_like_query_syntax_are_searched_as_words(team_db, tmp_path):
    _import(team_db, tmp_path, [("q1", "O'Neill said the C:\\temp files & 'drafts' were lost!", ""),
                                ("q2", "Markets fell | rose: nobody (knows).", "")])
    for query in ("O'Neill C:\\temp & | ! ( ) ' :*", "fell | rose: (knows)", "''", "\\"):
        service.search(team_db, query)  # never a syntax error from the server
    assert service.search(team_db, "O'Neill lost the drafts", top=1)[0].claim.external_id == "q1"


def test_the_shared_ranking_gives_the_file_and_the_team_the_same_best_match(team_db, tmp_path):
    rows = [("t1", "The unemployment rate fell to 3.5 percent in November 2019.", "Jobs"),
            ("t2", "Unemployment rose to 14.7 percent in April 2020.", "Jobs"),
            ("t3", "North Korea halted missile tests for sixty days.", "Pause")] + _archive(300)
    _import(team_db, tmp_path, rows)
    local = open_workspace(tmp_path / "file.factwb", seed=False)
    try:
        _import(local, tmp_path, rows, "copy.tsv")
        for query in ("unemployment fell to 3.5% in Nov 2019", "North Korea paused missile tests for 60 days",
                      "zorblat17 rose 17 percent"):
            on_server = [m.claim.external_id for m in service.search(team_db, query, top=1)]
            in_file = [m.claim.external_id for m in service.search(local, query, top=1)]
            assert on_server == in_file and on_server, query
    finally:
        local.close()
