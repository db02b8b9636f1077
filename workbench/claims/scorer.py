"""Check-worthiness scoring: linguistic features + a small logistic model read from JSON.

The model is trained by bench/train_checkworthiness.py on ClaimBuster (CC BY 4.0) and ships as
resources/claims/checkworthiness.json. Inference is a sparse dot product and a sigmoid, so the
app needs no scikit-learn. Features are mostly grammatical (entities, tags, modals, person),
which carry across genres better than words; a small hashed lexical part adds vocabulary.
"""

from __future__ import annotations

import json
import math
import threading
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODEL_FILE = "checkworthiness.json"
HASH_BUCKETS = 4096

FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
SECOND_PERSON = {"you", "your", "yours", "yourself", "yourselves"}
MODALS = {"will", "would", "should", "must", "can", "could", "may", "might", "shall", "ought"}
OPINION_WORDS = {
    "think", "believe", "feel", "hope", "wish", "want", "guess", "suppose", "seems", "seem",
    "need", "needs", "important", "imperative", "great", "greatest", "best", "worst", "wrong",
    "right", "good", "bad", "better", "love", "proud", "honored", "thank", "welcome", "let",
    "clearly", "undoubtedly", "probably", "perhaps", "maybe", "likely", "unlikely", "unclear",
    "terrible", "wonderful", "tremendous", "deserve", "deserves", "strong", "should", "must",
    "opinion", "believes", "thinks", "hopefully", "incredible", "amazing", "beautiful",
}
_ENT_TYPES = (
    "PERSON", "ORG", "GPE", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY",
    "ORDINAL", "LAW", "EVENT", "FAC", "LOC", "PRODUCT",
)
_TAGS = (
    "VBD", "VBN", "VBZ", "VBP", "VB", "VBG", "MD", "PRP", "PRP$", "JJ", "JJR", "JJS", "RB",
    "RBR", "RBS", "WP", "WRB", "WDT", "CD", "NNP", "NNPS", "NN", "NNS", "UH", "IN", "DT", "CC",
)


def _bucket(key: str) -> str:
    return "h%d" % (zlib.crc32(key.encode("utf-8")) % HASH_BUCKETS)


def features(tokens: Sequence[Any]) -> dict[str, float]:
    """Sparse feature vector of a sentence or clause (a sequence of spaCy tokens)."""
    f: dict[str, float] = {}
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    n = max(len(words), 1)
    f["len_log"] = math.log1p(len(words))
    f["short"] = 1.0 if len(words) <= 5 else 0.0
    f["long"] = 1.0 if len(words) >= 25 else 0.0
    tag_counts: dict[str, int] = {}
    ents: set[str] = set()
    prev_tag = "<s>"
    prev_lower = "<s>"
    for t in tokens:
        tag = t.tag_
        tag_counts[tag] = tag_counts.get(tag, 0) + 1
        lower = t.lower_
        if t.ent_type_:
            ents.add(t.ent_type_)
        if lower in FIRST_PERSON:
            f["p1"] = f.get("p1", 0.0) + 1.0
        elif lower in SECOND_PERSON:
            f["p2"] = f.get("p2", 0.0) + 1.0
        if lower in OPINION_WORDS:
            f["opin"] = f.get("opin", 0.0) + 1.0
        if tag == "MD" or lower in MODALS:
            f["md_" + lower] = 1.0
        if t.like_num:
            f["num"] = 1.0
        if lower == "?":
            f["question"] = 1.0
        elif lower == "!":
            f["exclaim"] = 1.0
        elif lower in ("\"", "\u201c", "\u201d"):
            f["quote"] = 1.0
        # POS bigrams generalise across genres; hashed words add vocabulary.
        pos_bi = "t:" + prev_tag + "_" + tag
        f[pos_bi] = 1.0
        if not t.is_punct:
            w = _bucket("w:" + lower)
            f[w] = f.get(w, 0.0) + 1.0
            b = _bucket("b:" + prev_lower + "_" + lower)
            f[b] = f.get(b, 0.0) + 1.0
            prev_lower = lower
        prev_tag = tag
        if t.dep_ == "ROOT":
            f["root_" + tag] = 1.0
            f[_bucket("r:" + lower)] = 1.0
    for ent in ents:
        f["ent_" + ent] = 1.0
    f["n_ents"] = math.log1p(len(ents))
    for tag in _TAGS:
        c = tag_counts.get(tag, 0)
        if c:
            f["tag_" + tag] = c / n
    for key in ("p1", "p2", "opin"):
        if key in f:
            f[key] = math.log1p(f[key])
    for key in [k for k in f if k.startswith("h")]:
        f[key] = min(f[key], 2.0)
    if words:
        f.update(_clause_features(words))
        f.update(_vector_features(words))
    return f


