"""Description speakers ("the senator said") get the name the article tied to that description,
shown with the article's words ("Ted Cruz (the senator)", descriptions.py); a description nobody
was given, or that names someone new, stays as written."""

import pytest

from tests.unit.claims_helpers import claim_at


@pytest.mark.parametrize(
    "text, source_words, speaker",
    [
        # a title before the name
        ("Sen. Ted Cruz spoke in Iowa on Monday.\n\nThe senator said the tax plan would cut rates "
         "by 4 percent.", "the tax plan", "Ted Cruz (the senator)"),
        # an appositive description, repeated word for word
        ("Donald Trump, the billionaire real estate magnate, held a rally in Reno.\n\nThe billionaire "
         "real estate magnate said the wall would cost $8 billion.", "the wall would", "Donald Trump (the billionaire real estate magnate)"),
        # "the former secretary of state" after "Former Secretary of State Hillary Clinton"
        ("Former Secretary of State Hillary Clinton campaigned in Ohio. The former secretary of state "
         "told voters that 300 jobs would return.", "300 jobs", "Hillary Clinton (the former secretary of state)"),
        # two senators: the description goes to the one named last
        ("Sen. Marco Rubio spoke first. Sen. Ted Cruz spoke in Iowa on Monday. The senator said "
         "the deficit rose by 9 percent.", "the deficit rose", "Ted Cruz (the senator)"),
    ],
)
def test_a_description_speaker_is_the_person_the_article_described(text, source_words, speaker):
    assert claim_at(text, source_words).attribution == speaker


@pytest.mark.parametrize(
    "text, source_words, speaker",
    [
        # nobody was called a governor: the description is what the article says
        ("Sen. Ted Cruz spoke in Iowa on Monday. The governor said the state budget rose by 4 percent.",
         "the state budget", "The governor"),
        # "the president of the company" is not President Obama
        ("President Obama spoke on Monday. The president of the company said profits rose by 6 "
         "percent.", "profits rose", "The president of the company"),
        # every word must fit: the article never called the Iowa senator "the Florida senator"
        ("Sen. Joni Ernst of Iowa spoke in Ames on Monday. The Florida senator said taxes fell by 3 "
         "percent.", "taxes fell", "The Florida senator"),
        # a title word that is no head of the role: "campaign manager Jeff Weaver" is no campaign
        ("Campaign manager Jeff Weaver spoke on Monday. The campaign said the lead was 300 delegates.",
         "the lead was", "The campaign"),
        # an indefinite description is someone new
        ("Sen. Ted Cruz spoke in Iowa on Monday. A senator said the bill would cost $2 billion.",
         "the bill would", "A senator"),
    ],
)
def test_a_description_nobody_was_given_stays_as_written(text, source_words, speaker):
    assert claim_at(text, source_words).attribution == speaker


def test_he_after_a_description_is_the_person_described():
    # the description names the senator again as the subject, so "he" after it is him, not Baker
    text = ("Sen. Ted Cruz met Mayor Tom Baker in Dallas on Monday. Baker spoke about roads. "
            "The senator later toured the plant. The plant lost $4 million in 2023, he said.")
    assert claim_at(text, "The plant lost").attribution == "Ted Cruz"


def test_her_claim_is_ranked_from_where_the_possessive_stands():
    # "her claim" is what "she" claims: the woman named before, not the man who spoke last
    text = ('Mary Jones met John Baker in Dalton on Monday. "The plant will close in May," Baker said. '
            "Later she repeated her claim that the plant lost $4 million in 2023.")
    assert claim_at(text, "the plant lost").attribution == "Mary Jones"
