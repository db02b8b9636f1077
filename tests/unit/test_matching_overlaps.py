"""Overlapping claims: seed article repeats are flagged, near-misses are not, numbers make inconsistencies."""

import re
from pathlib import Path

import pytest

from workbench.domain import OverlapDraft, OverlapKind
from workbench.matching import CERTAIN_THRESHOLD, SUGGEST_THRESHOLD, find_overlaps
from workbench.matching.article import claim_rows, find_article_overlaps
from workbench.matching.context import claim_context, sentence_around, sentence_bounds
from workbench.matching.overlaps import OverlapScorer

SEED = Path(__file__).resolve().parents[2] / "seeds" / "north-korea-spurned-talks.txt"

# Sentences cut from the seed article by hand.
PAUSE_A = ("North Koreans complained that Washington reneged on a pledge made earlier this fall to to restart "
           "talks with Pyongyang if it halted all nuclear and missile tests for sixty days, according to those "
           "sources.")
PAUSE_B = ("As part of his outreach, Yun signaled to the North Koreans that Pyongyang could create an atmosphere "
           "for direct talks if they enforced a voluntary moratorium on nuclear and ballistic missile tests for 60 "
           "days, according to current and former U.S. officials.")
FELTMAN_A = ("In a closed-door briefing to the U.N. Security Council Tuesday night, U.N. Under-Secretary-General "
             "Jeffrey Feltman, who just concluded a visit to Pyongyang, said the North Korean government told him "
             "that the time is not right for such talks, according to a Security Council diplomat — though "
             "Pyongyang is open to continuing discussions with the United Nations.")
FELTMAN_B = ("Though Feltman told the U.N. Security Council late Tuesday that North Korea wasn't ready for talks, all "
             "the progress that Pyongyang has made on its weapons program — and continued U.S. and U.N. sanctions "
             "— might be changing that calculus.")
CHOE_A = ("The following month, North Korea's negotiator, Choe, attended a Moscow conference on nonproliferation "
          "along experts and former U.S. officials, including Wendy Sherman, the former U.S. undersecretary of "
          "state for political affairs. This time, she declined to hold any discussions with any of the "
          "Americans.")
CHOE_B = "Choe rejected talks when she went to Moscow in October"
SANCTIONS_A = "Instead of talks, North Korea says, it got slapped with a fresh round of U.S. sanctions."
SANCTIONS_B = ("Trump followed up on Nov. 21 by relisting North Korea as a state sponsor of terrorism and imposed a "
               "new round of sanctions.")
SANCTIONS_C = ("But even before the latest round of U.S. sanctions in November, Pyongyang seemed to have gotten cold "
               "feet about the idea of returning to the negotiating table.")


def seed_sentences() -> list[str]:
    text = re.sub(r"<[^>]+>", "", SEED.read_text(encoding="utf-8")).replace("*", "")
    out = []
    for para in text.split("\n"):
        for s in re.split(r"(?<!U\.N\.)(?<!U\.S\.)(?<!Nov\.)(?<!Oct\.)(?<=[.?!\"”])\s+(?=[A-Z\"“])", para.strip()):
            if len(s) > 20:
                out.append(s)
    return out


def flagged(a: str, b: str) -> OverlapDraft | None:
    found = find_overlaps([(1, a), (2, b)])
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    ("a", "b"),
    [(PAUSE_A, PAUSE_B), (FELTMAN_A, FELTMAN_B), (CHOE_A, CHOE_B), (SANCTIONS_A, SANCTIONS_B),
     (SANCTIONS_A, SANCTIONS_C)],
    ids=["60-day pause", "Feltman briefing", "Choe in Moscow", "sanctions fresh/new", "sanctions fresh/latest"],
)
def test_seed_repeats_are_flagged_as_duplicates(a, b):
    d = flagged(a, b)
    assert d is not None and d.kind == OverlapKind.DUPLICATE
    assert SUGGEST_THRESHOLD <= d.score <= 100


