"""Which person a speaker is: the words that name them, and the full name a surname stands for."""

import pytest

from tests.unit.claims_helpers import claim_at
from workbench.claims.attribution import Context


@pytest.mark.parametrize(
    "text, source_words, speaker",
    [
        # an opening place the parser took for a second subject is not the speaker
        ("Springfield (Reuters) – Governor Maria Lopez has criticised the budget, saying that "
         "the new toll will cost drivers $400 a year.", "the new toll", "Maria Lopez"),
        # ... but a floating "both" is no subject of its own
        ("Dover council members \u2014 whose party once ran the city for decades \u2014 both said the "
         "bridge was closed for 40 days in 2023.", "the bridge", "Dover council members"),
        # a name set close after a common noun belongs to the speaker's words
        ("The Danish newspaper Politiken reported that the ferry line had closed in May.",
         "the ferry line", "The Danish newspaper Politiken"),
        # what a preposition adds to a name is not part of it
        ("Maria Lopez spoke at the council on Monday.\n\nLopez at the time said she had paid the fines "
         "in full.", "she had paid", "Maria Lopez"),
    ],
)
def test_the_speaker_is_the_person_or_body_the_words_name(text, source_words, speaker):
    assert claim_at(text, source_words).attribution == speaker


@pytest.mark.parametrize(
    "text, source_words, speaker",
    [
        ("The council\u2019s statement said the bridge was closed for 40 days.", "the bridge", "The council"),
        ("Maria Lopez\u2019s email to her supporters said the campaign raised $4 million in May.",
         "the campaign raised", "Maria Lopez"),
        # a spokesman is someone else than the mayor
        ("The mayor\u2019s spokesman said the bridge was closed for 40 days.", "the bridge",
         "The mayor\u2019s spokesman"),
    ],
)
def test_a_statement_speaks_for_its_owner(text, source_words, speaker):
    assert claim_at(text, source_words).attribution == speaker


def test_a_headline_tagged_as_a_person_is_no_full_name():
    # a tagger may read the headline "Baker Says He Never Promised ..." as one person's name
    ctx = Context()
    ctx.see_person("Baker Says He Never")
    assert ctx.see_person("Tom Baker") == "Tom Baker"
    assert ctx.see_person("Baker") == "Tom Baker"


def test_a_common_noun_speaker_keeps_its_prepositional_phrase():
    text = "The spokesman for the council said the bridge would reopen in May."
    assert claim_at(text, "the bridge").attribution == "The spokesman for the council"


def test_a_possessive_name_is_the_person():
    ctx = Context()
    ctx.see_person("Maria Lopez")
    assert ctx.see_person("Maria Lopez\u2019s") == "Maria Lopez"


def test_an_honorific_picks_the_relative_of_that_gender():
    ctx = Context()
    ctx.see_person("Bill Clinton")
    ctx.see_person("Hillary Clinton")
    assert ctx.see_person("Mr. Clinton") == "Bill Clinton"
    assert ctx.see_person("Mrs. Clinton") == "Hillary Clinton"
    assert ctx.see_person("Clinton") == "Clinton"  # which one, the article does not say


def test_mr_is_never_expanded_to_a_woman_of_that_surname():
    ctx = Context()
    ctx.see_person("Hillary Clinton")
    assert ctx.see_person("Mr. Clinton") == "Mr. Clinton"
    assert ctx.see_person("Mrs. Clinton") == "Hillary Clinton"


def test_ms_needs_a_first_name_known_to_be_a_womans():
    ctx = Context()
    ctx.see_person("Jordan Lee")  # a first name the table does not know
    assert ctx.see_person("Ms. Lee") == "Ms. Lee"
    assert ctx.see_person("Mr. Lee") == "Jordan Lee"


def test_a_surname_the_tagger_misreads_is_still_the_person_named_in_full():
    # the tagger reads a sentence-initial "Sanders" as a plural noun and an organisation
    text = ("Vermont Sen. Bernie Sanders spoke to union members in Dover on Monday.\n\n"
            "Sanders says the toll rose by 4 percent in 2023.")
    assert claim_at(text, "the toll rose").attribution == "Bernie Sanders"


def test_a_name_read_family_name_first_is_no_relative():
    ctx = Context()
    ctx.see_person("Baker Slams")  # a headline's "Baker Slams Toll Plan", read as a name
    ctx.see_person("Tom Baker")
    assert ctx.see_person("Mr. Baker") == "Tom Baker"
    assert "Baker" not in ctx.ambiguous


def test_a_person_the_resolver_named_he_is_not_a_later_she():
    # "Jordan" tells no gender; the "he" given to Pike does, so the later "she" is not Pike
    text = ("Dr. Jordan Pike runs the port authority. \u201cThe port lost $4 million in 2023,\u201d Pike "
            "said on Monday. \u201cThe docks were closed for 40 days,\u201d he added.\n\n"
            "\u201cFares rose by a third in May,\u201d she said.")
    assert claim_at(text, "The docks were").attribution == "Jordan Pike"
    assert claim_at(text, "Fares rose").attribution == "she"
