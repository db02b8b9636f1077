"""The faithfulness gate: a claim says what its source says, in the same words and order, changed
only by rewrites known to keep the meaning (claims/faithfulness.py)."""

import pytest

from workbench.claims import extract_claims
from workbench.claims.faithfulness import ArticleWords, Source, check
from workbench.claims.segment import sentence_spans


def verdict(article: str, source_words: str, claim: str, role: bool = False) -> str | None:
    """Check `claim` against the first place `source_words` occurs in `article`."""
    start = article.index(source_words)
    end = start + len(source_words)
    sentence = next((s, e) for s, e in sentence_spans(article) if s <= start < e)
    return check(claim, Source(((start, end),), sentence), ArticleWords(article), role=role)


@pytest.mark.parametrize(
    "article, source, claim",
    [
        # a resolved pronoun: the name was given before
        ("Choe Hon Sui went to Moscow. Instead, she met with Russian officials.",
         "Instead, she met with Russian officials", "Choe Hon Sui met with Russian officials"),
        # a possessive pronoun resolved
        ("Rex Tillerson spoke. His staff flew to Seoul.", "His staff flew to Seoul",
         "Rex Tillerson's staff flew to Seoul"),
        # a subject said earlier in the sentence, for a split-off clause
        ("The U.S. relisted North Korea and imposed new sanctions.", "imposed new sanctions",
         "The U.S. imposed new sanctions"),
        # a participle's noun with its copula
        ("The telescope, nicknamed Tianyan, cost $171 million.", "nicknamed Tianyan",
         "The telescope was nicknamed Tianyan"),
        # a quote's attribution clause dropped from the middle
        ('"We will go," he said, "and we will win."', 'We will go," he said, "and we will win',
         "We will go and we will win"),
        # an appositive (a claim of its own) dropped
        ("Tom Baker, the mayor of Dover, met the governor.", "Tom Baker, the mayor of Dover, met the governor",
         "Tom Baker met the governor"),
        # a leading conjunction
        ("But the plan failed in March.", "But the plan failed in March", "The plan failed in March"),
        # role templates, abbreviations written out
        ("Chinese envoy Song Tao arrived.", "Chinese envoy Song Tao", "Song Tao is a Chinese envoy"),
        ("Sen. Rand Paul objected.", "Sen. Rand Paul", "Rand Paul is Senator"),
    ],
)
def test_faithful_rewrites_pass(article, source, claim):
    role = " is " in claim and claim.split(" is ")[0].istitle()
    assert verdict(article, source, claim, role=role) is None


@pytest.mark.parametrize(
    "article, source, claim, why",
    [
        # the speaker became the subject
        ("Cheap gas pushed coal out and led to a decline in globe-warming gases, Houser said.",
         "led to a decline in globe-warming gases", "Houser led to a decline in globe-warming gases", "adds"),
        # words reordered
        ("That's where FAST is really going to shine.", "That's where FAST is really going to shine",
         "That's FAST is really going where to shine", "where"),
        # a condition dropped
        ("With enough low-carbon electricity, builders could start installing heat pumps.",
         "With enough low-carbon electricity, builders could start installing heat pumps",
         "Builders could start installing heat pumps", "drops"),
        # a negation dropped
        ("The plant would not close before 2030.", "The plant would not close before 2030",
         "The plant would close before 2030", "not"),
        # a pronoun given a quantifier it did not carry
        ("FAST will find many new FRBs. They are fleeting.", "They are fleeting",
         "Many new FRBs are fleeting", "many"),
        # a name the article never gave
        ("She met with Russian officials.", "She met with Russian officials",
         "Kim Yo Jong met with Russian officials", "kim"),
        # a part dropped before a colon: the list after it belonged to the dropped part
        ("The slide show predicted wins in states like Nevada and Florida, but in states Republicans have "
         "not won since the 1980s: Pennsylvania and Michigan.",
         "The slide show predicted wins in states like Nevada and Florida, but in states Republicans have "
         "not won since the 1980s: Pennsylvania and Michigan",
         "The slide show predicted wins in states like Nevada and Florida Pennsylvania and Michigan", "colon"),
        # a role whose 'name' is no name
        ("Naamans Road, a project first envisioned when Governor Tunnell was in office, opened.",
         "Naamans Road, a project first envisioned when Governor Tunnell was in office",
         "A project first envisioned when Governor Tunnell was in office is Naamans Road", "role"),
    ],
)
def test_unfaithful_rewrites_fail(article, source, claim, why):
    problem = verdict(article, source, claim, role=" is " in claim)
    assert problem is not None and why in problem.lower()


