"""A claim inside what someone says keeps that speaker, wherever the parser hung it; narration
around a report stays the reporter's (carried_speakers.py, quotation_tags.py, quotes.py)."""

import pytest

from tests.unit.claims_helpers import claim_at
from workbench.claims import extract_claims
from workbench.claims.quotes import quote_depths


@pytest.mark.parametrize(
    "text, source_words, speaker",
    [
        # a second clause of the report, in a tense the narration cannot have; with no subject of
        # its own it shares the reported clause's ("budgets"), never the speaker's
        ("Sen. Maria Lopez, D-Ore., told CBS News that budgets could be \"far too low,\" and have been "
         "cut in past years.", "have been cut", "Maria Lopez"),
        ("Shortly after the count ended in Salem, Lopez told a cheering crowd in Eugene that she expects "
         "to win the state's May primary and she is leading in general election polls.",
         "she is leading", "Lopez"),
        # a second reported clause with its own "that"
        ("Pate claimed in an interview with the Herald that he\u2019s not backing any particular "
         "candidate, and that he has given $40,000 to the county party since 2014.",
         "he has given", "Pate"),
        # after a speech participle: the parser hangs "would now root" on the narrated verb
        ("Lopez flipped her pick on the spot \u2013 saying she was rooting for the Ravens but would now "
         "root for Green Bay since her brother chose Baltimore.", "would now root", "Lopez"),
        # a relative clause on a word of what a poll shows is the poll's figure too
        ("A Marist poll shows the mayor with 52 percent against Tom Reyes, who has 41 percent.",
         "has 41 percent", "a Marist poll"),
        # "Clark said A - ... - but said B": the second report is Clark's
        ("Clark said the county had begun hiring inspectors - there are eight so far - but said the "
         "budget was still uncertain.", "the budget was still uncertain", "Clark"),
        # a name the parser hung elsewhere, right before the speech verb, is its subject
        ("Tuesday in Denver, while on the campaign trail for his wife Democratic front-runner Jane "
         "Price, former senator Dana Price said his wife was uniquely qualified to be governor at this "
         "time because \u201cthe state\u2019s in tough shape.\u201d", "his wife was", "Dana Price"),
    ],
)
def test_a_part_of_a_report_keeps_its_speaker(text, source_words, speaker):
    assert claim_at(text, source_words).attribution.startswith(speaker)


@pytest.mark.parametrize(
    "text, source_words",
    [
        # a past-tense second clause is as often the reporter's narration: left alone
        ("The mayor said the bridge was safe, but she did not release the inspection report.",
         "she did not release"),
        # a relative clause on the speaker's own words is the reporter's
        ("Tom Reyes, who moved to the city in 2004, said the levy would raise $12 million a year.",
         "moved to the city"),
        # the speaker's own act after the report stays the reporter's narration
        ("The mayor left the meeting, saying the plan was dead, and walked out of City Hall.",
         "walked out of City Hall"),
    ],
)
def test_narration_around_a_report_is_not_carried(text, source_words):
    assert claim_at(text, source_words).attribution is None


def _speakers(text):
    return {text[c.start : c.end]: c.attribution for c in extract_claims(text)}


@pytest.mark.parametrize(
    "text, source_words, speaker",
    [
        # a tag whose quotation the parser does not take for a reported clause
        ("Asked about the vote, Reyes said, \u201cSure. The council passed the budget in June.\u201d",
         "The council passed", "Reyes"),
        # a participle tag with no comma before its quotation, the parser reading it as a noun
        ("Band member Kim shared the news online last week, writing \u201cFeels great to back someone "
         "I trust. The band has raised $40,000 for the clinic since March.\u201d", "The band has raised", "Kim"),
        # a quotation after a sentence that ends with its tag continues that speaker
        ("The stadium is \u201ca done deal,\u201d Ellen Ward said. \u201cThe county approved the "
         "lease in March.\u201d", "The county approved", "Ellen Ward"),
        # a bare tag after the quotation the segmenter closed at its "!"
        ("\u201cThe city has added 4,000 jobs since January!\u201d Mayor Ellen Ward said as she opened "
         "the session.", "The city has added", "Mayor Ellen Ward"),
    ],
)
def test_a_quotation_belongs_to_its_tag(text, source_words, speaker):
    assert claim_at(text, source_words).attribution == speaker


def test_narration_before_an_opening_tag_stays_the_reporters():
    text = ("Band member Kim shared the news online last week, writing \u201cFeels great to back someone "
            "I trust. The band has raised $40,000 for the clinic since March.\u201d")
    assert claim_at(text, "Band member Kim shared").attribution is None


def test_a_report_told_inside_a_quotation_is_not_its_tag():
    # "they told me" in the middle of Ward's quotation does not make "they" its speaker
    text = ("\u201cI ran the numbers myself,\u201d Ellen Ward said. \u201cThe county spent $3 million on "
            "the bridge. Then the engineers told me the deck was unsafe. The repairs took 14 months "
            "and cost $9 million.\u201d")
    assert claim_at(text, "The repairs took").attribution == "Ellen Ward"
    assert claim_at(text, "The county spent").attribution == "Ellen Ward"


def test_a_quotation_the_writer_tags_is_nobody_elses():
    text = ("The judge asked me why I did it.\n\n\u201cI was wrong,\u201d I said. \u201cI paid the "
            "donors back $20,000 in March.\u201d")
    assert claim_at(text, "I paid the donors").attribution is None


def test_a_long_quotation_whose_marks_pair_is_still_a_quotation():
    said = " ".join(f"The county spent {n} million dollars on road number {n} last year." for n in range(20, 40))
    text = f"Ellen Ward said, \u201c{said}\u201d"
    assert len(said) > 600
    assert claim_at(text, "The county spent 35").attribution == "Ellen Ward"


def test_a_stray_mark_still_quotes_nothing():
    # an opening mark with no partner in the paragraph (and not opening it) quotes nothing
    text = "The council met on Monday. " + "It voted on the rail budget again. " * 30 + "\u201cThe end"
    assert not any(quote_depths(text)[: len(text) - 20])


def test_a_quotation_opening_a_paragraph_runs_to_its_end():
    text = "\u201cThe county spent $3 million on the bridge. " + "It spent more on roads. " * 30
    assert all(quote_depths(text)[:-1])
