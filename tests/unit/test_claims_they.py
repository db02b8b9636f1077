""""they" as a claim's subject: resolved only where the article makes it clear, spans untouched."""

import pytest

from tests.unit.claims_helpers import claim_at
from workbench.claims import extract_claims
from workbench.claims.nlp import parse_blocks
from workbench.claims.plural import antecedent
from workbench.text import parse_article_file


def resolve(text: str) -> str | None:
    """What the first "they" of `text` (one paragraph) stands for, as written."""
    doc = next(parse_blocks([(text, [(0, len(text))])]))
    tok = next(t for t in doc if t.lower_ == "they")
    phrase = antecedent(tok, tok.sent)
    return " ".join(t.text for t in phrase) if phrase else None


@pytest.mark.parametrize(
    "text, source_words, expected",
    [
        # the plural subject whose clause holds the pronoun; "their counterparts" are its own
        ("North Korean officials were privately telling their international counterparts that they see "
         "little point in talks with the United States.",
         "they see", "North Korean officials see little point in talks"),
        # the one group named before it; "his" is the sentence's named subject
        ("Rex Tillerson said he was open to sitting down with his North Korean counterparts, though only "
         "after they showed their seriousness by pausing missile tests.",
         "only after they", "Only after Rex Tillerson's North Korean counterparts showed their seriousness"),
        # a people named by a plural proper noun ("the North Koreans"; the parser calls it LOC)
        ("Yun signaled to the North Koreans that Pyongyang could create an atmosphere for talks if they "
         "enforced a moratorium on missile tests for 60 days.",
         "Pyongyang could", "if the North Koreans enforced a moratorium"),
        # the previous sentence's only plural
        ("The inspectors arrived in Vienna on Monday. They found no trace of enriched uranium at the plant.",
         "They found", "The inspectors found no trace"),
    ],
)
def test_they_is_resolved_where_the_article_makes_it_clear(text, source_words, expected):
    c = claim_at(text, source_words)
    assert expected in c.text
    assert text[c.start : c.end].startswith(source_words)  # the span still points at the source words


@pytest.mark.parametrize(
    "text",
    [
        # a plural thing in a core role between: "they" may be the proposals
        "Officials rejected the proposals in May because they did not cut emissions.",
        # the listeners could be "they" as well
        "Officials told reporters on Monday that they had found no evidence of fraud in the count.",
        # two groups
        "Diplomats met the rebels in Geneva on Friday, and they agreed to a ceasefire in the north.",
        # coordinated candidates: scope unclear
        "Officials and experts met in Oslo in May, where they discussed the detainees.",
        # the pronoun inside a quote, the group outside it
        'Officials said on Monday: "They lied about the missile tests in March."',
        # only singular nouns before it
        "The ministry said on Monday that they had closed the border.",
    ],
)
def test_they_stays_when_it_is_not_clear(text):
    assert resolve(text) is None
    assert any(" they " in f" {c.text.lower()} " for c in extract_claims(text))


def test_a_chain_of_they_is_not_followed():
    # "They" in the second sentence is the first sentence's "they", not "the Chinese"
    text = ("But they are getting more pressure from the Chinese, and the administration has tightened "
            "the screws. They may be beginning to feel the pinch.")
    doc = next(parse_blocks([(text, [(0, text.index(" They") + 1), (text.index("They"), len(text))])]))
    second = [t for t in doc if t.lower_ == "they"][1]
    assert antecedent(second, second.sent) is None


def test_they_does_not_reach_into_another_paragraph():
    text = ("The White House believes the sanctions are working.\n\n"
            '"I think they are satisfied," said Ely Ratner, and they raised tariffs in May.')
    c = claim_at(text, "they raised")
    assert c.text.startswith("They raised")


def test_them_and_their_are_left_as_written():
    c = claim_at("The minister met the rebels in Geneva in May and thanked them for their help.",
                   "thanked them")
    assert c.text == "The minister thanked them for their help"


def test_seed_article_they_claims(seed_path):
    text = parse_article_file(seed_path).text
    claims = {text[c.start : c.end]: c.text for c in extract_claims(text)}

    def claim_at(words: str) -> str:
        return next(t for src, t in claims.items() if src.startswith(words))

    assert claim_at("they see little point").startswith("North Korean officials see little point")
    assert claim_at("only after they showed").startswith(
        "Only after Rex Tillerson's North Korean counterparts showed their seriousness")
    assert "if the North Koreans enforced a voluntary moratorium" in claim_at("Pyongyang could create")


def test_an_object_pronoun_is_not_its_own_verbs_subject():
    c = claim_at("Chief Justice John Roberts swore him in on Monday.", "Chief Justice John Roberts swore")
    assert "swore him in" in c.text
