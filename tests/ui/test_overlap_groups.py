"""A fact stated three times is one group in the side panel, reviewed with one click and one undo step."""

from PySide6.QtWidgets import QPushButton

from tests.ui.conftest import SENTENCES
from workbench.domain import OverlapDraft, OverlapState
from workbench.services.claims import list_claims
from workbench.services.evidence import EvidenceInput, add_evidence, evidence_for_claim
from workbench.storage import overlaps as overlap_repo


def _three_times(win):
    """Claims 2, 3 and 4 flagged pairwise (2-4 already is): one fact stated three times."""
    db = win.session.db
    claims = list_claims(db, win.article_id)
    overlap_repo.insert_many(db, [OverlapDraft(claims[1].id, claims[2].id, 61.0, "similar meaning (0.71)"),
                                  OverlapDraft(claims[2].id, claims[3].id, 58.0, "shared: treaty")])
    return claims


def _buttons(card):
    return {b.text(): b for b in card.findChildren(QPushButton)}


def test_three_statements_show_as_one_group_card(window, qtbot):
    claims = _three_times(window)
    window.table.select_claim(claims[3].id)
    cards = window.side.overlap_cards.cards
    assert len(cards) == 1  # one group, not three pairs
    group = cards[0]
    assert [c.id for c in group.others] == [claims[1].id, claims[2].id]
    texts = [label.text() for label in group.findChildren(type(window.side.overlap_hint))]
    assert any("stated 3 times" in t for t in texts)
    assert any(SENTENCES[1] in t for t in texts) and any(SENTENCES[2][:20] in t for t in texts)


def test_go_to_selects_a_member(window, qtbot):
    claims = _three_times(window)
    window.table.select_claim(claims[3].id)
    go = [b for b in window.side.overlap_cards.cards[0].findChildren(QPushButton) if b.text() == "Go to"]
    go[0].click()
    qtbot.waitUntil(lambda: window.side.claim.id == claims[1].id)


def test_confirm_all_shares_evidence_and_undoes_in_one_step(window, qtbot):
    claims = _three_times(window)
    db = window.session.db
    add_evidence(db, claims[1].id, EvidenceInput(url="https://example.org/treaty", title="Treaty text"))
    window.table.select_claim(claims[3].id)
    _buttons(window.side.overlap_cards.cards[0])["Confirm all"].click()
    qtbot.waitUntil(lambda: all(ov.state == OverlapState.CONFIRMED for ov in overlap_repo.for_article(db, window.article_id)))
    assert [len(evidence_for_claim(db, c.id)) for c in claims[1:]] == [1, 1, 1]
    card = window.side.overlap_cards.cards[0]
    assert "Confirm all" not in _buttons(card)
    window.session.undo_stack.undo()
    qtbot.waitUntil(lambda: all(ov.state == OverlapState.FLAGGED for ov in overlap_repo.for_article(db, window.article_id)))
    assert [len(evidence_for_claim(db, c.id)) for c in claims[1:]] == [1, 0, 0]


def test_dismiss_all_breaks_the_group(window, qtbot):
    claims = _three_times(window)
    db = window.session.db
    window.table.select_claim(claims[2].id)
    _buttons(window.side.overlap_cards.cards[0])["Dismiss all"].click()
    qtbot.waitUntil(lambda: all(ov.state == OverlapState.DISMISSED for ov in overlap_repo.for_article(db, window.article_id)))
    cards = window.side.overlap_cards.cards
    assert len(cards) == 2 and all(hasattr(c, "overlap") for c in cards)  # dismissed pairs, shown one by one


def test_an_overstatement_shows_as_such(window, qtbot):
    from workbench.domain import OverlapKind

    db = window.session.db
    claims = list_claims(db, window.article_id)
    overlap_repo.insert_many(db, [OverlapDraft(claims[0].id, claims[2].id, 64.0,
                                               "the headline states as done “met”; the body says “could meet”",
                                               OverlapKind.OVERSTATES)])
    window.table.select_claim(claims[0].id)
    card = window.side.overlap_cards.cards[0]
    texts = [label.text() for label in card.findChildren(type(window.side.overlap_hint))]
    assert texts[0].startswith("Headline overstates the body · score 64")
    assert "the body says “could meet”" in texts[2]
    assert _buttons(card)["Confirm"].toolTip() == "The headline states as done what the body hedges"
