"""build_report: one read of an article with everything the report shows, in reading order."""

import sys
import types
from datetime import datetime, timezone

import pytest

from tests.unit.test_report_fixtures import SENTENCES, build_sample, make_article
from workbench.domain import ArchiveClaim, ArchiveMatch, NotFound, OverlapDraft, OverlapState
from workbench.services.overlaps import set_overlap_state
from workbench.services.report_data import build_report
from workbench.storage import claims as claim_repo
from workbench.storage import overlaps as overlap_repo

from tests.conftest import BOTH_BACKENDS

BACKENDS = BOTH_BACKENDS  # every test here runs on a file and on a team workspace


@pytest.fixture
def sample(empty_db):
    built = build_sample(empty_db)
    return empty_db, built


def test_claims_in_reading_order_with_numbers_and_verdicts(sample):
    db, built = sample
    data = build_report(db, built["article_id"], "w.factwb")
    assert [c.text for c in data.claims] == SENTENCES
    assert [c.number for c in data.claims] == list(range(1, len(SENTENCES) + 1))
    assert [c.verdict.key for c in data.claims] == ["true", "false", "mostly-true", "unproven", "true", "unverified"]
    assert data.claims[2].attribution == "Rex Tillerson"
    assert data.claims[0].rationale.startswith("Confirmed by the 2009 statement.")
    assert data.workspace == "w.factwb"
    assert data.organisation == "Desk & Co <Fact Check>"


def test_summary_counts(sample):
    db, built = sample
    data = build_report(db, built["article_id"], "w")
    counts = {vc.option.key: vc.count for vc in data.verdict_counts}
    assert counts == {"unverified": 1, "true": 2, "mostly-true": 1, "mixed": 0, "mostly-false": 0, "false": 1,
                      "unproven": 1, "not-checkable": 0}
    assert sum(counts.values()) == data.total_claims == 6
    assert data.checked_claims == 5
    ev = data.evidence
    assert (ev.links, ev.sources, ev.claims_with_evidence) == (5, 3, 5)
    assert (ev.supports, ev.refutes, ev.context) == (2, 1, 2)  # the confirmed duplicate shares its evidence


def test_overlaps_name_the_other_claim_and_skip_dismissed(sample):
    db, built = sample
    ids = built["claim_ids"]
    data = build_report(db, built["article_id"], "w")
    first = data.claims[0].overlaps
    assert [(o.other_number, o.other_text, o.state) for o in first] == [(5, SENTENCES[4], "confirmed")]
    assert [(o.a_number, o.b_number) for o in data.confirmed_overlaps] == [(1, 5)]
    flagged = next(o for o in overlap_repo.for_article(db, built["article_id"]) if o.claim_a == ids[1])
    set_overlap_state(db, flagged.id, OverlapState.DISMISSED)
    data = build_report(db, built["article_id"], "w")
    assert data.claims[1].overlaps == () and data.claims[3].overlaps == ()


def test_overlap_with_a_claim_of_another_article(empty_db):
    a1, ids1 = make_article(empty_db, ["First article says sixty days."], title="One")
    a2, ids2 = make_article(empty_db, ["Second article says 60 days."], title="Two")
    overlap_repo.insert_many(empty_db, [OverlapDraft(ids1[0], ids2[0], 88.0, "numbers")])
    entry = build_report(empty_db, a2, "w").claims[0]
    assert entry.overlaps[0].other_number is None
    assert entry.overlaps[0].other_article == "One"
    assert entry.overlaps[0].other_text == "First article says sixty days."


def test_sources_are_distinct_and_sorted(sample):
    db, built = sample
    data = build_report(db, built["article_id"], "w")
    assert [s.title for s in data.sources] == ["Bad link", "Pledge report <b>x</b>", "State Department statement"]


def test_generated_at_is_utc_iso(sample):
    db, built = sample
    data = build_report(db, built["article_id"], "w", now=datetime(2026, 1, 2, 3, 4, 5, 999, tzinfo=timezone.utc))
    assert data.generated_at == "2026-01-02T03:04:05Z"
    assert data.generated_date == "2026-01-02"


def test_unknown_article_is_not_found(empty_db):
    with pytest.raises(NotFound):
        build_report(empty_db, 42, "w")


def test_article_without_claims(empty_db):
    article_id, _ = make_article(empty_db, [])
    data = build_report(empty_db, article_id, "w")
    assert data.claims == () and data.total_claims == 0 and data.sources == ()
    assert all(vc.share(0) == 0 for vc in data.verdict_counts)


def test_verdict_no_longer_on_the_scale_still_shows(empty_db):
    article_id, ids = make_article(empty_db, ["A claim."])
    claim_repo.update(empty_db, ids[0], verdict="pants-on-fire")
    data = build_report(empty_db, article_id, "w")
    assert data.claims[0].verdict.label == "Pants on fire"
    assert any(vc.option.key == "pants-on-fire" and vc.count == 1 for vc in data.verdict_counts)


def _fake_archive(monkeypatch, search_many, size=10):
    fake = types.ModuleType("workbench.services.archive")
    fake.archive_size = lambda db: size
    fake.search_many = search_many
    monkeypatch.setitem(sys.modules, "workbench.services.archive", fake)
    import workbench.services as services_pkg
    monkeypatch.setattr(services_pkg, "archive", fake, raising=False)
    return fake


def test_checked_before_uses_the_archive_service_when_present(empty_db, monkeypatch):
    article_id, ids = make_article(empty_db, ["Sixty days without tests.", "Nothing similar."])
    strong = ArchiveMatch(ArchiveClaim(1, "x1", "No tests for sixty days", "Pledge check", "False",
                                       "https://checks.example/1"), 93.0)
    weak = ArchiveMatch(ArchiveClaim(2, "x2", "Unrelated", "", "True", ""), 40.0)

    def search_many(db, queries, top=5, **kwargs):
        yield None
        return [(qid, [weak, strong] if qid == str(ids[0]) else []) for qid, _ in queries]

    _fake_archive(monkeypatch, search_many)
    data = build_report(empty_db, article_id, "w")
    assert [(m.title, m.rating, m.score) for m in data.claims[0].checked_before] == [("Pledge check", "False", 93.0)]
    assert data.claims[1].checked_before == ()


def test_threshold_from_the_archive_service(empty_db, monkeypatch):
    article_id, ids = make_article(empty_db, ["Sixty days without tests."])
    match = ArchiveMatch(ArchiveClaim(1, "x1", "Similar", "", "False", ""), 70.0)

    def search_many(db, queries, top=5, **kwargs):
        return [(qid, [match]) for qid, _ in queries]
        yield  # a generator, like the real one

    fake = _fake_archive(monkeypatch, search_many)
    assert build_report(empty_db, article_id, "w").claims[0].checked_before == ()  # below the default 80
    fake.MATCH_THRESHOLD = 65
    assert len(build_report(empty_db, article_id, "w").claims[0].checked_before) == 1


def test_report_works_when_the_archive_service_fails(empty_db, monkeypatch):
    article_id, _ = make_article(empty_db, ["A claim."])

    def broken(db, queries, top=5, **kwargs):
        raise RuntimeError("index missing")
        yield

    _fake_archive(monkeypatch, broken)
    assert build_report(empty_db, article_id, "w").claims[0].checked_before == ()


def test_real_archive_service_with_an_empty_archive(empty_db):
    article_id, _ = make_article(empty_db, ["A claim."])
    assert build_report(empty_db, article_id, "w").claims[0].checked_before == ()