def test_seed_repeats_are_found_within_the_whole_article():
    sents = seed_sentences()
    claims = list(enumerate(sents, start=10))
    pairs = {(d.a, d.b) for d in find_overlaps(claims)}

    def idx(fragment: str) -> int:
        return next(i for i, s in claims if fragment in s)

    for x, y in [("sixty days", "for 60 days"), ("closed-door briefing", "late Tuesday"),
                 ("fresh round", "new round of sanctions"), ("fresh round", "latest round")]:
        assert (idx(x), idx(y)) in pairs, (x, y)
    # few false flags: the article has ~60 sentences, so ~1,800 pairs
    assert len(pairs) <= 12


def test_reason_names_the_shared_number_and_words():
    d = flagged(PAUSE_A, PAUSE_B)
    assert d.reason.startswith("same number 60 days; shared:")
    assert "missile" in d.reason


def test_reason_names_the_shared_day():
    d = flagged(FELTMAN_A, FELTMAN_B)
    assert d.reason.startswith("same day Tuesday; shared:")
    assert "Security" in d.reason


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Trump met Kim Jong Un in Singapore.", "Trump praised the economy at a rally in Ohio."),
        ("North Korea launched a missile over Japan.", "North Korea's diplomats met Russian officials."),
        ("According to officials, the bridge was closed.", "According to officials, the school will reopen."),
        ("For her part, Choe signaled that North Korea had its own red line.",
         "As part of his outreach, Yun signaled to the North Koreans that Pyongyang could create an atmosphere "
         "for direct talks."),
        ("Choe attended a Moscow conference on nonproliferation.", "Choe rejected talks when she went to Moscow."),
    ],
    ids=["shared name", "shared country", "boilerplate", "shared verb and names", "names plus one word"],
)
def test_near_misses_are_not_flagged(a, b):
    d = flagged(a, b)
    assert d is None, d


def test_different_number_is_an_inconsistency():
    d = flagged("A first group of 260 people was evacuated from the island on Monday.",
                "The first group of 262 people was evacuated from the island on Monday.")
    assert d is not None and d.kind == OverlapKind.INCONSISTENCY
    assert d.reason.startswith("different number: 260")
    assert "262" in d.reason


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The fund is 62 percent funded, down from 68 percent five years ago.",
         "The city will contribute $31 million to the fund this year, up from $27 million."),
        ("Oil prices rose more than 3 percent on Monday.", "U.S. gasoline prices have risen 12 percent since June."),
    ],
    ids=["a duration against an amount, one shared word", "two moments"],
)
def test_figures_about_different_things_or_moments_are_no_inconsistency(a, b):
    d = flagged(a, b)
    assert d is None or d.kind != OverlapKind.INCONSISTENCY, d


def test_different_date_is_an_inconsistency():
    d = flagged("Trump relisted North Korea as a state sponsor of terrorism on Nov. 21.",
                "On November 22, Trump relisted North Korea as a state sponsor of terrorism.")
    assert d is not None and d.kind == OverlapKind.INCONSISTENCY
    assert "date" in d.reason


def test_same_number_in_words_and_digits_is_a_duplicate():
    d = flagged("North Korea halted missile tests for sixty days.", "North Korea paused missile testing for 60 days.")
    assert d is not None and d.kind == OverlapKind.DUPLICATE and d.score >= CERTAIN_THRESHOLD


def test_pairs_are_ordered_and_never_existing_with_existing():
    existing = [(1, SANCTIONS_A), (2, SANCTIONS_B), (3, SANCTIONS_C)]
    found = find_overlaps([(9, PAUSE_A)], existing)
    assert found == []
    found = find_overlaps([(9, "North Korea was slapped with a fresh round of U.S. sanctions.")], existing)
    assert found and all(d.a < d.b for d in found)
    assert all(9 in (d.a, d.b) for d in found)
    assert [(d.a, d.b) for d in found] == sorted((d.a, d.b) for d in found)


