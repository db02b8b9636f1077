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
5. Optional context per claim (its source sentence and attribution, see matching.context): names, days,
   places and numbers that one claim states and the other has in its context, or that both contexts hold,
   add a bounded bonus to a pair whose own wording already scores >= 25 with a shared content word; contexts
   naming entirely different people, places or days take a little off; a Title-Case headline is discounted
   as a summary. Context alone never makes a pair (no candidates come from it), and claims whose contexts
   share a sentence (cut from one sentence, or neighbours) get no context credit. Pairs of one article with
   overlapping spans are dropped by the caller (matching.article.find_article_overlaps).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from workbench.domain import OverlapDraft, OverlapKind
from workbench.matching.context import sentence_bounds
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
# verbs that carry the negation themselves: "rejected talks" says what "was not ready for talks" says
# (atomic claims only: in a long text such a verb somewhere says little about the polarity of the whole)
NEGATIVE_VERB_MAX_WORDS = 25
_NEGATIVE_VERB = re.compile(r"\b(?:reject|refus|spurn|rebuff|turn(?:s|ed|ing)? down|declin(?:e|es|ed|ing) to)", re.I)

# Context (source sentence + attribution). Evidence = sum over the names, days and numbers found in one claim's
# text and the other's context (CROSS) or in both contexts (BOTH) of that factor x relative idf (idf / its
# maximum, so 0..1 whatever the number of claims), one name ("Choe Hon Sui") counted once. Ordinary words in
# context confirm nothing. One shared name is not confirmation: the bonus starts above CONTEXT_MIN_EVIDENCE,
# bonus = CONTEXT_MAX_BONUS x clamp((evidence - CONTEXT_MIN_EVIDENCE) / (CONTEXT_FULL_EVIDENCE - MIN)).
CONTEXT_CROSS = 0.8
CONTEXT_BOTH = 0.35
CONTEXT_KIND = {"name": 1.0, "number": 1.0, "date": 1.0, "word": 0.0, "cap": 0.0, "boiler": 0.0}
CONTEXT_MIN_EVIDENCE = 0.5
CONTEXT_FULL_EVIDENCE = 1.5
CONTEXT_MAX_BONUS = 30.0
CONTEXT_MIN_WORDING = 25.0  # the claims' own wording must score this much before context counts
CONTEXT_MISMATCH_PENALTY = 10.0  # both contexts name people/places/days, none in common
CONTEXT_ANCHOR_SHARE = 0.25  # names/dates in more than this share of the claims are not anchors
SUMMARY_PENALTY = 10.0  # a Title-Case headline (claims with context only) summarises; it restates loosely
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
    # context (empty without): key -> kind of the context terms that are not in the text, the context's
    # identity (claims cut from one sentence share it) and whether the claim is a Title-Case headline
    ctx: dict = field(default_factory=dict)
    ctx_surface: dict = field(default_factory=dict)
    ctx_id: str = ""
    ctx_sentences: frozenset = frozenset()  # hashes of the context's sentences (neighbours share one)
    summary: bool = False
    group: dict = field(default_factory=dict)  # name key -> its run of capitalised words ("Choe Hon Sui")
    anchors: frozenset = frozenset()  # filled by prepare(): distinctive names/dates of text + context


def _doc(claim_id: int, text: str, is_new: bool, context: str = "") -> _Doc:
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
    if not negated and len(text.split()) <= NEGATIVE_VERB_MAX_WORDS:
        negated = _NEGATIVE_VERB.search(text) is not None
    doc = _Doc(claim_id, is_new, keys, kinds, order, units, negated, fuzzy, frozenset(bigrams))
    if context and context.strip():
        ctx_terms = analyse(context)
        _group_names(text, doc.group)
        _group_names(context, doc.group)
        for t in ctx_terms:
            if t.key in keys or t.kind == "boiler":
                continue
            if t.key not in doc.ctx:
                doc.ctx[t.key] = t.kind
                doc.ctx_surface[t.key] = t.surface
            elif _KIND_RANK.get(t.kind, 0) > _KIND_RANK.get(doc.ctx[t.key], 0):
                doc.ctx[t.key] = t.kind
        doc.ctx_id = " ".join(context.lower().split())
        doc.ctx_sentences = frozenset(
            hash(" ".join(context[s:e].lower().split())) for s, e in sentence_bounds(context) if e - s > 20)
        doc.summary = _is_headline(text)
    return doc


