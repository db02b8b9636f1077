"""Attributions the speech-verb rules missed: a tag set off by commas wherever the parser hung it,
a tag the tagger read as a noun, headlines ("Name Says ...", "Name camp: ..."), a bare tag before
a quotation, and the rest of a quotation in a sentence that names someone else inside it."""

import pytest

from tests.unit.claims_helpers import claim_at
from workbench.claims import extract_claims


@pytest.mark.parametrize(
    "text, source_words, speaker, claim",
    [
        # a tag inside the clause: it leaves the claim, its subject speaks
        ("Higher fares, the mayor said, are a burden for the city's commuters.",
         "Higher fares", "the mayor", "Higher fares are a burden for the city's commuters"),
        # a closing tag with its own time and place that the parser hung as a conjunct
        ("''The bridge is unsafe, and when the rains come, a lot of bad things will happen,'' Mr. Ortega "
         "said recently in Denver.", "The bridge is unsafe", "Mr. Ortega", "The bridge is unsafe"),
        # an inverted closing tag with an appositive name
        ("The old paper mill is hanging on, but it is under pressure from cheaper imports, said the "
         "company's chief executive, Mary L. Pruett.", "The old paper mill", "Mary L. Pruett",
         "The old paper mill is hanging on"),
        # a tag before a semicolon
        ("The errors were not accidents, Whitfield noted; the agency had rewritten the summaries.",
         "The errors", "Whitfield", "The errors were not accidents; the agency had rewritten the summaries"),
        # records "show" read as a noun
        ("A firm called Larkspur Holdings gave $7,000 to the committee in March 2019, state finance "
         "records show.", "A firm called", "state finance records",
         "A firm called Larkspur Holdings gave $7,000 to the committee in March 2019"),
    ],
)
def test_a_set_off_tag_leaves_the_claim_and_names_the_speaker(text, source_words, speaker, claim):
    found = claim_at(text, source_words)
    assert (found.attribution, found.text) == (speaker, claim)


def test_a_parenthetical_tag_read_as_an_appositive_is_no_role():
    texts = [c.text for c in extract_claims(
        "Voters, Moreno notes, reward the quiet management of the state's second largest port.")]
    assert not any(" is Moreno" in t for t in texts)
    assert "Voters reward the quiet management of the state's second largest port" in texts


def test_a_tag_with_a_participle_of_its_own_is_no_parenthetical():
    # "X agreed, praising ...": the participle is the tag's own, the sentence is the article's
    text = "Speaking at the fair, Governor Ann Lowe agreed, praising the new levee as a model for the region."
    assert claim_at(text, "Speaking").attribution is None


def test_a_poll_is_never_the_he_of_what_it_shows():
    claim = claim_at("Rivera spoke in Toledo. Exit polling shows he won 61% of voters under 30 last month.",
                     "he won")
    assert claim.attribution == "Exit polling"
    assert not claim.text.startswith("Exit polling")


@pytest.mark.parametrize(
    "text, source_words, speaker, claim",
    [
        ("Martin Alvarez Says The Tunnel Will Cost Twice The Estimate.\n\nThe vote is on Monday.",
         "The Tunnel", "Martin Alvarez", "The Tunnel Will Cost Twice The Estimate"),
        # with an object the claim keeps every word: "Action On Transit" alone says nothing
        ("Martin Alvarez Promises Action On Transit In His First 100 Days.\n\nThe vote is on Monday.",
         "Martin Alvarez", "Martin Alvarez", "Martin Alvarez Promises Action On Transit In His First 100 Days"),
        # a label the tagger read as a common noun, and one with a lower-case group word
        ("Alvarez: Tunnel Budget Has Doubled Since 2019\n\nThe vote is on Monday.",
         "Tunnel Budget", "Alvarez", "Tunnel Budget Has Doubled Since 2019"),
        ("Alvarez camp: the tunnel budget has doubled since 2019.\n\nThe vote is on Monday.",
         "the tunnel budget", "Alvarez camp", "The tunnel budget has doubled since 2019"),
    ],
)
def test_a_headline_names_who_says_it(text, source_words, speaker, claim):
    found = claim_at(text, source_words)
    assert (found.attribution, found.text) == (speaker, claim)


@pytest.mark.parametrize(
    "text, source_words",
    [
        ("The Latest: Ortega wins all 40 delegates in the state primary.\n\nMore follows.", "The Latest"),
        ("Plus: What the tunnel's rising budget means for the state in 2020.\n\nMore follows.", "Plus"),
        ("Martin Alvarez Denies Report On Tunnel Budget Overruns.\n\nThe vote is on Monday.", "Martin Alvarez"),
        ("Dana Ruiz scolds tunnel critics: The budget has not doubled since 2019.\n\nOk.", "Dana Ruiz"),
    ],
)
def test_page_furniture_denials_and_headline_verbs_name_no_speaker(text, source_words):
    assert claim_at(text, source_words).attribution is None