def test_ids_are_the_callers_and_a_is_smaller():
    found = find_overlaps([(50, PAUSE_B), (7, PAUSE_A)])
    assert [(d.a, d.b) for d in found] == [(7, 50)]


def test_deterministic():
    claims = list(enumerate(seed_sentences()))
    assert find_overlaps(claims) == find_overlaps(list(reversed(claims)))


def test_trivial_inputs():
    assert find_overlaps([]) == []
    assert find_overlaps([(1, "Only one claim here.")]) == []
    assert find_overlaps([(1, ""), (2, "")]) == []
    assert find_overlaps([(1, "!!!"), (2, "???")]) == []


def test_identical_claims_score_high():
    d = flagged(SANCTIONS_B, SANCTIONS_B)
    assert d is not None and d.score >= CERTAIN_THRESHOLD


# ---------------------------------------------------------------------------------------------
# Context (source sentence + attribution) and the same-span rule, on a small article built by hand.

ARTICLE = """North Korea Spurned Talks Over New Sanctions

In a closed-door briefing to the U.N. Security Council on Tuesday night, U.N. envoy Jeffrey Feltman said \
the North Korean government told him that the time is not right for such talks, according to a diplomat. \
The State Department's special envoy, Joseph Yun, traveled to Oslo in May for secret talks.

Instead of talks, North Korea says, it got slapped with a fresh round of sanctions.

The following month, the negotiator, Choe Hon Sui, attended a conference in Moscow. This time, she declined \
to hold any discussions with the Americans.

"Choe rejected talks when she went to Moscow in October," said one diplomat.

Trump followed up on Nov. 21 and imposed a new round of sanctions.

Though Feltman told the U.N. Security Council late Tuesday that North Korea wasn't ready for talks, \
sanctions might change that calculus.
"""


def span(fragment: str) -> tuple[int, int]:
    start = ARTICLE.index(fragment)
    return start, start + len(fragment)


# (id, text, start, end, attribution), as the claim engine gives them: short texts, context elsewhere
CLAIMS = [
    (1, "North Korea Spurned Talks Over New Sanctions", *span("North Korea Spurned Talks Over New Sanctions"), None),
    (2, "The North Korean government told Jeffrey Feltman that the time is not right for such talks",
     *span("the North Korean government told him that the time is not right for such talks"),
     "U.N. envoy Jeffrey Feltman (according to a diplomat)"),
    (3, "Joseph Yun is the State Department's special envoy", *span("The State Department's special envoy, Joseph Yun"),
     None),
    (4, "The State Department's special envoy, Joseph Yun, traveled to Oslo in May for secret talks",
     *span("The State Department's special envoy, Joseph Yun, traveled to Oslo in May for secret talks"), None),
    (5, "Instead of talks it got slapped with a fresh round of sanctions",
     *span("Instead of talks, North Korea says, it got slapped with a fresh round of sanctions"), "North Korea"),
    (6, "Choe Hon Sui attended a conference in Moscow", *span("Choe Hon Sui, attended a conference in Moscow"), None),
    (7, "This time, Choe Hon Sui declined to hold any discussions with the Americans",
     *span("This time, she declined to hold any discussions with the Americans"), None),
    (8, "Choe rejected talks when Choe Hon Sui went to Moscow in October",
     *span("Choe rejected talks when she went to Moscow in October"), "one diplomat"),
    (9, "Trump imposed a new round of sanctions", *span("imposed a new round of sanctions"), None),
    (10, "North Korea wasn't ready for talks", *span("North Korea wasn't ready for talks"), "Jeffrey Feltman"),
    (11, "Sanctions might change that calculus", *span("sanctions might change that calculus"), None),
]


