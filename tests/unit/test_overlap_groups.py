"""A fact stated three or more times is one group: in the service, the report data and the exports."""

from workbench.domain import Overlap, OverlapDraft, OverlapKind, OverlapState, ParsedArticle
from workbench.report.html import render_html
from workbench.report.json_export import render_json
from workbench.report.markdown_export import render_markdown
from workbench.services.claims import add_claim, list_claims
from workbench.services.overlaps import group_for_claim, group_overlaps, set_group_state, undo_group_state
from workbench.services.report_data import build_report
from workbench.storage import articles as article_repo
from workbench.storage import overlaps as overlap_repo
from tests.conftest import BOTH_BACKENDS

BACKENDS = BOTH_BACKENDS  # the workspace tests here run on a file and on a team workspace

TEXT = ("Coal generation slid 18 percent last year. The U.S. is burning less coal. "
        "It was the largest decline in coal generation in recorded history. Solar grew.")
SENTENCES = ("Coal generation slid 18 percent last year.", "The U.S. is burning less coal.",
             "It was the largest decline in coal generation in recorded history.", "Solar grew.")


def ov(i, a, b, kind=OverlapKind.DUPLICATE, state=OverlapState.FLAGGED):
    return Overlap(i, a, b, 60.0, "", kind, state)


def test_three_pairs_of_one_fact_make_one_group():
    groups = group_overlaps([ov(1, 1, 2), ov(2, 2, 3), ov(3, 1, 3), ov(4, 7, 8)])
    assert [g.claim_ids for g in groups] == [(1, 2, 3)]  # the lone pair 7-8 stays a pair
    assert {o.id for o in groups[0].overlaps} == {1, 2, 3}


def test_a_chain_joins_and_dismissed_or_inconsistent_flags_do_not():
    assert [g.claim_ids for g in group_overlaps([ov(1, 1, 2), ov(2, 2, 3)])] == [(1, 2, 3)]
    assert group_overlaps([ov(1, 1, 2), ov(2, 2, 3, state=OverlapState.DISMISSED)]) == []
    assert group_overlaps([ov(1, 1, 2), ov(2, 2, 3, kind=OverlapKind.INCONSISTENCY)]) == []


def _workspace(db):
    article = article_repo.insert(db, ParsedArticle(title="Coal", text=TEXT), "hash-coal")
    for s in SENTENCES:
        start = TEXT.index(s)
        add_claim(db, article.id, start, start + len(s))
    c = list_claims(db, article.id)
    overlap_repo.insert_many(db, [OverlapDraft(c[0].id, c[1].id, 58.0, "similar meaning (0.52); shared: coal"),
                                  OverlapDraft(c[0].id, c[2].id, 66.0, "shared: coal, generation"),
                                  OverlapDraft(c[1].id, c[2].id, 61.0, "similar meaning (0.67); shared: coal")])
    return article.id, c


def test_group_is_found_from_any_member_and_reviewed_in_one_step(empty_db):
    article_id, c = _workspace(empty_db)
    group = group_for_claim(empty_db, c[1].id)
    assert group.claim_ids == (c[0].id, c[1].id, c[2].id)
    assert group_for_claim(empty_db, c[3].id) is None
    ids = tuple(o.id for o in group.overlaps)
    previous, done = set_group_state(empty_db, ids, OverlapState.CONFIRMED)
    assert {o.state for o in overlap_repo.for_article(empty_db, article_id)} == {OverlapState.CONFIRMED}
    assert group_for_claim(empty_db, c[0].id).state == OverlapState.CONFIRMED
    undo_group_state(empty_db, previous, done)
    assert {o.state for o in overlap_repo.for_article(empty_db, article_id)} == {OverlapState.FLAGGED}


def test_report_shows_the_group_once_not_three_pairs(empty_db):
    article_id, c = _workspace(empty_db)
    data = build_report(empty_db, article_id, "ws")
    assert len(data.repeated_facts) == 1
    fact = data.repeated_facts[0]
    assert [n for n, _ in fact.members] == [1, 2, 3] and not fact.confirmed
    assert [e.repeated_fact for e in data.claims] == [1, 1, 1, None]
    assert all(not e.overlaps for e in data.claims)  # no pair lines for the grouped claims
    html = render_html(data)
    assert "Facts stated several times" in html and html.count("Repeated fact 1") == 4  # table + 3 claims
    assert "Possible overlap" not in html
    md = render_markdown(data)
    assert "Repeated fact 1 (3 statements, not yet reviewed)" in md
    assert "**Repeated fact 1:** also stated as claim 2, claim 3." in md
    exported = __import__("json").loads(render_json(data))
    assert exported["repeated_facts"][0]["claims"][2]["text"] == SENTENCES[2]
    assert [x["repeated_fact"] for x in exported["claims"]] == [1, 1, 1, None]