_NAME_TOKEN = r"(?:(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Jr|Sr)\.|[A-Z][\w'’-]*(?![\w'’.-]))"
_NAME_RUN = re.compile(rf"(?<![\w.]){_NAME_TOKEN}(?:[ \t]+(?:(?:of|the|de|van|von|bin|al|la|le|du|da)[ \t]+)?"
                       rf"{_NAME_TOKEN})+")


def _group_names(text: str, group: dict[str, str]) -> None:
    """Runs of capitalised words ("Choe Hon Sui", "U.N. Security Council") are one name: context evidence
    counts each run once. Punctuation ends a run ("in Oslo, Choe said"; "in Moscow. Choe said")."""
    for m in _NAME_RUN.finditer(text):
        keys, label = _name_run(m.group())
        for k in keys:
            group.setdefault(k, label)


@lru_cache(maxsize=8192)
def _name_run(run: str) -> tuple[tuple[str, ...], str]:
    """The keys of a run of capitalised words and its label (names repeat: cached)."""
    terms = [t for t in analyse(run) if t.kind in ("name", "cap", "word")]  # not "Tuesday"
    if len(terms) < 2:
        return (), ""
    return tuple(t.key for t in terms), " ".join(_DISPLAY.get(t.key, t.surface) for t in terms[-3:])


def _is_headline(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text) if len(w) > 3]
    return len(words) >= 4 and sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words) \
        and not text.rstrip().endswith((".", "!", "?", '"', "”"))


def _claims(rows: Iterable[tuple], is_new: bool) -> list[_Doc]:
    """(id, text) or (id, text, context) rows as docs."""
    out = []
    for row in rows:
        if len(row) == 2:
            out.append(_doc(row[0], row[1], is_new))
        elif len(row) == 3:
            out.append(_doc(row[0], row[1], is_new, row[2] or ""))
        else:
            raise ValueError(f"a claim is (id, text) or (id, text, context), not {len(row)} values")
    return out


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
        # text + context, for weighing context terms (only when some claim has context)
        self.with_context = any(d.ctx_id for d in docs)
        self.df_full: dict[str, int] = {}
        self.idf_full: dict[str, float] = {}
        self.name_full: set[str] = set()
        if self.with_context:
            df_full: dict[str, int] = defaultdict(int, df)
            for d in docs:
                for k, kind in d.ctx.items():
                    df_full[k] += 1
                    if kind in ("name", "cap"):
                        as_name[k] += 1
                    elif kind == "word":
                        as_word[k] += 1
            self.df_full = df_full
            top = math.log(n_eff)  # the idf of a term in no claim: relative idf = idf / top
            self.idf_full = {k: math.log(n_eff / c) / top for k, c in df_full.items()}
            self.name_full = {k for k, c in as_name.items() if c > as_word.get(k, 0)}
            self.anchor_df = max(3, int(CONTEXT_ANCHOR_SHARE * self.n))

    def context_kind(self, kind: str, key: str) -> str:
        if kind in ("word", "name", "cap"):
            return "name" if key in self.name_full else "word"
        return kind

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
            if d.ctx_id:
                d.anchors = frozenset(
                    k for k, kind in list(d.kinds.items()) + list(d.ctx.items())
                    if self.context_kind(kind, k) in ("name", "date") and self.df_full[k] <= self.anchor_df
                    and not (k.startswith("@") and _value_sort(k) in ("month", "year")))


def find_overlaps(new: Sequence[tuple[int, str] | tuple[int, str, str]],
                  existing: Sequence[tuple[int, str] | tuple[int, str, str]] = ()) -> list[OverlapDraft]:
    """Pairs among `new` and between `new` and `existing` (never existing x existing), a < b, sorted.

    A claim is (id, text) or (id, text, context); context is the claim's source sentence(s) and attribution
    (see matching.context.claim_context): it confirms a pair, never makes one. Claims cut from overlapping
    spans of one article are the same words, not a repeated fact: the caller leaves those pairs out.
    """
    docs = _claims(new, True) + _claims(existing, False)
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

    def __init__(self, claims: Sequence[tuple[int, str] | tuple[int, str, str]]) -> None:
        self._docs = {d.id: d for d in _claims(claims, True)}
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


