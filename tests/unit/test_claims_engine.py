"""The claim engine on a small self-written article: attribution, atomic claims, non-claims."""

import threading

import pytest

from workbench.claims import extract_claims, iter_extract_claims
from workbench.domain import Cancelled, ClaimKind, Progress

ARTICLE = """Ministry Cuts Rail Budget by 12 Percent

The cuts come as the city of Dalton prepares new fares.

By Jane Roe

March 3, 2024

The transport ministry cut the rail budget by 12 percent on Monday, according to two officials briefed on the plan.

"The network lost 40 million dollars last year," said Maria Lopez, the ministry's chief economist. "Ticket sales fell by a third."

She added that the ministry would close four stations in May.

Dalton's mayor, Tom Baker, told reporters that the city had received no warning.

Unions complained that the ministry broke a promise made in 2022 to keep fares frozen, according to those sources.

The council approved the fare plan on Nov. 21 and raised parking fees by 5 percent.

Peter Hall, who led the ministry from 2015 to 2019, said the cuts were first announced in April.

Should the government have warned the city?

I think the trains will run late next year.

The ministry needs to rethink its plan.

John Smith contributed to this report.
"""


@pytest.fixture(scope="module")
def claims():
    return extract_claims(ARTICLE)


def find(claims, words):
    hits = [c for c in claims if words.lower() in c.text.lower()]
    assert hits, f"no claim mentions {words!r}: {[c.text for c in claims]}"
    return hits[0]


def source(claim):
    return ARTICLE[claim.start : claim.end]


def test_headline_and_dek_are_claims(claims):
    headline_end = ARTICLE.index("\n")
    assert any(c.end <= headline_end for c in claims)
    assert find(claims, "Ministry Cuts Rail Budget").attribution is None


def test_according_to_names_the_source_and_is_left_out_of_the_claim(claims):
    c = find(claims, "cut the rail budget by 12 percent")
    assert c.attribution == "two officials briefed on the plan"
    assert "according to" not in c.text
    assert c.kind == ClaimKind.NUMBER


def test_quote_attributed_after_the_quote(claims):
    c = find(claims, "The network lost 40 million dollars")
    assert c.attribution == "Maria Lopez"
    assert c.kind == ClaimKind.QUOTE
    assert '"' not in c.text


def test_continuing_quote_keeps_the_speaker(claims):
    assert find(claims, "Ticket sales fell by a third").attribution == "Maria Lopez"


def test_appositive_gives_a_role_claim(claims):
    c = find(claims, "Maria Lopez is the ministry's chief economist")
    assert c.kind == ClaimKind.ROLE
    assert "chief economist" in source(c)


def test_she_added_refers_back_and_pronoun_is_resolved(claims):
    c = find(claims, "would close four stations")
    assert c.attribution == "Maria Lopez"
    assert not c.text.lower().startswith("she")


def test_told_with_appositive_speaker_names_the_person(claims):
    c = find(claims, "received no warning")
    assert c.attribution == "Tom Baker"


def test_two_level_attribution(claims):
    c = find(claims, "broke a promise")
    assert c.attribution == "Unions (according to those sources)"


def test_coordinated_predicates_are_split(claims):
    first = find(claims, "approved the fare plan")
    second = find(claims, "raised parking fees")
    assert first is not second
    assert "parking" not in first.text
    assert second.text.startswith("The council")
    assert source(second).startswith("raised parking fees")


def test_relative_clause_is_its_own_claim_in_the_article_voice(claims):
    c = find(claims, "led the ministry from 2015 to 2019")
    assert c.text.startswith("Peter Hall")
    assert c.attribution is None
    said = find(claims, "cuts were first announced in April")
    assert said.attribution == "Peter Hall"


@pytest.mark.parametrize(
    "words",
    ["Jane Roe", "March 3", "contributed", "warned the city", "trains will run late", "rethink its plan"],
)
def test_non_claims_are_left_out(claims, words):
    start = ARTICLE.index(words)
    assert not any(c.start <= start < c.end for c in claims), words


def test_spans_point_at_the_source_words(claims):
    for c in claims:
        src = source(c)
        assert src and src == src.strip()
        assert 0 <= c.start < c.end <= len(ARTICLE)
        assert 0.0 <= c.checkworthiness <= 1.0


