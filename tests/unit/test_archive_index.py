"""ArchiveIndex: BM25 retrieval plus fuzzy re-ranking over normalised terms."""

import pytest

from workbench.matching.archive_index import ArchiveIndex

ROWS = [
    (1, "Donald Trump said he would build a wall on the Mexican border, paid for by Mexico.", "Wall"),
    (2, "North Korea halted nuclear and missile tests for sixty days.", "Test pause"),
    (3, "The unemployment rate fell to 3.5 percent in November 2019.", ""),
    (4, "Barack Obama was born in Kenya.", "Obama birthplace"),
    (5, "Drinking bleach cures the coronavirus.", "Bleach cure"),
    (6, "The CBC deleted Trump from Home Alone 2.", "Did the CBC Cut Trump from Home Alone 2?"),
]


@pytest.fixture(scope="module")
def index():
    return ArchiveIndex.build(ROWS)


def test_finds_a_paraphrase_first(index):
    hits = index.search("North Korea paused its missile testing for 60 days", 3)
    assert hits[0][0] == 2
    assert 0 < hits[0][1] <= 100


def test_scores_are_sorted_and_bounded(index):
    hits = index.search("Trump wall Mexico border", 6)
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)
    assert hits[0][0] == 1


def test_exact_text_scores_100(index):
    assert index.search(ROWS[3][1], 1) == [(4, 100.0)]


def test_tweet_furniture_is_ignored(index):
    tweet = ("DEFUND. CBC. NOW. \"CBC deletes Trump from Home Alone 2\" #DefundTheCBC https://t.co/CsHG8R9cHp "
             "— Brad Trost (@BradTrostCPC) December 26, 2019")
    assert index.search(tweet, 1)[0][0] == 6


def test_numbers_match_across_forms(index):
    assert index.search("jobless rate dropped to 3.5% in Nov. 2019", 1)[0][0] == 3


def test_top_limits_and_no_match(index):
    assert len(index.search("Obama Kenya", 2)) <= 2
    assert index.search("zzzz qqqq", 5) == []
    assert index.search("", 5) == []
    assert index.search("Obama", 0) == []


def test_empty_index():
    idx = ArchiveIndex.build([])
    assert len(idx) == 0
    assert idx.search("anything", 5) == []


def test_add_replaces_and_remove_forgets():
    idx = ArchiveIndex.build([(1, "The moon is made of cheese."), (2, "Vaccines cause autism.")])
    idx.add([(1, "The moon landing was staged in a studio.")])
    assert len(idx) == 2
    assert idx.search("moon landing staged", 1)[0][0] == 1
    assert idx.search("cheese moon", 1) in ([], [(1, idx.search("cheese moon", 1)[0][1])])
    idx.remove([2])
    assert idx.search("vaccines autism", 5) == []


def test_titles_help_when_given():
    with_title = ArchiveIndex.build([(1, "A claim about a hospital ship.", "Did the USNS Comfort leave New York?"),
                                     (2, "A claim about a cruise ship.", "Cruise ship quarantine")])
    assert with_title.search("USNS Comfort New York", 1)[0][0] == 1


def test_bm25_only_ranks_too(index):
    assert index.bm25_only("bleach coronavirus", 1)[0][0] == 5


def test_character_grams_catch_morphology_and_run_together_words():
    idx = ArchiveIndex.build([(1, "Photographs show a flooded stadium in Houston after Hurricane Harvey."),
                              (2, "A video shows a stadium light show in Houston."),
                              (3, "The governor of Texas declared a state of emergency.")])
    assert idx.search("#HurricaneHarvey flooding at the Houston stadium", 1)[0][0] == 1
    assert idx.search("HoustonFlooding Harvey", 1)[0][0] == 1  # one hashtag-like token, no camel case


def test_shown_scores_follow_the_ranking_and_separate_strong_from_weak(index):
    strong = index.search("North Korea has halted its nuclear and missile tests for sixty days", 6)
    assert [s for _, s in strong] == sorted((s for _, s in strong), reverse=True)
    assert strong[0][0] == 2 and strong[0][1] >= 70
    weak = index.search("Korea", 1)
    assert weak[0][0] == 2 and weak[0][1] < strong[0][1]


def test_a_clashing_year_ranks_below_a_matching_one():
    idx = ArchiveIndex.build([(1, "Wildfires burned across Australia in 2009."),
                              (2, "Wildfires burned across Australia in 2020.")])
    assert idx.search("Australia wildfires 2020", 2)[0][0] == 2
    assert idx.search("Australia wildfires 2009", 2)[0][0] == 1


def test_character_index_follows_add_and_remove():
    idx = ArchiveIndex.build([(1, "Kellogg's cornflakes were invented to curb desires.")])
    idx.add([(2, "Cornflakes cause cancer.")])
    assert {d for d, _ in idx.search("cornflake", 5)} == {1, 2}
    idx.remove([1])
    assert [d for d, _ in idx.search("cornflake", 5)] == [2]


def test_identical_claims_tie_to_the_earlier_id():
    idx = ArchiveIndex.build([(7, 'He said "no".', "T"), (3, "He said 'no'.", "T"), (5, "Something else.", "")])
    hits = idx.search("he said no", 2)
    assert [d for d, _ in hits] == [3, 7] and hits[0][1] == hits[1][1]


def test_chargram_index_scores_shared_grams():
    from workbench.matching.archive_chargrams import CharGramIndex, fold_text

    assert fold_text("Café — the #AOC's “fotos” https://t.co/x", social=True) == "cafe aoc fotos"
    cg = CharGramIndex((3, 4), k1=1.2, b=0.5)
    cg.build([fold_text(t) for t in ("ocasio cortez photos", "photosynthesis in plants", "")])
    scores = cg.scores(cg.query_terms(fold_text("Ocasio-Cortez fotos")))
    assert scores[0] > scores[1] >= scores[2] == 0
    assert len(cg.query_terms("")) == 0
    with pytest.raises(ValueError):
        CharGramIndex((9,))
