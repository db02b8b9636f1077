"""Overlapping claims: seed article repeats are flagged, near-misses are not, numbers make inconsistencies."""

import re
from pathlib import Path

import pytest

from workbench.domain import OverlapDraft, OverlapKind
from workbench.matching import CERTAIN_THRESHOLD, SUGGEST_THRESHOLD, find_overlaps

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
