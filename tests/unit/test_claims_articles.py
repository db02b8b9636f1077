"""Self-written news articles (tests/unit/articles), read as a fact-checker reads the list: every
claim says only what the article says, page furniture and reactions are not claims, a sentence
with several facts gives one claim per fact, a standfirst repeated as the lede is listed once."""

from pathlib import Path

import pytest

from workbench.claims import extract_claims
from workbench.claims.faithfulness import ArticleWords, Sentences, Source, check
from workbench.claims.segment import split_text
from workbench.domain import ClaimKind
from workbench.text import parse_article_file

ARTICLES = Path(__file__).parent / "articles"


def _read(name: str):
    text = parse_article_file(ARTICLES / name).text
    return text, extract_claims(text)


@pytest.fixture(scope="module")
def emissions():
    return _read("emissions.md")


@pytest.fixture(scope="module")
def telescope():
    return _read("telescope.md")


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("*.md")))
def test_every_claim_passes_the_faithfulness_check(name):
    text, claims = _read(name)
    sentences = Sentences([s for _, sents in split_text(text) for s in sents])
    words = ArticleWords(text)
    for c in claims:
        anchor = c.parts or ((c.start, c.end),)
        problem = check(c.text, Source(anchor, sentences.around(c.start)), words, c.kind == ClaimKind.ROLE)
        assert problem is None, (c.text, text[c.start : c.end], problem)


def _texts(claims) -> list[str]:
    return [c.text for c in claims]


def test_the_central_claim_is_listed_with_its_source(emissions):
    _, claims = emissions
    found = [c for c in claims if c.text.startswith("Total U.S. greenhouse gas emissions fell 2 percent")]
    assert [c.attribution for c in found] == ["the Rhodium Group"]


def test_the_speaker_never_becomes_the_subject(emissions):
    _, claims = emissions
    gas = [c for c in claims if "decline in globe-warming gases" in c.text]
    assert gas and all(not c.text.startswith(("Houser", "Trevor Houser")) for c in gas)
    assert all(c.attribution == "Trevor Houser" for c in gas)


def test_a_condition_stays_with_its_claim(emissions):
    texts = _texts(emissions[1])
    heat = [t for t in texts if "heat pumps" in t]
    assert heat == ["With enough low-carbon electricity, builders could start installing electric heat pumps "
                    "instead of gas furnaces"]


def test_a_denial_or_a_negated_report_is_not_the_speakers_claim(emissions):
    _, claims = emissions
    for c in claims:
        assert not c.text.startswith(("It would close", "The utility would close", "It had delayed",
                                      "The company had delayed"))
    texts = _texts(claims)
    assert any(t.startswith("The utility never said that it would close") for t in texts)
    assert any(t.startswith("The company denied that it had delayed the closure") for t in texts)


def test_credits_reactions_and_evaluations_are_left_out(emissions):
    texts = " | ".join(_texts(emissions[1]))
    for words in ("Grist", "excited", "good-news", "Nobody knows"):
        assert words not in texts


def test_citation_and_picture_lines_are_left_out(telescope):
    texts = " | ".join(_texts(telescope[1]))
    for words in ("Nature 574", "doi", "Getty", "Xinhua"):
        assert words not in texts


def test_narration_is_not_given_to_the_last_person_quoted(telescope):
    _, claims = telescope
    for c in claims:
        if "bursts" in c.text or "fleeting" in c.text:
            assert c.attribution is None, c


def test_a_pronoun_never_takes_a_quantifier(telescope):
    assert not any(t.lower().startswith("many new bursts are") for t in _texts(telescope[1]))


def test_one_fact_per_claim_with_discontinuous_anchors(telescope):
    text, claims = telescope
    texts = _texts(claims)
    cost = [c for c in claims if "1.2 billion yuan" in c.text]
    assert len(cost) == 1 and cost[0].text.endswith("(US$171 million)")
    assert "nicknamed" not in cost[0].text and "five years" not in cost[0].text
    # the nickname between subject and verb is not part of the anchor
    assert len(cost[0].parts) == 2
    assert all("Tianyan" not in text[s:e] for s, e in cost[0].parts)
    assert any(t.endswith("was nicknamed Tianyan") for t in texts)
    assert any(t.endswith("took five years to build in Dawodang, Guizhou") for t in texts)


def test_a_standfirst_repeated_as_the_lede_is_listed_once():
    text, claims = _read("opec.md")
    standfirst = text.index("OPEC and its allies agreed")
    lede = text.index("OPEC and its allies agreed", standfirst + 1)
    repeated = [c for c in claims if "1.2 million barrels" in c.text]
    assert len(repeated) == 1
    # the lede's wording names its sources; the standfirst is its second anchor
    assert repeated[0].attribution == "two sources at the meeting"
    assert [a[0][0] for a in repeated[0].anchors] == [lede, standfirst]


@pytest.mark.parametrize(
    "text",
    [
        "Trump denied that he had mocked the reporter.",
        "The utility never said that it would close its last coal plant.",
        "No one said that the plant would close.",
        "Officials did not say that exports fell.",
    ],
)
def test_what_a_speaker_denies_or_never_said_is_not_their_claim(text):
    for c in extract_claims(text):
        assert c.attribution is None and text.startswith(c.text), c