def test_a_part_left_out_next_to_a_resolved_pronoun_passes():
    article = ("Bernie Sanders spoke last. After thanking the raucous crowd, which periodically chanted his "
               "name, he touted how far his campaign had come.")
    source = ("After thanking the raucous crowd, which periodically chanted his name, he touted how far his "
              "campaign had come")
    claim = "After thanking the raucous crowd, Bernie Sanders touted how far his campaign had come"
    assert verdict(article, source, claim) is None
    # but not when what goes is a condition of the claim's own
    assert verdict("Trump spoke. Rubio won, even though he picked Manning.", "even though he picked Manning",
                   "Even Trump picked Manning") is not None


def test_the_articles_own_words_keep_a_space_where_a_dropped_quote_mark_parted_two_words():
    from workbench.claims.engine import _verbatim

    assert _verbatim('things to different audiences,"Katie Packer said') == \
        "Things to different audiences, Katie Packer said"
    assert _verbatim('He said \u201cwe won.\u201d Then he left') == "He said we won. Then he left"


def test_a_month_or_name_is_no_hedge_and_a_shared_auxiliary_is_no_addition():
    from workbench.claims import extract_claims

    # "closed since May": the month may go with the participle it belongs to
    texts = [d.text for d in extract_claims("The bridge, built in 1932 and closed since May, will reopen next year.")]
    assert "The bridge will reopen next year" in texts
    assert {"The bridge was built in 1932", "The bridge was closed since May"} <= set(texts)
    # a conjoined verb takes the subject and auxiliaries it shares, as written before it
    article = "The city will reopen the bridge and expand the road."
    assert verdict(article, "expand the road", "The city will expand the road") is None
    # but a hedge the sentence never had is still refused
    assert verdict("The city reopened the bridge and expanded the road.", "expanded the road",
                   "The city may have expanded the road") is not None
    # a modal at the start of a sentence is still a modal
    assert verdict("May the bridge reopen soon.", "May the bridge reopen soon", "The bridge reopen soon") is not None


def test_a_subject_copied_without_its_negation_is_refused():
    article = "Not everyone can afford a car or wants one."
    assert verdict(article, "wants one", "Everyone wants one") is not None
    assert verdict(article, "wants one", "Not everyone wants one") is None


def test_states_and_reports_as_nouns_are_no_attribution_clause_to_drop():
    article = "Aid went to the poor in states that asked for it."
    assert verdict(article, "Aid went to the poor in states that asked for it", "Aid went to the poor") is not None
    # the verb still reads as a tag
    assert verdict("Aid went to the poor, the report states.", "Aid went to the poor, the report states",
                   "Aid went to the poor") is None


def test_a_refused_clause_inside_a_refused_sentence_is_not_listed_again():
    from workbench.claims.engine import _without_covered_fallbacks
    from workbench.domain import ClaimDraft

    whole = ClaimDraft("His name not be used because even though he retired, his cover holds", 0, 70)
    clause = ClaimDraft("Even though he retired", 30, 52)
    kept = ClaimDraft("He retired", 40, 52)  # a rewrite the gate let through stays
    got = _without_covered_fallbacks([(whole, True), (clause, True), (kept, False)])
    assert got == [whole, kept]


def test_even_goes_with_though_when_a_contrast_clause_becomes_a_claim():
    texts = [c.text for c in extract_claims("The mayor kept her job, even though she lost the vote in March.")]
    assert "She lost the vote in March" in texts
    assert not any(t.startswith("Even") for t in texts)


