"""Spans of claims marked by hand: whole words, no dangling words at the ends; a caret in a reworded claim text
finds its place in the article."""

import pytest

from workbench.domain import InvalidInput, ParsedArticle
from workbench.services.claims import add_claim, claim_span, get_claim, offset_in_article, update_claim
from workbench.storage import articles as article_repo

from tests.conftest import BOTH_BACKENDS  # noqa: E402

BACKENDS = BOTH_BACKENDS  # tests on a workspace run on a file and on a team workspace

TEXT = ("Total emissions fell 2 percent compared with the year before, according to the Rhodium Group. "
        "Leaks release methane — but replacing coal with gas still cut emissions.")


def span(start_text: str, start_skip: int, end_text: str, end_keep: int) -> str:
    start = TEXT.index(start_text) + start_skip
    end = TEXT.index(end_text) + end_keep
    s, e = claim_span(TEXT, start, end)
    return TEXT[s:e]


@pytest.mark.parametrize("args, expected", [
    # ends one letter into "according": that word is left out, and so is the comma before it
    (("Total", 0, "before, a", len("before, a")), "Total emissions fell 2 percent compared with the year before"),
    # starts three letters into "Total" (less than half of it): the word is left out
    (("Total", 3, "percent", 7), "emissions fell 2 percent"),
    # starts two letters into "Total": three of its five letters are selected, it stays
    (("Total", 2, "percent", 7), "Total emissions fell 2 percent"),
    # a dangling dash and "but" at the end, "but" at the start
    (("Leaks", 0, "but replacing", 4), "Leaks release methane"),
    (("— but", 0, "with gas", 8), "replacing coal with gas"),
    # a preposition left waiting at the end
    (("emissions fell", 0, "the year", 4), "emissions fell 2 percent compared"),
])
def test_claim_span(args, expected):
    assert span(*args) == expected


def test_a_selection_without_words_is_refused():
    at = TEXT.index("—")
    with pytest.raises(InvalidInput):
        claim_span(TEXT, at - 1, at + 2)


def test_the_caret_in_a_reworded_claim_maps_onto_the_articles_words(empty_db):
    article = article_repo.insert(empty_db, ParsedArticle(title="Coal", text=TEXT), "h")
    start = TEXT.index("Leaks")
    end = TEXT.index("emissions.", start) + len("emissions.")
    (claim_id,) = add_claim(empty_db, article.id, start, end).added_claims
    claim = get_claim(empty_db, claim_id)
    assert offset_in_article(empty_db, claim_id, claim.text.index("but")) == TEXT.index("but replacing")
    update_claim(empty_db, claim_id, text="Methane leaks from gas wells — but replacing coal with gas still cut "
                                         "emissions.")
    reworded = get_claim(empty_db, claim_id).text
    assert offset_in_article(empty_db, claim_id, reworded.index("replacing")) == TEXT.index("replacing")
