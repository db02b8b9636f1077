"""Who "he" or "she" is when they speak (pronoun_resolution.py): the person the article means,
weighed by the learned model, or the pronoun as written when no one is clear."""

import pytest

from tests.unit.claims_helpers import claim_at


@pytest.mark.parametrize(
    "text, source_words, speaker",
    [
        # the woman named before, not the man who spoke last
        ('Mary Jones met John Baker in Dalton on Monday. "The plant will close in May," Baker said. '
         '"We lost 400 jobs in 2023," she said.', "We lost 400", "Jones"),
        # names the model never saw: the article's own "Ms."/"Mr." tell them apart
        ('Ms. Adaeze Okafor met Mr. Tunde Bakare in Lagos on Monday. "The port will close in May," '
         'Mr. Bakare said. "Exports fell by 12 percent in 2023," she said.', "Exports fell", "Okafor"),
        # and "his"/"her" after the name in a sentence that names one person alone
        ("Ngozi Okonjo presented her budget on Monday. Emeka Nwosu defended his tax plan on Tuesday. "
         '"The deficit has doubled," Nwosu said. "Revenue rose by 8 percent in 2023," she said.',
         "Revenue rose", "Okonjo"),
    ],
)
def test_she_is_the_woman_the_article_named(text, source_words, speaker):
    attribution = claim_at(text, source_words).attribution
    assert attribution is not None and speaker in attribution


@pytest.mark.parametrize(
    "text, source_words",
    [
        # only a man is named: "she" is someone the article does not name here
        ('"The plant will close in May," said Mr. Tom Baker, the mayor. "We lost 400 jobs in 2023," she '
         'said.', "We lost 400"),
        # the only person named is far back, across paragraphs
        ("Maria Lopez was elected in 2019.\n\nThe council met in May.\n\nThe budget rose by 4 percent.\n\n"
         "Fares fell by a third.\n\nThe plan had failed, he said.", "The plan had failed"),
    ],
)
def test_an_unclear_pronoun_stays_as_written(text, source_words):
    assert claim_at(text, source_words).attribution in ("he", "she")


def test_he_after_his_own_quote_is_the_last_speaker():
    text = ('Tom Baker, the mayor, spoke in Dalton on Monday. "The plant will close in May," Baker said. '
            '"We lost 400 jobs in 2023," he added.')
    assert "Baker" in (claim_at(text, "We lost 400").attribution or "")


def test_a_possessive_owner_of_a_claim_is_named_too():
    # "his claim that ..." is what "he" claims: read by the rule (no token to rank from), never a crash
    text = "Tom Baker spoke in Dalton on Monday. He repeated his claim that the plant lost $4 million in 2023."
    assert claim_at(text, "the plant lost").attribution == "Tom Baker"


def test_a_pronoun_in_claim_text_is_never_replaced_by_a_person_of_the_other_gender():
    from workbench.claims import extract_claims

    texts = [c.text for c in extract_claims("Ms. Jones met the mayor. The council gave him a slot.")]
    assert "The council gave him a slot" in texts, texts
    texts = [c.text for c in extract_claims("Tom Baker met the mayor. The council gave him a slot.")]
    assert "The council gave Tom Baker a slot" in texts, texts


def test_a_claim_opening_with_an_owner_says_whose_and_never_across_genders():
    from workbench.claims import extract_claims

    texts = [c.text for c in extract_claims("Hillary Clinton said her plans will solve the crisis.")]
    assert texts == ["Hillary Clinton's plans will solve the crisis"]
    texts = [c.text for c in extract_claims("Ms. Jones spoke on Monday. His budget was cut by 4 percent.")]
    assert "His budget was cut by 4 percent" in texts, texts
    # an owner inside the claim reads with it
    texts = [c.text for c in extract_claims("Tom Baker said the council cut his budget by 4 percent.")]
    assert texts == ["The council cut his budget by 4 percent"]


def test_a_narration_pronoun_is_written_out_by_the_learned_resolver_when_one_person_is_clear():
    from workbench.claims import extract_claims

    texts = [c.text for c in extract_claims("Tom Baker spoke on Monday in Dover. Later he left for Paris by train.")]
    assert "Later Tom Baker left for Paris by train" in texts, texts
    # a woman named just before is never the "he" of the narration
    texts = [c.text for c in extract_claims("Ms. Jones spoke on Monday in Dover. Later he left for Paris by train.")]
    assert "Later he left for Paris by train" in texts, texts
