"""Who said it: pronoun speakers ("they said", "it said", "he added") are named only when the
article makes it clear, and never become a wrong person; otherwise they stay as written."""

import pytest

from tests.unit.claims_helpers import claim_at
from workbench.claims import extract_claims
from workbench.text import parse_article_file


@pytest.mark.parametrize(
    "text, source_words, speaker",
    [
        # the subject of the clause the speech verb is conjoined to
        ("Joel Wit spoke on Monday. The investigators arrived in Dalton on Monday, and they said the "
         "fire was set on purpose.", "the fire was", "the investigators"),
        # the one group of the sentence before, stepping over the speakers' own quotation
        ('Joel Wit spoke on Monday. The rebels walked out of the talks on Monday. "We were lied to by '
         'the government. We lost 40 fighters in May," they said.', "We lost 40", "the rebels"),
        ('Joel Wit spoke on Monday. The rebels walked out of the talks on Monday. "We were lied to by '
         'the government. We lost 40 fighters in May," they said.', "We were lied", "the rebels"),
        # what they say is no candidate: "the sanctions" are not the speakers
        ('"The North Koreans are confused," said Joel Wit. Officials at the State Department disagreed. '
         "The sanctions are working, they said.", "The sanctions are working", "officials"),
        # "it" as a body that issues statements, when nothing else in reach could be "it"
        ("Maria Lopez spoke on Monday. The ministry responded on Monday. It said the border would be "
         "closed on Friday.", "the border would", "the ministry"),
    ],
)
def test_a_pronoun_speaker_with_a_clear_antecedent_is_named(text, source_words, speaker):
    assert claim_at(text, source_words).attribution == speaker


@pytest.mark.parametrize(
    "text, source_words, speaker",
    [
        # two groups: either could have told reporters
        ("Joel Wit spoke on Monday. North Korean diplomats met U.S. officials in Oslo in May. They told "
         "reporters that the talks had failed.", "the talks had", "they"),
        # "the files" could be "they" as well
        ("Joel Wit spoke on Monday. Investigators reviewed the files. They said the fire was set on "
         "purpose.", "the fire was", "they"),
        # the group inside what is said is not who says it
        ('"The plant was closed in May," said Joel Wit. The North Koreans are confused, they said.',
         "The North Koreans are", "they"),
        # nothing in the paragraph: not the last person named (Maria Lopez)
        ("Maria Lopez spoke on Monday.\n\nThe border would close on Friday, they said.",
         "The border would", "they"),
        # "it" with a statement in between (the statement could be "it"), or with nothing before
        ("Maria Lopez spoke on Monday. The ministry issued a statement. It said the border would be "
         "closed on Friday.", "the border would", "it"),
        ("Maria Lopez spoke on Monday. The border would close on Friday, it said.", "The border would", "it"),
        # "he" after a group spoke is not the group
        ('"The plant is closed," officials said. "The plant lost $4 million in 2023," he added.',
         "The plant lost", "he"),
        # "he" far from any person named: not the last one named four sentences back
        ("Tom Baker spoke on Monday. The council met in May. The budget rose by 4 percent. Fares fell by "
         "a third. He said the plan had failed.", "the plan had", "he"),
        # a name inside the quotation is not its speaker
        ('"Obama lied about the surge in 2007," he said.', "Obama lied", "he"),
    ],
)
def test_an_unclear_pronoun_speaker_stays_as_written(text, source_words, speaker):
    c = claim_at(text, source_words)
    assert c.attribution == speaker
    assert c.attribution not in ("Joel Wit", "Maria Lopez", "Tom Baker", "Obama", "officials", None)


def test_he_is_the_person_the_sentence_names_before_it():
    text = ("Senator Obama voted against the war in 2002. When Senator McCain was cheerleading the war, he "
            "suggested it would cost $50 billion.")
    assert claim_at(text, "it would cost").attribution == "McCain"


def test_a_passive_it_names_no_speaker():
    c = claim_at("And in the years to come it will be written that one of us was elected in 1960.", "one of us")
    assert c.attribution is None


def test_a_surname_two_people_share_is_not_expanded():
    text = ("John Kennedy won the election in 1960. Ted Kennedy ran for president in 1980. Kennedy said the "
            "plan had failed.")
    assert claim_at(text, "the plan had").attribution == "Kennedy"


def test_a_titled_speaker_is_named_like_an_appositive_one():
    text = "U.N. Under-Secretary-General Jeffrey Feltman said the talks had failed."
    assert claim_at(text, "the talks had").attribution == "Jeffrey Feltman"


def test_several_speakers_are_not_reduced_to_one_name():
    c = claim_at("Senator McCain and President Bush said the surge had worked.", "the surge had")
    assert c.attribution == "Senator McCain and President Bush"


@pytest.mark.parametrize(
    "text, source_words, expected, not_expected",
    [
        # "he" inside a group's report is not the group
        ("Officials said on Monday that he had fled the country in May.", "he had fled",
         "He had fled the country", "Officials had fled"),
        # an object pronoun is not the (pronoun) subject of its own verb
        ("Maria Lopez met Tom Baker on Monday. Prosecutors said she paid him $4 million in May.",
         "she paid him", "paid him $4 million", "Prosecutors paid"),
        # "it" acting in what a body says is that body; a copula "it" is not
        ("The company said it would cut 500 jobs in May.", "it would cut",
         "The company would cut 500 jobs", "It would cut"),
        ("The company said it was a mistake to cut 500 jobs in May.", "it was a mistake",
         "It was a mistake", "The company was"),
    ],
)
def test_pronouns_in_the_claim_text(text, source_words, expected, not_expected):
    c = claim_at(text, source_words)
    assert expected in c.text
    assert not_expected not in c.text


def test_commas_of_a_removed_part_do_not_strand():
    text = "Tom Baker, the mayor, met union leaders on Monday. Instead of talks, North Korea says, it got sanctions."
    assert claim_at(text, "Tom Baker, the mayor, met").text == "Tom Baker met union leaders on Monday"
    assert claim_at(text, "Instead of talks").text.startswith("Instead of talks, North Korea got sanctions")


def test_seed_article_speakers(seed_path):
    text = parse_article_file(seed_path).text
    claims = extract_claims(text)

    def at(words: str):
        return next(c for c in claims if text[c.start : c.end].startswith(words))

    # the claim already names her before the pronoun: "she" stays (not "when Choe Hon Sui went")
    assert at("Choe rejected talks").text == "Choe rejected talks when she went to Moscow in October"
    assert at("Choe rejected talks").attribution == "one diplomat briefed on the back-channel talks"
    assert "where he threatened" in at("But North Korea's interest").text  # Trump is named before it
    assert at("the North Korean government told him").attribution == (
        "Jeffrey Feltman (according to a Security Council diplomat)")
    assert at("Instead of talks").text.startswith("Instead of talks, North Korea got slapped")
    # no claim of the seed names "they" or "it" as its speaker: all were resolved or not speakers
    assert not any(c.attribution in ("they", "it", "he", "she") for c in claims)
