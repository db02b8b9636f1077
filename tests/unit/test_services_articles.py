"""Renaming and deleting articles: one transaction each, history appended, and a deletion undone exactly."""

import pytest

from workbench.domain import InvalidInput, NotFound, OverlapDraft, ParsedArticle
from workbench.services import articles as article_service
from workbench.services import claims as claims_service
from workbench.services import evidence as evidence_service
from workbench.services.evidence import EvidenceInput
from workbench.storage import articles as article_repo
from workbench.storage import claims as claim_repo
from workbench.storage import history
from workbench.storage import overlaps as overlap_repo

from tests.conftest import BOTH_BACKENDS

BACKENDS = BOTH_BACKENDS  # every test here runs on a file and on a team workspace

TEXT = ("The city bought 40 electric buses in 2020, the mayor said.\n\n"
        "Officials said the city bought forty buses that year.")
OTHER = "A council report says the city bought 40 buses in 2020."


def _article(db, text: str, digest: str, title: str = "Bus fares rise"):
    with db.atomic():
        return article_repo.insert(db, ParsedArticle(title=title, text=text), digest)


def _claim(db, article, words: str) -> int:
    start = article.text.index(words)
    return claims_service.add_claim(db, article.id, start, start + len(words)).added_claims[0]


def _state(db):
    """Everything a person can see of the workspace's articles, claims, evidence and overlaps."""
    claims = db.execute_returning_dicts(
        'SELECT id, article_id, text, start, "end", verdict, rationale FROM claims ORDER BY id')
    evidence = db.execute_returning_dicts("SELECT id, claim_id, source_id, quote, stance FROM evidence ORDER BY id")
    overlaps = db.execute_returning_dicts("SELECT claim_a, claim_b, score, state FROM overlaps ORDER BY claim_a")
    articles = db.execute_returning_dicts("SELECT id, title, text, content_hash FROM articles ORDER BY id")
    return articles, claims, evidence, overlaps


@pytest.fixture
def two_articles(empty_db):
    """Article 1 with two claims (one with a verdict and evidence), article 2 overlapping with it."""
    first = _article(empty_db, TEXT, "hash-1")
    second = _article(empty_db, OTHER, "hash-2", "Council report")
    a = _claim(empty_db, first, "The city bought 40 electric buses in 2020")
    b = _claim(empty_db, first, "the city bought forty buses that year")
    c = _claim(empty_db, second, "the city bought 40 buses in 2020")
    claims_service.set_verdict(empty_db, a, "true", "The purchase order lists 40 buses.")
    evidence_service.add_evidence(empty_db, a, EvidenceInput("https://city.example.gov/orders", "Orders",
                                                             quote="40 buses"))
    overlap_repo.insert_many(empty_db, [OverlapDraft(a, b, 91.0, "same fact"), OverlapDraft(a, c, 85.0, "same")])
    return first, second


def test_rename_stores_the_plain_text_on_one_line(empty_db, two_articles):
    first, _ = two_articles
    changes = article_service.rename_article(empty_db, first.id, "  Bus <b>fares</b>\n& the\tmayor ")
    assert article_repo.get(empty_db, first.id).title == "Bus <b>fares</b> & the mayor"
    assert first.id in changes.article_ids and changes.extra[article_service.LIBRARY]
    (entry,) = history.entries(empty_db, "article", first.id)[-1:]
    assert (entry.action, entry.before, entry.after) == (
        "rename", {"title": "Bus fares rise"}, {"title": "Bus <b>fares</b> & the mayor"})


@pytest.mark.parametrize("title", ["", "   ", "\n\t", "\x00\x07"])
def test_an_empty_title_is_refused_and_nothing_changes(empty_db, two_articles, title):
    first, _ = two_articles
    rows = len(history.entries(empty_db))
    with pytest.raises(InvalidInput, match="needs a title"):
        article_service.rename_article(empty_db, first.id, title)
    assert article_repo.get(empty_db, first.id).title == "Bus fares rise"
    assert len(history.entries(empty_db)) == rows


def test_a_too_long_title_and_an_unknown_article_are_refused(empty_db, two_articles):
    first, _ = two_articles
    with pytest.raises(InvalidInput, match="too long"):
        article_service.rename_article(empty_db, first.id, "x" * (article_service.MAX_TITLE + 1))
    with pytest.raises(NotFound):
        article_service.rename_article(empty_db, 999, "Title")


def test_renaming_to_the_same_title_changes_nothing(empty_db, two_articles):
    first, _ = two_articles
    rows = len(history.entries(empty_db))
    assert article_service.rename_article(empty_db, first.id, " Bus fares rise ") == article_service.Changes()
    assert len(history.entries(empty_db)) == rows


def test_delete_then_restore_brings_everything_back_with_the_same_ids(empty_db, two_articles):
    first, second = two_articles
    before = _state(empty_db)
    deleted, changes = article_service.delete_article(empty_db, first.id)
    assert first.id in changes.article_ids
    assert [a.id for a in article_service.list_articles(empty_db)] == [second.id]
    assert empty_db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0
    assert [c.overlap_count for c in claim_repo.for_article(empty_db, second.id)] == [0]
    assert len(deleted.claims) == 2
    article_service.restore_article(empty_db, deleted)
    assert _state(empty_db) == before
    actions = [e.action for e in history.entries(empty_db, "article", first.id)]
    assert actions[-2:] == ["delete", "restore"]


def test_a_deleted_article_id_is_not_reused_so_undo_still_works(empty_db, two_articles):
    _, second = two_articles
    deleted, _ = article_service.delete_article(empty_db, second.id)  # the newest: its id would come next
    third = _article(empty_db, "Something else entirely.", "hash-3", "Third")
    assert third.id > second.id
    article_service.restore_article(empty_db, deleted)
    assert [a.title for a in article_service.list_articles(empty_db)] == ["Bus fares rise", "Council report", "Third"]


def test_restore_is_refused_when_the_article_was_imported_again(empty_db, two_articles):
    first, _ = two_articles
    deleted, _ = article_service.delete_article(empty_db, first.id)
    _article(empty_db, TEXT, "hash-1", "Bus fares rise again")
    with pytest.raises(InvalidInput, match="imported again"):
        article_service.restore_article(empty_db, deleted)
    assert [a.title for a in article_service.list_articles(empty_db)] == ["Council report", "Bus fares rise again"]


def test_restore_skips_an_overlap_whose_other_claim_is_gone(empty_db, two_articles):
    first, second = two_articles
    deleted, _ = article_service.delete_article(empty_db, first.id)
    article_service.delete_article(empty_db, second.id)
    article_service.restore_article(empty_db, deleted)
    claims = claim_repo.for_article(empty_db, first.id)
    assert [c.overlap_count for c in claims] == [1, 1]  # the pair inside the article is back, not the other


def test_deleting_a_missing_article_is_a_clear_error(empty_db):
    with pytest.raises(NotFound):
        article_service.delete_article(empty_db, 42)
