"""In-memory index of archived (already checked) claims: BM25 retrieval, then a fuzzy re-ranking.

Retrieval: BM25 over normalised terms (numbers, dates, stems, synonyms; tweet furniture removed), stored as
per-term posting arrays with the BM25 impact precomputed, so a query is a few numpy gathers and adds.
Re-ranking of the top RERANK_DEPTH: a blend of how much of the archived claim the query covers (idf-weighted),
how much of the query the claim covers, rapidfuzz token_set_ratio on the normalised strings, and the
relative BM25 score. The blend is the score shown to a person (0..100).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from workbench.matching.normalize import content_keys

# Tuned on CLEF-2020 task 2 train (bench/archive_bench.py --tune); see docs/matching.md.
K1 = 1.2
B = 0.75
TITLE_WEIGHT = 1  # how many times a title's terms count (0 ignores titles)
RERANK_DEPTH = 40
# Logistic re-ranker over FEATURES: intercept, then one weight per feature. The probability x 100 is the
# score a person sees. Fitted on CLEF train (bench/archive_bench.py --fit).
WEIGHTS = (-13.546, 1.784, 3.212, 0.316, 11.366, 2.112, -2.225, 0.226)


@dataclass(frozen=True, slots=True)
class Hit:
    id: int
    score: float  # 0..100


class ArchiveIndex:
    """Build once from (id, text) or (id, text, title) rows; search many times. Not thread-safe to mutate."""

    def __init__(self, *, k1: float = K1, b: float = B, title_weight: int = TITLE_WEIGHT,
                 rerank_depth: int = RERANK_DEPTH,
                 weights: tuple[float, ...] | None = WEIGHTS) -> None:
        self.k1, self.b, self.title_weight, self.rerank_depth = k1, b, title_weight, rerank_depth
        self.weights = weights
        self._ids: list[int] = []
        self._keys: list[str] = []  # space-joined normalised terms of the text
        self._title_keys: list[str] = []  # ... and of the title
        self._pending: list[tuple[int, str]] = []
        self._vocab: dict[str, int] = {}
        self._idf = np.zeros(0, dtype=np.float32)
        self._offsets = np.zeros(1, dtype=np.int64)
        self._post_docs = np.zeros(0, dtype=np.int32)
        self._post_imp = np.zeros(0, dtype=np.float32)
        self._dirty = False

    # -- building --------------------------------------------------------------------------------

    @classmethod
    def build(cls, rows: Iterable[tuple], **options) -> ArchiveIndex:
        index = cls(**options)
        index.add(rows)
        index.commit()
        return index

    def add(self, rows: Iterable[tuple]) -> None:
        """Add (id, text) or (id, text, title) rows; an id seen before is replaced. Call commit() after."""
        position = {doc_id: n for n, doc_id in enumerate(self._ids)}
        title_cache: dict[str, str] = {}  # archives often repeat titles
        for row in rows:
            doc_id, text = int(row[0]), row[1] or ""
            title = row[2] if len(row) > 2 and row[2] else ""
            joined = " ".join(content_keys(text, social=True))
            title_joined = ""
            if title:
                title_joined = title_cache.get(title)
                if title_joined is None:
                    title_joined = title_cache[title] = " ".join(content_keys(title, social=True))
            if doc_id in position:
                self._keys[position[doc_id]] = joined
                self._title_keys[position[doc_id]] = title_joined
            else:
                position[doc_id] = len(self._ids)
                self._ids.append(doc_id)
                self._keys.append(joined)
                self._title_keys.append(title_joined)
        self._dirty = True

    def remove(self, ids: Iterable[int]) -> None:
        gone = set(ids)
        kept = [x for x in zip(self._ids, self._keys, self._title_keys) if x[0] not in gone]
        self._ids = [x[0] for x in kept]
        self._keys = [x[1] for x in kept]
        self._title_keys = [x[2] for x in kept]
        self._dirty = True

    def commit(self) -> None:
        """(Re)build the posting arrays from the stored term strings."""
        vocab: dict[str, int] = {}
        doc_col: list[int] = []
        term_col: list[int] = []
        tf_col: list[int] = []
        lengths = np.zeros(len(self._keys), dtype=np.float32)
        for d, joined in enumerate(self._keys):
            counts: dict[str, int] = {}
            toks = joined.split()
            if self.title_weight and self._title_keys[d]:
                toks += self._title_keys[d].split() * self.title_weight
            for t in toks:
                counts[t] = counts.get(t, 0) + 1
            lengths[d] = len(toks)
            for t, c in counts.items():
                tid = vocab.get(t)
                if tid is None:
                    tid = vocab[t] = len(vocab)
                doc_col.append(d)
                term_col.append(tid)
                tf_col.append(c)
        n_docs = len(self._keys)
        docs = np.asarray(doc_col, dtype=np.int32)
        terms = np.asarray(term_col, dtype=np.int32)
        tf = np.asarray(tf_col, dtype=np.float32)
        df = np.bincount(terms, minlength=len(vocab)).astype(np.float32)
        idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        avgdl = float(lengths.mean()) if n_docs else 1.0
        norm = self.k1 * (1.0 - self.b + self.b * lengths / max(avgdl, 1e-9))
        impact = idf[terms] * tf * (self.k1 + 1.0) / (tf + norm[docs]) if n_docs else tf
        order = np.argsort(terms, kind="stable")
        self._post_docs = docs[order]
        self._post_imp = impact[order].astype(np.float32)
        self._offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(df.astype(np.int64), out=self._offsets[1:])
        self._vocab = vocab
        self._idf = idf
        self._dirty = False

    def __len__(self) -> int:
        return len(self._ids)

    # -- searching -------------------------------------------------------------------------------

    def search(self, text: str, top: int = 5) -> list[tuple[int, float]]:
        """The `top` closest archived claims as (id, score 0..100), best first."""
        found = self.candidates(text, max(top, self.rerank_depth)) if top >= 1 else None
        if not found:
            return []
        cand, feats = found
        if self.weights is None:  # plain BM25 order (feature 3 is BM25 relative to the best)
            value = feats[:, 3]
        else:
            value = 1.0 / (1.0 + np.exp(-(feats @ np.asarray(self.weights[1:]) + self.weights[0])))
            # the same words both ways is a match whatever the model says (doc_cover * query_cover * token_set)
            value = np.maximum(value, feats[:, 0] * feats[:, 1] * feats[:, 2])
        order = sorted(range(len(cand)), key=lambda n: (-value[n], self._ids[cand[n]]))[:top]
        return [(self._ids[cand[n]], round(float(100.0 * value[n]), 1)) for n in order]

    def bm25_only(self, text: str, top: int = 5) -> list[tuple[int, float]]:
        """Plain BM25 ranking without re-ranking (for measurements); score is BM25 relative to the best."""
        saved = self.weights
        try:
            self.weights = None
            return self.search(text, top)
        finally:
            self.weights = saved

    def candidates(self, text: str, depth: int) -> tuple[list[int], np.ndarray] | None:
        """BM25 top-`depth` documents (positions) and their re-ranking features (see FEATURES)."""
        if self._dirty:
            self.commit()
        if not self._ids:
            return None
        q_keys = content_keys(text, social=True)
        q_tids = {self._vocab[k] for k in q_keys if k in self._vocab}
        if not q_tids:
            return None
        scores = np.zeros(len(self._ids), dtype=np.float32)
        for tid in q_tids:  # query term frequency ignored: tweets repeat words for emphasis
            lo, hi = self._offsets[tid], self._offsets[tid + 1]
            scores[self._post_docs[lo:hi]] += self._post_imp[lo:hi]
        if depth < len(scores):
            cand = np.argpartition(-scores, depth - 1)[:depth]
        else:
            cand = np.arange(len(scores))
        cand = cand[scores[cand] > 0]
        if not len(cand):
            return None
        cand_list = cand.tolist()
        return cand_list, self._features(q_keys, cand_list, scores)

    def _features(self, q_keys: list[str], cand: list[int], scores: np.ndarray) -> np.ndarray:
        idf, vocab = self._idf, self._vocab
        default_idf = float(idf.max()) if len(idf) else 1.0

        def weight(k: str) -> float:
            tid = vocab.get(k)
            return float(idf[tid]) if tid is not None else default_idf

        q_set = set(q_keys)
        q_weight = {k: weight(k) for k in q_set}
        q_mass = sum(q_weight.values()) or 1.0
        q_str = " ".join(q_keys)
        q_bigrams = set(zip(q_keys, q_keys[1:]))
        best = float(scores[cand].max()) or 1.0
        out = np.zeros((len(cand), len(FEATURES)), dtype=np.float64)
        for n, d in enumerate(cand):
            d_list = self._keys[d].split()
            d_keys = set(d_list)
            d_mass = sum(weight(k) for k in d_keys) or 1.0
            shared = q_set & d_keys
            t_keys = set(self._title_keys[d].split())
            t_mass = sum(weight(k) for k in t_keys)
            d_bigrams = set(zip(d_list, d_list[1:]))
            out[n] = (
                sum(weight(k) for k in shared) / d_mass,
                sum(q_weight[k] for k in shared) / q_mass,
                fuzz.token_set_ratio(q_str, self._keys[d]) / 100.0,
                float(scores[d]) / best,
                sum(weight(k) for k in t_keys & q_set) / t_mass if t_mass else 0.0,
                len(d_bigrams & q_bigrams) / len(d_bigrams) if d_bigrams else 0.0,
                fuzz.partial_ratio(self._keys[d], q_str) / 100.0,
            )
        return out


FEATURES = ("doc_cover", "query_cover", "token_set", "bm25_rel", "title_cover", "bigram_cover", "partial")
