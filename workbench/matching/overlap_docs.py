"""Overlap claim records: the _Doc of a claim, building it from text and context, name runs, headlines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from workbench.matching.context import sentence_bounds
from workbench.matching.normalize import Term, analyse

_NEGATION = re.compile(r"\b(?:not|never|no|none|neither|nor|nobody|nothing|cannot|without)\b|n't\b", re.I)
# verbs that carry the negation themselves: "rejected talks" says what "was not ready for talks" says
# (atomic claims only: in a long text such a verb somewhere says little about the polarity of the whole)
NEGATIVE_VERB_MAX_WORDS = 25
_NEGATIVE_VERB = re.compile(r"\b(?:reject|refus|spurn|rebuff|turn(?:s|ed|ing)? down|declin(?:e|es|ed|ing) to)", re.I)
_DISPLAY = {"uno": "U.N.", "usa": "U.S.", "uk": "U.K.", "eu": "EU"}
_KIND_RANK = {"cap": 1, "word": 2, "name": 3}


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
    text: str = ""
    vec: object = None  # unit sentence vector (numpy), when meaning is used (matching.overlap_meaning)


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
    doc = _Doc(claim_id, is_new, keys, kinds, order, units, negated, fuzzy, frozenset(bigrams), text=text)
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
        and not text.rstrip().endswith((".", "!", "?", '"', "”")) \
        and not re.search(r"\b(?:is|are|was|were)\b", text)  # Title Case writes "Is": this is a sentence


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


def _strip_values(s: str) -> str:
    return " ".join(w for w in s.split() if w[0] not in "#@")
