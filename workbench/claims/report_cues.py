"""Report shapes the speech-verb rules do not split, and the cue words learned for them.

News reports words in more shapes than "X said that ...":
- a report verb with an object instead of a clause: "German police reported 906 attacks ...",
  "A CBS poll showed a slimmer lead for Clinton", "Doctors warned of the risk of an outbreak";
- a noun with a that-clause: "Hillary Clinton's claim that Donald Trump is in ISIS videos",
  "Sanders's point was that the nominee would also need superdelegates".
Which verbs and nouns report is learned from PolNeAR train's annotated cues by
bench/learn_cues.py (the same shapes, found by the functions here, counted where the annotators
marked the word as a cue): `object_verbs` and `nouns` in resources/claims/report_verbs.json.

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from workbench.claims.attribution import phrase_tokens
from workbench.claims.report_verbs import FILE, stem

Token = Any
_NOT_THIRD_PERSON = frozenset({"i", "we", "you", "it", "this", "that", "there", "which", "who"})
_OBJECT_PREPS = frozenset({"of", "to", "about", "on"})
_CLAUSE_DEPS = frozenset({"ccomp", "acl", "relcl", "advcl", "xcomp"})
_OWNER_PREPS = frozenset({"by", "from", "of"})
_OWNER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def third_person_subject(verb: Token) -> Token | None:
    """The verb's own nominal subject when it is a third person ("the study", "Trump", "he")."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in _NOT_THIRD_PERSON or child.dep_ == "nsubjpass":
                return None
            return child
    return None


def reported_object(verb: Token) -> Token | None:
    """The object a report verb takes instead of a clause: "reported [906 attacks]", "warned
    [of the risk]" (a preposition right after the verb or its particle), or None."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.i > verb.i:
            return child
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i == verb.i + 1:
            return child  # "reported spending $6 million", "acknowledged taking the money"
    after = verb.i + 1
    for child in verb.children:
        if child.dep_ == "prt" and child.i == after:
            after += 1
    for child in verb.children:
        if child.dep_ == "prep" and child.i == after and child.lower_ in _OBJECT_PREPS:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return obj
    return None


def object_report_shape(verb: Token) -> tuple[Token, Token] | None:
    """(subject, object) when `verb` has a third-person subject and an object instead of a
    clause; the shape counted by bench/learn_cues.py and acted on by hidden_reports.py."""
    if not verb.is_alpha:
        return None
    obj = reported_object(verb)
    if obj is None:
        return None
    subj = third_person_subject(verb)
    return (subj, obj) if subj is not None else None


def _that_clause(head: Token) -> Token | None:
    """A clause of `head` that opens with "that" (a complementiser, not a relative pronoun)."""
    for child in head.children:
        if child.dep_ in _CLAUSE_DEPS and child.i > head.i:
            first = child.doc[child.left_edge.i]
            if first.lower_ == "that" and first.dep_ == "mark" and first.head.i == child.i:
                return child
    return None


def noun_report_shape(noun: Token) -> Token | None:
    """The that-clause a noun reports: "the claim [that ...]", "his point was [that ...]"."""
    if noun.pos_ not in ("NOUN", "PROPN") or not noun.is_alpha:
        return None
    clause = _that_clause(noun)
    if clause is not None:
        return clause
    head = noun.head
    if noun.dep_ == "nsubj" and head.lower_ in ("is", "was", "'s", "are", "were") and head.i > noun.i:
        return _that_clause(head)
    return None


def noun_owner(noun: Token) -> list[Token] | None:
    """Who a report noun belongs to: "Trump's claim", "his point", "a New York Times report",
    "a statement from the campaign"; None for an unowned "the claim that ...""."""
    for child in noun.children:
        if child.dep_ == "poss":
            return phrase_tokens(child)
    names = [c for c in noun.children if c.dep_ == "compound" and c.ent_type_ in _OWNER_ENTS]
    if names:
        ent = next((e for e in noun.doc.ents if e.start <= names[0].i < e.end), None)
        return list(ent) if ent is not None and ent.end <= noun.i else phrase_tokens(names[0])
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _OWNER_PREPS and child.i > noun.i:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ in _OWNER_ENTS:
                return phrase_tokens(obj)
    return None


_lock = threading.Lock()
_cached: dict[str, frozenset[str]] = {}


def _candidates() -> list[Path]:
    here = Path(__file__).resolve().parent
    return [here.parent.parent / "resources" / "claims" / FILE, here.parent / "_resources" / "claims" / FILE]


def _learned(key: str) -> frozenset[str]:
    if key not in _cached:
        with _lock:
            if key not in _cached:
                words: frozenset[str] = frozenset()
                for candidate in _candidates():
                    if candidate.is_file():
                        data = json.loads(candidate.read_text(encoding="utf-8"))
                        words = frozenset(data.get(key, {}))
                        break
                _cached[key] = words
    return _cached[key]


def is_object_report_verb(word: str) -> bool:
    """A verb whose object, with a third-person subject, is what the subject reports."""
    return stem(word) in _learned("object_verbs")


def is_report_noun(word: str) -> bool:
    """A noun whose that-clause is what its owner reports ("claim", "argument", "statement")."""
    return stem(word) in _learned("nouns")