def test_sentence_bounds_keep_abbreviations_and_split_at_line_breaks():
    text = ("Headline Without Stop\n\nU.S. officials met on Nov. 21 in Washington. "
            "Then they left for the U.N. on Friday.")
    sents = [text[s:e] for s, e in sentence_bounds(text)]
    assert sents == ["Headline Without Stop", "U.S. officials met on Nov. 21 in Washington.",
                     "Then they left for the U.N. on Friday."]


def test_sentence_around_a_span():
    text = "Choe attended a conference in Moscow. This time, she declined to meet the Americans. Talks stalled."
    s, e = text.index("she declined"), text.index("Americans")
    assert sentence_around(text, s, e) == "This time, she declined to meet the Americans."
    # leaning on the sentence before: "This time, she ..." needs the Moscow sentence to be understood
    assert sentence_around(text, s, e, lean=True) == ("Choe attended a conference in Moscow. "
                                                      "This time, she declined to meet the Americans.")
    # a span across a boundary gives both sentences; the last one does not lean
    assert sentence_around(text, text.index("Americans"), text.index("stalled")) == \
        "This time, she declined to meet the Americans. Talks stalled."
    assert sentence_around(text, text.index("Talks"), len(text), lean=True) == "Talks stalled."
    assert sentence_around(text, 5, 5) == ""
    assert sentence_around("", 0, 10) == ""


def test_claim_context_is_sentence_plus_attribution():
    s, e = span("North Korea wasn't ready for talks")
    ctx = claim_context(ARTICLE, s, e, "Jeffrey Feltman")
    assert ctx.startswith("Though Feltman told the U.N. Security Council late Tuesday")
    assert ctx.endswith("calculus. Jeffrey Feltman")
    assert claim_context(ARTICLE, 0, 0, "Someone") == "Someone"


def test_context_rows_are_backward_compatible():
    plain = [(i, t) for i, t, *_ in CLAIMS]
    empty = [(i, t, "") for i, t, *_ in CLAIMS]
    mixed = [row if row[0] % 2 else (row[0], row[1]) for row in empty]
    assert find_overlaps(plain) == find_overlaps(empty) == find_overlaps(mixed)
    with pytest.raises(ValueError):
        find_overlaps([(1, "a", "b", "c")])


def test_context_confirms_a_pair_the_texts_alone_do_not_make():
    # "The North Korean government told Jeffrey Feltman ..." / "North Korea wasn't ready for talks": one shared
    # word; the contexts share Feltman, the Security Council and Tuesday
    plain = OverlapScorer([(i, t) for i, t, *_ in CLAIMS]).score(2, 10)
    assert plain is not None and plain.score < SUGGEST_THRESHOLD
    found = {(d.a, d.b): d for d in find_article_overlaps(ARTICLE, CLAIMS)}
    d = found[(2, 10)]
    assert d.kind == OverlapKind.DUPLICATE and d.score >= SUGGEST_THRESHOLD
    assert "context: " in d.reason and "Feltman" in d.reason and "Tuesday" in d.reason


def test_whole_article_flags_the_repeats_and_nothing_cut_from_one_span():
    found = {(d.a, d.b): d for d in find_article_overlaps(ARTICLE, CLAIMS)}
    assert (2, 10) in found  # Feltman's Tuesday briefing
    assert (7, 8) in found  # Choe turning down talks in Moscow: declined = rejected, discussions = talks
    assert (5, 9) in found  # fresh round of sanctions = new round of sanctions
    assert (3, 4) not in found  # the role claim is cut from the same words
    assert not {(1, 5), (1, 9)} & found.keys()  # the headline summarises; it does not restate
    assert len(found) <= 4


def test_same_span_pairs_are_dropped_only_by_the_article_helper():
    rows = claim_rows(ARTICLE, CLAIMS)
    assert (3, 4) in {(d.a, d.b) for d in find_overlaps(rows)}  # find_overlaps knows no spans
    assert (3, 4) not in {(d.a, d.b) for d in find_article_overlaps(ARTICLE, CLAIMS)}


