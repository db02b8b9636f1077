"""Speakers past their own sentence: a quotation over several sentences, a question closing a
quote before its tag, the doubled-apostrophe quotes of some archives, transcript and headline
labels."""

import pytest

from tests.unit.claims_helpers import claim_at
from workbench.claims.quotes import quote_depths


@pytest.mark.parametrize(
    "text, source_words, speaker",
    [
        # the tag opens the quotation; its later sentences are still the speaker's
        ("In a Bloomberg interview Donald Trump declared \u201cNATO may be obsolete. NATO was set up "
         "a long time ago, many, many years ago. Things are different now.\u201d",
         "NATO was set up", "Donald Trump"),
        # a question closing a quote, then its tag: one sentence, so the next quote has a speaker
        ("\u201cHow many times do we have to see this in our country?\u201d Hillary Clinton said. "
         "\u201cIn Tulsa, police shot an unarmed man with his hands in the air in May.\u201d",
         "In Tulsa", "Hillary Clinton"),
        # doubled apostrophes are quote marks (the New York Times archive)
        ("Mike Schmidt, an adviser at the campaign, spoke on Monday. ''The plan would raise $40 billion "
         "over ten years. It would cut taxes for 5 million families,'' Mr. Schmidt said.",
         "The plan would raise", "Mike Schmidt"),
        # a transcript: the label speaks every sentence of its paragraph
        ("PENCE: Gennifer Flowers will not be attending the debate tomorrow night. Donald Trump was "
         "using the tweet yesterday to mock an effort by the Clinton campaign.",
         "Donald Trump was using", "PENCE"),
        # a headline label
        ("Poll: Wealthy Voters Abandon Republican Party for Hillary Clinton", "Wealthy Voters", "Poll"),
    ],
)
def test_a_speaker_reaches_past_its_sentence(text, source_words, speaker):
    assert claim_at(text, source_words).attribution == speaker


@pytest.mark.parametrize(
    "text, source_words",
    [
        # page furniture and places are no speakers
        ("UPDATE: The council cut the rail budget by 12 percent on Monday.", "UPDATE"),
        ("Syria: Fifty people were killed in Aleppo on Monday.", "Syria"),
    ],
)
def test_a_label_that_is_no_speaker_gives_none(text, source_words):
    assert claim_at(text, source_words).attribution is None


def test_doubled_apostrophes_quote_like_a_straight_quote():
    text = "He said ''We will win,'' and left."
    marked = "".join(ch for ch, q in zip(text, quote_depths(text)) if q)
    assert marked == "''We will win,''"


@pytest.mark.parametrize(
    "text, source_words, speaker",
    [
        ("The Tax Foundation estimated that the plan would cost the Treasury $374 billion over 10 years.",
         "the plan would cost", "The Tax Foundation"),
        ("Donald Trump tweeted on Friday that the former pageant winner had a criminal record.",
         "the former pageant winner", "Donald Trump"),
    ],
)
def test_report_verbs_learned_from_news_name_their_speaker(text, source_words, speaker):
    assert claim_at(text, source_words).attribution == speaker


def test_a_report_verb_in_the_first_person_stays_an_opinion_frame():
    from workbench.claims import extract_claims

    text = "I worried that the plan would cost the Treasury $374 billion."
    assert all("worried" in c.text for c in extract_claims(text))  # never split off as a report


@pytest.mark.parametrize(
    "text, source_words, speaker",
    [
        # the parser hangs "is stressing" under the dash list's last noun
        ("Hillary Clinton spoke in Ohio on Monday.\n\nClinton is stressing that her plans will solve the "
         "problems facing American families \u2014 the high cost of childcare, mounting student debt and "
         "unpaid family leave.", "her plans will solve", "Hillary Clinton"),
        # "charges" read as a noun, the clause hung on "hours": the name and the verb still report
        ("Donald Trump spoke in Ohio on Monday.\n\nTrump charges that countries that stand to benefit "
         "from the deal donated millions of dollars to the foundation.", "countries that stand", "Trump"),
    ],
)
def test_a_report_the_parser_buried_still_names_its_speaker(text, source_words, speaker):
    assert claim_at(text, source_words).attribution in (speaker, f"Donald {speaker}")


def test_a_reported_question_is_not_split_off_as_a_claim():
    from workbench.claims import extract_claims

    text = "The senator asked whether the plan would cost the Treasury $374 billion over 10 years."
    assert all(c.text.lower().startswith("the senator") for c in extract_claims(text))


def test_a_conditional_after_a_speech_verb_is_still_reported():
    text = ("Ted Cruz spoke in Iowa.\n\nCruz said, If we give up the Supreme Court for a generation, we "
            "will lose the country for 40 years.")
    assert claim_at(text, "If we give up").attribution == "Ted Cruz"


def test_a_no_break_space_never_reaches_the_speaker():
    text = "Ted Cruz spoke in Iowa.\n\nThe court will rule on Monday, the\u00a0Daily News\u00a0reported."
    assert claim_at(text, "The court will rule").attribution == "the Daily News"
