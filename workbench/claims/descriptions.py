"""Who a description speaker is: "The billionaire real estate magnate said ...", "the senator
told reporters", "the former secretary of state said".

News names a person once and then describes them. The article itself says which description
goes with which name, and that is the only evidence used here:
- a title or description right before the name ("Sen. Ted Cruz", "billionaire Donald Trump",
  "former Secretary of State Hillary Clinton");
- an appositive on either side ("Trump, the billionaire real estate magnate, ...", "the
  state's junior senator, Marco Rubio, ...").
These are the person's *roles*. A definite description ("the ..." ending in a singular noun)
names the most recently named person with a role of that head noun and every other word of the
description among their role words; nobody has one -> it stays as written (an honest
description beats a guessed name). The speaker then shows both: "Marco Rubio (the Florida
senator)", the name and the article's own words. An indefinite one ("a senator", "a spokesman") is someone new, never resolved;
nor is an owned one ("the campaign's spokesman": someone else's, not the campaign).

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from workbench.claims.attribution import RESEARCH_NOUNS
from workbench.claims.entities import NUMERIC_ENTS
from workbench.claims.speakers import BODY_NOUNS
from workbench.claims.titles import ABBREVIATIONS, HONORIFICS, preposed_titles, title_word

Token = Any
Role = tuple[set[str], set[str]]  # (head words, all words) of what the article calls a person

# Words of a description that say nothing about who ("the senator of Texas" is the senator).
_LIGHT = frozenset("the a an of for in at on and".split())
_ROLE_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_ROLE_DEPS = frozenset({"compound", "amod", "nmod"})
_PARENTHESIS = re.compile(r"\s*\((?:the|The) [^()]*\)$")
MAX_WORDS = 8  # a longer phrase is a clause, not a description


def _word(tok: Token) -> str:
    low = tok.lower_
    return ABBREVIATIONS.get(low if low.endswith(".") else low + ".", "").lower() or low.rstrip(".")


def _words(tokens: Iterable[Token]) -> set[str]:
    out = set()
    for t in tokens:
        w = _word(t)
        if w and w not in _LIGHT and any(ch.isalpha() for ch in w) and t.ent_type_ not in NUMERIC_ENTS:
            out.add(w)
    return out


def _head_word(tok: Token) -> bool:
    """A word a description can end in: a singular common noun ("senator", "magnate") or a
    party or nationality ("the Arizona Republican")."""
    return tok.tag_ == "NN" or (tok.tag_ == "NNP" and tok.ent_type_ == "NORP")


def role_words(sent: Any, ent: Any) -> Role:
    """What this sentence says a named person is: the words before the name that modify it
    ("billionaire Donald Trump", "Sen. Ted Cruz"), and an appositive description on either side
    ("Trump, the billionaire real estate magnate,"; "the state's junior senator, Marco Rubio")."""
    heads: set[str] = set()
    words: set[str] = set()
    root = ent.root
    inside = {t.i for t in ent}
    for child in root.children:
        if child.i in inside or child.i > ent.start:
            continue
        if child.dep_ in _ROLE_DEPS and child.pos_ in _ROLE_POS and child.ent_type_ != "PERSON":
            toks = [t for t in child.subtree if t.i < ent.start and t.tag_ != "POS"]
            words |= _words(toks)
            heads |= _words(t for t in toks if _head_word(t) and t.i == child.i)
    for tok in ent:  # NER often keeps the title in the name ("President Obama", "Sen. Ted Cruz")
        found = {w for w in _words([tok]) if title_word(w)} if tok.lower_ not in HONORIFICS else set()
        heads |= found
        words |= found
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            found = _phrase_words(child)
            heads |= found[0]
            words |= found[1]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        found = _phrase_words(root.head, skip=inside)
        heads |= found[0]
        words |= found[1]
    return heads, words


def title_words(sent: Any) -> list[tuple[list[Token], Role]]:
    """(name tokens, role) for every person the sentence names with a title before the name."""
    out = []
    for found in preposed_titles(sent):
        words = _words(found.title)  # abbreviations written out: "Sen." is "senator"
        out.append((found.name, ({w for w in words if title_word(w)}, words)))
    return out


def _phrase_words(head: Token, skip: set[int] | None = None) -> Role:
    """The words of a description phrase up to its head, without clauses or a possessor."""
    skip = skip or set()
    toks = [t for t in head.subtree if t.i <= head.i and t.i not in skip]
    owner = [t for t in toks if t.tag_ == "POS"]
    if owner:  # "the state's junior senator": the state is no role word
        toks = [t for t in toks if t.i > owner[-1].i]
    if not toks or not _head_word(head):
        return set(), set()
    return _words([head]), _words(toks)


def description(tokens: list[Token]) -> tuple[str, set[str], set[str]] | None:
    """(head word, words before it, words after it) when the speaker phrase is a definite
    description of one person: "the senator", "The billionaire real estate magnate", "the former
    secretary of state"; None for names, plurals, indefinites, owned descriptions and bodies
    ("the company")."""
    if not 2 <= len(tokens) <= MAX_WORDS or tokens[0].lower_ != "the":
        return None
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    if len(heads) != 1:
        return None
    head = heads[0]
    if not _head_word(head) or head.lower_ in BODY_NOUNS or head.lower_ in RESEARCH_NOUNS:
        return None  # "the Clinton campaign" ends in a name's word; plurals are groups
    for t in tokens:
        if t.tag_ in ("POS", "PRP$") or t.ent_type_ == "PERSON" or t.lower_ in ("and", "or"):
            return None
    before = _words(t for t in tokens if t.i < head.i)
    after = _words(t for t in tokens if t.i > head.i)
    return head.lower_, before, after


def best_match(found: tuple[str, set[str], set[str]], candidates: list[tuple[str, Role]]) -> str | None:
    """The key of the first candidate (most recently named first) the article called by this
    description: the head is the head of one of their roles ("senator", not "campaign" of
    "campaign manager") and every other word is one of their role words ("the Florida senator"
    is not the Iowa one, "the former president" not the sitting one); None when nobody was."""
    head, before, after = found
    for key, (heads, words) in candidates:
        if head in heads and before <= words and after <= words:
            return key
    return None


def as_speaker(name: str, written: str) -> str:
    """"Marco Rubio (the Florida senator)": the name, and the article's own words for them."""
    return f"{name} ({written[:1].lower() + written[1:] if written.startswith('The ') else written})"


def bare_name(speaker: str) -> str:
    """The name of a speaker as_speaker wrote, without the description."""
    return _PARENTHESIS.sub("", speaker)
