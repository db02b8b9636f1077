"""Who a pronoun speaker stands for: "..., they said", "They told reporters that ...", "It said".

A claim attributed to the wrong person is the worst thing a fact-checker can be handed, so a
pronoun speaker is named only when the article makes its antecedent clear (plural.py's rules for
"they"; the same, stricter, for "it") and is otherwise kept as written: "they" or "it" is honest
and the span shows the context, while the last person named (what "they" used to become) or the
article itself (what "it" used to become) are wrong.

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from workbench.claims.attribution import content_of, phrase_tokens, quote_depths
from workbench.claims.entities import NUMERIC_ENTS
from workbench.claims.plural import phrase_of, phrase_text, speaker_antecedent
from workbench.claims.titles import TITLE_WORDS

Token = Any

# Singular nouns for bodies that issue statements ("the ministry said").
BODY_NOUNS = frozenset(
    """ministry government department agency company firm administration office embassy
    council committee commission court parliament congress senate legislature cabinet
    army military police party campaign union group organisation organization institute
    university bank board authority regulator newspaper network broadcaster agency
    coalition alliance federation association foundation center centre bureau""".split()
)
# What someone says through, so that "X's statement said ..." is X's word (not studies or
# reports, which speak for themselves: "the ministry's report found").
UTTERANCE_NOUNS = frozenset(
    """statement statements remarks comments comment email e-mail emails letter tweet tweets post
    message memo announcement speech testimony""".split()
)
_ORG_ENTS = frozenset({"ORG", "GPE", "NORP"})
_RIVAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "pobj"})
_VOICES = frozenset({"i", "we", "you", "it", "they", "he", "she"})


def pronoun_speaker(subj: Token, verb: Token) -> str | None:
    """The speaker for a pronoun subject of `verb`: the clear antecedent as written, else the
    pronoun itself; None when `subj` is no "they"/"it"."""
    low = subj.lower_
    if low == "they":
        phrase = speaker_antecedent(subj, verb)
        if phrase and not any(t.tag_ == "PRP$" or t.pos_ == "PRON" for t in phrase):
            return phrase_text(phrase)
        return "they"
    if low == "it":
        if subj.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children):
            return None  # "it is said that ...", "it will be written that ...": nobody speaks
        cand = _body_antecedent(subj, verb)
        phrase = phrase_of(cand) if cand is not None else None
        return phrase_text(phrase) if phrase else "it"
    return None


def speaker_phrase(subj: Token) -> list[Token]:
    """The words naming a speaker: its noun phrase (attribution.phrase_tokens), with a name set
    close after a common noun ("The Israeli newspaper Haaretz", not "The Israeli newspaper"),
    without what a preposition adds to a name ("Trump at the time said" is Trump), and the owner
    of a statement, letter or tweet ("The campaign's statement said" is the campaign)."""
    owner = next((c for c in subj.children if c.dep_ == "poss"), None)
    if subj.lower_ in UTTERANCE_NOUNS and owner is not None and owner.pos_ != "PRON":
        # "The campaign's statement said": the campaign says it
        return [t for t in phrase_tokens(owner) if not (t.dep_ == "case" and t.head.i == owner.i)]
    toks = phrase_tokens(subj)
    if not toks:
        return toks
    if subj.text[:1].isupper() and subj.tag_ not in ("NN", "NNS"):  # a name, even tagged a verb
        drop = {t.i for c in subj.children if c.dep_ == "prep" and c.i > subj.i and c.lower_ != "of"
                for t in c.subtree}
        kept = [t for t in toks if t.i not in drop]
        if kept and kept[-1].i >= subj.i and all(b.i == a.i + 1 for a, b in zip(kept, kept[1:])):
            return kept
        return toks
    for child in subj.children:
        words = [t for t in child.subtree]
        if (child.dep_ == "appos" and child.left_edge.i == toks[-1].i + 1
                and all(t.pos_ == "PROPN" for t in words)):
            return toks + words
    return toks


def no_single_person(subj: Token, known: Container[str] = ()) -> bool:
    """Is this speaker no one person ("officials", "they", "the ministry", "North Korea")? Then a
    later "he"/"she" is not them. A capitalised word that is the surname of a person the article
    named (`known`) is that person, whatever the tagger made of it ("Sanders says" read as a
    plural noun and an organisation)."""
    if subj.text[:1].isupper() and subj.text in known and not any(c.dep_ == "conj" for c in subj.children):
        return False
    if subj.lower_ in ("they", "it") or subj.tag_ in ("NNS", "NNPS"):
        return True
    if any(c.dep_ == "conj" for c in subj.children):
        return True
    return is_body(subj)


def is_body(tok: Token, known: Container[str] = ()) -> bool:
    """A singular organisation or place that can speak: "the ministry", "North Korea"; not the
    surname of a person the article named (`known`)."""
    if tok.text[:1].isupper() and tok.text in known:
        return False
    if tok.tag_ not in ("NN", "NNP") or tok.dep_ == "compound" or tok.lower_ in TITLE_WORDS:
        return False  # "The President said" is a person, whatever NER calls it
    return tok.ent_type_ in _ORG_ENTS or (tok.tag_ == "NN" and tok.lower_ in BODY_NOUNS)


def could_be_it(tok: Token) -> bool:
    """A singular thing "it" could stand for as well: "the report" in "The ministry published
    the report. It said ..." (the report's words are not the ministry's)."""
    if tok.tag_ not in ("NN", "NNP") or tok.dep_ not in _RIVAL_DEPS:
        return False
    return tok.ent_type_ not in NUMERIC_ENTS and tok.ent_type_ != "PERSON"


