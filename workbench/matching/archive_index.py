"""In-memory index of archived (already checked) claims: two BM25 indexes fused, then a re-ranking.

Retrieval: BM25 over normalised word keys (numbers, dates, stems, synonyms; tweet furniture removed) and
BM25 over character 4-grams inside words (archive_chargrams: morphology, names, split hashtags), both stored
as per-term posting arrays with the impact precomputed, so a query is a few numpy gathers and adds. The two
score vectors are fused (each relative to its best document, the character one weighted CHAR_WEIGHT) and
the top RERANK_DEPTH go on.
Re-ranking: a linear score over RANK_FEATURES (the fused score and whether the years mentioned clash),
fitted listwise on CLEF-2020 train. The score shown to a person (0..100) is the chance that the best hit is
the claim checked, from a logistic model over FEATURES of the best hit (coverage both ways, both BM25s
against the query's ideal, fuzzy ratios, shared names and numbers...), and for the others that chance
lowered with their gap in rank score, so the shown scores always follow the ranking.
Meaning: the best MEANING_DEPTH by that score get MEANING_WEIGHT x the cosine of their sentence vectors and
the query's (matching.semantic; vectors are computed when first needed and cached per text), and are ordered
again. Fitted on CLEF-2020 train like the rest (bench/archive_bench.py --fit-meaning).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from workbench.matching import semantic
from workbench.matching.archive_chargrams import CharGramIndex, fold_text
from workbench.matching.normalize import analyse

# Tuned on CLEF-2020 task 2 train (bench/archive_bench.py --tune); see docs/matching.md.
K1 = 1.2
B = 0.75
TITLE_WEIGHT = 1  # how many times a title's terms count (0 ignores titles)
CHAR_SIZES = (4,)
CHAR_K1 = 1.2
CHAR_B = 0.5
CHAR_WEIGHT = 0.7  # weight of the character index in the fused first-stage score
RERANK_DEPTH = 40
# Re-ranking: a linear score over RANK_FEATURES (fitted listwise, softmax over each query's candidates).
RANK_FEATURES = ("fused_rel", "year_clash", "year_shared")
WEIGHTS: tuple[float, ...] | None = (10.945, -1.057, -0.785)
# Shown score of the best candidate: the chance it is the claim checked, a logistic model over its margin
# to the runner-up and its FEATURES (intercept, margin, then one weight per feature after "bias"). Every
# other candidate: that chance's log-odds plus SPREAD[0] + SPREAD[1] * (its rank score - the best's), so
# the shown scores follow the ranking. Both fitted on CLEF train by bench/archive_bench.py --fit.
CALIBRATION: tuple[float, ...] = (
    -4.428, 0.315, 0.899, 0.714, 0.105, 0.101, 1.316, 0.072, 0.719, 0.132, 0.287, 0.684, 0.092, 1.596, 2.042,
    0.053, 0.888, 0.295, 0.329, 1.340, -0.448, -0.768)
SPREAD = (-1.147, 1.554)
# Off: on CLEF train meaning gained at most +0.003 MAP@5 (weight 8) for ~0.2 s of encoding per new query
# (docs/matching.md); bench/archive_bench.py --fit-meaning measures it again.
MEANING_WEIGHT = 0.0
MEANING_DEPTH = 10

_MARK_KINDS = frozenset({"name", "number", "date"})


@dataclass(frozen=True, slots=True)
class Population:
    """Counts over a whole archive for an index that holds only part of it (a team workspace's candidates for
    one query): how many claims it has, and how many of them hold each of these keys. Other keys are taken to
    be as common in the archive as among the rows indexed."""

    size: int
    holding: dict[str, int]


@dataclass(frozen=True, slots=True)
class Hit:
    id: int
    score: float  # 0..100


class ArchiveIndex:
    """Build once from (id, text) or (id, text, title) rows; search many times. Not thread-safe to mutate."""

    def __init__(self, *, k1: float = K1, b: float = B, title_weight: int = TITLE_WEIGHT,
                 rerank_depth: int = RERANK_DEPTH,
                 weights: tuple[float, ...] | None = WEIGHTS,
                 calibration: tuple[float, ...] = CALIBRATION, spread: tuple[float, float] = SPREAD,
                 char_sizes: tuple[int, ...] = CHAR_SIZES, char_k1: float = CHAR_K1, char_b: float = CHAR_B,
                 char_weight: float = CHAR_WEIGHT, meaning_weight: float = MEANING_WEIGHT,
                 meaning_depth: int = MEANING_DEPTH) -> None:
        self.k1, self.b, self.title_weight, self.rerank_depth = k1, b, title_weight, rerank_depth
        self.weights = weights
        self.calibration, self.spread = calibration, spread
        self.char_sizes, self.char_k1, self.char_b, self.char_weight = char_sizes, char_k1, char_b, char_weight
        self.meaning_weight, self.meaning_depth = meaning_weight, meaning_depth
        self._raw: list[str] = []  # text + title as written, for the sentence encoder (kept only with meaning)
        self._ids: list[int] = []
        self._keys: list[str] = []  # space-joined normalised terms of the text
        self._title_keys: list[str] = []  # ... and of the title
        self._marks: list[str] = []  # names, numbers and dates of text and title
        self._folded: list[str] = []  # folded text + title for the character index
        self._vocab: dict[str, int] = {}
        self._idf = np.zeros(0, dtype=np.float32)
        self._offsets = np.zeros(1, dtype=np.int64)
        self._post_docs = np.zeros(0, dtype=np.int32)
        self._post_imp = np.zeros(0, dtype=np.float32)
        self._chars = CharGramIndex(char_sizes, char_k1, char_b)
        self._dirty = False
        self.population: Population | None = None

    @staticmethod
    def query_keys(text: str) -> dict[str, str]:
        """The keys a query is searched by, each with the words it came from."""
        return {t.key: t.surface for t in analyse(text, social=True)}

    # -- building --------------------------------------------------------------------------------

    @classmethod
    def build(cls, rows: Iterable[tuple], analysed: dict | None = None, population: Population | None = None,
              **options) -> ArchiveIndex:
        index = cls(**options)
        index.population = population
        index.add(rows, analysed)
        index.commit()
        return index

    def add(self, rows: Iterable[tuple], analysed: dict | None = None) -> None:
        """Add (id, text) or (id, text, title) rows; an id seen before is replaced. Call commit() after.
        `analysed`, when given, keeps each row's analysis for the next index built from the same rows (a team
        workspace builds one small index per query from the server's candidates)."""
        position = {doc_id: n for n, doc_id in enumerate(self._ids)}
        title_cache: dict[str, tuple[str, list[str], str]] = {}  # archives often repeat titles
        for row in rows:
            doc_id, text = int(row[0]), row[1] or ""
            title = row[2] if len(row) > 2 and row[2] else ""
            if analysed is None:
                record = self._analyse(doc_id, text, title, title_cache)
            else:
                key = (doc_id, text, title, bool(self.meaning_weight))
                record = analysed.get(key)
                if record is None:
                    record = analysed[key] = self._analyse(doc_id, text, title, title_cache)
            n = position.get(doc_id)
            if n is None:
                position[doc_id] = n = len(self._ids)
                self._ids.append(doc_id)
                self._keys.append("")
                self._title_keys.append("")
                self._marks.append("")
                self._folded.append("")
                self._raw.append("")
            _, self._keys[n], self._title_keys[n], self._marks[n], self._folded[n], self._raw[n] = record
        self._dirty = True

    def _analyse(self, doc_id: int, text: str, title: str, title_cache: dict) -> tuple:
        """(id, text keys, title keys, marks, folded text + title, raw text for meaning) of one row."""
        terms = analyse(text, social=True)
        joined = " ".join(t.key for t in terms)
        marks = [t.key for t in terms if t.kind in _MARK_KINDS]
        title_joined, folded_title = "", ""
        if title:
            cached = title_cache.get(title)
            if cached is None:
                t_terms = analyse(title, social=True)
                cached = title_cache[title] = (" ".join(t.key for t in t_terms),
                                               [t.key for t in t_terms if t.kind in _MARK_KINDS],
                                               fold_text(title, social=True))
            title_joined, title_marks, folded_title = cached
            marks = marks + title_marks
        return (doc_id, joined, title_joined, " ".join(dict.fromkeys(marks)),
                (fold_text(text, social=True) + " " + folded_title).strip(),
                f"{title}. {text}" if title and self.meaning_weight else text if self.meaning_weight else "")

    def remove(self, ids: Iterable[int]) -> None:
        gone = set(ids)
        keep = [n for n, doc_id in enumerate(self._ids) if doc_id not in gone]
        self._ids = [self._ids[n] for n in keep]
        self._keys = [self._keys[n] for n in keep]
        self._title_keys = [self._title_keys[n] for n in keep]
        self._marks = [self._marks[n] for n in keep]
        self._folded = [self._folded[n] for n in keep]
        self._raw = [self._raw[n] for n in keep]
        self._dirty = True

    def commit(self) -> None:
        """(Re)build the posting arrays from the stored term strings."""
        n_docs = len(self._keys)
        tokens: list[str] = []
        lengths = np.zeros(n_docs, dtype=np.int64)
        for d, joined in enumerate(self._keys):
            toks = joined.split()
            if self.title_weight and self._title_keys[d]:
                toks += self._title_keys[d].split() * self.title_weight
            tokens += toks
            lengths[d] = len(toks)
        vocab: dict[str, int] = {}
        setdefault = vocab.setdefault
        term_of = np.fromiter((setdefault(t, len(vocab)) for t in tokens), dtype=np.int64, count=len(tokens))
        doc_of = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
        # one sort of (term, document) gives the postings in term order and the term frequencies
        key, tf = np.unique(term_of * max(n_docs, 1) + doc_of, return_counts=True)
        terms = key // max(n_docs, 1)
        docs = (key - terms * n_docs).astype(np.int32)
        tf = tf.astype(np.float32)
        df = np.bincount(terms, minlength=len(vocab)).astype(np.float32)
        idf = self._idf_of(df, vocab, n_docs)
        avgdl = float(lengths.mean()) if n_docs else 1.0
        norm = self.k1 * (1.0 - self.b + self.b * lengths.astype(np.float32) / max(avgdl, 1e-9))
        self._post_docs = docs
        self._post_imp = (idf[terms] * tf * (self.k1 + 1.0) / (tf + norm[docs])).astype(np.float32)
        self._offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(df.astype(np.int64), out=self._offsets[1:])
        self._vocab = vocab
        self._idf = idf
        self._chars = CharGramIndex(self.char_sizes, self.char_k1, self.char_b)
        self._chars.build(self._folded)
        self._dirty = False

    def _idf_of(self, df: np.ndarray, vocab: dict[str, int], n_docs: int) -> np.ndarray:
        """BM25 idf over the rows indexed, or over the whole archive when they are a part of it."""
        if self.population is None or not n_docs:
            return np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        size = max(self.population.size, n_docs)
        counts = df * (size / n_docs)
        for key, holding in self.population.holding.items():
            tid = vocab.get(key)
            if tid is not None:
                counts[tid] = max(float(holding), df[tid])
        return np.log(1.0 + (size - counts + 0.5) / (counts + 0.5)).astype(np.float32)

    def __len__(self) -> int:
        return len(self._ids)

    # -- searching -------------------------------------------------------------------------------

    def search(self, text: str, top: int = 5) -> list[tuple[int, float]]:
        """The `top` closest archived claims as (id, score 0..100), best first."""
        found = self.candidates(text, max(top, self.rerank_depth)) if top >= 1 else None
        if not found:
            return []
        cand, feats = found
        rank, value = self.rank_and_probability(feats)
        if self.meaning_weight:
            rank, value = self._with_meaning(text, cand, feats, rank, value)
        # the same words both ways is a match whatever the model says (doc_cover * query_cover * token_set)
        exact = feats[:, _F["doc_cover"]] * feats[:, _F["query_cover"]] * feats[:, _F["token_set"]] >= 0.999
        value = np.where(exact, 1.0, value)
        order = sorted(range(len(cand)), key=lambda n: (not exact[n], -rank[n], self._ids[cand[n]]))[:top]
        return [(self._ids[cand[n]], round(float(100.0 * value[n]), 1)) for n in order]

    def rank_and_probability(self, feats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Re-ranking score and shown score / 100 of one query's candidates from their feature rows."""
        if self.weights is None:  # plain fused first-stage order, score relative to the best
            fused = feats[:, _F["fused_rel"]]
            return fused, fused
        rank = feats[:, [_F[f] for f in RANK_FEATURES]] @ np.asarray(self.weights, dtype=np.float64)
        if not self.calibration:
            return rank, 1.0 / (1.0 + np.exp(-rank))
        logit = best_logit(feats, rank, self.calibration)
        gap = rank - rank.max()
        logits = np.where(gap < 0, logit + self.spread[0] + self.spread[1] * gap, logit)
        return rank, 1.0 / (1.0 + np.exp(-logits))

    def _with_meaning(self, text: str, cand: list[int], feats: np.ndarray, rank: np.ndarray,
                      value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The best meaning_depth candidates re-scored with the cosine of their vectors and the query's."""
        top = np.argsort(-rank, kind="stable")[:self.meaning_depth]
        vectors = semantic.embed([text] + [self._raw[cand[n]] for n in top])
        if vectors is None:
            return rank, value  # no encoder: the lexical order stands
        rank = rank.copy()
        rank[top] += self.meaning_weight * (vectors[1:] @ vectors[0])
        if self.weights is None or not self.calibration:
            return rank, 1.0 / (1.0 + np.exp(-rank))
        logit = best_logit(feats, rank, self.calibration)
        gap = rank - rank.max()
        return rank, 1.0 / (1.0 + np.exp(-np.where(gap < 0, logit + self.spread[0] + self.spread[1] * gap, logit)))

    def bm25_only(self, text: str, top: int = 5) -> list[tuple[int, float]]:
        """First-stage ranking without re-ranking (for measurements); score is fused BM25 relative to the best."""
        saved = self.weights
        try:
            self.weights = None
            return self.search(text, top)
        finally:
            self.weights = saved

    def first_stage(self, text: str) -> tuple[list, np.ndarray, np.ndarray, np.ndarray] | None:
        """(query terms, word BM25 and char BM25 of every document, the two BM25s a document holding every
        query term once would get, roughly) or None if nothing in the query is indexed."""
        if self._dirty:
            self.commit()
        if not self._ids:
            return None
        q_terms = analyse(text, social=True)
        q_keys = [t.key for t in q_terms]
        q_tids = {self._vocab[k] for k in q_keys if k in self._vocab}
        c_tids = self._chars.query_terms(fold_text(text, social=True))
        if not q_tids and not len(c_tids):
            return None
        word = np.zeros(len(self._ids), dtype=np.float32)
        for tid in q_tids:  # query term frequency ignored: tweets repeat words for emphasis
            lo, hi = self._offsets[tid], self._offsets[tid + 1]
            word[self._post_docs[lo:hi]] += self._post_imp[lo:hi]
        char = self._chars.scores(c_tids)
        norms = np.array([float(self._idf[list(q_tids)].sum()) * (self.k1 + 1.0) if q_tids else 1.0,
                          self._chars.idf_mass(c_tids) * (self.char_k1 + 1.0) or 1.0])
        return q_terms, word, char, norms

    def candidates(self, text: str, depth: int) -> tuple[list[int], np.ndarray] | None:
        """First-stage top-`depth` documents (positions) and their re-ranking features (see FEATURES)."""
        first = self.first_stage(text)
        if first is None:
            return None
        q_terms, word, char, norms = first
        w_best = float(word.max()) or 1.0
        c_best = float(char.max()) or 1.0
        fused = word / w_best + self.char_weight * (char / c_best)
        if depth < len(fused):
            cand = np.argpartition(-fused, depth - 1)[:depth]
        else:
            cand = np.arange(len(fused))
        cand = cand[fused[cand] > 0]
        if not len(cand):
            return None
        cand = np.sort(cand)  # ties go to the earlier document, whatever argpartition did
        cand = cand[np.argsort(-fused[cand], kind="stable")]
        cand_list = cand.tolist()
        return cand_list, self._features(q_terms, cand_list, word, char, fused, norms, w_best, c_best)

    def _features(self, q_terms, cand: list[int], word: np.ndarray, char: np.ndarray, fused: np.ndarray,
                  norms: np.ndarray, w_best: float, c_best: float) -> np.ndarray:
        idf, vocab = self._idf, self._vocab
        default_idf = float(idf.max()) if len(idf) else 1.0

        def weight(k: str) -> float:
            tid = vocab.get(k)
            return float(idf[tid]) if tid is not None else default_idf

        q_keys = [t.key for t in q_terms]
        q_set = set(q_keys)
        q_weight = {k: weight(k) for k in q_set}
        q_mass = sum(q_weight.values()) or 1.0
        q_marks = {t.key for t in q_terms if t.kind in _MARK_KINDS}
        q_mark_mass = sum(q_weight[k] for k in q_marks)
        q_str = " ".join(q_keys)
        q_bigrams = set(zip(q_keys, q_keys[1:]))
        q_len = len(q_keys)
        q_years = {k for k in q_marks if _is_year(k)}
        w_c, c_c = word[cand], char[cand]
        # rank among the candidates: how many score strictly higher (equal scores share a rank)
        w_rank = (w_c[None, :] > w_c[:, None]).sum(axis=1)
        c_rank = (c_c[None, :] > c_c[:, None]).sum(axis=1)
        fused_best = float(fused[cand].max()) or 1.0
        out = np.zeros((len(cand), len(FEATURES)), dtype=np.float64)
        for n, d in enumerate(cand):
            d_list = self._keys[d].split()
            d_keys = set(d_list)
            d_mass = sum(weight(k) for k in d_keys) or 1.0
            shared = q_set & d_keys
            t_keys = set(self._title_keys[d].split())
            t_mass = sum(weight(k) for k in t_keys)
            all_keys = d_keys | t_keys
            d_bigrams = set(zip(d_list, d_list[1:]))
            d_marks = set(self._marks[d].split())
            d_mark_mass = sum(weight(k) for k in d_marks)
            d_years = {k for k in d_marks if _is_year(k)}
            out[n] = (
                1.0,
                sum(weight(k) for k in shared) / d_mass,
                sum(q_weight[k] for k in shared) / q_mass,
                fuzz.token_set_ratio(q_str, self._keys[d]) / 100.0,
                float(w_c[n]) / w_best,
                sum(weight(k) for k in t_keys & q_set) / t_mass if t_mass else 0.0,
                len(d_bigrams & q_bigrams) / len(d_bigrams) if d_bigrams else 0.0,
                fuzz.partial_ratio(self._keys[d], q_str) / 100.0,
                float(c_c[n]) / c_best,
                float(w_c[n]) / norms[0],
                float(c_c[n]) / norms[1],
                float(fused[d]) / fused_best,
                1.0 / (1.0 + w_rank[n]),
                1.0 / (1.0 + c_rank[n]),
                sum(q_weight[k] for k in q_marks & all_keys) / q_mark_mass if q_mark_mass else 0.0,
                sum(weight(k) for k in d_marks & q_set) / d_mark_mass if d_mark_mass else 0.0,
                float(bool(d_marks) and not (d_marks & q_set)),
                math.log((1.0 + len(d_list)) / (1.0 + q_len)),
                sum(q_weight[k] for k in t_keys & q_set) / q_mass,
                float(bool(q_years) and bool(d_years) and not (q_years & d_years)),
                float(bool(q_years & d_years)),
            )
        return out


# Per candidate: coverage of the claim's / the query's idf mass, token_set_ratio, word BM25 relative to the
# best document, title coverage, bigram coverage, partial_ratio, char BM25 relative to the best, both BM25s
# against the query's ideal, fused score relative to the best candidate, reciprocal ranks in each index,
# names/numbers/dates of the query found and of the claim found, the claim has some and none is shared,
# log length ratio, query mass found in the title, both mention years and none is shared, a year shared.
FEATURES = ("bias", "doc_cover", "query_cover", "token_set", "bm25_rel", "title_cover", "bigram_cover",
            "partial", "char_rel", "bm25_norm", "char_norm", "fused_rel", "word_rr", "char_rr",
            "marks_q_cover", "marks_d_cover", "marks_d_none", "len_ratio", "title_q_cover", "year_clash",
            "year_shared")


_F = {name: n for n, name in enumerate(FEATURES)}


def best_inputs(feats: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """(1, margin to the runner-up, FEATURES of the best candidate after "bias") for one query."""
    best = int(np.argmax(rank))
    ordered = np.sort(rank)[::-1]
    margin = float(ordered[0] - ordered[1]) if len(ordered) > 1 else 1.0
    return np.concatenate(([1.0, margin], feats[best, 1:]))


def best_logit(feats: np.ndarray, rank: np.ndarray, calibration: tuple[float, ...]) -> float:
    return float(best_inputs(feats, rank) @ np.asarray(calibration, dtype=np.float64))


def _is_year(key: str) -> bool:
    return len(key) == 5 and key[0] == "#" and key[1:].isdigit() and 1900 <= int(key[1:]) <= 2100
