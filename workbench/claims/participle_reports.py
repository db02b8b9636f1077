"""Reports made with a participle or an infinitive: the speech verb has no subject of its own.

- "Ortega began by saying ...", "Baker concluded by making it clear that ...", "The council is
  continuing to insist ...": the report hangs on a verb that only frames it (begin, conclude,
  continue, respond ...); the frame's subject speaks, and the frame says nothing of its own;
- "Police charged the driver after determining that ...", "Bolton distanced himself by saying
  ...", "Results came in showing ...": the report hangs on an act; the act's subject speaks the
  clause, and the act stays a claim of its own (the article's), without the report;
- "Police received calls saying shots had been fired", "The files included staff members
  suggesting ...": a noun carries the report; the noun phrase speaks ("calls", "staff members"),
  and the rest of the sentence stays the article's.

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.claims.attribution import (
    DENIALS,
    RESEARCH_NOUNS,
    SPEECH_VERBS,
    content_of,
    not_said,
    subject_of,
)
from workbench.claims.phrasal_reports import clause_words, that_clause
from workbench.claims.plural import GROUP_NOUNS
from workbench.claims.report_verbs import is_report_verb
from workbench.claims.titles import title_word

Token = Any
_MIN_WORDS = 3
# Prepositions and marks that tie a participle to the verb whose subject it shares.
_TIES = frozenset("by after before in while upon on when".split())
# Verbs that only frame a report: with "by ..." or "to ..." they say nothing of their own.
_FRAMES = frozenset(
    """begin begins began begun beginning start starts started starting continue continues continued
    continuing keep keeps kept keeping conclude concludes concluded concluding end ends ended ending
    open opens opened opening close closes closed closing respond responds responded responding
    reply replies replied replying react reacts reacted reacting""".split()
)
# "X was quick to add that ...", "careful to note that ...": the adjective frames the report.
_READY = frozenset("quick eager keen careful ready happy first".split())
# "after determining that ...": a finding stated with a that-clause (attribution.FINDING_VERBS)
_FINDINGS = frozenset("determining concluding ruling".split())
_DATA = frozenset("showing finding".split())
_MAKE = frozenset("make making".split())
# What can carry a report: people, bodies, groups, titles, studies and messages ("calls saying
# ...", "emails showing ..."); not an act or an idea ("a third attempt to deflect ..., saying").
DOCUMENTS = frozenset("calls emails letters messages memos tweets posts videos ads cables texts".split())
_WRITINGS = frozenset("article articles statement statements release op-ed column editorial email letter memo "
                      "post tweet video ad interview".split())
_PUBLISHING = frozenset("""send sends sent sending release releases released releasing issue issues issued issuing
    post posts posted posting publish publishes published publishing blast blasts blasted blasting circulate
    circulates circulated circulating write writes wrote writing pen penned put puts putting""".split())
_MESSAGING = frozenset("email emails emailed emailing text texts texted texting call calls called calling "
                       "urge urges urged urging address addresses addressed addressing".split())
_SPEAKING_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_ADDRESSEE_PREPS = frozenset("to for with".split())
_SHARES = frozenset("proportion share percentage percent number majority minority half third quarter most plurality".split())
_NOT_THIRD = frozenset("i we you it this that which who".split())


@dataclass(frozen=True)
class ParticipleReport:
    head: Token  # who speaks: a subject, or the noun carrying the report
    verb: Token
    said: list[Token]  # the unit's words of what is said
    act: list[Token] | None  # the unit's words that stay a claim of their own, or None


def _reported(verb: Token) -> Token | None:
    """The clause a subjectless speech, report or finding verb reports."""
    if not verb.is_alpha or not_said(verb) or verb.lower_ in DENIALS:
        return None
    if verb.lower_ in _MAKE:  # "by making it clear (to the judge) that ..."
        clear = next((c for c in verb.children if c.lower_ == "clear"), None)
        return None if clear is None else that_clause(verb) or that_clause(clear) or _first_that(clear)
    if verb.lower_ in _FINDINGS:
        return that_clause(verb)
    if verb.lower_ in SPEECH_VERBS or verb.lower_ in _DATA or is_report_verb(verb.lower_):
        return content_of(verb)
    return None


def _first_that(head: Token) -> Token | None:
    """The clause of the first complementiser "that" after `head` in its subtree, wherever the
    parser hung it ("clear to the judge that ...": on "judge")."""
    mark = next((t for t in head.subtree if t.i > head.i and t.lower_ == "that" and t.dep_ == "mark"), None)
    return mark.head if mark is not None and mark.head.pos_ in ("VERB", "AUX") else None


def _frame_of(verb: Token) -> Token | None:
    """The verb a subjectless participle or infinitive shares its subject with."""
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ in _TIES:
        return verb.head.head if verb.head.head.pos_ in ("VERB", "AUX") else None
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        marks = [c for c in verb.children if c.dep_ == "mark"]
        return verb.head if all(m.lower_ in _TIES for m in marks) and verb.head.pos_ in ("VERB", "AUX") else None
    if verb.dep_ == "xcomp" and verb.head.lower_ in _FRAMES:
        return verb.head
    if verb.dep_ == "xcomp" and verb.head.lower_ in _READY and verb.head.dep_ == "acomp":
        return verb.head.head  # "X was quick to add that ...": "was" frames it
    return None


def _phrase(verb: Token, ids: set[int]) -> set[int]:
    """The participle's words with what ties it to its head ("by", "after") and a comma before it."""
    words = {t.i for t in verb.subtree}
    if verb.dep_ == "pcomp":
        words |= {t.i for t in verb.head.subtree}
    doc = verb.doc
    left = min(words) - 1
    if left >= 0 and doc[left].text == "," and left in ids:
        words.add(left)
    return words


