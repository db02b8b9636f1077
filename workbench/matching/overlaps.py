"""Overlapping claims: thresholds, find_overlaps, OverlapScorer, score_pair and the reasons a pair gets.

A DUPLICATE is the same fact stated twice, an INCONSISTENCY the same event with a different number or date.

How it works
1. Every claim is analysed into canonical terms (normalize.analyse): numbers, dates, names, stemmed words.
2. Term weights: a base weight per kind times an idf over the claims at hand (plus a pseudo-count, so a
   handful of claims does not make every word "rare"). Words that appear in a large share of the claims
   ("North Korea" in an article about North Korea) weigh little.
3. Candidates come from an inverted index on the rarer, meaningful terms: only pairs sharing enough of them
   are scored, so the cost grows with the candidates, not with all pairs.
4. A pair's score mixes weighted containment/Dice of the term sets and rapidfuzz token_set_ratio on the
   canonical strings; agreeing numbers/dates add to it, pairs that share only names or boilerplate are capped
   below the threshold. Conflicting values of the same sort (260 vs 262 people, Nov. 21 vs Nov. 22) with
   otherwise similar wording make an INCONSISTENCY.
5. Optional context per claim (its source sentence and attribution, see matching.context): names, days,
   places and numbers that one claim states and the other has in its context, or that both contexts hold,
   add a bounded bonus to a pair whose own wording already scores >= 25 with a shared content word; contexts
   naming entirely different people, places or days take a little off; a Title-Case headline is discounted
   as a summary. Context alone never makes a pair (no candidates come from it), and claims whose contexts
   share a sentence (cut from one sentence, or neighbours) get no context credit. Pairs of one article with
   overlapping spans are dropped by the caller (matching.article.find_article_overlaps).

6. Meaning (sentence vectors): the learned combiner (matching.overlap_combiner) turns cosine and the wording
   signals into a score under the same caps and penalties; without its weights, the hand-set bonus of
   matching.overlap_meaning. Either adds only where the wording cannot see (scaled by 1 - containment).

Claim records live in matching.overlap_docs, term weights in matching.overlap_weights and context evidence in
matching.overlap_context.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from workbench.domain import OverlapDraft, OverlapKind
from workbench.matching.overlap_combiner import PairSignals, combiner
from workbench.matching.overlap_context import (
    CONTEXT_BOTH,
    CONTEXT_CROSS,
    CONTEXT_FULL_EVIDENCE,
    CONTEXT_KIND,
    CONTEXT_MAX_BONUS,
    CONTEXT_MIN_EVIDENCE,
    CONTEXT_MIN_WORDING,
    CONTEXT_MISMATCH_PENALTY,
    SUMMARY_PENALTY,
    _with_context,
)
from workbench.matching.overlap_meaning import (
    MEANING_ALONE_UNSEEN,
    MEANING_BONUS,
    MEANING_LIFTS_CAP,
    MEANING_NO_TERMS,
    attach_vectors,
    cosine,
    meaning_alone,
    meaning_bonus,
    meaning_candidates,
)
from workbench.matching.overlap_docs import _DISPLAY, NEGATIVE_VERB_MAX_WORDS, _claims, _Doc, _value_sort
from workbench.matching.overlap_weights import (
    BASE_WEIGHT,
    CONTEXT_ANCHOR_SHARE,
    DISTINCTIVE_NAME_SHARE,
    IDF_PSEUDO_DOCS,
    _Weights,
)

# re-exported: the tuning constants of the modules above stay importable from here
__all__ = [
    "BASE_WEIGHT", "CANDIDATE_MIN_FRACTION", "CANDIDATE_MIN_SHARED", "CERTAIN_THRESHOLD", "CONTEXT_ANCHOR_SHARE",
    "CONTEXT_BOTH", "CONTEXT_CROSS", "CONTEXT_FULL_EVIDENCE", "CONTEXT_KIND", "CONTEXT_MAX_BONUS",
    "CONTEXT_MIN_EVIDENCE", "CONTEXT_MIN_WORDING", "CONTEXT_MISMATCH_PENALTY", "DISTINCTIVE_NAME_SHARE",
    "IDF_PSEUDO_DOCS", "INCONSISTENCY_THRESHOLD", "MAX_POSTING_SHARE", "MIN_MASS", "MIN_POSTING_CAP",
    "NAME_ONLY_CAP", "NEGATION_PENALTY", "NEGATIVE_VERB_MAX_WORDS", "ONE_WORD_CAP", "PHRASE_BONUS",
    "SUBSTITUTION_PENALTY", "SUGGEST_THRESHOLD", "SUMMARY_PENALTY", "VALUE_BONUS", "OverlapScorer",
    "find_overlaps", "score_pair",
]

# Two tiers: at SUGGEST_THRESHOLD a pair is proposed for review; at CERTAIN_THRESHOLD it is near-certain.
SUGGEST_THRESHOLD = 55.0
CERTAIN_THRESHOLD = 75.0
# A pair with conflicting numbers/dates is an inconsistency when the rest of the wording scores this much.
INCONSISTENCY_THRESHOLD = 55.0
# Pairs that share only names and boilerplate never score above this.
NAME_ONLY_CAP = 40.0
# ... and pairs whose only evidence besides names is one shared word never score above this.
ONE_WORD_CAP = 50.0

MIN_MASS = 3.0  # a claim with less weight than this is too short to be "contained" in another
VALUE_BONUS = 7.0  # per agreeing number/date, at most two
PHRASE_BONUS = 5.0  # per shared (skip-)bigram with a content word or value in it, at most three
CANDIDATE_MIN_SHARED = 1.2  # shared candidate-term weight (idf-scaled) needed before a pair is scored
CANDIDATE_MIN_FRACTION = 0.2  # ... and this share of the lighter claim's weight
MAX_POSTING_SHARE = 0.05  # terms in more than this share of the claims do not generate candidates
MIN_POSTING_CAP = 30

NEGATION_PENALTY = 25.0  # one claim negated, the other not: "is" vs "is not"
SUBSTITUTION_PENALTY = 20.0  # a different name in the same place: "English-language" vs "Spanish-language"
_MAX_BONUS = 2 * VALUE_BONUS + 3 * PHRASE_BONUS


def find_overlaps(new: Sequence[tuple[int, str] | tuple[int, str, str]],
                  existing: Sequence[tuple[int, str] | tuple[int, str, str]] = (),
                  meaning: bool = True) -> list[OverlapDraft]:
    """Pairs among `new` and between `new` and `existing` (never existing x existing), a < b, sorted.

    A claim is (id, text) or (id, text, context); context is the claim's source sentence(s) and attribution
    (see matching.context.claim_context): it confirms a pair, never makes one. Claims cut from overlapping
    spans of one article are the same words, not a repeated fact: the caller leaves those pairs out.
    With `meaning` (and the encoder available), sentence vectors add candidates and a meaning score.
    """
    docs = _claims(new, True) + _claims(existing, False)
    if len(docs) < 2:
        return []
    weights = _Weights(docs)
    weights.prepare(docs)
    pairs = set(_candidates(docs, weights))
    if meaning and attach_vectors(docs):
        pairs.update(meaning_candidates(docs))
    out: dict[tuple[int, int], OverlapDraft] = {}
    for i, j in sorted(pairs):
        a, b = docs[i], docs[j]
        if a.id == b.id:
            continue
        draft = score_pair(a, b, weights, SUGGEST_THRESHOLD)
        if draft is not None:
            key = (draft.a, draft.b)
            if key not in out or out[key].score < draft.score:
                out[key] = draft
    return sorted(out.values(), key=lambda d: (d.a, d.b))


class OverlapScorer:
    """Scores any pair of a fixed set of claims, with no threshold (for calibration and benchmarks)."""

    def __init__(self, claims: Sequence[tuple[int, str] | tuple[int, str, str]], meaning: bool = True) -> None:
        self._docs = {d.id: d for d in _claims(claims, True)}
        self._weights = _Weights(list(self._docs.values()))
        self._weights.prepare(list(self._docs.values()))
        if meaning:
            attach_vectors(list(self._docs.values()))

    def score(self, a: int, b: int) -> OverlapDraft | None:
        """The pair's draft (any score), or None when the claims share no term at all."""
        return score_pair(self._docs[a], self._docs[b], self._weights)

    def signals(self, a: int, b: int) -> PairSignals | None:
        """What the learned combiner sees of a pair (None without vectors or without anything shared)."""
        out: list = []
        score_pair(self._docs[a], self._docs[b], self._weights, collect=out)
        return out[0] if out else None

    def candidate_pairs(self) -> set[tuple[int, int]]:
        docs = list(self._docs.values())
        return {tuple(sorted((docs[i].id, docs[j].id))) for i, j in _candidates(docs, self._weights)}