def test_a_bare_tag_gives_its_speaker_to_the_quotation_after_it():
    text = ("Professor Lena Ortiz agreed. \"Moderate candidates are running out of time to find a "
            "rival to the mayor. At this point, that rival may be the state treasurer.\"")
    assert claim_at(text, "Moderate candidates").attribution == "Lena Ortiz"
    nxt = ("Ortiz replied.\n\n\"The district has lost 20,000 residents since 2010. It will lose more.\"")
    assert claim_at(nxt, "The district has lost").attribution == "Ortiz"


def test_the_rest_of_a_quotation_keeps_its_tag_when_someone_else_is_named_inside_it():
    text = ("Whitaker added, \"I think Delgado is still a rising star. I did think he made a mistake "
            "because he even said it wasn't the bill he wanted.\"")
    assert claim_at(text, "I did think").attribution == "Whitaker"


@pytest.mark.parametrize(
    "text, source_words, speaker, claim",
    [
        ("Ana Reyes also made clear that she has not considered resigning.",
         "she has not", "Ana Reyes", None),
        ("In the radio interview, Mark Ellison made it clear that his supporters won't simply switch sides.",
         "his supporters", "Mark Ellison", None),
        ("On Saturday, the governor's office issued a statement saying that the bridge would reopen in May.",
         "the bridge", "the governor's office", "The bridge would reopen in May"),
        ("As reported by the Ledger, the county quietly sold the land in March.",
         "the county", "the Ledger", "The county quietly sold the land in March"),
        ("As Ellison told the Daily News, tax relief is given in exchange for creating jobs.",
         "tax relief", "Ellison", "Tax relief is given in exchange for creating jobs"),
    ],
)
def test_a_report_made_with_a_phrase_names_its_speaker(text, source_words, speaker, claim):
    found = claim_at(text, source_words)
    assert found.attribution == speaker
    assert claim is None or found.text == claim


@pytest.mark.parametrize(
    "text, source_words",
    [
        ("The company made clear progress on its debt last year.", "The company"),
        # an event makes nothing clear in words: the reading is the reporter's
        ("The state primary made it clear that the mayor's supporters are loyal to him.", "The state primary"),
        ("The mayor issued a statement on Monday about the bridge repairs.", "The mayor"),
    ],
)
def test_a_phrase_without_a_reported_clause_names_no_speaker(text, source_words):
    assert claim_at(text, source_words).attribution is None


@pytest.mark.parametrize(
    "text, source_words, speaker",
    [
        ("The appeals judge ruled that 17-year-olds who turn 18 before November can vote in the March primary.", "17-year-olds",
         "The appeals judge"),
        ("Watchdog Watch: County Hid Key Bridge Inspection For Years\n\nThe vote is on Monday.", "County Hid",
         "Watchdog Watch"),
    ],
)
def test_findings_and_names_holding_a_furniture_word_speak(text, source_words, speaker):
    assert claim_at(text, source_words).attribution == speaker


@pytest.mark.parametrize(
    "text, source_words",
    [
        ("She determined that the back door of the clinic was locked on Monday.", "She determined"),
        ("Police found the stolen car in a lake near Dover on Monday.", "Police found"),
        ("Breaking News: A fire broke out at the Dover plant on Monday.\n\nMore follows.", "Breaking News"),
    ],
)
def test_perceptions_acts_and_furniture_name_no_speaker(text, source_words):
    assert claim_at(text, source_words).attribution is None


def test_an_inverted_tag_after_a_quoted_fragment_speaks_for_the_whole_quotation():
    text = ("\"She opposed every single one of them. Every single amendment,\" said Okafor, who had "
            "introduced some of those amendments.")
    assert claim_at(text, "She opposed").attribution == "Okafor"
    # what the article says about the speaker stays the article's
    found = [c for c in extract_claims(text) if "introduced some of those amendments" in c.text]
    assert found and all(c.attribution is None for c in found)


def test_a_poll_the_parser_read_as_a_noun_phrase_still_reports():
    # "poll" parsed as the root, "found" as a reduced relative
    text = "A Marlow College poll found last week that Ortega would beat Reyes 46 to 40 percent in a runoff."
    claim = claim_at(text, "Ortega would beat")
    assert claim.attribution == "a Marlow College poll"
    assert claim.text == "Ortega would beat Reyes 46 to 40 percent in a runoff"
