"""Sentence segmentation and page furniture: pure Python, no model needed."""

import pytest

from workbench.claims.segment import (
    PIECE_CHARS,
    SENTENCE_CHARS,
    is_furniture,
    paragraphs,
    sentence_spans,
    split_text,
)


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_abbreviations_do_not_end_sentences():
    text = "The U.S. and the U.N. met on Nov. 21 with Dr. Smith in Oct. last year. Then they left."
    assert sentences(text) == [
        "The U.S. and the U.N. met on Nov. 21 with Dr. Smith in Oct. last year.",
        "Then they left.",
    ]


def test_acronym_at_sentence_end_splits_before_a_sentence_starter():
    text = "North Korea spurned talks with the U.S. The White House said nothing."
    assert sentences(text) == ["North Korea spurned talks with the U.S.", "The White House said nothing."]


def test_quotes_stay_with_their_sentence_and_nested_quotes_are_kept():
    text = "\"Kim said 'no' to talks. He meant it,\" she said. Talks stalled."
    assert sentences(text) == ["\"Kim said 'no' to talks.", "He meant it,\" she said.", "Talks stalled."]


def test_question_inside_quote_followed_by_lowercase_does_not_split():
    text = "\"Why now?\" he asked. Nobody answered."
    assert sentences(text) == ["\"Why now?\" he asked.", "Nobody answered."]


def test_em_dashes_do_not_split():
    text = "The plan \u2014 announced on Monday \u2014 failed. It cost $5 million."
    assert sentences(text) == ["The plan \u2014 announced on Monday \u2014 failed.", "It cost $5 million."]


def test_paragraphs_are_boundaries_and_headline_without_period_is_a_sentence():
    text = "Rail Budget Cut by 12 Percent\n\nThe ministry cut the budget. Fares rose.\n"
    blocks = split_text(text)
    got = [[text[s:e] for s, e in sents] for _, sents in blocks]
    assert got == [["Rail Budget Cut by 12 Percent"], ["The ministry cut the budget.", "Fares rose."]]
    assert [p.text for p in paragraphs(text)] == ["Rail Budget Cut by 12 Percent", "The ministry cut the budget. Fares rose."]


@pytest.mark.parametrize(
    "line",
    [
        "By Colum Lynch, Dan De Luce",
        "December 13, 2017, 7:03 PM",
        "13 December 2017",
        "FP staff writer Robbie Gramer contributed to this report.",
        "Additional reporting by Jane Roe in Paris.",
        "Copyright 2024 The Times. All rights reserved.",
    ],
)
def test_page_furniture_is_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    ["By the end of the year, prices had risen 5 percent.", "December was the coldest month on record."],
)
def test_sentences_that_look_like_furniture_are_kept(line):
    assert not is_furniture(line)


def test_furniture_lines_are_dropped_from_the_sentences():
    text = "Headline Here\n\nBy Jane Roe\nMarch 3, 2024\n\nThe council met on Monday."
    got = [text[s:e] for _, sents in split_text(text) for s, e in sents]
    assert got == ["Headline Here", "The council met on Monday."]


def _pieces_cover(text: str, blocks) -> None:
    """Every piece is bounded and the pieces keep every sentence, in order, once."""
    last = -1
    for para, sents in blocks:
        assert para.end - para.start <= 2 * PIECE_CHARS
        for s, e in sents:
            assert s > last and e - s <= SENTENCE_CHARS and para.start <= s < e <= para.end
            last = e


def test_a_long_paragraph_is_parsed_in_bounded_pieces_of_whole_sentences():
    sentence = "The council cut the rail budget by 12 percent on Monday, officials said."
    text = " ".join([sentence] * 2_000)  # one 140,000-character paragraph
    blocks = split_text(text)
    assert len(blocks) > 1
    _pieces_cover(text, blocks)
    assert [text[s:e] for _, sents in blocks for s, e in sents] == [sentence] * 2_000


def test_a_piece_never_ends_inside_a_quotation():
    quote = '"We cut the budget. We raised fares. We closed two lines," the mayor said.'
    for lead in range(150, 160):  # cuts fall at every place of the quotation
        text = " ".join(["The council met."] * lead + [quote] * 80)
        for para, _ in split_text(text):
            piece = text[para.start : para.end]
            assert piece.count('"') % 2 == 0, piece[-200:]


def test_a_paragraph_over_a_million_characters_without_full_stops_is_bounded():
    text = "and the council cut the budget, " * 40_000  # 1.28 MB, one "sentence" (spaCy's E088)
    blocks = split_text(text)
    _pieces_cover(text, blocks)
    assert sum(len(sents) for _, sents in blocks) > 800


def test_a_credit_roll_is_furniture_but_a_sentence_about_a_video_is_not():
    from workbench.claims.segment import is_furniture

    assert is_furniture("Story by Scott Conroy Video produced by Jon StraussCinematography by Jon Strauss "
                        "and Sam WilkesAssociate production by Audrey Horwitz.")
    assert not is_furniture("Story lines produced by the studio in 2019 and 2020 were watched by 40 million "
                            "people across the country.")


def test_labels_times_and_embeds_are_furniture():
    from workbench.claims.segment import is_furniture

    for line in ("ABSTRACT.", "FULL TEXT.", "9:42 p.m.", '<tweet tweet-id="773113752271060992"><tweet/>'):
        assert is_furniture(line), line
    assert not is_furniture("NATO expanded to 30 members in 2020.")


def test_a_title_with_a_prefix_does_not_end_the_sentence():
    text = "The unit was directed by then-Cmdr. Jon Burge for a decade. It was disbanded."
    assert sentences(text) == ["The unit was directed by then-Cmdr. Jon Burge for a decade.", "It was disbanded."]


def test_no_ends_a_sentence_unless_a_number_follows():
    text = "The senator voted no. The bill passed anyway. It ranked No. 2 in the poll. See p. 14."
    assert sentences(text) == [
        "The senator voted no.", "The bill passed anyway.", "It ranked No. 2 in the poll.", "See p. 14.",
    ]
