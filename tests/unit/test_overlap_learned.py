"""Overlaps that see meaning: one fact in other words is flagged (trend words read by sense, the learned
combination of meaning and wording), while attribute swaps, negations and other facts on the topic are not."""

import pytest

from workbench.domain import Overlap, OverlapKind, OverlapState
from workbench.matching import SUGGEST_THRESHOLD, find_overlaps, semantic
from workbench.matching.article import find_article_overlaps, lead_spans
from workbench.matching.normalize import content_keys
from workbench.matching.overlap_combiner import Combiner, PairSignals, combiner, use
from workbench.matching.overlaps import OverlapScorer
from workbench.services.overlaps import group_overlaps

needs_encoder = pytest.mark.skipif(not semantic.available(), reason="the sentence encoder is not installed")

# one article's claims on U.S. emissions: the coal fact three times, and other facts on the same topic
EMISSIONS = [
    (1, "The U.S. is burning less coal."),
    (2, "Last year saw the largest decline in coal generation in recorded history."),
    (3, "Coal generation slid 18 percent in 2019."),
    (4, "Natural gas use rose 3 percent."),
    (5, "Renewables grew 11 percent in 2019."),
    (6, "Emissions from buildings went up."),
    (7, "Total U.S. emissions fell 2 percent compared with the year before."),
    (8, "Emissions from transportation were flat."),
]


def _groups(drafts):
    flags = [Overlap(i, d.a, d.b, d.score, d.reason, d.kind, OverlapState.FLAGGED)
             for i, d in enumerate(drafts, 1)]
    return [g.claim_ids for g in group_overlaps(flags)]


def test_one_fact_stated_three_times_is_one_group():
    found = find_overlaps(EMISSIONS)
    assert _groups(found) == [(1, 2, 3)]
    assert all(d.kind == OverlapKind.DUPLICATE for d in found if {d.a, d.b} <= {1, 2, 3})
    # other facts about emissions stay apart: gas rose, renewables grew, emissions fell 2 percent
    assert not [d for d in found if {d.a, d.b} & {4, 5, 6, 7, 8}]


@pytest.mark.parametrize("text, says_fall", [
    ("the largest decline in coal generation", True),
    ("coal generation declined 18 percent", True),
    ("coal output declined.", True),
    ("The U.S. is burning less coal", True),
    ("Choe declined to hold any discussions", False),
    ("She declined the invitation", False),
    ("less than 5 percent of the coal", False),
    ("Coal generation slid sharply", True),
])
def test_trend_words_are_read_by_their_sense(text, says_fall):
    keys = content_keys(text)
    assert ("fall" in keys) is says_fall
    if "declined to" in text or "declined the" in text:
        assert "reject" in keys  # refusing is still refusing


def test_a_refusal_does_not_match_a_fall():
    found = find_overlaps([(1, "China declined to cut coal exports."), (2, "Solar panels got cheaper."),
                           (3, "Coal exports declined sharply last year."), (4, "Coal exports fell sharply.")])
    assert [(d.a, d.b) for d in found] == [(3, 4)]


FAST = [
    (1, "The FAST telescope is preparing to open to astronomers worldwide."),
    (2, "Observation time on FAST will be accessible to foreign astronomers."),
    (3, "The FAST dish is 500 metres wide."),
    (4, "FAST took five years to build in Guizhou."),
    (5, "Many fast radio bursts are fleeting."),
]


def test_open_to_astronomers_worldwide_in_other_words_is_flagged():
    found = find_overlaps(FAST)
    assert [(d.a, d.b, d.kind) for d in found] == [(1, 2, OverlapKind.DUPLICATE)]
    assert "astronomers" in found[0].reason