def _context_evidence(a: _Doc, b: _Doc, weights: _Weights) -> tuple[float, list[str]]:
    """Weight of the terms one claim states and the other's context holds (or both contexts hold)."""
    if not (a.ctx or b.ctx) or a.ctx_sentences & b.ctx_sentences:
        return 0.0, []
    found: list[tuple[float, str, str]] = []
    common = weights.anchor_df  # terms around most claims ("North Korea") confirm nothing
    for x, y in ((a, b), (b, a)):
        for k in y.ctx.keys() & x.keys.keys():  # stated by x, in y's context
            if weights.df_full[k] > common:
                continue
            f = CONTEXT_KIND[weights.context_kind(x.kinds[k], k)] * CONTEXT_CROSS
            found.append((f * weights.idf_full[k], k, x.keys[k]))
    for k in a.ctx.keys() & b.ctx.keys():
        if weights.df_full[k] > common:
            continue
        f = CONTEXT_KIND[weights.context_kind(a.ctx[k], k)] * CONTEXT_BOTH
        found.append((f * weights.idf_full[k], k, a.ctx_surface[k]))
    found.sort(key=lambda t: (-t[0], t[1]))
    shown: list[str] = []
    total, seen = 0.0, set()
    for w, k, surface in found:
        if w <= 0:
            break  # sorted: ordinary words from here on
        g = a.group.get(k) or b.group.get(k) or _DISPLAY.get(k, surface)
        if g in seen:
            continue  # one name, several words
        seen.add(g)
        total += w
        label = g
        if w >= 0.1 and label not in shown:
            shown.append(label)
    return total, shown[:3]


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
    with_context = bool(a.ctx_id or b.ctx_id)
    reach = CONTEXT_MAX_BONUS if with_context else 0.0
    if 100.0 * (0.45 * contain + 0.30 * dice + 0.25) + _MAX_BONUS + reach < min_score:
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
    different_names = bool(rare_a and rare_b and not rare_a & rare_b and not specific)
    if different_names:
        score = min(score, ONE_WORD_CAP)  # about different people or things
    elif names_a - names_b and names_b - names_a and len(names_a ^ names_b) <= 3 \
            and len(ka - kb) <= 2 and len(kb - ka) <= 2:
        score -= SUBSTITUTION_PENALTY  # the same sentence about someone or something else
    if a.negated != b.negated:
        score -= NEGATION_PENALTY
    if conflicts:
        score -= 15.0  # different numbers but not similar enough to call it an inconsistency
    context_shown: list[str] = []
    if with_context:
        score, context_shown = _with_context(a, b, weights, score, wording, content_weight > 0 or bool(specific),
                                             bool(specific) or different_names)
    score = max(0.0, min(100.0, score))
    if score < min_score:
        return None
    parts = []
    if same_values:
        v = sorted(same_values, key=lambda k: (-wa[k], a.order.index(k)))[0]
        parts.append(f"same {_value_label(v)} {_show_value(a, v)}")
    parts.append("shared: " + _shared_list(a, shared - values_a, wa, weights))
    if context_shown:
        parts.append("context: " + ", ".join(context_shown))
    return OverlapDraft(a.id, b.id, round(score, 1), "; ".join(parts), OverlapKind.DUPLICATE)


def _with_context(a: _Doc, b: _Doc, weights: _Weights, score: float, wording: float, has_content: bool,
                  no_mismatch: bool) -> tuple[float, list[str]]:
    """The score after context: a bonus for confirming names/days/places, a penalty for contexts about
    different ones (unless a shared number/date says otherwise or the names already capped the pair), and
    the headline discount."""
    shown: list[str] = []
    if a.summary != b.summary:
        score -= SUMMARY_PENALTY
    if a.ctx_sentences & b.ctx_sentences:
        return score, shown  # one sentence cut in two, or neighbours: their context says nothing about the pair
    both = a.keys.keys() & b.keys.keys()  # names both texts state are what the pair is about, not its setting
    anchors_a, anchors_b = a.anchors - both, b.anchors - both
    if a.ctx_id and b.ctx_id and anchors_a and anchors_b and not anchors_a & anchors_b:
        if not no_mismatch:  # about different people, places or days
            score -= CONTEXT_MISMATCH_PENALTY
    elif has_content and wording >= CONTEXT_MIN_WORDING:
        evidence, shown = _context_evidence(a, b, weights)
        ramp = (evidence - CONTEXT_MIN_EVIDENCE) / (CONTEXT_FULL_EVIDENCE - CONTEXT_MIN_EVIDENCE)
        score += CONTEXT_MAX_BONUS * max(0.0, min(1.0, ramp))
        if ramp <= 0:
            shown = []
    return score, shown


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