_PAST_AUX = {"did", "was", "were"}
_PERFECT_AUX = {"has", "have", "had", "'ve", "'s", "'d"}
_FUTURE_AUX = {"will", "'ll", "wo", "shall"}
_HEDGE_AUX = {"should", "must", "might", "may", "could", "would", "can", "ca"}


def _clause_features(words: Sequence[Any]) -> dict[str, float]:
    """Who does what, when: the subject's person and the main verb's tense.

    These carry across genres: "we cut taxes" (first person, past) is a checkable record in a
    speech as in a debate, "we will cut taxes" a pledge, "you must ..." an exhortation.
    """
    ids = {t.i for t in words}
    root = next((t for t in words if t.dep_ == "ROOT"), None)
    if root is None:  # a clause split off a sentence: its head is the word governed from outside
        root = next((t for t in words if t.head.i not in ids or t.head.i == t.i), words[0])
    f: dict[str, float] = {}
    kids = list(root.children)
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    person = "none"
    if subj is not None:
        low = subj.lower_
        if low in ("i", "we"):
            person = "p1"
        elif low == "you":
            person = "p2"
        elif low in ("it", "this", "that", "there"):
            person = "it"
        elif low in ("they", "he", "she"):
            person = "p3"
        elif subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            person = "ent"
        elif subj.pos_ in ("NOUN", "PROPN"):
            person = "noun"
        else:
            person = "other"
    f["subj_" + person] = 1.0
    tense = "pres"
    if root.tag_ == "VBD" or aux & _PAST_AUX:
        tense = "past"
    if aux & _PERFECT_AUX and root.tag_ == "VBN":
        tense = "perf"
    if aux & _FUTURE_AUX or "going" in aux:
        tense = "fut"
    if aux & _HEDGE_AUX:
        tense = "modal"
    if root.tag_ == "VB" and subj is None:
        tense = "imper"
    f["tense_" + tense] = 1.0
    if person == "p1":
        f["p1_" + tense] = 1.0
    if any(c.dep_ == "neg" for c in kids):
        f["neg"] = 1.0
    if any(
        (t.like_num and t.head.pos_ in ("NOUN", "SYM")) or t.ent_type_ in ("MONEY", "PERCENT")
        for t in words
    ):
        f["quantity"] = 1.0
    if root.lower_ in ("is", "are", "was", "were", "'s", "'re") and any(
        c.dep_ == "acomp" for c in kids
    ):
        f["copula_adj"] = 1.0
    return f


def _vector_features(words: Sequence[Any]) -> dict[str, float]:
    """The mean of spaCy's tok2vec rows (doc.tensor, computed by the parse anyway)."""
    tensor = getattr(words[0].doc, "tensor", None)
    if tensor is None or len(tensor.shape) != 2 or tensor.shape[0] != len(words[0].doc):
        return {}
    if len(words) > 1 and words[-1].i - words[0].i + 1 == len(words):
        rows = tensor[words[0].i : words[-1].i + 1]
    else:
        rows = tensor[[t.i for t in words]]
    mean = rows.mean(axis=0)
    return {f"v{i}": float(x) for i, x in enumerate(mean.tolist())}


@dataclass(frozen=True, slots=True)
class LogisticModel:
    weights: dict[str, float]
    bias: float
    threshold: float = 0.5

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias
        w = self.weights
        for key, value in feats.items():
            weight = w.get(key)
            if weight is not None:
                z += weight * value
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True, slots=True)
class Scorer:
    factual: LogisticModel  # UFS+CFS against NFS: is this a factual claim at all?
    checkworthy: LogisticModel  # CFS against the rest: is it worth checking?


def _resource_dirs() -> list[Path]:
    here = Path(__file__).resolve().parent
    return [here.parent.parent / "resources" / "claims", here.parent / "_resources" / "claims"]


def _read_model(data: dict[str, Any]) -> LogisticModel:
    return LogisticModel(
        {k: float(v) for k, v in data["weights"].items()},
        float(data["bias"]),
        float(data.get("threshold", 0.5)),
    )


def load_scorer(path: Path | None = None) -> Scorer | None:
    """The shipped model, or None when the file is missing (rules then decide alone)."""
    candidates = [path] if path else [d / MODEL_FILE for d in _resource_dirs()]
    for candidate in candidates:
        if candidate.is_file():
            data = json.loads(candidate.read_text(encoding="utf-8"))
            return Scorer(_read_model(data["factual"]), _read_model(data["checkworthy"]))
    return None


_lock = threading.Lock()
_cached: list[Scorer | None] = []


def get_scorer() -> Scorer | None:
    if not _cached:
        with _lock:
            if not _cached:
                _cached.append(load_scorer())
    return _cached[0]
