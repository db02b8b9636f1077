"""Speakers of reports the speech-verb rules do not split: a report verb with an object, "As X
reported, ...", a noun with a that-clause, a colon tag, a quotation framed by any verb."""

import pytest

from tests.unit.claims_helpers import claim_at
from workbench.claims import extract_claims


@pytest.mark.parametrize(
    "text, source_words, speaker, words_kept",
    [
        # a report verb with an object: the subject speaks, the claim keeps every word
        ("German police reported 906 attacks on refugee shelters last year.",
         "German police reported", "German police", "German police reported 906 attacks"),
        ("A new poll showed a lead of 8 points for the mayor in the race.",
         "A new poll showed", "a new poll", "A new poll showed a lead of 8 points"),
        # "As X reported," names the speaker and leaves the claim
        ("As The Daily Ledger reported, the council spent $4 million on the bridge in 2019.",
         "the council spent", "The Daily Ledger", "The council spent $4 million"),
        # the parser hangs the reported clause on a noun of the tag ("for the first time [that ...]")
        ("The State Department less than two weeks ago said for the first time that secret files had "
         "passed through the minister's personal email server.",
         "secret files had", "The State Department", "Secret files had passed"),
        # a report noun with a that-clause: the clause is the owner's claim
        ("The city's statement that the bridge cost $40 million drew criticism.",
         "the bridge cost", "The city", "The bridge cost $40 million"),
        # a quotation framed by a verb no list knows
        ("Hillary Clinton quipped, \"I'm a progressive who likes to get things done on time.\"",
         "I'm a progressive", "Hillary Clinton", "I'm a progressive who likes"),
    ],
)
def test_a_hidden_report_names_its_speaker(text, source_words, speaker, words_kept):
    claim = claim_at(text, source_words)
    assert claim.attribution == speaker
    assert claim.text.startswith(words_kept)


@pytest.mark.parametrize(
    "text, source_words",
    [
        # an act, not a report: the police are no speaker
        ("Police found the car in a lake near the bridge on Monday.", "Police found"),
        # a quotation that describes an object is no quotation of the subject's words
        ("Critics called the plan \"a recipe for a disaster that will cost jobs\".", "Critics called"),
    ],
)
def test_an_act_or_a_description_names_no_speaker(text, source_words):
    claim = claim_at(text, source_words)
    assert claim.attribution is None
    assert claim.text.startswith(source_words)


def test_a_colon_tag_speaks_for_the_quoted_paragraph_after_it():
    text = ("Mayor Tom Baker said in a statement:\n\n"
            "\"The bridge cost $40 million. It opened in 2019 after six years of work.\"")
    claims = extract_claims(text)
    assert [c.attribution for c in claims if not c.text.endswith("is Mayor")] == ["Tom Baker", "Tom Baker"]
    assert not any("said in a statement" in c.text for c in claims)  # the tag alone is no claim


def test_a_colon_tag_speaks_to_the_end_of_its_paragraph_or_of_its_quotation():
    plain = "Mayor Tom Baker said: The bridge cost $40 million. It opened in 2019 after six years of work."
    assert claim_at(plain, "It opened").attribution == "Tom Baker"
    quoted = "Mayor Tom Baker said: \"The bridge cost $40 million.\" It opened in 2019 after six years of work."
    assert claim_at(quoted, "The bridge cost").attribution == "Tom Baker"
    assert claim_at(quoted, "It opened").attribution is None  # the reporter's own sentence


def test_a_title_inside_a_report_is_said_by_the_reporting_speaker():
    text = "Donald Trump has claimed that the real founder of the group is President Barack Obama."
    role = next(c for c in extract_claims(text) if c.text == "Barack Obama is President")
    assert role.attribution == "Donald Trump"


def test_a_report_that_speaks_is_never_a_later_he():
    text = ("A 2014 House Intelligence Committee report found no evidence of wrongdoing by the base chief. "
            "\"We stayed at the base until the evening of the attack,\" he said.")
    assert claim_at(text, "A 2014 House").attribution == "a 2014 House Intelligence Committee report"
    assert claim_at(text, "We stayed").attribution == "he"  # a wrong name is worse than "he"
