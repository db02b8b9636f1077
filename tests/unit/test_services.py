"""Use cases a person performs: verdicts, evidence, claim edits and their exact undo."""

import pytest

from workbench.domain import ClaimDraft, InvalidInput, OverlapDraft, OverlapState, Stance
from workbench.services import claims as claims_service
from workbench.services import evidence as evidence_service
from workbench.services import overlaps as overlap_service
from workbench.services.evidence import EvidenceInput
from workbench.storage import articles as article_repo
from workbench.storage import claims as claim_repo
from workbench.storage import overlaps as overlap_repo
from workbench.text import parse_text
from workbench.text.importer import content_hash

from tests.conftest import BOTH_BACKENDS

BACKENDS = BOTH_BACKENDS  # every test here runs on a file and on a team workspace

TEXT = ("Bus fares rise\n\n"
        "The city bought 40 electric buses in 2020 and raised fares by 10 percent, the mayor said.\n\n"
        "Officials said the city bought forty buses that year.")


@pytest.fixture
def article(empty_db):
    parsed = parse_text(TEXT)
    with empty_db.atomic():
        return article_repo.insert(empty_db, parsed, content_hash(parsed))


def _claim(db, article, words: str) -> int:
    start = article.text.index(words)
    return claims_service.add_claim(db, article.id, start, start + len(words)).added_claims[0]


def _state(db, article_id):
    return [(c.id, c.text, c.start, c.end, c.verdict, c.evidence_count) for c in claim_repo.for_article(db, article_id)]


def test_add_evidence_reuses_one_source_per_url(empty_db, article):
    a = _claim(empty_db, article, "The city bought 40 electric buses in 2020")
    b = _claim(empty_db, article, "the city bought forty buses that year")
    evidence_service.add_evidence(empty_db, a, EvidenceInput("https://City.gov/report?utm_source=x#p2", "Annual report",
                                                             "City of X", "2021-01-05", "40 buses", Stance.SUPPORTS))
    evidence_service.add_evidence(empty_db, b, EvidenceInput("https://city.gov/report", quote="forty"))
    sources = evidence_service.all_sources(empty_db)
    assert [s.url for s in sources] == ["https://city.gov/report"]
    assert sources[0].title == "Annual report" and sources[0].published == "2021-01-05"
    assert evidence_service.suggest_sources(empty_db, "annual")[0].url == "https://city.gov/report"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://x.org/a", "data:text/html,hi",
                                 "", "not a url", "https://"])
def test_only_http_links_are_stored(empty_db, article, url):
    a = _claim(empty_db, article, "The city bought 40 electric buses in 2020")
    with pytest.raises(InvalidInput):
        evidence_service.add_evidence(empty_db, a, EvidenceInput(url))
    assert evidence_service.all_sources(empty_db) == []


def test_bad_date_and_stance_are_refused(empty_db, article):
    a = _claim(empty_db, article, "The city bought 40 electric buses in 2020")
    with pytest.raises(InvalidInput, match="date"):
        evidence_service.add_evidence(empty_db, a, EvidenceInput("https://a.org", published="last week"))
    with pytest.raises(InvalidInput, match="Stance"):
        evidence_service.add_evidence(empty_db, a, EvidenceInput("https://a.org", stance="maybe"))
    assert evidence_service.all_sources(empty_db) == []


def test_remove_and_restore_evidence_round_trip(empty_db, article):
    a = _claim(empty_db, article, "The city bought 40 electric buses in 2020")
    ev, _ = evidence_service.add_evidence(empty_db, a, EvidenceInput("https://a.org/x", quote="q", stance="refutes"))
    removed, _ = evidence_service.remove_evidence(empty_db, ev.id)
    assert evidence_service.evidence_for_claim(empty_db, a) == []
    evidence_service.restore_evidence(empty_db, removed)
    assert evidence_service.evidence_for_claim(empty_db, a) == [ev]


def test_split_then_revert_restores_exactly(empty_db, article):
    words = "The city bought 40 electric buses in 2020 and raised fares by 10 percent"
    a = _claim(empty_db, article, words)
    claims_service.set_verdict(empty_db, a, "mostly-true", "Checked with the transport office.")
    evidence_service.add_evidence(empty_db, a, EvidenceInput("https://a.org/x", quote="q"))
    before = _state(empty_db, article.id)
    at = article.text.index(" and raised")
    changes = claims_service.split_claim(empty_db, a, at)
    parts = claim_repo.for_article(empty_db, article.id)
    assert [p.text for p in parts] == ["The city bought 40 electric buses in 2020", "raised fares by 10 percent"]  # "and" trimmed
    assert all(p.verdict == "mostly-true" and p.evidence_count == 1 for p in parts)
    undone = claims_service.revert(empty_db, changes)
    assert _state(empty_db, article.id) == before
    claims_service.revert(empty_db, undone)  # redo
    assert [p.text for p in claim_repo.for_article(empty_db, article.id)] == [p.text for p in parts]


def test_merge_and_delete_revert(empty_db, article):
    a = _claim(empty_db, article, "The city bought 40 electric buses in 2020")
    b = _claim(empty_db, article, "raised fares by 10 percent")
    before = _state(empty_db, article.id)
    merged = claims_service.merge_claims(empty_db, [a, b])
    (only,) = claim_repo.for_article(empty_db, article.id)
    assert only.text == "The city bought 40 electric buses in 2020 and raised fares by 10 percent"
    claims_service.revert(empty_db, merged)
    assert _state(empty_db, article.id) == before
    deleted = claims_service.delete_claim(empty_db, a)
    assert len(claim_repo.for_article(empty_db, article.id)) == 1
    claims_service.revert(empty_db, deleted)
    assert _state(empty_db, article.id) == before