def _candidates(docs: list[_Doc], weights: _Weights) -> list[tuple[int, int]]:
    """Pairs (i, j) sharing enough weight in rarer meaningful terms; at least one of them new."""
    cap = max(MIN_POSTING_CAP, int(MAX_POSTING_SHARE * len(docs)))
    postings: dict[str, list[int]] = defaultdict(list)
    for idx, d in enumerate(docs):
        for k in d.keys:
            if d.kinds[k] != "boiler" and weights.df[k] >= 2:
                postings[k].append(idx)
    shared: dict[tuple[int, int], float] = defaultdict(float)
    for k, plist in postings.items():
        if len(plist) > cap:
            continue
        for x in range(len(plist)):
            i = plist[x]
            di = docs[i]
            w = di.w[k]
            for y in range(x + 1, len(plist)):
                j = plist[y]
                if di.is_new or docs[j].is_new:
                    shared[(i, j)] += w
    return [(i, j) for (i, j), w in shared.items()
            if w >= CANDIDATE_MIN_SHARED and w >= CANDIDATE_MIN_FRACTION * min(docs[i].mass, docs[j].mass)]


def score_pair(a: _Doc, b: _Doc, weights: _Weights, min_score: float = 0.0,
               collect: list | None = None) -> OverlapDraft | None:
    """The pair's draft, or None when they share nothing or score below `min_score`.

    `collect` (for the learner) receives the pair's PairSignals (None without vectors)."""
    if a.id > b.id:
        a, b = b, a
    ka, kb = a.keys.keys(), b.keys.keys()
    shared = ka & kb
    cos = cosine(a, b)
    if not shared and (cos is None or cos < MEANING_NO_TERMS):
        return None
    wa = a.w
    values_a, values_b = a.values, b.values
    same_values = values_a & values_b
    conflicts = _conflicts(a, b, values_a - values_b, values_b - values_a) if values_a and values_b else []

    # similarity of the wording without the values (numbers and dates judged separately)
    mass_a, mass_b = a.mass, b.mass
    s_shared = sum(wa[k] for k in shared if k not in values_a)
    if mass_a <= 0 or mass_b <= 0:
        return None
    small = min(mass_a, mass_b)
    contain = s_shared / small * min(1.0, small / MIN_MASS)
    dice = 2 * s_shared / (mass_a + mass_b)
    with_context = bool(a.ctx_id or b.ctx_id)
    reach = CONTEXT_MAX_BONUS if with_context else 0.0
    # meaning counts where the wording cannot see it: when most terms are shared already, what differs is an
    # attribute ("a comedy" / "a drama") that the vectors hardly weigh, so the bonus shrinks with containment
    unseen = max(0.0, 1.0 - min(1.0, contain))
    lift = meaning_bonus(cos) * unseen
    alone = meaning_alone(cos) if unseen >= MEANING_ALONE_UNSEEN else 0.0
    content_shared = [k for k in shared if a.rk[k] == "word" and k not in values_a]
    specific = [k for k in same_values if _value_sort(k) not in ("month", "year")]
    figures = len(specific) + 0.5 * (len(same_values) - len(specific))
    phrases = [bg for bg in a.bigrams & b.bigrams
               if a.rk[bg[0]] in ("word", "number", "date") or a.rk[bg[1]] in ("word", "number", "date")]
    model = combiner() if cos is not None else None
    if min_score > 0 and collect is None:  # can the pair reach the threshold, whatever its fuzzy ratio?
        specific_shared = len(content_shared) + len(specific)
        close = cos is not None and cos >= MEANING_LIFTS_CAP
        cap = 100.0  # figures that disagree may still make an inconsistency, which has no caps
        if not conflicts and not specific_shared and not (close and cos >= MEANING_NO_TERMS):
            cap = NAME_ONLY_CAP
        elif not conflicts and specific_shared < 2 and not close:
            cap = ONE_WORD_CAP
        if cap + reach < min_score:
            return None
        plain_bound = 100.0 * (0.45 * contain + 0.30 * dice + 0.25) + _MAX_BONUS
        if model is None:
            bound = max(plain_bound + lift, alone + _MAX_BONUS)
        elif plain_bound + unseen * (100.0 - plain_bound) + reach < min_score:
            bound = plain_bound  # not even a certain model could lift it far enough
        else:
            best = model.upper_bound(PairSignals(cos, contain, dice, 1.0, len(content_shared), figures,
                                                 len(phrases), 100.0))
            bound = plain_bound + max(0.0, best - plain_bound) * unseen
        if min(bound, cap) + reach < min_score:
            return None
    fz = fuzz.token_set_ratio(a.stripped, b.stripped) / 100.0
    wording = 100.0 * (0.45 * contain + 0.30 * dice + 0.25 * fz)

    content_weight = sum(wa[k] for k in content_shared)
    # Two figures that disagree are an inconsistency only about one event: a shared content word with at
    # least one more shared word or name ("Rob Sheridan ... born"); one shared word ("fund") is not enough.
    if conflicts and _different_times(values_a, values_b, conflicts):
        conflicts = []  # "3 percent on Monday" vs "12 percent since June": two moments, not one slip
    named = [k for k in shared if a.rk[k] in ("name", "cap") and k not in values_a]
    same_event = bool(content_shared) and len(content_shared) + len(named) >= 2
    if conflicts and wording >= max(INCONSISTENCY_THRESHOLD, min_score) and same_event and collect is None:
        x, y = conflicts[0]
        reason = f"different {_value_label(x)}: {_show_value(a, x)} vs {_show_value(b, y)}; " \
                 f"shared: {_shared_list(a, shared - values_a, wa, weights)}"
        return OverlapDraft(a.id, b.id, round(min(100.0, wording), 1), reason, OverlapKind.INCONSISTENCY)

    names_a, names_b = a.names, b.names
    rare_a = {k for k in names_a if weights.df[k] <= weights.distinctive_df}
    rare_b = {k for k in names_b if weights.df[k] <= weights.distinctive_df}
    different_names = bool(rare_a and rare_b and not rare_a & rare_b and not specific)
    substituted = not different_names and bool(names_a - names_b and names_b - names_a) \
        and len(names_a ^ names_b) <= 3 and len(ka - kb) <= 2 and len(kb - ka) <= 2

    def capped(base: float, meaning: bool) -> float:
        """The score after bonuses, caps and penalties, with or without meaning's say in the caps."""
        return penalised(caps(min(100.0, base + VALUE_BONUS * min(2.0, figures)
                                  + PHRASE_BONUS * min(3, len(phrases))), meaning))

    def caps(score: float, meaning: bool) -> float:
        """Names only, or one shared word: about the same thing, not (yet) the same fact."""
        if not content_weight and not specific:
            if not (meaning and cos >= MEANING_NO_TERMS):
                score = min(score, NAME_ONLY_CAP)
        elif len(content_shared) + len(specific) < 2:
            if not (meaning and cos >= MEANING_LIFTS_CAP):
                score = min(score, ONE_WORD_CAP)
        return score

    def penalised(score: float, negated: bool = a.negated != b.negated) -> float:
        if different_names:
            score = min(score, ONE_WORD_CAP)  # about different people or things
        elif substituted:
            score -= SUBSTITUTION_PENALTY  # the same sentence about someone or something else
        if negated:
            score -= NEGATION_PENALTY
        if conflicts:
            score -= 15.0  # different numbers but not similar enough to call it an inconsistency
        return score

    # meaning adds to the wording, or alone scores a very close pair; not when figures disagree
    by_meaning = bool(lift or alone) and not conflicts
    plain = capped(wording, False)
    score = capped(max(wording + lift, alone), True) if by_meaning else plain
    signals = PairSignals(cos, contain, dice, fz, len(content_shared), figures, len(phrases),
                          max(0.0, min(100.0, plain))) if cos is not None else None
    if collect is not None:
        collect.append(signals)
    learned_won = False
    if model is not None:
        # the learned combination replaces the hand-set bonus; the rule's guards still hold
        # (its score takes the same caps and penalties; a "no" in a long post does not count as a negation)
        score, by_meaning = plain, False
        if not conflicts:
            learned = caps(model.score(signals), True)
            learned = penalised(learned, negated=_negation_clash(a, b))
            # as with the hand-set bonus, meaning speaks where the wording cannot see: the more of the lighter
            # claim the other contains, the more what differs is an attribute ("a film" / "an Irish film")
            learned = plain + max(0.0, learned - plain) * unseen
            if learned > score:
                score, by_meaning, learned_won = learned, True, True
    context_shown: list[str] = []
    if with_context:
        score, context_shown = _with_context(a, b, weights, score, wording + lift if by_meaning else wording,
                                             content_weight > 0 or bool(specific) or by_meaning,
                                             bool(specific) or different_names)
    score = max(0.0, min(100.0, score))
    if score < min_score:
        return None
    parts = []
    if same_values:
        v = sorted(same_values, key=lambda k: (-wa[k], a.order.index(k)))[0]
        parts.append(f"same {_value_label(v)} {_show_value(a, v)}")
    if shared - values_a or not by_meaning:
        parts.append("shared: " + _shared_list(a, shared - values_a, wa, weights))
    if by_meaning and (lift >= MEANING_BONUS / 4 or alone or learned_won):
        parts.append(f"similar meaning ({cos:.2f})")
    if context_shown:
        parts.append("context: " + ", ".join(context_shown))
    return OverlapDraft(a.id, b.id, round(score, 1), "; ".join(parts), OverlapKind.DUPLICATE)


