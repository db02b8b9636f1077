"""Reports made with a phrase rather than a speech verb: the claim is the reported clause, its
speaker the phrase's subject.

- "Emanuel made (it) clear that he has not considered resigning": make + "clear" + a that-clause;
- "Trump issued a statement saying that Scalia was a brilliant judge", "The committee released a
  statement confirming it will double its staff": a verb whose object is a report noun
  ("statement", learned by bench/learn_cues.py) carrying a speech verb with a reported clause;
- "As reported by Western Journalism, the Times broke the story": a passive "as" tag, its agent
  speaks, and the tag leaves the claim.

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

from typing import Any

from workbench.claims.attribution import (
    RESEARCH_NOUNS,
    SPEECH_VERBS,
    content_of,
    is_speech_verb,
    not_said,
    phrase_tokens,
)
from workbench.claims.report_cues import is_report_noun, third_person_subject
from workbench.claims.report_verbs import is_report_verb
from workbench.claims.titles import title_word

Token = Any
_MAKE = frozenset("make makes made making".split())
_STATEMENT_NOUNS = frozenset("statement statements release letter memo post tweet video ad".split())
_MIN_WORDS = 3


def without_tag(unit: Any, verb: Token) -> list[Token]:
    """The unit's words without an "as ..." tag: the verb's words and the mark that closes them
    ("As The Hill reported, ..." -> "...")."""
    tag = {t.i for t in verb.subtree}
    doc = verb.doc
    right = verb.right_edge.i + 1
    if right < len(doc) and doc[right].text in (",", "\u2014", "\u2013", ":"):
        tag.add(right)
    return [t for t in unit.tokens if t.i not in tag]

def that_clause(verb: Token) -> Token | None:
    """The verb's clause opened by "that" (a complementiser; "made it clear that ..." may hang it
    on "clear" as an adverbial)."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "advcl") and child.i > verb.i:
            first = child.doc[child.left_edge.i]
            # a complementiser, sometimes tagged as a relative adverb ("found last week that ...")
            if first.lower_ == "that" and first.dep_ in ("mark", "advmod") and first.head.i == child.i:
                return child
    return None


def clause_words(unit: Any, clause: Token) -> list[Token]:
    ids = {t.i for t in clause.subtree}
    keep = [t for t in unit.tokens if t.i in ids]
    if keep and keep[0].lower_ == "that" and keep[0].dep_ in ("mark", "advmod"):
        keep = keep[1:]
    return keep


def made_clear(unit: Any) -> tuple[Token, Token, list[Token]] | None:
    """(subject, verb, what was said) for "X made (it) clear that ..."."""
    ids = {t.i for t in unit.tokens}
    for verb in unit.tokens:
        if verb.lower_ not in _MAKE or verb.pos_ != "VERB" or not_said(verb):
            continue
        if not any(c.lower_ == "clear" and c.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "dobj") for c in verb.children):
            continue
        clause = that_clause(verb) or next(
            (that_clause(c) for c in verb.children if c.lower_ == "clear" and that_clause(c) is not None), None)
        subj = third_person_subject(verb)
        if clause is None or subj is None or subj.i not in ids or clause.i not in ids or not _can_speak(subj):
            continue
        keep = clause_words(unit, clause)
        if len(keep) >= _MIN_WORDS:
            return subj, verb, keep
    return None


def _can_speak(subj: Token) -> bool:
    """Someone who can make a thing clear in words: a person, a body, a group, a title; not an
    event ("The New York primary made it clear that ..." is the reporter's reading)."""
    return (subj.ent_type_ in ("PERSON", "ORG", "NORP") or subj.lower_ in ("he", "she", "they")
            or subj.tag_ == "NNS" or title_word(subj.text))


def statement_saying(unit: Any) -> tuple[Token, Token, list[Token]] | None:
    """(subject, verb, what was said) for "X issued a statement saying that ..."."""
    ids = {t.i for t in unit.tokens}
    for noun in unit.tokens:
        if noun.dep_ != "dobj" or not (noun.lower_ in _STATEMENT_NOUNS or is_report_noun(noun.lower_)):
            continue
        verb = noun.head
        said = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBG"
                     and (is_speech_verb(c) or is_report_verb(c.lower_))), None)
        if said is None or not_said(said) or not_said(verb):
            continue
        clause = content_of(said)
        found = _report(unit, ids, third_person_subject(verb), verb, clause)
        if found is not None:
            return found
    return None


# "X expressed confidence that ...", "X is making the case that ...", "X entered the debate with
# an argument that ...": a noun of saying or of a stance, voiced by the verb's subject.
_VOICING = frozenset(
    """express expresses expressed expressing voice voices voiced voicing make makes made making
    offer offers offered offering repeat repeats repeated repeating reiterate reiterates reiterated
    reiterating renew renews renewed renewing deliver delivers delivered delivering press presses
    pressed pressing share shares shared sharing convey conveys conveyed conveying""".split()
)
_WITH = frozenset("enter enters entered entering respond responds responded responding reply replies "
                  "replied replying open opens opened opening close closes closed closing".split())