def test_split_outside_claim_is_refused(empty_db, article):
    a = _claim(empty_db, article, "The city bought 40 electric buses in 2020")
    with pytest.raises(InvalidInput, match="inside"):
        claims_service.split_claim(empty_db, a, 0)


def test_empty_claim_text_is_refused(empty_db, article):
    a = _claim(empty_db, article, "The city bought 40 electric buses in 2020")
    with pytest.raises(InvalidInput, match="empty"):
        claims_service.update_claim(empty_db, a, text="   ")
    assert claim_repo.get(empty_db, a).text == "The city bought 40 electric buses in 2020"


def test_confirming_a_duplicate_shares_evidence(empty_db, article):
    a = _claim(empty_db, article, "The city bought 40 electric buses in 2020")
    b = _claim(empty_db, article, "the city bought forty buses that year")
    with empty_db.atomic():
        overlap_repo.insert_many(empty_db, [OverlapDraft(b, a, 88.0, "same number 40")])
    (ov, other), = overlap_service.overlaps_for_claim(empty_db, a)
    assert other.id == b and ov.state == OverlapState.FLAGGED
    evidence_service.add_evidence(empty_db, a, EvidenceInput("https://a.org/x", quote="40 buses", stance="supports"))
    previous, changes = overlap_service.set_overlap_state(empty_db, ov.id, OverlapState.CONFIRMED)
    assert previous == OverlapState.FLAGGED and changes.evidence
    assert [e.source.url for e in evidence_service.evidence_for_claim(empty_db, b)] == ["https://a.org/x"]
    overlap_service.undo_overlap_state(empty_db, ov.id, previous, changes)
    assert evidence_service.evidence_for_claim(empty_db, b) == []
    assert len(evidence_service.evidence_for_claim(empty_db, a)) == 1
    assert overlap_repo.get(empty_db, ov.id).state == OverlapState.FLAGGED


def test_dismissed_overlap_is_not_counted_and_stays_dismissed(empty_db, article):
    a = _claim(empty_db, article, "The city bought 40 electric buses in 2020")
    b = _claim(empty_db, article, "the city bought forty buses that year")
    with empty_db.atomic():
        overlap_repo.insert_many(empty_db, [OverlapDraft(a, b, 70.0, "x")])
    ov = overlap_repo.for_claim(empty_db, a)[0]
    overlap_service.set_overlap_state(empty_db, ov.id, OverlapState.DISMISSED)
    assert claim_repo.get(empty_db, a).overlap_count == 0
    with empty_db.atomic():
        assert overlap_repo.insert_many(empty_db, [OverlapDraft(a, b, 75.0, "again")]) == 0
    assert overlap_repo.get(empty_db, ov.id).state == OverlapState.DISMISSED


def test_insert_claim_draft_keeps_kind(empty_db, article):
    from workbench.domain import ClaimKind

    with empty_db.atomic():
        claim = claim_repo.insert(empty_db, article.id, ClaimDraft("x y", 0, 3, kind=ClaimKind.NUMBER))
    assert claim.kind == ClaimKind.NUMBER


@pytest.mark.parametrize(("url", "stored"), [("http://[::1]:8080/x", "http://[::1]:8080/x"),
                                             ("HTTPS://Example.COM:443/a#frag", "https://example.com/a")])
def test_url_normalisation_keeps_what_identifies_the_page(url, stored):
    from workbench.domain.urls import normalise_url

    assert normalise_url(url) == stored


@pytest.mark.parametrize("url", ["http://example.com:abc/x", "http://example.com:99999/", "http://[bad/x"])
def test_malformed_urls_are_refused_with_a_message(url):
    from workbench.domain.urls import is_openable, normalise_url

    with pytest.raises(InvalidInput, match="Not a valid URL"):
        normalise_url(url)
    assert not is_openable(url)


def test_source_suggestions_treat_wildcards_as_text(empty_db, article):
    a = _claim(empty_db, article, "The city bought 40 electric buses in 2020")
    evidence_service.add_evidence(empty_db, a, EvidenceInput("https://a.org/x", title="Annual report"))
    evidence_service.add_evidence(empty_db, a, EvidenceInput("https://b.org/y", title="snake_case guide"))
    assert [s.title for s in evidence_service.suggest_sources(empty_db, "_")] == ["snake_case guide"]
    assert evidence_service.suggest_sources(empty_db, "%") == []


def test_cancel_during_overlap_search_stores_nothing(empty_db, monkeypatch):
    import threading

    from workbench.domain import Cancelled
    from workbench.services import articles as article_service
    from workbench.services.workspace import drain

    cancel = threading.Event()
    real = article_service._within

    def slow_overlaps(text, drafts):
        found = real(text, drafts)
        cancel.set()  # the person presses Cancel while overlaps are being computed
        return found

    monkeypatch.setattr(article_service, "_within", slow_overlaps)
    with pytest.raises(Cancelled):
        drain(article_service.import_pasted(empty_db, TEXT, cancel=cancel))
    assert article_service.list_articles(empty_db) == []
    assert empty_db.execute("SELECT count(*) FROM claims").fetchone()[0] == 0


def test_editing_evidence_into_a_duplicate_link_is_refused(empty_db, article):
    a = _claim(empty_db, article, "The city bought 40 electric buses in 2020")
    evidence_service.add_evidence(empty_db, a, EvidenceInput("https://a.org/x", quote="first"))
    second, _ = evidence_service.add_evidence(empty_db, a, EvidenceInput("https://a.org/x", quote="second"))
    with pytest.raises(InvalidInput, match="already linked"):
        evidence_service.update_evidence(empty_db, second.id, EvidenceInput("https://a.org/x", quote="first"))
    assert evidence_service.evidence_for_claim(empty_db, a)[1].quote == "second"