_TIMES = frozenset({"weekday", "day", "month", "year"})


def _negation_clash(a: _Doc, b: _Doc) -> bool:
    """One claim negated and the other not, the negated one short enough for its "not" to rule the whole
    (a "no" somewhere in a 60-word post says little about what the post claims)."""
    if a.negated == b.negated:
        return False
    negated = a if a.negated else b
    return len(negated.text.split()) <= NEGATIVE_VERB_MAX_WORDS


def _different_times(values_a, values_b, conflicts: list[tuple[str, str]]) -> bool:
    """Both claims are dated, by no date in common, and what differs is a figure, not the date itself."""
    if any(_value_sort(x) in _TIMES for x, _ in conflicts):
        return False
    times_a = {v for v in values_a if _value_sort(v) in _TIMES}
    times_b = {v for v in values_b if _value_sort(v) in _TIMES}
    return bool(times_a and times_b and not times_a & times_b)


def _conflicts(a: _Doc, b: _Doc, only_a: set[str], only_b: set[str]) -> list[tuple[str, str]]:
    out = []
    for x in sorted(only_a, key=a.order.index):
        sx = _value_sort(x)
        for y in sorted(only_b, key=b.order.index):
            if _value_sort(y) != sx:
                continue
            if sx in ("month",):
                continue  # "in November" vs "on Oct. 20": too loose to call
            ua, ub = a.units.get(x, ""), b.units.get(y, "")
            if ua != ub and (ua and ub or sx == "number" and (ua or ub)):
                continue  # 60 days vs 3 occasions, or 5 years vs $31 million: different things
            out.append((x, y))
    return out


def _value_label(key: str) -> str:
    sort = _value_sort(key)
    return {"weekday": "day", "day": "date", "month": "month", "year": "year"}.get(sort, "number")


def _show_value(doc: _Doc, key: str) -> str:
    surface = doc.keys[key]
    if key.startswith("@"):
        return surface
    return surface  # "60 days": the number with the word after it


def _shared_list(doc: _Doc, keys: set[str], w: dict[str, float], weights: _Weights, limit: int = 4) -> str:
    def rank(k: str) -> tuple[float, int]:
        boost = 1.3 if weights.kind(doc, k) == "word" else 1.0  # "moratorium, tests" say more than "North, Korea"
        return -w[k] * boost, doc.order.index(k)

    ordered = sorted((k for k in keys if doc.kinds[k] != "boiler"), key=rank)
    shown = []
    for k in ordered[:limit]:
        shown.append(_DISPLAY.get(k, doc.keys[k]))
    return ", ".join(shown) if shown else "wording"
