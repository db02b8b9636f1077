"""What an editor needs to sign a report off: only checked claims, warnings, edits, corrections, true method text."""

import json

from tests.unit.test_report_fixtures import build_sample, make_article
from workbench.report.html import render_html
from workbench.report.json_export import render_json
from workbench.report.markdown_export import render_markdown
from workbench.services.claims import set_verdict, update_claim
from workbench.services.report_data import EDITED, NO_EVIDENCE, NO_RATIONALE, build_report, record_export

from tests.conftest import BOTH_BACKENDS

BACKENDS = BOTH_BACKENDS  # every test here runs on a file and on a team workspace


def test_only_checked_lists_claims_with_a_verdict_and_the_summary_counts_all(empty_db):
    built = build_sample(empty_db)
    data = build_report(empty_db, built["article_id"], "w", only_checked=True)
    assert [c.number for c in data.listed_claims] == [1, 2, 3, 4, 5]  # claim 6 is unverified
    assert data.total_claims == 6 and sum(vc.count for vc in data.verdict_counts) == 6
    html = render_html(data)
    assert "Claim 6" not in html and "1 not yet checked is left out" in html
    assert [c["number"] for c in json.loads(render_json(data))["claims"]] == [1, 2, 3, 4, 5]
    full = build_report(empty_db, built["article_id"], "w")
    assert "Claim 6" in render_html(full)


def test_warnings_beside_the_claim_and_in_the_summary(empty_db):
    built = build_sample(empty_db)
    ids = built["claim_ids"]
    set_verdict(empty_db, ids[3], "true", "Seen in the records.")  # flagged as the same fact as claim 2 (False)
    set_verdict(empty_db, ids[5], "false")  # no rationale, no evidence
    data = build_report(empty_db, built["article_id"], "w")
    by_number = {c.number: c for c in data.claims}
    assert by_number[5].warnings == (NO_RATIONALE,)  # its evidence came from its confirmed twin
    assert NO_RATIONALE in by_number[6].warnings and NO_EVIDENCE in by_number[6].warnings
    assert by_number[1].warnings == ()  # verdict, rationale and evidence: nothing to say
    assert "Flagged as the same fact as Claim 2, which is rated False" in by_number[4].warnings
    assert "Flagged as the same fact as Claim 4, which is rated True" in by_number[2].warnings
    summary = {w.text: w.numbers for w in data.warnings}
    assert summary[NO_RATIONALE] == (5, 6) and summary[NO_EVIDENCE] == (6,)
    assert summary["Flagged as the same fact as another claim but rated differently"] == (2, 4)
    html = render_html(data)
    assert "Before signing off" in html and "Verdict without a rationale: Claims 5, 6" in html
    assert "Every rating comes with its rationale" not in html  # claim 5 has none
    assert "4 of 6 ratings come with a written rationale" in html
    assert "Before signing off" in render_markdown(data)


def test_method_says_every_rating_has_its_rationale_only_when_true(empty_db):
    article_id, ids = make_article(empty_db, ["The port opened in 1990.", "It handles 3 million tonnes a year."])
    for claim_id in ids:
        set_verdict(empty_db, claim_id, "true", "Port authority records.")
    html = render_html(build_report(empty_db, article_id, "w"))
    assert "Every rating comes with its rationale" in html
    assert "corrected reports say what was changed" not in html  # no promise the report does not keep


def test_an_edited_claim_prints_the_articles_own_words(empty_db):
    article_id, ids = make_article(empty_db, ["The port opened in 1990.", "It handles 3 million tonnes a year."])
    update_claim(empty_db, ids[1], text="The port handles 3 million tonnes of cargo a year.")
    data = build_report(empty_db, article_id, "w")
    edited = data.claims[1]
    assert edited.article_words == "It handles 3 million tonnes a year." and EDITED in edited.warnings
    assert data.claims[0].article_words == ""
    html = render_html(data)
    assert "In the article: &ldquo;It handles 3 million tonnes a year.&rdquo;" in html
    update_claim(empty_db, ids[1], text="It handles 3 million tonnes a year.")  # edited back: nothing to flag
    assert build_report(empty_db, article_id, "w").claims[1].article_words == ""


def test_corrections_list_verdicts_changed_after_the_first_export(empty_db):
    article_id, ids = make_article(empty_db, ["The port opened in 1990.", "It handles 3 million tonnes a year."])
    set_verdict(empty_db, ids[0], "true", "Records.")
    first = build_report(empty_db, article_id, "w")
    assert first.first_export == "" and first.corrections == ()
    assert "This is the first version of this report" in render_html(first)
    record_export(empty_db, article_id, ["pdf"])
    unchanged = render_html(build_report(empty_db, article_id, "w"))
    assert "No verdict has changed since this report was first exported" in unchanged
    set_verdict(empty_db, ids[0], "false", "The port opened in 1991.")
    record_export(empty_db, article_id, ["pdf"])  # a second export does not move the reference point
    data = build_report(empty_db, article_id, "w")
    (correction,) = data.corrections
    assert (correction.number, correction.before.label, correction.after.label) == (1, "True", "False")
    html = render_html(data)
    assert "<h2>Corrections</h2>" in html and "<b>Claim 1</b>: True &rarr; False" in html
    assert "claim 1, True → False" in render_markdown(data)
    assert json.loads(render_json(data))["corrections"][0]["after"] == "false"
