"""Character n-gram BM25 for the archive index: catches what word keys miss (morphology, names spelt or
split differently, run-together hashtags, typos).

Texts are folded to lowercase ASCII letters and digits; each word is padded with a space on both sides and
cut into n-grams that stay inside the padded word (so " tru", "trum", "rump", "ump " for "trump"). The
n-grams are packed into 64-bit codes with numpy, so building the postings for 100,000 claims is a handful of
array operations rather than a Python loop over every gram.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np

from workbench.matching.normalize import STOPWORDS, clean_social

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SEP = 1  # byte between documents (never inside a gram)


def fold_text(text: str, *, social: bool = False) -> str:
    """Lowercase ASCII letters and digits separated by single spaces (stopwords dropped)."""
    if social:
        text = clean_social(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("'s ", " ").replace("'", "")
    return " ".join(w for w in _NON_ALNUM.sub(" ", text).split() if w not in STOPWORDS)


def _codes(buf: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(start positions, 64-bit codes) of the n-grams of `buf` that do not cross a word or document edge.

    Words are written " word " with one space between neighbours; a gram may start or end on a space but
    must not hold one inside, nor the document separator anywhere."""
    m = len(buf) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    bad = (buf == _SEP)
    inner_space = (buf == 32)
    ok = np.ones(m, dtype=bool)
    for j in range(n):
        ok &= ~bad[j:j + m]
    for j in range(1, n - 1):
        ok &= ~inner_space[j:j + m]
    starts = np.flatnonzero(ok)
    code = np.zeros(len(starts), dtype=np.uint64)
    for j in range(n):
        code = (code << np.uint64(8)) | buf[starts + j].astype(np.uint64)
    return starts, code | (np.uint64(n) << np.uint64(56))


class CharGramIndex:
    """BM25 over within-word character n-grams of several sizes, one posting list per distinct gram."""

    def __init__(self, sizes: Sequence[int] = (4,), k1: float = 1.2, b: float = 0.75) -> None:
        self.sizes, self.k1, self.b = tuple(sizes), k1, b
        self.n_docs = 0
        self._grams = np.zeros(0, dtype=np.uint64)  # sorted distinct codes
        self._offsets = np.zeros(1, dtype=np.int64)
        self._post_docs = np.zeros(0, dtype=np.int32)
        self._post_imp = np.zeros(0, dtype=np.float32)
        self._idf = np.zeros(0, dtype=np.float32)

    def build(self, folded: Sequence[str]) -> None:
        """Index already folded texts (see fold_text); document d is folded[d]."""
        n_docs = len(folded)
        self.n_docs = n_docs
        if not n_docs:
            return
        pieces = [" " + t.replace(" ", "  ") + " " for t in folded]
        lens = np.fromiter((len(p) + 1 for p in pieces), dtype=np.int64, count=n_docs)
        buf = np.frombuffer(("\x01".join(pieces) + "\x01").encode("ascii"), dtype=np.uint8)
        doc_of = np.repeat(np.arange(n_docs, dtype=np.int64), lens)
        all_docs, all_codes = [], []
        for n in self.sizes:
            starts, codes = _codes(buf, n)
            all_docs.append(doc_of[starts])
            all_codes.append(codes)
        docs = np.concatenate(all_docs)
        codes = np.concatenate(all_codes)
        grams, term = np.unique(codes, return_inverse=True)
        # (term, doc) pairs -> tf, sorted by term then doc
        key = term.astype(np.int64) * n_docs + docs
        key, tf = np.unique(key, return_counts=True)
        p_term = key // n_docs
        p_doc = (key % n_docs).astype(np.int32)
        lengths = np.bincount(docs, minlength=n_docs).astype(np.float32)
        df = np.bincount(p_term, minlength=len(grams)).astype(np.float32)
        idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        avgdl = max(float(lengths.mean()), 1e-9)
        norm = self.k1 * (1.0 - self.b + self.b * lengths / avgdl)
        tf = tf.astype(np.float32)
        self._post_imp = (idf[p_term] * tf * (self.k1 + 1.0) / (tf + norm[p_doc])).astype(np.float32)
        self._post_docs = p_doc
        self._offsets = np.zeros(len(grams) + 1, dtype=np.int64)
        np.cumsum(df.astype(np.int64), out=self._offsets[1:])
        self._grams = grams
        self._idf = idf

    def query_terms(self, folded: str) -> np.ndarray:
        """Distinct term ids of a folded query's grams that the index knows."""
        if not folded or not len(self._grams):
            return np.zeros(0, dtype=np.int64)
        buf = np.frombuffer((" " + folded.replace(" ", "  ") + " ").encode("ascii"), dtype=np.uint8)
        codes = np.unique(np.concatenate([_codes(buf, n)[1] for n in self.sizes]))
        pos = np.searchsorted(self._grams, codes)
        pos[pos >= len(self._grams)] = 0
        return pos[self._grams[pos] == codes]

    def scores(self, terms: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """BM25 of every document for the given query term ids (query gram frequency ignored)."""
        scores = out if out is not None else np.zeros(self.n_docs, dtype=np.float32)
        offsets, docs, imp = self._offsets, self._post_docs, self._post_imp
        for t in terms.tolist():
            lo, hi = offsets[t], offsets[t + 1]
            scores[docs[lo:hi]] += imp[lo:hi]
        return scores

    def idf_mass(self, terms: np.ndarray) -> float:
        return float(self._idf[terms].sum()) if len(terms) else 0.0
