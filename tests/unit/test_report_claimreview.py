"""ClaimReview JSON-LD: one object per claim with a verdict, with the fields Fact Check Explorer reads."""

import json
from datetime import date, datetime, timezone

import pytest

from tests.unit.test_report_fixtures import build_sample, make_article
from workbench.report.claimreview import FALLBACK_AUTHOR, author_type, claim_reviews, claimant, render_claimreview
from workbench.domain import InvalidInput
from workbench.services.claims import set_verdict
from workbench.services.report_data import build_report

from tests.conftest import BOTH_BACKENDS  # noqa: E402

BACKENDS = BOTH_BACKENDS  # tests on a workspace run on a file and on a team workspace


@pytest.fixture
def reviews(empty_db):
    built = build_sample(empty_db)
    return claim_reviews(build_report(empty_db, built["article_id"], "w"))


def test_one_review_per_claim_with_a_verdict(reviews):
    assert len(reviews) == 5  # the unverified claim is left out
    assert all(r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview" for r in reviews)


def test_fields(reviews):
    first = reviews[0]
    assert first["claimReviewed"] == "North Korea withdrew from the six-party talks in April 2009."
    assert first["reviewRating"] == {"@type": "Rating", "ratingValue": 5, "bestRating": 5, "worstRating": 1,
                                     "alternateName": "True"}
    item = first["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["datePublished"] == "2017-12-13"
    assert item["appearance"] == [{"@type": "CreativeWork", "url": "https://example.org/story?id=1",
                                   "headline": "Talks <b>x</b> stalled"}]
    # no attribution: the article itself makes the claim, so its authors are the claim's authors
    assert item["author"] == [{"@type": "Person", "name": "Colum Lynch"}, {"@type": "Person", "name": "Dan De Luce"}]
    assert first["author"] == {"@type": "Organization", "name": "Desk & Co <Fact Check>"}
    today = {date.today().isoformat(), datetime.now(timezone.utc).date().isoformat()}
    assert first["datePublished"] in today  # the review is published on the day the report is made
    assert "url" not in first  # where the fact-check is published is a workspace setting, not the article's URL


def test_url_is_where_the_fact_check_is_published(empty_db):
    from workbench.services.settings import set_publication_url, set_review_base_url

    built = build_sample(empty_db)
    set_review_base_url(empty_db, "https://factcheck.example.org/checks/")
    reviews = claim_reviews(build_report(empty_db, built["article_id"], "w"))
    assert reviews[0]["url"] == "https://factcheck.example.org/checks/talks-b-x-b-stalled#claim-1"
    assert reviews[1]["url"].endswith("/talks-b-x-b-stalled#claim-2")
    set_publication_url(empty_db, built["article_id"], "https://desk.example.net/2017/korea-talks")
    reviews = claim_reviews(build_report(empty_db, built["article_id"], "w"))
    assert reviews[0]["url"] == "https://desk.example.net/2017/korea-talks#claim-1"
    with pytest.raises(InvalidInput):
        set_review_base_url(empty_db, "ftp://example.org/")


def test_speaker_type_comes_from_the_named_entity_label(empty_db):
    article_id, ids = make_article(empty_db, [
        "Total emissions fell 2 percent compared with the year before, according to the Rhodium Group.",
        "Coal generation slid 18 percent, Ben King said."], source="https://example.org/coal")
    set_claim = __import__("workbench.services.claims", fromlist=["update_claim"]).update_claim
    set_claim(empty_db, ids[0], attribution="the Rhodium Group")
    set_claim(empty_db, ids[1], attribution="Ben King")
    for claim_id in ids:
        set_verdict(empty_db, claim_id, "true", "Checked.")
    assert author_type("the Rhodium Group") == "Organization"  # the word list knows groups too
    reviews = claim_reviews(build_report(empty_db, article_id, "w", author_types=True))
    assert [r["itemReviewed"]["author"] for r in reviews] == [
        {"@type": "Organization", "name": "the Rhodium Group"}, {"@type": "Person", "name": "Ben King"}]


def test_non_claims_are_never_exported(empty_db):
    from workbench.services.claims import update_claim

    article_id, ids = make_article(empty_db, ["Clayton Aldern / Grist is Credit.", "I think the plan is great.",
                                              "Coal generation slid 18 percent in 2023."])
    update_claim(empty_db, ids[1], kind="opinion")
    for claim_id in ids:
        set_verdict(empty_db, claim_id, "true", "Checked.")
    reviews = claim_reviews(build_report(empty_db, article_id, "w"))
    assert [r["claimReviewed"] for r in reviews] == ["Coal generation slid 18 percent in 2023."]


def test_attributed_claim_names_the_speaker(reviews):
    third = next(r for r in reviews if "Tillerson" in r["claimReviewed"])
    assert third["itemReviewed"]["author"] == {"@type": "Person", "name": "Rex Tillerson"}


def test_verdict_without_numeric_rating_has_alternate_name_only(reviews):
    unproven = next(r for r in reviews if r["reviewRating"]["alternateName"] == "Unproven")
    assert unproven["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven"}


def test_fallbacks_without_organisation_url_or_authors(empty_db):
    article_id, ids = make_article(empty_db, ["A claim."], source="/home/me/article.txt", authors=())
    set_verdict(empty_db, ids[0], "false")
    (review,) = claim_reviews(build_report(empty_db, article_id, "w"))
    assert review["author"] == {"@type": "Organization", "name": FALLBACK_AUTHOR}
    assert "url" not in review and "appearance" not in review["itemReviewed"]
    assert "author" not in review["itemReviewed"]


def test_publication_is_the_author_when_there_are_no_authors(empty_db):
    article_id, ids = make_article(empty_db, ["A claim."], source="https://www.foreignpolicy.com/x", authors=())
    set_verdict(empty_db, ids[0], "false")
    (review,) = claim_reviews(build_report(empty_db, article_id, "w"))
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "foreignpolicy.com"}


@pytest.mark.parametrize("name, kind", [
    ("Rex Tillerson", "Person"), ("Choe Son Hui", "Person"), ("Tillerson", "Person"),
    ("a Security Council diplomat", "Person"), ("A National Security Council spokesperson", "Person"),
    ("U.N. Under-Secretary-General Jeffrey Feltman", "Person"),
    ("Joseph Yun (according to current and former U.S. officials)", "Person"),
    ("the State Department", "Organization"), ("several current and former U.S. officials", "Organization"),
    ("Foreign Policy", "Organization"), ("several published reports", "Organization"),
    ("North Korea", "Organization"), ("The Washington Post", "Organization"),
    ("South Sudan", "Person"),  # a heuristic: an unlisted place reads as a name
])
def test_author_type(name, kind):
    assert author_type(name) == kind


def test_claimant_drops_the_reporters_source():
    assert claimant("Joseph Yun (according to current and former U.S. officials)") == "Joseph Yun"
    assert claimant("a Security Council diplomat") == "a Security Council diplomat"


def test_rendered_json_ld_is_safe_inside_a_script_tag(empty_db):
    built = build_sample(empty_db)
    text = render_claimreview(build_report(empty_db, built["article_id"], "w"))
    assert "<" not in text and ">" not in text
    assert json.loads(text)[1]["claimReviewed"].endswith("<script>alert(1)</script> and more.")
