"""A learned combination of meaning and wording: P(same fact) from a few signals of a scored pair.

The hand-set rule (overlaps.score_pair) adds meaning as a bounded bonus; it misses restatements whose words
differ ("is burning less coal" / "decline in coal generation"). A logistic regression over the pair's signals
(cosine, containment, Dice, fuzzy ratio, shared content words, agreeing figures, shared phrases, the rule's
own score) was fitted by bench/learn_overlaps.py on CLEF-2020 train (tweets vs their fact-checks, with the
archive's top-ranked wrong fact-checks as hard negatives; tweets that are also in ClaimMatch left out). Its
probability maps to the overlap scale: P_FLAG -> SUGGEST (55), P_CERTAIN -> CERTAIN (75), linear in log-odds,
both chosen by cross-validation on train. The rule's guards still hold: the caller gives no learned lift to a
pair whose figures disagree, that is negated on one side only, or that names different people or things.

The weights live in resources/matching/overlap_combiner.json; without the file (or without sentence vectors)
scoring is the rule alone.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from functools import lru_cache

from workbench.resources import resource

FILE = ("matching", "overlap_combiner.json")
FEATURES = ("cosine", "containment", "dice", "fuzzy", "content_words", "figures", "phrases", "rule",
            "cosine_squared", "cosine_unseen")
# where a probability lands on the 0-100 overlap scale (the thresholds of matching.overlaps)
FLAG_SCORE, CERTAIN_SCORE = 55.0, 75.0


@dataclass(frozen=True, slots=True)
class PairSignals:
    cosine: float
    containment: float
    dice: float
    fuzzy: float
    content_words: int
    figures: float
    phrases: int
    rule: float  # the rule's score after its caps and penalties (0-100)

    def vector(self) -> list[float]:
        """The model's inputs, bounded as it was fitted."""
        contain = min(1.0, self.containment)
        return [self.cosine, contain, self.dice, self.fuzzy, min(4, self.content_words) / 4,
                min(2.0, self.figures) / 2, min(3, self.phrases) / 3, self.rule / 100.0,
                self.cosine ** 2, self.cosine * (1.0 - contain)]


@dataclass(frozen=True, slots=True)
class Combiner:
    weights: tuple[float, ...]  # per feature, on standardised inputs
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    p_flag: float
    p_certain: float

    def logit(self, signals: PairSignals) -> float:
        coef, z = _folded(self)
        for c, x in zip(coef, signals.vector()):
            z += c * x
        return z

    def probability(self, signals: PairSignals) -> float:
        z = self.logit(signals)
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    def score(self, signals: PairSignals) -> float:
        """The probability on the overlap scale: P_FLAG -> 55, P_CERTAIN -> 75, clamped to 0..100."""
        lo, hi = _logit(self.p_flag), _logit(self.p_certain)
        z = self.logit(signals)
        return max(0.0, min(100.0, FLAG_SCORE + (CERTAIN_SCORE - FLAG_SCORE) * (z - lo) / (hi - lo)))

    def upper_bound(self, signals: PairSignals) -> float:
        """The best score this pair could get whatever its fuzzy ratio and rule score (for early exits)."""
        fuzzy = 1.0 if self.weights[FEATURES.index("fuzzy")] > 0 else 0.0
        rule = 100.0 if self.weights[FEATURES.index("rule")] > 0 else 0.0
        return self.score(PairSignals(signals.cosine, signals.containment, signals.dice, fuzzy,
                                      signals.content_words, signals.figures, signals.phrases, rule))

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "weights": list(self.weights), "bias": self.bias,
                "mean": list(self.mean), "scale": list(self.scale), "p_flag": self.p_flag,
                "p_certain": self.p_certain}

    @staticmethod
    def from_json(data: dict) -> Combiner:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("the combiner was fitted on other features")
        return Combiner(tuple(map(float, data["weights"])), float(data["bias"]), tuple(map(float, data["mean"])),
                        tuple(map(float, data["scale"])), float(data["p_flag"]), float(data["p_certain"]))


@lru_cache(maxsize=8)
def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


@lru_cache(maxsize=8)
def _folded(model: Combiner) -> tuple[tuple[float, ...], float]:
    """The standardisation folded into the weights: logit = bias' + sum(coef * x)."""
    coef = tuple(w / s for w, s in zip(model.weights, model.scale))
    return coef, model.bias - sum(c * m for c, m in zip(coef, model.mean))


_lock = threading.Lock()
_loaded: list[Combiner | None] = []


def combiner() -> Combiner | None:
    """The shipped combiner, read once; None when its file is missing or unreadable."""
    if _loaded:  # scored per pair: no lock once read
        return _loaded[0]
    with _lock:
        if not _loaded:
            try:
                _loaded.append(Combiner.from_json(json.loads(resource(*FILE).read_text(encoding="utf-8"))))
            except (OSError, ValueError, KeyError, TypeError):
                _loaded.append(None)
        return _loaded[0]


def use(model: Combiner | None) -> None:
    """Replace the combiner for this process (the learner compares with and without; tests pin one)."""
    with _lock:
        _loaded.clear()
        _loaded.append(model)
