"""Stand-alone text, kinds and the keep/leave-out decision on small self-written sentences."""

import pytest

from workbench.claims import engine, extract_claims
from workbench.claims.nlp import parse_blocks
from workbench.claims.scorer import features, get_scorer
from workbench.domain import ClaimKind


def texts(text: str) -> list[str]:
    return [c.text for c in extract_claims(text)]


def find(text: str, words: str):
    hits = [c for c in extract_claims(text) if words.lower() in c.text.lower()]
    assert hits, f"no claim mentions {words!r}: {texts(text)}"
    return hits[0]


def test_contrast_clause_keeps_its_other_conjunction():
    text = (
        "The minister said he was open to a first meeting with the rebels in Geneva, "
        "though only after they released the hostages taken in March."
    )
    assert not any(t.startswith("Only they") for t in texts(text))
    assert any(t.startswith("Only after the rebels released") for t in texts(text))


def test_conjunct_hung_on_the_reported_clause_gets_the_speaker_as_subject():
    text = (
        'When he got back, Feltman said there could "only be a diplomatic solution" in the region, '
        "and underscored the urgency of opening channels to the northern government."
    )
    c = find(text, "underscored the urgency")
    assert c.text.startswith("Feltman underscored")
    assert c.attribution is None  # his own act, told by the article


def test_it_of_a_conjoined_verb_names_the_first_subject():
    text = "The Trump administration is sending mixed signals, and it is undermining the talks in Geneva."
    c = find(text, "undermining the talks")
    assert c.text.startswith("The Trump administration is undermining")


def test_adverbial_clause_keeps_its_conjunction():
    text = "Before the month was over, the army launched its largest missile, a Hwasong-15."
    assert texts(text)[0].startswith("Before the month was over")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The minister met the rebel leaders for a first meeting in Geneva without preconditions.",
         ClaimKind.STATEMENT),
        ("The following month, one of those detainees, a student named Otto Warmbier, was released.",
         ClaimKind.DATE_EVENT),
        ("The ministry closed 14 stations on the northern line.", ClaimKind.NUMBER),
        ("One hundred workers lost their jobs at the plant.", ClaimKind.NUMBER),
    ],
)
def test_number_kind_is_for_real_quantities(text, kind):
    claims = extract_claims(text)
    assert claims and claims[0].kind == kind, [(c.text, c.kind) for c in claims]


@pytest.mark.parametrize(
    "text",
    [
        "The Trump administration has done a pretty good job of tightening the screws.",
        "The new budget plan is terrible.",
        "Pyongyang seemed to have gotten cold feet about the talks.",
    ],
)
def test_evaluations_and_speculation_are_not_claims(text):
    assert extract_claims(text) == []


def test_hedge_inside_a_relative_clause_does_not_hide_the_fact():
    text = "The council closed the bridge, which might reopen next year, on March 3, 2024."
    assert any("closed the bridge" in t for t in texts(text))


def test_decide_rule():
    t = 0.5
    assert engine.decide("modal", 0.99, False, t) == "modal"
    assert engine.decide(None, 0.49, False, t) == "low factual score"
    assert engine.decide(None, 0.51, False, t) is None
    # A specific plan is kept at a lower bar.
    assert engine.decide(None, t + engine.PLAN_MARGIN + 0.01, True, t) is None
    assert engine.decide(None, t + engine.PLAN_MARGIN + 0.01, False, t) is not None


def test_specific_pledge_in_a_speech_is_a_claim():
    text = "This year my budget will invest $40 million in rural broadband for Sussex County."
    assert extract_claims(text)


def test_features_carry_clause_and_vector_parts():
    text = "We raised taxes for 10 million families in 2019."
    doc = next(parse_blocks([(text, [(0, len(text))])]))
    f = features(doc)
    assert f["subj_p1"] == 1.0 and f["tense_past"] == 1.0 and f["p1_past"] == 1.0
    assert f["quantity"] == 1.0
    assert sum(1 for k in f if k.startswith("v") and k[1:].isdigit()) == 96
    scorer = get_scorer()
    assert scorer is not None
    assert scorer.factual.probability(f) > scorer.factual.threshold


@pytest.mark.parametrize(
    "text",
    [
        "I believe that taxes are too high and that the state spends too much on roads.",
        "I think the council raised fares and that it closed two stations in May.",
    ],
)
def test_split_off_clause_keeps_the_opinion_frame(text):
    assert extract_claims(text) == []


def test_opinion_frame_does_not_reach_a_coordinated_fact():
    claims = texts("We closed the plant in May, and I think it was the right call.")
    assert claims == ["We closed the plant in May"]
