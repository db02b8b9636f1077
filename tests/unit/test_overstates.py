"""A headline that states as done what the body hedges gets an OVERSTATES flag; the schema stores it."""

import pytest

from workbench.domain import OverlapDraft, OverlapKind, ParsedArticle
from workbench.matching.article import find_article_overlaps, lead_spans
from workbench.matching.overstates import FUTURE, HEDGED, STATED, certainty
from workbench.services.claims import add_claim, list_claims
from workbench.storage import articles as article_repo
from workbench.storage import overlaps as overlap_repo
from tests.conftest import BOTH_BACKENDS

BACKENDS = BOTH_BACKENDS  # the workspace tests here run on a file and on a team workspace

TITLE = "China's FAST telescope opens to astronomers worldwide"
BODY = ("China's FAST telescope is preparing to open to astronomers worldwide next year, officials said. "
        "The dish cost 1.2 billion yuan to build.")
TEXT = f"{TITLE}\n\n{BODY}"


@pytest.mark.parametrize("text, level, phrase", [
    ("The telescope opens to astronomers", STATED, ""),
    ("The telescope will open next year", FUTURE, "will open next"),
    ("The telescope is preparing to open to astronomers", HEDGED, "is preparing to open to"),
    ("Builders could start installing heat pumps", HEDGED, "could start installing"),
    ("The ministry plans to cut the tax", HEDGED, "plans to cut the"),
])
def test_certainty_of_a_claim(text, level, phrase):
    assert certainty(text) == (level, phrase)


def _claims(text):
    out = []
    for i, part in enumerate((TITLE, BODY.split(", officials")[0], "The dish cost 1.2 billion yuan to build"), 1):
        start = text.index(part)
        out.append((i, part, start, start + len(part), None))
    return out


def test_headline_that_drops_the_hedge_is_flagged():
    found = find_article_overlaps(TEXT, _claims(TEXT), lead=lead_spans(TEXT, TITLE, ""))
    over = [o for o in found if o.kind == OverlapKind.OVERSTATES]
    assert [(o.a, o.b) for o in over] == [(1, 2)]
    assert "states as done" in over[0].reason and "is preparing to open" in over[0].reason
    assert not [o for o in found if (o.a, o.b) == (1, 2) and o.kind == OverlapKind.DUPLICATE]  # one flag, not two


def test_a_hedged_headline_and_body_sentences_are_not_judged():
    hedged_title = "China's FAST telescope could open to astronomers worldwide"
    text = f"{hedged_title}\n\n{BODY}"
    claims = [(1, hedged_title, 0, len(hedged_title), None)] + _claims(TEXT)[1:]
    claims = [(i, t, text.index(t), text.index(t) + len(t), a) for i, t, _, _, a in claims]
    assert not [o for o in find_article_overlaps(text, claims, lead=lead_spans(text, hedged_title, ""))
                if o.kind == OverlapKind.OVERSTATES]
    # without a lead (no title known) the same pair is no overstatement either
    assert not [o for o in find_article_overlaps(TEXT, _claims(TEXT)) if o.kind == OverlapKind.OVERSTATES]


def test_the_workspace_stores_an_overstates_flag(empty_db):
    article = article_repo.insert(empty_db, ParsedArticle(title=TITLE, text=TEXT), "hash-fast")
    for _, part, start, end, _ in _claims(TEXT)[:2]:
        add_claim(empty_db, article.id, start, end)
    a, b = list_claims(empty_db, article.id)[:2]
    overlap_repo.insert_many(empty_db, [OverlapDraft(a.id, b.id, 70.0, "the headline states as done",
                                                     OverlapKind.OVERSTATES)])
    assert [o.kind for o in overlap_repo.for_article(empty_db, article.id)] == [OverlapKind.OVERSTATES]


def test_a_workspace_from_before_overstates_keeps_its_overlaps_when_upgraded(tmp_path, monkeypatch):
    from workbench.domain import OverlapState
    from workbench.storage import SCHEMA_VERSION, migrations, open_database

    path = tmp_path / "old.factwb"
    with monkeypatch.context() as m:
        before_step = migrations.MIGRATIONS.index(migrations._v5_overstates)
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:before_step])
        m.setattr(migrations, "SCHEMA_VERSION", before_step)
        old = open_database(path)
        article = article_repo.insert(old, ParsedArticle(title=TITLE, text=TEXT), "hash-old")
        for _, part, start, end, _ in _claims(TEXT):
            add_claim(old, article.id, start, end)
        a, b, third = list_claims(old, article.id)
        overlap_repo.insert_many(old, [OverlapDraft(a.id, b.id, 66.0, "shared: telescope")])
        overlap_repo.set_state(old, overlap_repo.for_article(old, article.id)[0].id, OverlapState.CONFIRMED)
        with pytest.raises(Exception):  # the old schema has no room for the new kind
            overlap_repo.insert_many(old, [OverlapDraft(a.id, third.id, 60.0, "", OverlapKind.OVERSTATES)])
        before = overlap_repo.for_article(old, article.id)
        old.close()
    upgraded = open_database(path)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert overlap_repo.for_article(upgraded, article.id) == before
    assert list(tmp_path.glob("*.bak"))  # the file was copied aside first
    c = list_claims(upgraded, article.id)
    overlap_repo.insert_many(upgraded, [OverlapDraft(c[0].id, c[2].id, 60.0, "", OverlapKind.OVERSTATES)])
    assert [o.kind for o in overlap_repo.for_article(upgraded, article.id)] == [OverlapKind.DUPLICATE,
                                                                                 OverlapKind.OVERSTATES]


def test_the_report_names_the_overstatement(empty_db):
    from workbench.report.html import render_html
    from workbench.services.report_data import build_report

    article = article_repo.insert(empty_db, ParsedArticle(title=TITLE, text=TEXT), "hash-report")
    for _, part, start, end, _ in _claims(TEXT)[:2]:
        add_claim(empty_db, article.id, start, end)
    a, b = list_claims(empty_db, article.id)[:2]
    reason = "the headline states as done “China's FAST telescope opens to…”; the body says “is preparing to open to”"
    overlap_repo.insert_many(empty_db, [OverlapDraft(a.id, b.id, 70.0, reason, OverlapKind.OVERSTATES)])
    html = render_html(build_report(empty_db, article.id, "ws"))
    assert "Possible overstatement with <b>Claim 2</b>" in html and "Possible overstatement with <b>Claim 1</b>" in html
    assert "is preparing to open to" in html