def _skipped(pron: Token, verb: Token) -> set[int]:
    """What the speaker says: the reported clause, and every quoted word when "it" is outside."""
    content = content_of(verb)
    skip = {t.i for t in content.subtree} if content is not None else set()
    quoted = quote_depths(pron.doc.text)
    if not quoted[pron.idx]:
        skip |= {t.i for t in pron.doc if quoted[t.idx]}
    return skip


def _body_antecedent(pron: Token, verb: Token) -> Token | None:
    """The one body "it" can be: the subject of a clause holding the pronoun's ("The ministry
    closed the border on Monday and it said ..."), else the subject of the sentence before when
    that sentence names nothing else "it" could be. Nothing in a quotation, another singular
    noun in a core role or after a preposition, or another voice between: no answer."""
    sent, skip = pron.sent, _skipped(pron, verb)
    before = [t for t in pron.doc[sent.start : pron.i] if t.i not in skip]
    if any(t.lower_ in _VOICES for t in before):
        return None
    cand = _containing_subject(pron, before)
    if cand is None and not any(could_be_it(t) for t in before):
        cand = _previous_subject(sent, skip)
    if cand is None:
        return None
    own = {t.i for t in cand.subtree}
    between = [t for t in pron.doc[cand.i + 1 : pron.i] if t.i not in skip and t.i not in own]
    if any(could_be_it(t) or t.lower_ in _VOICES for t in between):
        return None
    return cand


def _containing_subject(pron: Token, before: list[Token]) -> Token | None:
    """The nearest subject before the pronoun, when its verb governs the pronoun's ("and it
    said") and it is a body."""
    ancestors, tok = set(), pron
    while tok.head.i != tok.i and len(ancestors) < 30:
        tok = tok.head
        ancestors.add(tok.i)
    for tok in reversed(before):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return tok if tok.head.i in ancestors and is_body(tok) else None
    return None


def _previous_subject(sent: Any, skip: set[int]) -> Token | None:
    """The body that is the subject of the sentence before and the only thing in it "it" could
    be."""
    if sent.start == 0:
        return None
    prev = [t for t in sent.doc[sent.start - 1].sent if t.i not in skip]
    if any(t.lower_ in _VOICES for t in prev):
        return None
    bodies = [t for t in prev if is_body(t) and t.dep_ in ("nsubj", "nsubjpass")]
    if len(bodies) != 1:
        return None
    own = {t.i for t in bodies[0].subtree}
    if any(could_be_it(t) and t.i not in own for t in prev):
        return None
    return bodies[0]
