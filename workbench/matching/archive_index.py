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
W_DOC_COVER = 0.35  # share of the archived claim's (idf) weight found in the query
W_QUERY_COVER = 0.20  # share of the query's weight found in the archived claim
W_FUZZ = 0.25  # token_set_ratio of the normalised strings
W_BM25 = 0.20  # BM25 relative to the best candidate (ranking only; not absolute)


@dataclass(frozen=True, slots=True)
class Hit:
    id: int
    score: float  # 0..100


class ArchiveIndex:
    """Build once from (id, text) or (id, text, title) rows; search many times. Not thread-safe to mutate."""

    def __init__(self, *, k1: float = K1, b: float = B, title_weight: int = TITLE_WEIGHT,
                 rerank_depth: int = RERANK_DEPTH,
                 weights: tuple[float, float, float, float] = (W_DOC_COVER, W_QUERY_COVER, W_FUZZ, W_BM25)) -> None:
        self.k1, self.b, self.title_weight, self.rerank_depth = k1, b, title_weight, rerank_depth
        self.weights = weights
        self._ids: list[int] = []
        self._keys: list[str] = []  # space-joined normalised terms per document (text + title)
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
        for row in rows:
            doc_id, text = int(row[0]), row[1] or ""
            title = row[2] if len(row) > 2 and row[2] else ""
            keys = content_keys(text, social=True)
            if title and self.title_weight:
                keys += content_keys(title, social=True) * self.title_weight
            joined = " ".join(keys)
            if doc_id in position:
                self._keys[position[doc_id]] = joined
            else:
                position[doc_id] = len(self._ids)
                self._ids.append(doc_id)
                self._keys.append(joined)
        self._dirty = True

    def remove(self, ids: Iterable[int]) -> None:
        gone = set(ids)
        kept = [(i, k) for i, k in zip(self._ids, self._keys) if i not in gone]
        self._ids = [i for i, _ in kept]
        self._keys = [k for _, k in kept]
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
        if self._dirty:
            self.commit()
        if top < 1 or not self._ids:
            return []
        q_keys = content_keys(text, social=True)
        q_counts: dict[int, int] = {}
        for k in q_keys:
            tid = self._vocab.get(k)
            if tid is not None:
                q_counts[tid] = q_counts.get(tid, 0) + 1
        if not q_counts:
            return []
        scores = np.zeros(len(self._ids), dtype=np.float32)
        for tid in q_counts:  # query term frequency ignored: tweets repeat words for emphasis
            lo, hi = self._offsets[tid], self._offsets[tid + 1]
            scores[self._post_docs[lo:hi]] += self._post_imp[lo:hi]
        depth = max(top, self.rerank_depth)
        if depth < len(scores):
            cand = np.argpartition(-scores, depth - 1)[:depth]
        else:
            cand = np.arange(len(scores))
        cand = cand[scores[cand] > 0]
        if not len(cand):
            return []
        best = float(scores[cand].max())
        ranked = self._rerank(q_keys, cand, scores, best)
        return ranked[:top]

    def _rerank(self, q_keys: list[str], cand: np.ndarray, scores: np.ndarray, best: float) -> list[tuple[int, float]]:
        w_doc, w_query, w_fuzz, w_bm25 = self.weights
        idf = self._idf
        vocab = self._vocab
        default_idf = float(idf.max()) if len(idf) else 1.0
        q_set = set(q_keys)
        q_weight = {k: (float(idf[vocab[k]]) if k in vocab else default_idf) for k in q_set}
        q_mass = sum(q_weight.values()) or 1.0
        q_str = " ".join(q_keys)
        out = []
        for d in cand.tolist():
            d_keys = set(self._keys[d].split())
            d_weight = {k: float(idf[vocab[k]]) for k in d_keys}
            d_mass = sum(d_weight.values()) or 1.0
            shared = q_set & d_keys
            doc_cover = sum(d_weight[k] for k in shared) / d_mass
            query_cover = sum(q_weight[k] for k in shared) / q_mass
            fz = fuzz.token_set_ratio(q_str, self._keys[d]) / 100.0
            rel = float(scores[d]) / best
            value = w_doc * doc_cover + w_query * query_cover + w_fuzz * fz + w_bm25 * rel
            out.append((value, self._ids[d]))
        total = w_doc + w_query + w_fuzz + w_bm25 or 1.0
        out.sort(key=lambda x: (-x[0], x[1]))
        return [(doc_id, round(100.0 * v / total, 1)) for v, doc_id in out]

    def bm25_only(self, text: str, top: int = 5) -> list[tuple[int, float]]:
        """Plain BM25 ranking without re-ranking (for measurements)."""
        saved = self.rerank_depth, self.weights
        try:
            self.weights = (0.0, 0.0, 0.0, 1.0)
            return self.search(text, top)
        finally:
            self.rerank_depth, self.weights = saved
