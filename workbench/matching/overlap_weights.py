"""Overlap term weights: per-kind base weights, idf over the claims at hand, names and context anchors."""

from __future__ import annotations

import math
from collections import defaultdict

from workbench.matching.overlap_docs import _Doc, _strip_values, _value_sort

BASE_WEIGHT = {"word": 1.0, "name": 1.0, "cap": 1.0, "number": 1.6, "date": 1.3, "boiler": 0.15}
IDF_PSEUDO_DOCS = 20  # pseudo-count added to N in the idf, so small sets do not inflate rarity
DISTINCTIVE_NAME_SHARE = 0.02  # names in fewer claims than this share identify what a claim is about
CONTEXT_ANCHOR_SHARE = 0.25  # names/dates in more than this share of the claims are not anchors


class _Weights:
    """Term weights over one set of claims: df, idf, which keys are names, context idf and anchors."""

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