def test_the_headline_overstates_both_the_hedged_and_the_planned_body_claims():
    title = "China's FAST telescope opens to astronomers worldwide"
    body = ("China's FAST telescope is preparing to open to astronomers worldwide next year. "
            "Observation time on FAST will be accessible to foreign astronomers. The dish is 500 metres wide.")
    text = f"{title}\n\n{body}"
    parts = [title, "China's FAST telescope is preparing to open to astronomers worldwide next year",
             "Observation time on FAST will be accessible to foreign astronomers", "The dish is 500 metres wide"]
    claims = [(i, p, text.index(p), text.index(p) + len(p), None) for i, p in enumerate(parts, 1)]
    found = find_article_overlaps(text, claims, lead=lead_spans(text, title, ""))
    over = {(o.a, o.b): o for o in found if o.kind == OverlapKind.OVERSTATES}
    assert set(over) == {(1, 2), (1, 3)}
    assert "is preparing to open" in over[(1, 2)].reason and "will be accessible" in over[(1, 3)].reason
    assert [(o.a, o.b) for o in found if o.kind == OverlapKind.DUPLICATE] == [(2, 3)]


@needs_encoder
def test_the_shipped_combiner_is_read_and_lifts_a_restatement_in_other_words():
    model = combiner()
    assert model is not None and model.p_flag < model.p_certain
    # a fact-check (title, then the claim) and a post saying the same in other words
    pair = [(1, "Did a Senator Say Teachers Should Carry Guns in Class? The senator said in a radio interview "
                "that armed teachers would make schools safer."),
            (2, "This senator actually wants our kids' teachers walking around classrooms with firearms. "
                "Unbelievable."),
            (3, "The city council approved a new budget for parks."), (4, "Plastic bags cost 10 cents now.")]
    with_model = OverlapScorer(pair).score(1, 2).score
    use(None)
    try:
        without = OverlapScorer(pair).score(1, 2).score
    finally:
        use(model)
    assert with_model > without


@needs_encoder
def test_the_combiner_keeps_the_guards_of_the_rule():
    model = combiner()
    claims = [(1, "Colombiana is a film."), (2, "Colombiana is an Irish film."),
              (3, "Meteora is an album."), (4, "Meteora is not an album."),
              (5, "Jens Stoltenberg was Prime Minister of Norway in 2005."),
              (6, "Jens Stoltenberg was Prime Minister of Norway in 2013."),
              (7, "The Dark Knight is a comedy."), (8, "The Matrix is a comedy.")]
    for a, b in ((1, 2), (3, 4), (5, 6), (7, 8)):
        d = OverlapScorer(claims).score(a, b)
        assert d is None or d.score < SUGGEST_THRESHOLD or d.kind == OverlapKind.INCONSISTENCY, (a, b, d)
    assert model is not None


def test_a_combiner_maps_its_probabilities_onto_the_flag_thresholds():
    model = Combiner(weights=(4.0,) + (0.0,) * 9, bias=0.0, mean=(0.5,) + (0.0,) * 9, scale=(0.1,) + (1.0,) * 9,
                     p_flag=0.5, p_certain=0.9)
    flat = dict(containment=0.2, dice=0.2, fuzzy=0.3, content_words=2, figures=0.0, phrases=0, rule=30.0)
    assert model.score(PairSignals(cosine=0.5, **flat)) == pytest.approx(55.0)
    assert model.score(PairSignals(cosine=0.9, **flat)) > 75.0
    assert model.score(PairSignals(cosine=0.2, **flat)) < 40.0
    assert Combiner.from_json(model.to_json()) == model


def test_without_a_combiner_or_vectors_matching_goes_on_with_the_rule(monkeypatch):
    model = combiner()
    use(None)
    try:
        assert _groups(find_overlaps(EMISSIONS)) == [(1, 2, 3)]  # the trend words do it on their own
    finally:
        use(model)
    monkeypatch.setattr(semantic, "embed", lambda texts: None)  # no encoder: no vectors, no learned lift
    assert [(d.a, d.b) for d in find_overlaps(FAST)] == [(1, 2)]
