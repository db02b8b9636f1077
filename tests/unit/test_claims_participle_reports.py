"""Reports whose tag the speech-verb rules did not read: a participle or infinitive sharing its
subject ("began by saying", "after determining that", "continues to tell"), a noun carrying a
participle ("calls saying"), a tag between two halves of a sentence, a tag the parser did not
hang over its clause, and conclusions stated by a named or described party."""

import pytest

from tests.unit.claims_helpers import claim_at
from workbench.claims import extract_claims


def _claims(text: str) -> list[tuple[str | None, str]]:
    return [(c.attribution, c.text) for c in extract_claims(text)]


@pytest.mark.parametrize(
    "text, source_words, speaker, claim",
    [
        # a frame that says nothing of its own: the frame's subject speaks, the frame leaves
        ("Baker concluded by making it clear to the judge that a jail term would be out of the "
         "ordinary for a first offense.", "a jail term", "Baker",
         "A jail term would be out of the ordinary for a first offense"),
        ("The county board continues to tell residents that the new landfill has passed every "
         "state inspection since 2019.", "the new landfill", "The county board",
         "The new landfill has passed every state inspection since 2019"),
    ],
)
def test_a_framed_report_is_said_by_the_frames_subject(text, source_words, speaker, claim):
    found = claim_at(text, source_words)
    assert (found.attribution, found.text) == (speaker, claim)


def test_a_report_hung_on_an_act_leaves_the_act_a_claim_of_its_own():
    claims = _claims("Police had charged the driver after determining that a camera recording "
                     "showed him speeding through the school zone.")
    assert (None, "Police had charged the driver") in claims
    assert ("Police", "A camera recording showed him speeding through the school zone") in claims


@pytest.mark.parametrize(
    "text, act, speaker, said",
    [
        ("Shortly after noon, police received calls saying shots had been fired inside the mall.",
         "Shortly after noon, police received calls", "calls", "Shots had been fired inside the mall"),
        ("There were also emails that night showing that county officials knew the dam was failing.",
         "There were also emails that night", "emails", "County officials knew the dam was failing"),
    ],
)
def test_a_noun_carrying_a_report_speaks_it(text, act, speaker, said):
    claims = _claims(text)
    assert (None, act) in claims
    assert (speaker, said) in claims


def test_a_participle_inside_the_subject_leaves_the_sentence_whole():
    # the share fell: what the voters say is part of the fact, not a report of its own
    text = "The share of Ohio voters saying they want a new stadium fell to 31 percent in March."
    assert _claims(text) == [(None, text[:-1])]


def test_a_tag_between_two_halves_of_a_sentence_leaves_both():
    found = claim_at("These were not honest mistakes, Baker noted; the agency had deliberately hidden "
                     "its records from the court.", "These")
    assert (found.attribution, found.text) == (
        "Baker", "These were not honest mistakes; the agency had deliberately hidden its records from the court")


@pytest.mark.parametrize(
    "text, source_words, speaker, claim",
    [
        # the parser hung the tag under the clause's subject: read from the words
        ("Several newspapers reported on Tuesday the mayor had met the developer twice.", "the mayor",
         "Several newspapers", "The mayor had met the developer twice"),
        ("The Daily Ledger's Anna Brook previously reported, The Morton Foundation refused to release "
         "the names of 1,076 donors.", "The Morton", "The Daily Ledger's Anna Brook",
         "The Morton Foundation refused to release the names of 1,076 donors"),
    ],
)
def test_an_opening_tag_the_parser_missed_names_the_speaker(text, source_words, speaker, claim):
    found = claim_at(text, source_words)
    assert (found.attribution, found.text) == (speaker, claim)


def test_an_addressee_folded_into_the_clause_leaves_the_sentence_whole():
    text = "Trump tells 3,000 in Reno NFL has gone soft like the US."
    assert all(c.attribution is None for c in extract_claims(text))


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The agency concluded this month that the mayor had been careless in handling the funds.", "The agency"),
        ("Crime experts have concluded that most thefts occur within a mile of the victim's home.", "Crime experts"),
    ],
)
def test_a_conclusion_stated_by_a_party_is_reported(text, speaker):
    found = claim_at(text, text.split(" that ")[1][:8])
    assert found.attribution == speaker
    assert not found.text.lower().startswith(speaker.lower())