def test_reading_order_and_determinism(claims):
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    assert extract_claims(ARTICLE) == claims


def test_progress_and_result():
    gen = iter_extract_claims(ARTICLE)
    steps = []
    while True:
        try:
            steps.append(next(gen))
        except StopIteration as stop:
            result = stop.value
            break
    assert all(isinstance(p, Progress) for p in steps)
    assert steps[-1].done == steps[-1].total > 0
    assert result == extract_claims(ARTICLE)


def test_cancel_raises_cancelled():
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        for _ in iter_extract_claims(ARTICLE, cancel):
            pass


def test_empty_text_gives_no_claims():
    assert extract_claims("") == []
    assert extract_claims("\n\n  \n") == []


def test_importing_the_engine_does_not_load_spacy():
    import subprocess
    import sys

    code = "import sys, workbench.claims; assert 'spacy' not in sys.modules, 'spaCy loaded at import'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_passive_conjoined_to_an_active_verb_is_its_own_claim_with_its_auxiliary():
    text = ("The telescope cost 1.2 billion yuan (US$171 million), was nicknamed Tianyan and took "
            "five years to build in Dawodang, Guizhou.")
    texts = [d.text for d in extract_claims(text)]
    assert "The telescope cost 1.2 billion yuan (US$171 million)" in texts
    assert "The telescope was nicknamed Tianyan" in texts
    assert "The telescope took five years to build in Dawodang, Guizhou" in texts


def test_a_negation_is_not_shared_across_but():
    from workbench.claims.atomic import SentenceSplitter
    from workbench.claims.attribution import Context
    from workbench.claims.nlp import get_nlp

    sent = next(get_nlp()("The city will not reopen the bridge but expand the road.").sents)
    units = [(u.subject, " ".join(t.text for t in u.tokens)) for u in SentenceSplitter(sent, Context()).run()]
    assert ("The city will", "expand the road") in units  # "will", not "will not"


def test_a_number_bearing_participle_closing_a_predicate_is_a_fact_of_its_own():
    texts = [d.text for d in extract_claims(
        "The telescope is a 500-metre dish of about 4,400 panels moved by more than 2,000 winches.")]
    assert "The telescope is a 500-metre dish of about 4,400 panels" in texts
    assert "A 500-metre dish of about 4,400 panels is moved by more than 2,000 winches" in texts
    # in an object it says which thing is meant: "imports" alone would overstate the ban
    texts = [d.text for d in extract_claims("He banned imports made in China in 2019.")]
    assert texts == ["He banned imports made in China in 2019"]


def test_a_closing_quote_mark_glued_to_the_speakers_name_still_ends_the_quotation():
    claims = extract_claims('"You cannot say different things to different audiences,"Katie Packer, '
                            "chairman of Our Principles PAC, said on Monday.")
    said = [c for c in claims if c.text == "You cannot say different things to different audiences"]
    assert said and said[0].attribution == "Katie Packer"
    assert "Katie Packer is chairman of Our Principles PAC" in [c.text for c in claims]


def test_a_misparsed_though_clause_keeps_its_own_words_and_a_bare_tag_is_no_claim():
    text = ("Though Sanders trails Clinton in the polls nationally and in every other state, Sanders has led "
            "the former secretary of state in several recent New Hampshire surveys.\n\n"
            "\u201cHave I started writing my inauguration speech?\u201d Sanders replied.\n\n"
            "Sen. Bernie Sanders (I-Vt.) met voters in Portsmouth on Friday.")
    texts = [d.text for d in extract_claims(text)]
    assert "Sanders has led the former secretary of state in several recent New Hampshire surveys" in texts
    assert not any(t.startswith("In every other state") for t in texts)  # the article says he trails there
    assert not any(t.startswith("Sanders replied") for t in texts)
    assert not any(t.endswith(" is I") for t in texts)  # "(I-Vt.)" is a party and state tag


