"""Normalisation: numbers, dates, names, stems, synonyms."""

import pytest

from workbench.matching.normalize import analyse, clean_social, content_keys, stem


def keys(text: str) -> list[str]:
    return content_keys(text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("for sixty days", "#60"),
        ("for 60 days", "#60"),
        ("twenty-five people", "#25"),
        ("two hundred and fifty", "#250"),
        ("1,000 troops", "#1000"),
        ("3.5 million dollars", "#3500000"),
        ("$1.2 billion", "#1200000000"),
        ("two-thirds of voters", "#2/3"),
        ("45 percent", "#45%"),
        ("45 per cent", "#45%"),
        ("45%", "#45%"),
        ("a dozen eggs", "#12"),
        ("the 21st", "#21"),
    ],
)
def test_numbers(text, key):
    assert key in keys(text)


@pytest.mark.parametrize("text", ["on Nov. 21", "on November 21", "on 21 November", "on November 21st"])
def test_day_of_month_forms_agree(text):
    k = keys(text)
    assert "@11-21" in k and "@11" in k


def test_weekdays_and_months():
    assert "@tue" in keys("late Tuesday") and "@tue" in keys("on Tues. night")
    assert keys("in November") == ["@11"]
    assert "@5" in keys("in May 2017")


def test_may_the_verb_is_not_a_date():
    assert not any(k.startswith("@") for k in keys("May I say something? It may rain."))


def test_one_as_pronoun_is_not_a_number():
    assert "#1" not in keys("one of those detainees was released")


def test_stems_and_synonyms():
    assert stem("tests") == stem("testing") == stem("test")
    assert stem("declined") == stem("rejected") == stem("spurned")
    assert stem("discussions") == stem("talks")
    assert stem("Koreans") == stem("Korea")
    assert stem("imposed") == stem("slapped")


def test_abbreviations_fold():
    assert keys("the U.S. and the U.N.") == keys("the United States and the United Nations")


def test_names_and_boilerplate_are_marked():
    terms = {t.key: t.kind for t in analyse("Officials said Feltman briefed the Security Council, according to sources.")}
    assert terms["feltman"] == "name"
    assert terms["council"] == "name"
    assert terms["say"] == "boiler"
    assert terms["accord"] == "boiler" or terms.get("according") == "boiler"


def test_headline_capitals_are_not_names():
    kinds = {t.key: t.kind for t in analyse("North Korea Had Spurned Talks With U.S. Due to Latest Sanctions")}
    assert kinds["sanction"] == "word"


def test_clean_social_strips_tweet_furniture():
    out = clean_social("Wow #ImpeachTrump @realDonaldTrump https://t.co/abc pic.twitter.com/xyz "
                       "— Some One (@someone) January 14, 2020")
    assert "http" not in out and "pic.twitter" not in out and "@" not in out and "someone" not in out
    assert "Impeach Trump" in out and "Donald Trump" in out
    assert "Some One" in out and "January 14, 2020" in out  # the author and the date often match the claim


def test_surface_of_a_number_keeps_its_word():
    t = [t for t in analyse("tests for sixty days") if t.key == "#60"][0]
    assert t.surface == "60 days"


def test_empty_and_odd_input():
    assert analyse("") == []
    assert analyse("!!! ... ???") == []
    assert keys("日本 東京") == keys("日本 東京")