_VOICED_NOUNS = frozenset(
    """case confidence hope hopes concern concerns belief view message assurance assurances
    frustration optimism conviction contention position""".split()
)
_OTHERS = frozenset("the that this these those".split())  # "rejected the argument that ...": someone else's


def voiced_noun(unit: Any) -> tuple[Token, Token, list[Token]] | None:
    """(subject, verb, what was said) for "X expressed confidence that ...", "X is making a case
    (to Y) that ...", "X entered the debate with an argument that ..."."""
    ids = {t.i for t in unit.tokens}
    for noun in unit.tokens:
        if noun.pos_ != "NOUN" or not (noun.lower_ in _VOICED_NOUNS or is_report_noun(noun.lower_)):
            continue
        if any(c.dep_ == "det" and c.lower_ in _OTHERS for c in noun.children):
            continue
        if noun.dep_ == "dobj" and noun.head.lower_ in _VOICING:
            verb = noun.head
        elif noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.lower_ in _WITH:
            verb = noun.head.head
        else:
            continue
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and _opens_with_that(c)), None)
        if clause is None and noun.dep_ == "dobj":
            clause = that_clause(verb)  # "making a case to the council that ...": hung on the verb
        found = None if not_said(verb) else _report(unit, ids, third_person_subject(verb), verb, clause, True)
        if found is not None:
            return found
    return None


# "Her advisers were optimistic that ...", "People briefed on the talks were adamant that ...": a
# stance held by a third person, stated with a that-clause ("surprised that" is factive: no).
_STANCE_ADJECTIVES = frozenset(
    "optimistic hopeful adamant confident convinced certain sure insistent emphatic concerned worried fearful".split()
)


def stance_adjective(unit: Any) -> tuple[Token, Token, list[Token]] | None:
    """(subject, verb, what is held) for "X were optimistic that ..."."""
    ids = {t.i for t in unit.tokens}
    for adj in unit.tokens:
        if adj.lower_ not in _STANCE_ADJECTIVES or adj.dep_ != "acomp" or not_said(adj.head):
            continue
        verb = adj.head
        if any(c.dep_ == "neg" or c.lower_ in ("not", "never", "less") for c in adj.children):
            continue
        clause = next((c for c in adj.children if c.dep_ == "ccomp" and _opens_with_that(c)), None) or next(
            (c for c in verb.children if c.dep_ == "ccomp" and c.i > adj.i and _opens_with_that(c)), None)
        found = _report(unit, ids, third_person_subject(verb), verb, clause, True)
        if found is not None:
            return found
    return None


def _report(unit: Any, ids: set[int], subj: Token | None, verb: Token, clause: Token | None,
            must_speak: bool = False) -> tuple[Token, Token, list[Token]] | None:
    """(subject, verb, what was said) when subject and clause are in the unit and enough is said."""
    if clause is None or subj is None or subj.i not in ids or clause.i not in ids:
        return None
    if must_speak and not (_can_speak(subj) or subj.pos_ == "PROPN"):
        return None
    keep = clause_words(unit, clause)
    return (subj, verb, keep) if len(keep) >= _MIN_WORDS else None


def _opens_with_that(clause: Token) -> bool:
    first = clause.doc[clause.left_edge.i]
    return first.lower_ == "that" and first.dep_ == "mark" and first.head.i == clause.i and first.i > clause.head.i


def noun_rooted(unit: Any) -> tuple[Token, Token, list[Token]] | None:
    """(subject, verb, what was said) for a report the parser read as a noun phrase: "A Quinnipiac
    poll found last week that Clinton would win" parsed with "poll" as the root and "found" as a
    reduced relative. Only when the verb has a that-clause, no subject of its own, and the
    sentence no other verb outside that clause."""
    ids = {t.i for t in unit.tokens}
    for noun in unit.tokens:
        if noun.dep_ != "ROOT" or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        verb = next((c for c in noun.children if c.dep_ == "acl" and c.i > noun.i and c.tag_ in ("VBD", "VBN")), None)
        if verb is None or not_said(verb) or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        data = verb.lower_ in ("found", "showed", "concluded")
        if not (data and noun.lower_ in RESEARCH_NOUNS) and verb.lower_ not in SPEECH_VERBS:
            continue
        clause = that_clause(verb)
        if clause is None or clause.i not in ids:
            continue
        inner = {t.i for t in clause.subtree}
        if any(t.pos_ in ("VERB", "AUX") and t.i not in inner and t.i != verb.i for t in noun.sent):
            continue
        keep = clause_words(unit, clause)
        if len(keep) >= _MIN_WORDS:
            return noun, verb, keep
    return None


def as_reported_by(unit: Any) -> tuple[list[Token], list[Token]] | None:
    """(the agent's words, what was said) for "As reported by X, <clause>"."""
    ids = {t.i for t in unit.tokens}
    for verb in unit.tokens:
        if verb.dep_ != "advcl" or verb.tag_ != "VBN" or verb.head.i not in ids:
            continue
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            continue
        if not (is_speech_verb(verb) or is_report_verb(verb.lower_)):
            continue
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if obj is None:
            continue
        keep = without_tag(unit, verb)
        if len(keep) >= _MIN_WORDS:
            return phrase_tokens(obj), keep
    return None
