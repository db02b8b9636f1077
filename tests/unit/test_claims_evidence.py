"""Concrete evidence (lower bar), greetings (never claims) and stray quote marks."""

import pytest

from workbench.claims import engine, extract_claims
from workbench.claims.atomic import Unit
from workbench.claims.attribution import QUOTE_SPAN_LIMIT, quote_depths
from workbench.claims.nlp import parse_blocks
from workbench.claims.text import concrete_evidence, opinion_reason


def unit_of(sentence: str) -> tuple[Unit, object]:
    doc = next(iter(parse_blocks([(sentence, [(0, len(sentence))])])))
    sent = next(iter(doc.sents))
    return Unit(tokens=list(sent), attribution=None), sent


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("We're using federal money to retrain out-of-work residents.", "act"),
        ("We are not spending any more money building prisons.", "act"),
        ("Unemployment in the state is 4.1 percent this month.", "measure"),
        ("We're going to fix our foster care and adoption system.", "pledge"),
        ("We will fund the pension system in full this year.", "pledge"),
        ("We're going to continue to invest in our law enforcement.", "pledge"),
        ("The Secretary and I will propose a plan for teacher training.", "pledge"),
        # no concrete evidence: stative, vague, a prediction about others, a greeting
        ("We have a long way to go as a state.", None),
        ("We are having a hard time with the budget.", None),
        ("We know that education is the best path to a good job.", None),
        ("We will get through this together.", None),
        ("I want to thank the cabinet secretaries for their work.", None),
    ],
)
def test_concrete_evidence(sentence, kind):
    unit, _ = unit_of(sentence)
    assert concrete_evidence(unit) == kind


def test_evidence_lowers_the_bar_only_for_its_kind():
    t = 0.5
    act = engine.EVIDENCE_MARGINS["act"]
    assert engine.decide(None, t + act + 0.01, False, t, "act") is None
    assert engine.decide(None, t + act + 0.01, False, t, None) is not None
    assert engine.decide("question", 0.99, False, t, "act") == "question"


@pytest.mark.parametrize(
    "sentence",
    [
        "Thank you, God bless you, and God bless our great state.",
        "I want to thank the cabinet secretaries.",
        "Thanks to all of you who came tonight.",
        "Welcome to the chamber.",
    ],
)
def test_greetings_are_never_claims(sentence):
    unit, sent = unit_of(sentence)
    assert opinion_reason(unit, sent, False) == "greeting"
    assert not extract_claims(sentence)


def test_thanking_told_as_a_fact_stays_a_claim():
    unit, sent = unit_of("The legislature thanked the governor in 2019.")
    assert opinion_reason(unit, sent, False) is None
    unit, sent = unit_of("We welcome 3,000 new residents each year.")
    assert opinion_reason(unit, sent, False) is None


def test_a_stray_quote_mark_does_not_quote_the_rest_of_a_speech():
    body = "We cut the sales tax by 2 percent in 2019. " * 30
    text = 'He wrote a book called "Dreamland. ' + body + 'She said "yes" to it.'
    inside = quote_depths(text)
    assert not any(inside[40 : 40 + len(body) - 20])
    yes = text.index("yes")
    assert inside[yes]  # later quotes are still quotes, not flipped inside out
    assert len(body) > QUOTE_SPAN_LIMIT


def test_quotes_still_span_sentences_and_run_on_at_the_paragraph_end():
    text = 'He said: "We will win. We always do." Then he left. She added: "It is done.'
    inside = quote_depths(text)
    assert inside[text.index("always")] and not inside[text.index("Then")]
    assert inside[text.index("done")]
