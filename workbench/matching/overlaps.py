"""Overlapping claims: the same fact stated twice (DUPLICATE) or the same event with a different number or
date (INCONSISTENCY).

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
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from workbench.domain import OverlapDraft, OverlapKind
from workbench.matching.normalize import Term, analyse

# Two tiers: at SUGGEST_THRESHOLD a pair is proposed for review; at CERTAIN_THRESHOLD it is near-certain.
SUGGEST_THRESHOLD = 55.0
CERTAIN_THRESHOLD = 75.0
# A pair with conflicting numbers/dates is an inconsistency when the rest of the wording scores this much.
INCONSISTENCY_THRESHOLD = 55.0
# Pairs that share only names and boilerplate never score above this.
NAME_ONLY_CAP = 40.0
# ... and pairs whose only evidence besides names is one shared word never score above this.
ONE_WORD_CAP = 50.0

BASE_WEIGHT = {"word": 1.0, "name": 1.0, "cap": 1.0, "number": 1.6, "date": 1.3, "boiler": 0.15}
IDF_PSEUDO_DOCS = 20  # pseudo-count added to N in the idf, so small sets do not inflate rarity
MIN_MASS = 3.0  # a claim with less weight than this is too short to be "contained" in another
VALUE_BONUS = 7.0  # per agreeing number/date, at most two
PHRASE_BONUS = 5.0  # per shared (skip-)bigram with a content word or value in it, at most three
CANDIDATE_MIN_SHARED = 1.2  # shared candidate-term weight (idf-scaled) needed before a pair is scored
CANDIDATE_MIN_FRACTION = 0.2  # ... and this share of the lighter claim's weight
MAX_POSTING_SHARE = 0.05  # terms in more than this share of the claims do not generate candidates
MIN_POSTING_CAP = 30

DISTINCTIVE_NAME_SHARE = 0.02  # names in fewer claims than this share identify what a claim is about
NEGATION_PENALTY = 25.0  # one claim negated, the other not: "is" vs "is not"
SUBSTITUTION_PENALTY = 20.0  # a different name in the same place: "English-language" vs "Spanish-language"
_NEGATION = re.compile(r"\b(?:not|never|no|none|neither|nor|nobody|nothing|cannot|without)\b|n't\b", re.I)
_MAX_BONUS = 2 * VALUE_BONUS + 3 * PHRASE_BONUS
_DISPLAY = {"uno": "U.N.", "usa": "U.S.", "uk": "U.K.", "eu": "EU"}


@dataclass(slots=True)
class _Doc:
    id: int
    is_new: bool
    keys: dict[str, str]  # key -> surface (first occurrence)
    kinds: dict[str, str]  # key -> kind
    order: list[str]  # keys in order of first occurrence
    units: dict[str, str]  # value key -> unit (following word key) or ""
    negated: bool = False  # has "not", "never", "no" ...
    fuzzy: str = ""  # canonical content string for rapidfuzz
    bigrams: frozenset = frozenset()  # ordered (skip-)bigrams of non-boilerplate keys
    # filled by _Weights.prepare(): weights, resolved kinds, values, masses, names
    w: dict = field(default_factory=dict)
    rk: dict = field(default_factory=dict)
    values: frozenset = frozenset()
    mass: float = 0.0  # weight of the non-value keys
    names: frozenset = frozenset()
    stripped: str = ""  # fuzzy string without values


def _doc(claim_id: int, text: str, is_new: bool) -> _Doc:
    terms = analyse(text)
    keys: dict[str, str] = {}
    kinds: dict[str, str] = {}
    units: dict[str, str] = {}
    order: list[str] = []
    for idx, t in enumerate(terms):
        if t.key not in keys:
            keys[t.key] = t.surface
            kinds[t.key] = t.kind
            order.append(t.key)
        elif _KIND_RANK.get(t.kind, 0) > _KIND_RANK.get(kinds[t.key], 0):
            kinds[t.key] = t.kind
        if t.kind in ("number", "date") and t.key not in units:
            units[t.key] = _unit(t, terms, idx)
    seq = [t.key for t in terms if t.kind != "boiler"]
    fuzzy = " ".join(seq)
    bigrams = {(seq[x], seq[x + 1]) for x in range(len(seq) - 1)}
    bigrams |= {(seq[x], seq[x + 2]) for x in range(len(seq) - 2)}
    negated = _NEGATION.search(text) is not None
    return _Doc(claim_id, is_new, keys, kinds, order, units, negated, fuzzy, frozenset(bigrams))


def _unit(t: Term, terms: list[Term], idx: int) -> str:
    if t.kind == "date":
        return ""
    surface = t.surface.split(" ", 1)
    if len(surface) == 2 and idx + 1 < len(terms):
        return terms[idx + 1].key
    return ""


def _value_sort(key: str) -> str:
    """What a value can conflict with: a number with a number, a weekday with a weekday..."""
    if key.startswith("@"):
        body = key[1:]
        if body.isalpha():
            return "weekday"
        return "day" if "-" in body else "month"
    body = key[1:]
    if body.endswith("%"):
        return "percent"
    if "/" in body:
        return "fraction"
    if body.isdigit() and 1900 <= int(body) <= 2100:
        return "year"
    return "number"


_KIND_RANK = {"cap": 1, "word": 2, "name": 3}


class _Weights:
    def __init__(self, docs: list[_Doc]) -> None:
        df: dict[str, int] = defaultdict(int)
        as_name: dict[str, int] = defaultdict(int)
        as_word: dict[str, int] = defaultdict(int)
        for d in docs:
            for k, kind in d.kinds.items():
                df[k] += 1
                if kind in ("name", "cap"):
                    as_name[k] += 1
                elif kind == "word":
                    as_word[k] += 1
        self.df = df
        self.n = len(docs)
        # a name is what is mostly written with a capital inside sentences ("Film" in one title is not)
        # (a capitalised sentence start never seen in lower case is taken for a name too)
        self.name_keys = {k for k, c in as_name.items() if c > as_word.get(k, 0)}
        self.distinctive_df = max(3, int(DISTINCTIVE_NAME_SHARE * self.n))
        n_eff = self.n + IDF_PSEUDO_DOCS
        self._idf = {k: math.log(n_eff / c) for k, c in df.items()}

    def kind(self, doc: _Doc, key: str) -> str:
        kind = doc.kinds[key]
        if kind in ("word", "name", "cap"):
            return "name" if key in self.name_keys else "word"  # "Trump" starting a sentence is a name
        return kind

    def weight(self, doc: _Doc, key: str) -> float:
        return BASE_WEIGHT[self.kind(doc, key)] * self._idf[key]

    def prepare(self, docs: list[_Doc]) -> None:
        """Per-claim figures every pair needs, computed once."""
        for d in docs:
            d.rk = {k: self.kind(d, k) for k in d.keys}
            d.w = {k: BASE_WEIGHT[d.rk[k]] * self._idf[k] for k in d.keys}
            d.values = frozenset(k for k in d.keys if k[0] in "#@")
            d.mass = sum(w for k, w in d.w.items() if k not in d.values)
            d.names = frozenset(k for k, kind in d.rk.items() if kind == "name")
            d.stripped = _strip_values(d.fuzzy)


def find_overlaps(new: Sequence[tuple[int, str]],
                  existing: Sequence[tuple[int, str]] = ()) -> list[OverlapDraft]:
    """Pairs among `new` and between `new` and `existing` (never existing x existing), a < b, sorted."""
    docs = [_doc(i, t, True) for i, t in new] + [_doc(i, t, False) for i, t in existing]
    if len(docs) < 2:
        return []
    weights = _Weights(docs)
    weights.prepare(docs)
    out: dict[tuple[int, int], OverlapDraft] = {}
    for i, j in _candidates(docs, weights):
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

    def __init__(self, claims: Sequence[tuple[int, str]]) -> None:
        self._docs = {i: _doc(i, t, True) for i, t in claims}
        self._weights = _Weights(list(self._docs.values()))
        self._weights.prepare(list(self._docs.values()))

    def score(self, a: int, b: int) -> OverlapDraft | None:
        """The pair's draft (any score), or None when the claims share no term at all."""
        return score_pair(self._docs[a], self._docs[b], self._weights)

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