def test_reported_clauses_keep_their_subject_their_negation_and_their_shared_complement():
    def texts(article: str) -> list[str]:
        return [d.text for d in extract_claims(article)]

    # no "that": the parser takes the clause's subject for the verb's object
    assert texts("Clinton promised her entire infrastructure program would be paid for through business tax "
                 "reform.") == ["Her entire infrastructure program would be paid for through business tax reform"]
    # a verb set off by commas shares the complement after it: no "Not everyone can afford"
    assert texts('"Not everyone can afford, or wants, to have a car these days," she said.') == [
        "Not everyone can afford, or wants, to have a car these days"]
    # a subject negation goes with every verb it governs
    assert texts("Not everyone voted in 2016 or paid taxes in 2017.") == [
        "Not everyone voted in 2016", "Not everyone paid taxes in 2017"]
    # a verb left alone by a misparse is no claim ("Secretary Clinton attracts")
    assert not any(t.endswith("attracts") for t in texts(
        '"Secretary Clinton needs the voters a name such as Walsh attracts — starting now," said Sheinkopf.'))


def test_a_condition_stays_with_every_verb_under_it_and_speakers_lose_focus_words():
    claims = extract_claims('"If a driver hits a pothole and blows out a tire, that is $250," said Rendell.\n\n'
                            "Even Rendell, a stalwart Clinton supporter, said a gas tax increase would cost the "
                            "average driver $120 a year.\n\n"
                            '"It is literally possible to tax people above $250,000," said William Gale, the Arjay '
                            "and Frances Miller Chair in Federal Economic Policy at the Brookings Institute.")
    texts = {c.text: c.attribution for c in claims}
    assert "A driver blows out a tire" not in texts  # only if he hits a pothole
    assert texts["A gas tax increase would cost the average driver $120 a year"] == "Rendell"
    assert "Rendell is a stalwart Clinton supporter" in texts
    assert texts["It is literally possible to tax people above $250,000"] == "William Gale"


def test_section_labels_are_no_claims_and_a_relative_clause_gets_its_noun():
    claims = extract_claims("ABSTRACT.\n\nCampaigning is low on the list when opening the smartphone app, which "
                            "allows people to exchange messages after they have agreed to a match.")
    texts = [c.text for c in claims]
    assert "ABSTRACT" not in texts
    assert "The smartphone app allows people to exchange messages after they have agreed to a match" in texts


def test_live_blog_times_adverbial_clauses_and_pronouns_bound_by_a_later_name():
    claims = extract_claims(
        "9:42 p.m.\n\n"
        "In a statement released shortly after the Florida senator suspended his campaign, Cruz said Rubio "
        "will continue to serve in the Senate until January.\n\n"
        "The Ohio governor beat back a challenge from Donald Trump on Tuesday. He is one of just three "
        "candidates left in the race after rival Marco Rubio dropped out of the race earlier Tuesday.")
    texts = {c.text: c.attribution for c in claims}
    assert "9:42 p.m." not in texts
    assert not any(t.startswith("In a statement released") for t in texts)  # when he spoke, not what he said
    assert not any(t.startswith("Marco Rubio is one of just three") for t in texts)


def test_a_contraction_after_a_resolved_pronoun_is_written_out():
    texts = [c.text for c in extract_claims(
        "Ted Cruz spoke on Tuesday. He said he\u2019s the only candidate in the field who can beat Trump "
        "one-on-one.\n\nMaria Lopez spoke on Monday. She said she\u2019s running for mayor in 2020 and "
        "she\u2019s raised $2 million.")]
    assert "Ted Cruz is the only candidate in the field who can beat Trump one-on-one" in texts
    assert "Maria Lopez is running for mayor in 2020" in texts
    assert "Maria Lopez has raised $2 million" in texts


def test_a_question_asked_is_no_claim_and_figures_about_a_place_are_no_role():
    claims = extract_claims(
        "Asked which issue matters to them most, an average of 32 percent across all 50 states picked the "
        "economy and jobs.\n\nThe two exceptions are strongly Republican Wyoming (Obama approval 26 percent, "
        "Clinton support 27 percent) and Arkansas.")
    assert not any(c.text.startswith("Which issue") for c in claims)
    assert not any(c.attribution and "percent" in c.attribution for c in claims)
    assert not any(" is Obama approval" in c.text for c in claims)


def test_an_expletive_it_stays_it():
    texts = [c.text for c in extract_claims(
        "A judiciary that reflects the diversity of our nation helps ensure the fair administration of the law, "
        "and it is vital for American Muslims to be included.")]
    assert "A judiciary is vital for American Muslims to be included" not in texts