def test_context_alone_never_makes_a_pair():
    ctx = ("In a closed-door briefing to the U.N. Security Council on Tuesday night, Jeffrey Feltman said "
           "Pyongyang is open to discussions and that Choe Hon Sui went to Moscow. Jeffrey Feltman")
    claims = [(1, "Pyongyang is open to continuing discussions with the United Nations", ctx),
              (2, "Jeffrey Feltman concluded a visit to Pyongyang", ctx),
              (3, "Choe Hon Sui went to Moscow", ctx + " (according to a diplomat)"),
              (4, "The weather in Oslo was cold on Tuesday", ctx)]
    assert find_overlaps(claims) == []
    # nor does a context that names what the other claim says when the texts share no content word
    assert find_overlaps([(1, "Feltman briefed the Security Council", ""),
                          (2, "The sanctions are working", "Feltman briefed the Security Council on Tuesday")]) == []


def test_claims_cut_from_one_sentence_get_no_context_credit():
    rows = claim_rows(ARTICLE, CLAIMS)
    with_ctx, plain = OverlapScorer(rows), OverlapScorer([(i, t) for i, t, *_ in CLAIMS])
    a, b = with_ctx.score(3, 4), plain.score(3, 4)  # same sentence: identical context
    assert a is not None and b is not None and a.score == b.score and "context" not in a.reason


def test_contexts_about_different_people_and_days_lower_a_pair():
    text_a = "North Korea was not ready for talks with the United States"
    text_b = "North Korea was not prepared for talks with the United States"
    filler = [(i, f"Filler claim number {i} about the weather in a town") for i in range(10, 20)]
    plain = OverlapScorer([(1, text_a), (2, text_b), *filler]).score(1, 2).score
    other = OverlapScorer([(1, text_a, "Feltman told the Security Council on Tuesday. Jeffrey Feltman"),
                           (2, text_b, "In Moscow, Choe met Russian officials in October. Choe Hon Sui"),
                           *filler]).score(1, 2).score
    same = OverlapScorer([(1, text_a, "Feltman told the Security Council on Tuesday. Jeffrey Feltman"),
                          (2, text_b, "Jeffrey Feltman said on Tuesday at the Security Council"),
                          *filler]).score(1, 2).score
    assert other < plain <= same


def test_negative_verbs_agree_with_not():
    # "rejected talks" and "was not ready for talks" say the same; "agreed to talks" says the opposite
    base = "North Korea {} nuclear talks with the United States at the Moscow conference"
    rejected = flagged(base.format("rejected"), base.format("was not ready for"))
    agreed = OverlapScorer([(1, base.format("agreed to")), (2, base.format("was not ready for"))]).score(1, 2)
    assert rejected is not None and rejected.score >= SUGGEST_THRESHOLD
    assert agreed.score < rejected.score


def test_role_claims_of_two_people_sharing_title_words_are_not_an_overlap():
    # "X is Y" role claims are sentences, not Title-Case headlines: their capitals name different people.
    text = ("In a closed-door briefing, U.N. Under-Secretary-General Jeffrey Feltman said the North was not ready. "
            "In October, the president gave his blessing to an initiative by U.N. Secretary-General António "
            "Guterres to try a diplomatic approach.")

    def span(words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    claims = [
        (1, "Jeffrey Feltman is U.N. Under-Secretary-General", *span("U.N. Under-Secretary-General Jeffrey Feltman"),
         None),
        (2, "The president gave his blessing to an initiative by U.N. Secretary-General António Guterres",
         *span("the president gave his blessing to an initiative by U.N. Secretary-General António Guterres"), None),
        (3, "António Guterres is U.N. Secretary-General", *span("U.N. Secretary-General António Guterres"), None),
    ]
    assert find_article_overlaps(text, claims) == []