def test_a_pronouns_conclusion_stays_the_articles():
    # "she concluded that the door was locked" is a perception, not a report
    text = "She concluded that the door had been locked from the inside."
    assert all(c.attribution is None for c in extract_claims(text))


@pytest.mark.parametrize(
    "text, act, speaker, said",
    [
        # a message's writer speaks it
        ("The Ledger shot back in an article stating that Denver was the country's fastest growing city.",
         "The Ledger shot back in an article", "The Ledger", "Denver was the country's fastest growing city"),
        # so does whoever addresses the noun
        ("The Vermont senator emailed supporters saying the campaign had raised $2 million in a week.",
         "The Vermont senator emailed supporters", "The Vermont senator", "The campaign had raised $2 million in a week"),
    ],
)
def test_a_message_or_its_addressees_carry_the_writers_report(text, act, speaker, said):
    claims = _claims(text)
    assert (None, act) in claims
    assert (speaker, said) in claims


def test_a_participle_after_a_comma_is_the_subjects_report():
    # "..., saying ...": the mayor says it, and the attempt stays the article's account
    claims = _claims("The mayor made a third attempt to deflect the criticism, saying the real issue at "
                     "stake in the election was the budget.")
    assert (None, "The mayor made a third attempt to deflect the criticism") in claims
    assert ("The mayor", "The real issue at stake in the election was the budget") in claims


@pytest.mark.parametrize(
    "text, speaker, claim",
    [
        ("Senator Baker expressed confidence that the county could still balance its budget by June.",
         "Baker", "The county could still balance its budget by June"),
        ("Mayor Lowe is making an impassioned case to the council that the old bridge is no longer safe for trucks.",
         "Lowe", "The old bridge is no longer safe for trucks"),
        ("Cruz entered the debate with a forceful argument that the race is now a two-man contest.",
         "Cruz", "The race is now a two-man contest"),
    ],
)
def test_a_stance_voiced_by_the_subject_is_their_report(text, speaker, claim):
    assert (speaker, claim) in _claims(text)


@pytest.mark.parametrize(
    "text",
    [
        "The court rejected the argument that the county had waived its claim in 2019.",
        "Baker expressed doubt that the county could balance its budget by June.",
    ],
)
def test_someone_elses_argument_or_a_doubt_stays_whole(text):
    assert _claims(text) == [(None, text[:-1])]


def test_researchers_findings_are_reported_like_a_studys():
    found = claim_at("The authors found that voters in districts hit hardest by imports turned to the far right.",
                     "voters")
    assert (found.attribution, found.text) == (
        "The authors", "Voters in districts hit hardest by imports turned to the far right")


def test_a_closing_tag_hung_under_an_earlier_word_leaves_the_claim():
    found = claim_at("But she was not surprised that the Leave campaign won, her advisers said Friday, because "
                     "she understands the depth of voter anger.", "But she")
    assert (found.attribution, found.text) == ("her advisers", "She was not surprised that the Leave campaign won")


def test_a_report_of_spending_names_who_reported_it():
    found = claim_at("The Club for Growth reported spending $1.1 million on online ads in Iowa.", "The Club")
    assert found.attribution == "The Club for Growth"


def test_nobody_is_no_opening_tag():
    text = "No one reported on Tuesday the mayor had met the developer twice."
    assert all(c.attribution is None for c in extract_claims(text))


@pytest.mark.parametrize(
    "text, speaker, claim",
    [
        ("The mayor's advisers were optimistic that Baker would win the county by a wide margin.",
         "The mayor's advisers", "Baker would win the county by a wide margin"),
        ("People briefed on the talks were adamant that the governor would veto the bill.",
         "People briefed on the talks", "The governor would veto the bill"),
        # an adjective that frames the report
        ("Lowe was quick to add that the deal does not include closing the plant.",
         "Lowe", "The deal does not include closing the plant"),
    ],
)
def test_a_stance_or_a_framing_adjective_names_who_holds_it(text, speaker, claim):
    assert (speaker, claim) in _claims(text)


def test_a_messages_finding_is_reported_like_a_studys():
    found = claim_at("The emails showed that county officials knew the dam was failing.", "county")
    assert (found.attribution, found.text) == ("the emails", "County officials knew the dam was failing")


def test_a_speculation_is_reported():
    found = claim_at("In a video on Thursday, Lowe speculated that the men detained could be part of a larger ring.",
                     "the men")
    assert (found.attribution, found.text) == ("Lowe", "The men detained could be part of a larger ring")