@pytest.mark.parametrize("text, fragment", [
    ('"That was even though she\'d barely campaigned in the north," said Ortiz, the campaign manager.', "That was"),
    ("It told the story of Texas pecan farmers - a trade issue that Ortiz had studied during her first "
     "term and which she had raised in the Senate.", "Which Ortiz had raised in the Senate"),
])
def test_a_piece_that_says_nothing_on_its_own_is_no_claim(text, fragment):
    texts = [c.text for c in extract_claims(text)]
    assert texts  # the sentence's claim is still there
    assert fragment not in texts


def test_a_number_about_nothing_named_is_no_claim():
    texts = [c.text for c in extract_claims("Ask any voter about that. At 30. Or 50. Much less at 70. Turnout at 61 percent.")]
    assert "Turnout at 61 percent" in texts
    assert not any(t in texts for t in ("At 30", "50", "Much less at 70"))


@pytest.mark.parametrize("text, whole", [
    ("The firm never paid the fine or appealed the ruling.", "The firm never paid the fine or appealed the ruling"),
    ("The firm paid the fine or appealed the ruling.", "The firm paid the fine or appealed the ruling"),
])
def test_a_denied_or_alternative_verb_is_not_a_fact_of_its_own(text, whole):
    texts = [c.text for c in extract_claims(text)]
    assert texts == [whole]


def test_a_verb_with_its_own_tense_after_a_denied_one_is_still_split():
    texts = [c.text for c in extract_claims("The senator did not vote for the bill and opposed the plan in 2015.")]
    assert "The senator opposed the plan in 2015" in texts


def test_a_shared_modal_goes_with_a_bare_be_conjunct():
    text = "The mayor said that the city should lead the talks and be rallying its neighbours, pulling towns off the sidelines."
    texts = [c.text for c in extract_claims(text)]
    assert not any(t.startswith("The city be ") for t in texts)


def test_what_a_relative_clause_reports_without_a_subject_stays_in_its_sentence():
    text = "The mayor's 2009 tax vote, which she has repeatedly said was a mistake, was a major factor in her defeat in 2012."
    texts = [c.text for c in extract_claims(text)]
    assert "Was a mistake" not in texts
    assert text.rstrip(".") in texts


def test_it_is_never_the_person_quoted():
    text = ('"In some ways it feels like we\'ve won the lottery," Dana Ruiz said. Ruiz wrote: '
            '"It\'s time to end her political career for good."')
    texts = [c.text for c in extract_claims(text)]
    assert not any(t.startswith(("In some ways Dana Ruiz", "Dana Ruiz's time", "Ruiz's time")) for t in texts)


@pytest.mark.parametrize("text, claim", [
    ("Dana Lane said she'll vote no on the budget in March.", "Dana Lane will vote no on the budget in March"),
    ("Mark Ortiz said he'd been told of the plan in May.", "Mark Ortiz had been told of the plan in May"),
])
def test_a_pronoun_with_a_contracted_modal_is_written_out_whole(text, claim):
    assert claim in [c.text for c in extract_claims(text)]


def test_a_relative_clause_about_its_object_with_a_speech_verb_stays_whole():
    text = "Sanders asked people to chip in $27, which he claimed as his campaign's average donation."
    assert [c.text for c in extract_claims(text)] == [text.rstrip(".")]


def test_a_negation_the_second_verb_shares_goes_with_it():
    texts = [c.text for c in extract_claims("The mayor did not call the governor or visit the site.")]
    assert "The mayor did not visit the site" in texts


def test_he_in_what_a_woman_says_is_never_her_even_before_the_article_shows_her_gender():
    text = ("Hillary Clinton went on offense against Republican front-runner Donald Trump on Monday, saying "
            "he would abdicate U.S. leadership in the Middle East.")
    texts = [c.text for c in extract_claims(text)]
    assert not any(t.startswith("Hillary Clinton would") for t in texts)
