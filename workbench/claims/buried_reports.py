"""Reports the parser buried: "X is stressing that ..." hung under a later verb.

A long sentence with a dash or a colon list often parses with its real main verb as a ccomp of
something further on ("Clinton is stressing that her plans will solve ... — the high cost of
childcare, mounting student debt and unpaid family leave": root "leave"). The splitter reads
speech from the root down, so such a unit keeps its tag and gets no speaker. Here a unit with no
speaker that opens with a report ("<subject> <speech verb> [that] <clause>": the words before
the clause are the verb, its subject and the verb's own modifiers) loses the tag and takes the
subject as its speaker, as if the parser had made the verb the root.

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

from typing import Any

from workbench.claims.attribution import (
    DENIALS,
    PERSONAL,
    SPEECH_VERBS,
    Context,
    content_of,
    is_speech_verb,
    not_said,
    phrase_tokens,
    subject_of,
)
from workbench.claims.report_verbs import is_report_verb
from workbench.claims.speakers import no_single_person, pronoun_speaker

Token = Any


def _opening_report(tokens: list[Token]) -> tuple[Token, Token, Token] | None:
    """(verb, subject, reported clause) when the unit opens with a report tag."""
    ids = {t.i for t in tokens}
    for verb in tokens:
        if not is_speech_verb(verb):
            continue
        if not_said(verb):
            return None  # "X never said that ...", "X denied that ...": not X's claim
        content = content_of(verb)
        subj = subject_of(verb)
        if content is None or subj is None or subj.i not in ids or content.i not in ids:
            return None
        if subj.i > verb.i or content.i < verb.i:
            return None
        tag = {verb.i} | {t.i for c in verb.children if c.i != content.i for t in c.subtree}
        before = [t for t in tokens if t.i < content.left_edge.i]
        return (verb, subj, content) if all(t.i in tag for t in before) else None
    return None


_NAME_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_THAT_REACH = 8  # words between the verb and its "that"


def _named_report(tokens: list[Token], ctx: Context) -> tuple[list[Token], list[Token]] | None:
    """(name, reported words) for a unit reading "<Name> <says-verb> [...] that <clause>" that
    the parser misread ("Trump charges that ..." with "charges" as a noun, "Trump tweeted in the
    early morning hours that ..." with the clause on "hours"): a name of up to four words
    (tagged, or known from the article) opening the unit, a speech or report verb form right after it, then "that" within a few
    words and a clause of at least three words."""
    name: list[Token] = []
    for tok in tokens[:4]:
        if tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN") and tok.lower_ not in SPEECH_VERBS:
            name.append(tok)
        else:
            break
    # A name: tagged as one, or a surname the article already gave in full ("Trump" at a
    # sentence start is often left untagged, even read as a noun).
    if not name or not (any(t.ent_type_ in _NAME_ENTS for t in name) or name[-1].text in ctx.full_names):
        return None
    if len(tokens) <= len(name) + 4:
        return None
    verb = tokens[len(name)]
    if verb.i != name[-1].i + 1 or not (verb.lower_ in SPEECH_VERBS or is_report_verb(verb.lower_)):
        return None
    if verb.lower_ in DENIALS:
        return None  # "Trump denied that ...": not Trump's claim
    rest = tokens[len(name) + 1 : len(name) + 1 + _THAT_REACH]
    that = next((t for t in rest if t.lower_ == "that"), None)
    if that is None or any(t.is_punct for t in rest if t.i < that.i):
        return None
    said = [t for t in tokens if t.i > that.i]
    return (name, said) if len(said) >= 3 and all(
        b.i == a.i + 1 for a, b in zip(tokens, tokens[1:]) if a.i < that.i
    ) else None


_SUBJECT_WORDS = 8
_GAP_WORDS = 8
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# a noun phrase's words ("The Daily Ledger's Anna Brook", "multiple outlets", "two senior aides")
_NOUN_PHRASE_TAGS = frozenset({"DT", "JJ", "NN", "NNS", "NNP", "NNPS", "POS", "PRP", "PRP$", "CD", "HYPH", "VBN"})
_NOT_TAG = frozenset("not never n't no".split())
_QUESTIONS = frozenset("whether if how why what when where who which".split())
_MARKS = frozenset("after before because since when while although though once until as if unless whether".split())


def _tag_subject(words: list[Token]) -> bool:
    """A third-person noun phrase of a few words, no verb in it (a capitalised word the tagger
    read as a verb is a name: "Trump senior adviser Jason Miller")."""
    if not words or len(words) > _SUBJECT_WORDS or words[0].lower_ in ("i", "we", "you", "it"):
        return False
    for t in words:
        if t.lower_ in _NOT_TAG or t.lower_ in ("nobody", "none", "neither", "nor"):
            return False  # "No one said that ...": nobody's claim
        if t.text[:1].isupper() and not t.is_punct:
            continue
        if t.tag_ not in _NOUN_PHRASE_TAGS and t.lower_ != "of":
            return False
    last = words[-1]
    return last.tag_ in ("NN", "NNS", "NNP", "NNPS") or last.lower_ in ("he", "she", "they")


def _clause_start(tokens: list[Token], after: int) -> int | None:
    """Position in `tokens` where the first finite clause after position `after` begins: the left
    edge of the subject of the first finite verb whose subject stands after the tag's verb."""
    ids = {t.i: k for k, t in enumerate(tokens)}
    for tok in tokens[after + 1 :]:
        if tok.tag_ not in _FINITE:
            continue
        verb = tok.head if tok.dep_ in ("aux", "auxpass") else tok
        # the first subject after the tag (the parser may give the verb the tag's subject too)
        for subj in verb.children:
            if subj.dep_ in ("nsubj", "nsubjpass", "expl") and subj.left_edge.i in ids and ids[subj.left_edge.i] > after:
                return ids[subj.left_edge.i]
    return None


def _gap_is_tag(gap: list[Token], verb: Token) -> bool:
    """Words between a tag's verb and what it reports that belong to the verb: a time, a place,
    a manner ("previously", "on Wednesday", "in a statement"), a comma or "that"; an addressee
    only after tell ("told reporters")."""
    if not gap:
        return verb.lower_ not in _ADDRESSEE  # "Trump tells 3,000 in Reno NFL has ...": the clause's start is unknown
    first = gap[0]
    if first.tag_ in ("DT", "NN", "NNS", "NNP", "NNPS", "PRP") and verb.lower_ in _ADDRESSEE:
        pass
    elif not (first.tag_ in ("RB", "IN", ",") or first.lower_ == "that"):
        return False
    if len(gap) > _GAP_WORDS:
        return False
    for t in gap:
        if t.tag_.startswith("VB") or t.tag_ in ("MD", "WDT", "WP", "WRB") or t.lower_ in _MARKS or t.lower_ in _NOT_TAG:
            return False
        if t.is_punct and t.text != ",":
            return False
    return all(t.lower_ != "that" for t in gap[:-1])


_ADDRESSEE = frozenset("tell tells told".split())


def opening_tag(tokens: list[Token], ctx: Context, quoted: bool) -> tuple[str, list[Token]] | None:
    """(speaker, reported words) for a unit that opens with a tag the parser did not read as one
    ("Multiple outlets reported on Wednesday the Secret Service had ...", "X previously reported,
    The foundation refused ..."): a third-person noun phrase, a finite speech or report verb, the
    verb's own time, place or manner, then a finite clause with its own subject."""
    k = next((k for k, t in enumerate(tokens[: _SUBJECT_WORDS + 2]) if t.is_alpha and t.tag_ in ("VBD", "VBZ", "VBP", "VBN")
              and (t.lower_ in SPEECH_VERBS or is_report_verb(t.lower_))), None)
    if k is None or k == 0 or tokens[k].lower_ in DENIALS or not_said(tokens[k]):
        return None
    verb = tokens[k]
    subject = tokens[:k]
    while subject and subject[-1].tag_ == "RB" and subject[-1].lower_ not in _NOT_TAG:
        subject = subject[:-1]  # "Leahy previously reported"
    if not _tag_subject(subject) or any(b.i != a.i + 1 for a, b in zip(tokens, tokens[1:])):
        return None
    start = _clause_start(tokens, k)
    if start is None or not _gap_is_tag(tokens[k + 1 : start], verb):
        return None
    said = tokens[start:]
    if len([t for t in said if not t.is_punct]) < 3 or said[0].lower_ in _QUESTIONS:
        return None
    name = ctx.normalise_speaker(subject, quoted)
    return (name, said) if name else None


def _speaker(subj: Token, verb: Token, ctx: Context, quoted: bool) -> str | None:
    name = pronoun_speaker(subj, verb) or ctx.normalise_speaker(phrase_tokens(subj), quoted)
    if name and (no_single_person(subj) or name.lower() in PERSONAL):
        ctx.unnamed.add(name)
    return name


def unbury_reports(units: list, ctx: Context, quoted: bool) -> list[str]:
    """Give the units that open with a buried report their speaker and drop the tag; returns the
    speakers found (in order)."""
    found: list[str] = []
    for unit in units:
        if unit.attribution is not None or unit.role or not unit.tokens:
            continue
        hit = _opening_report(unit.tokens)
        if hit is None:
            named = _named_report(unit.tokens, ctx)
            if named is not None:
                name = ctx.normalise_speaker(named[0])
                if name:
                    unit.tokens = named[1]
                    unit.attribution = unit.speaker = name
                    found.append(name)
            continue
        verb, subj, content = hit
        name = _speaker(subj, verb, ctx, quoted)
        if not name:
            continue
        keep = [t for t in unit.tokens if t.i >= content.left_edge.i]
        if keep and keep[0].dep_ == "mark" and keep[0].lower_ == "that":
            keep = keep[1:]
        if not keep:
            continue
        unit.tokens = keep
        unit.attribution = unit.speaker = name
        found.append(name)
    return found
