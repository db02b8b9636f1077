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


def fold_text(text: str, *, social: bool = False) -> str:
    """Lowercase ASCII letters and digits separated by single spaces (stopwords dropped)."""
    if social:
        text = clean_social(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("'s ", " ").replace("'", "")
    return " ".join(w for w in _NON_ALNUM.sub(" ", text).split() if w not in STOPWORDS)


_RADIX = 38  # 0 space, 1-26 letters, 27-36 digits, 37 anything else (document separator)
_LUT = np.full(256, _RADIX - 1, dtype=np.uint8)
_LUT[32] = 0
_LUT[97:123] = np.arange(1, 27, dtype=np.uint8)
_LUT[48:58] = np.arange(27, 37, dtype=np.uint8)
MAX_SIZE = 8


def _codes(sym: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(start positions, integer codes) of the n-grams of `sym` that do not cross a word or document edge.

    Words are written " word " with two spaces between neighbours; a gram may start or end on a space but
    must not hold one inside, nor the document separator anywhere. Codes of different sizes never collide."""
    m = len(sym) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    bad = sym == _RADIX - 1
    space = sym == 0
    broken = bad[:m].copy()
    code = np.full(m, n, dtype=np.int64)  # the size as the leading digit
    for j in range(n):
        if j:
            broken |= bad[j:j + m]
        if 0 < j < n - 1:
            broken |= space[j:j + m]
        code *= _RADIX
        code += sym[j:j + m]
    starts = np.flatnonzero(~broken)
    return starts, code[starts]


class CharGramIndex:
    """BM25 over within-word character n-grams of several sizes, one posting list per distinct gram."""

    def __init__(self, sizes: Sequence[int] = (4,), k1: float = 1.2, b: float = 0.75) -> None:
        if any(not 2 <= n <= MAX_SIZE for n in sizes):
            raise ValueError(f"character n-gram sizes must be 2..{MAX_SIZE}")
        self.sizes, self.k1, self.b = tuple(sizes), k1, b
        self.n_docs = 0
        self._grams = np.zeros(0, dtype=np.int64)  # sorted distinct codes
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
        sym = _LUT[np.frombuffer(("\x01".join(pieces) + "\x01").encode("ascii"), dtype=np.uint8)]
        doc_of = np.repeat(np.arange(n_docs, dtype=np.int32), lens)
        keys = []
        for n in self.sizes:
            starts, codes = _codes(sym, n)
            keys.append(codes * n_docs + doc_of[starts].astype(np.int64))
        # one sort of (gram, document) gives the postings in gram order and the gram frequencies
        key, tf = np.unique(np.concatenate(keys), return_counts=True)
        code = key // n_docs
        p_doc = (key - code * n_docs).astype(np.int32)
        new_gram = np.empty(len(code), dtype=bool)
        new_gram[:1] = True
        np.not_equal(code[1:], code[:-1], out=new_gram[1:])
        starts = np.flatnonzero(new_gram)
        grams = code[starts]
        p_term = np.cumsum(new_gram) - 1
        lengths = np.bincount(p_doc, weights=tf, minlength=n_docs).astype(np.float32)
        df = np.diff(np.append(starts, len(code))).astype(np.float32)
        idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        avgdl = max(float(lengths.mean()), 1e-9)
        norm = self.k1 * (1.0 - self.b + self.b * lengths / avgdl)
        tf = tf.astype(np.float32)
        self._post_imp = (idf[p_term] * tf * (self.k1 + 1.0) / (tf + norm[p_doc])).astype(np.float32)
        self._post_docs = p_doc
        self._offsets = np.append(starts, len(code)).astype(np.int64)
        self._grams = grams
        self._idf = idf

    def query_terms(self, folded: str) -> np.ndarray:
        """Distinct term ids of a folded query's grams that the index knows."""
        if not folded or not len(self._grams):
            return np.zeros(0, dtype=np.int64)
        sym = _LUT[np.frombuffer((" " + folded.replace(" ", "  ") + " ").encode("ascii"), dtype=np.uint8)]
        codes = np.unique(np.concatenate([_codes(sym, n)[1] for n in self.sizes]))
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