def score_pair(a: _Doc, b: _Doc, weights: _Weights, min_score: float = 0.0) -> OverlapDraft | None:
    """The pair's draft, or None when they share nothing or score below `min_score`."""
    if a.id > b.id:
        a, b = b, a
    ka, kb = a.keys.keys(), b.keys.keys()
    shared = ka & kb
    if not shared:
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
    if 100.0 * (0.45 * contain + 0.30 * dice + 0.25) + _MAX_BONUS < min_score:
        return None  # cannot reach the threshold whatever the fuzzy ratio and bonuses
    fz = fuzz.token_set_ratio(a.stripped, b.stripped) / 100.0
    wording = 100.0 * (0.45 * contain + 0.30 * dice + 0.25 * fz)

    content_shared = [k for k in shared if a.rk[k] == "word" and k not in values_a]
    content_weight = sum(wa[k] for k in content_shared)
    if conflicts and wording >= max(INCONSISTENCY_THRESHOLD, min_score) and content_weight > 0:
        x, y = conflicts[0]
        reason = f"different {_value_label(x)}: {_show_value(a, x)} vs {_show_value(b, y)}; " \
                 f"shared: {_shared_list(a, shared - values_a, wa, weights)}"
        return OverlapDraft(a.id, b.id, round(min(100.0, wording), 1), reason, OverlapKind.INCONSISTENCY)

    score = wording
    specific = [k for k in same_values if _value_sort(k) not in ("month", "year")]
    loose = len(same_values) - len(specific)
    score += VALUE_BONUS * min(2.0, len(specific) + 0.5 * loose)
    phrases = [bg for bg in a.bigrams & b.bigrams
               if a.rk[bg[0]] in ("word", "number", "date") or a.rk[bg[1]] in ("word", "number", "date")]
    score += PHRASE_BONUS * min(3, len(phrases))
    score = min(100.0, score)  # caps and penalties below act on the bounded score
    if not content_weight and not specific:
        score = min(score, NAME_ONLY_CAP)
    elif len(content_shared) + len(specific) < 2:
        score = min(score, ONE_WORD_CAP)
    names_a, names_b = a.names, b.names
    rare_a = {k for k in names_a if weights.df[k] <= weights.distinctive_df}
    rare_b = {k for k in names_b if weights.df[k] <= weights.distinctive_df}
    if rare_a and rare_b and not rare_a & rare_b and not specific:
        score = min(score, ONE_WORD_CAP)  # about different people or things
    elif names_a - names_b and names_b - names_a and len(names_a ^ names_b) <= 3 \
            and len(ka - kb) <= 2 and len(kb - ka) <= 2:
        score -= SUBSTITUTION_PENALTY  # the same sentence about someone or something else
    if a.negated != b.negated:
        score -= NEGATION_PENALTY
    if conflicts:
        score -= 15.0  # different numbers but not similar enough to call it an inconsistency
    score = max(0.0, min(100.0, score))
    if score < min_score:
        return None
    parts = []
    if same_values:
        v = sorted(same_values, key=lambda k: (-wa[k], a.order.index(k)))[0]
        parts.append(f"same {_value_label(v)} {_show_value(a, v)}")
    parts.append("shared: " + _shared_list(a, shared - values_a, wa, weights))
    return OverlapDraft(a.id, b.id, round(score, 1), "; ".join(parts), OverlapKind.DUPLICATE)


def _strip_values(s: str) -> str:
    return " ".join(w for w in s.split() if w[0] not in "#@")


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
            if ua and ub and ua != ub:
                continue  # 60 days vs 3 occasions: different things
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