def _act(unit: Any, phrase: set[int]) -> list[Token] | None:
    """The unit's words without the report, when they are one run and a claim of their own."""
    rest = [t for t in unit.tokens if t.i not in phrase]
    while rest and rest[-1].is_punct:
        rest = rest[:-1]
    while rest and rest[0].is_punct:
        rest = rest[1:]
    if any(b.i != a.i + 1 for a, b in zip(rest, rest[1:])):
        return None
    return rest if len([t for t in rest if not t.is_punct]) >= _MIN_WORDS else None


def participle_report(unit: Any) -> ParticipleReport | None:
    """The first report in the unit made with a subjectless participle or infinitive."""
    ids = {t.i for t in unit.tokens}
    for verb in unit.tokens:
        if verb.tag_ not in ("VBG", "VB") or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        clause = _reported(verb)
        if clause is None or clause.i not in ids:
            continue
        if verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].text == ":":
            continue  # "saying:" is a colon tag (colon_tags.py), whatever follows
        said = clause_words(unit, clause)
        if len([t for t in said if not t.is_punct]) < _MIN_WORDS:
            continue
        found = _by_subject(unit, verb, said, ids) or _by_noun(unit, verb, said, ids)
        if found is not None:
            return found
    return None


def _by_subject(unit: Any, verb: Token, said: list[Token], ids: set[int]) -> ParticipleReport | None:
    frame = _frame_of(verb)
    if frame is None or frame.i not in ids or not_said(frame):
        return None
    subj = subject_of(frame)
    if subj is None or subj.i not in ids or subj.lower_ in _NOT_THIRD or subj.dep_ == "nsubjpass":
        return None
    if frame.lower_ in _FRAMES or verb.head.lower_ in _READY:  # "X began by saying ...": nothing of the frame stays
        return ParticipleReport(subj, verb, said, None)
    act = _act(unit, _phrase(verb, ids))
    return ParticipleReport(subj, verb, said, act) if act is not None else None


def _author(noun: Token) -> Token | None:
    """Who wrote the message: the subject of "in an article ...", "sent an email ...", "issued a
    statement ..." ("Forbes shot back in an article stating that ...")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "in":
        verb = noun.head.head
    elif noun.dep_ == "dobj" and noun.head.lower_ in _PUBLISHING:
        verb = noun.head
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX") or not_said(verb):
        return None
    subj = subject_of(verb)
    return subj if subj is not None and subj.lower_ not in _NOT_THIRD and subj.dep_ == "nsubj" else None


def _addressed(noun: Token) -> bool:
    """Is the noun spoken or written to ("a pitch to voters", "emailed supporters")?"""
    if noun.dep_ == "pobj" and noun.head.lower_ in _ADDRESSEE_PREPS:
        return True
    head = noun.head.lower_
    return noun.dep_ in ("dobj", "dative") and (head in SPEECH_VERBS or head in _MESSAGING or is_report_verb(head))


def _addresser(noun: Token) -> Token | None:
    """Who speaks to the noun ("made a pitch to voters saying ...", "emailed supporters saying
    ..."): the participle is the speaker's; the people addressed say nothing."""
    if not _addressed(noun):
        return None
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if verb.pos_ not in ("VERB", "AUX") or not_said(verb):
        return None
    subj = subject_of(verb)
    return subj if subj is not None and subj.lower_ not in _NOT_THIRD and subj.dep_ == "nsubj" else None


def _by_noun(unit: Any, verb: Token, said: list[Token], ids: set[int]) -> ParticipleReport | None:
    """"calls saying ...", "staff members suggesting ...": the noun the participle describes."""
    noun = verb.head
    if verb.dep_ == "advcl" and any(c.dep_ == "expl" for c in noun.children):
        # "There were also emails that night showing that ...": the emails show it
        noun = next((c for c in noun.children if c.dep_ == "attr" and c.i < verb.i), None)
        if noun is None:
            return None
    elif verb.dep_ != "acl":
        return None
    if verb.tag_ != "VBG" or noun.i not in ids or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    low = noun.lower_
    author = _author(noun) if low in DOCUMENTS or low in _WRITINGS else _addresser(noun)
    if author is not None and author.i in ids:
        act = _act(unit, {t.i for t in verb.subtree})
        return ParticipleReport(author, verb, said, act) if act is not None else None
    if not (noun.ent_type_ in _SPEAKING_ENTS or low in GROUP_NOUNS or low in RESEARCH_NOUNS or low in DOCUMENTS
            or low in _SHARES or title_word(noun.text)):
        return None
    if _addressed(noun):
        return None
    if verb.lower_ in _DATA and noun.ent_type_ == "PERSON":
        return None  # a person "showing" something shows, and says nothing
    act = _act(unit, {t.i for t in verb.subtree})
    if act is None:
        return None  # "The share of voters saying ... fell to 31 percent": the rest is the fact
    if noun.lower_ in _SHARES:  # "the share of voters saying ...": the voters say it
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        people = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if people is None:
            return None
        noun = people
    return ParticipleReport(noun, verb, said, act)
