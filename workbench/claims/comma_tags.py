"""Speech tags set off by commas, wherever the parser hung them.

"Acts of protest, Mr. Obama said, are a part of the American tradition", "These were not
omissions, Brafman noted; the government had ...", "'We're in a bubble, and ...,' Mr. Trump said
recently in New York", "... is under pressure from imports, said the company's chief executive":
a tag splits or closes the clause it reports, and the parser often attaches it to some word
inside that clause (as a conjunct of the first verb, a dependent of a noun) rather than above it,
so the speech-verb rules (atomic.py) never see a report and the tag stays inside the claim.

Read here from its shape instead, the tag's own words only: a speech or report verb with its
own subject right before it ("Mr. Obama said") or right after it ("said the chief executive"),
plus what belongs to the verb alone (a time, a place, an addressee: "said Friday", "told The New
York Times"), set off from the rest of the sentence by a comma, a semicolon, a dash or a quote
mark, or by the sentence's end, with no reported clause of its own (that shape is atomic.py's)
and nothing of the sentence outside it hanging on it but the halves of the clause it splits.
The tag leaves every claim of the sentence, and the sentence's claims with no speaker take it.

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

from typing import Any

from workbench.claims.attribution import RESEARCH_NOUNS, content_of, is_speech_verb, not_said
from workbench.claims.hidden_reports import subject_speaker
from workbench.claims.report_verbs import is_report_verb

Token = Any
_EDGES = frozenset({",", ";", ":", "\u2014", "\u2013", "--", "-", "\"", "\u201c", "\u201d", "''", "'", "(", ")"})
_ENDS = frozenset({".", "!", "?"})
# What may hang on the tag's verb inside the tag: its own time, place, manner or addressee.
_OWN_DEPS = frozenset({"nsubj", "advmod", "npadvmod", "prep", "dobj", "dative", "aux", "prt", "punct", "agent"})
# What may hang on it outside the tag: the halves of the clause the parser hung on the tag.
_SPLIT_DEPS = frozenset({"conj", "parataxis", "advcl", "dep", "ccomp", "punct", "cc", "nsubj", "npadvmod"})
# an object is the tag's own only as the one addressed ("told The New York Times"); "reported
# losses" reports what it says
_ADDRESSING = ("tell", "told", "inform", "assur", "remind", "warn", "brief")
_MIN_WORDS = 3  # words left to be said besides the tag
_TAG_WORDS = 14


def _speech(verb: Token) -> bool:
    if verb.pos_ != "VERB" or not verb.is_alpha or not_said(verb):
        return False
    return is_speech_verb(verb) or is_report_verb(verb.lower_)


def _quoted(tok: Token, inside: list[bool] | None) -> bool:
    return inside is not None and tok.idx < len(inside) and inside[tok.idx]


def _bounded(sent: Any, start: int, end: int) -> bool:
    """Is doc[start:end] set off: an edge mark or the sentence start before it, an edge mark or
    the sentence end after it?"""
    doc = sent.doc
    left = start == sent.start or doc[start - 1].text in _EDGES
    right = end >= sent.end or doc[end].text in _EDGES or doc[end].text in _ENDS
    return left and right and not (start == sent.start and end >= sent.end)


def _extent(verb: Token, subj: Token) -> tuple[int, int] | None:
    """The tag's token range [start, end): the subject's words and the verb's own (its words on
    the far side of the subject are what it splits, never its own)."""
    own = [c for c in verb.children if c.dep_ in _OWN_DEPS and c.dep_ != "punct"
           and (c.dep_ != "dobj" or verb.lower_.startswith(_ADDRESSING))]
    if subj.i < verb.i:
        start = subj.left_edge.i
        after = [c for c in own if c.i > verb.i]
        end = max([verb.i] + [c.right_edge.i for c in after]) + 1
    else:
        start = verb.i
        end = subj.right_edge.i + 1
        if any(c.i < verb.i for c in own if c.dep_ != "nsubj"):
            return None
    inner = range(start, end)
    doc = verb.doc
    # nothing of the tag may reach out of it, and it holds no other verb than its own
    if any(doc[i].head.i not in inner and doc[i].i != verb.i for i in inner):
        return None
    if any(doc[i].pos_ in ("VERB", "AUX") and doc[i].i != verb.i and doc[i].head.i == verb.i
           and doc[i].dep_ not in ("aux",) for i in inner):
        return None
    return start, end


def _clause_half(tok: Token) -> bool:
    """A word the parser hung on the tag that is part of what is said, not the tag's own adjunct:
    punctuation, a subject or a finite clause ("..., her advisers said, because she ..."); a
    participle ("X agreed, praising ...") is the tag's own and makes it no parenthetical."""
    if tok.dep_ in ("punct", "cc", "nsubj", "npadvmod"):
        return True
    return tok.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def _quotation(tok: Token, inside: list[bool] | None) -> bool:
    """Is all of `tok`'s subtree quoted ('"Every single amendment," said Cruz': what he said)?"""
    words = [t for t in tok.subtree if not t.is_punct]
    return bool(words) and all(_quoted(t, inside) for t in words)


def _between(verb: Token, subj: Token | None, content: Token) -> bool:
    """Does the tag stand after what it reports, the parser having hung it as a clause of another
    word of the sentence ("These were not errors, Baker noted; the agency had hidden ...": "were"
    under "noted", "noted" under "hidden"; "She was not surprised that X won, her advisers said
    Friday, because ...": "said" under "surprised")?"""
    return (subj is not None and verb.dep_ == "ccomp"
            and subj.i < verb.i and content.right_edge.i < subj.left_edge.i)


def find_tags(sent: Any, inside: list[bool] | None) -> list[tuple[Token, Token, set[int]]]:
    """(verb, subject, token ids to drop) for every set-off tag in the sentence."""
    found = []
    for verb in sent:
        if not _speech(verb) or _quoted(verb, inside):
            continue
        # a clause the tag governs is atomic.py's, unless the tag hangs below another word of the
        # sentence it splits ("These were not errors, X noted; the agency had ...")
        # the tag's subject, never quoted words the parser also took for one ('"Every single
        # amendment," said Cruz')
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and not _quotation(c, inside)), None)
        content = content_of(verb)
        if content is not None and verb.dep_ in ("ROOT", "ccomp", "xcomp", "relcl", "acl") \
                and not _between(verb, subj, content):
            continue
        if subj is None or subj.lower_ in ("i", "we", "you", "it", "that", "which", "who", "this"):
            continue
        span = _extent(verb, subj)
        if span is None:
            continue
        start, end = span
        if end - start > _TAG_WORDS or not _bounded(sent, start, end):
            continue
        tag = set(range(start, end))
        if any(c.i not in tag and not _quotation(c, inside) and (c.dep_ not in _SPLIT_DEPS or not _clause_half(c))
               for c in verb.children):
            continue
        if any(_quoted(sent.doc[i], inside) for i in tag if not sent.doc[i].is_punct):
            continue
        rest = [t for t in sent if t.i not in tag and not t.is_punct]
        if len(rest) < _MIN_WORDS:
            continue
        doc = sent.doc
        # the comma that opened a tag inside or after the clause goes with it
        if start > sent.start and doc[start - 1].text in (",", "\u2014", "\u2013", "--"):
            tag.add(start - 1)
        elif end < sent.end and doc[end].text == "," and start == sent.start:
            tag.add(end)
        # a relative clause or appositive about the speaker is the article's fact about them
        # ("said Cruz, who had introduced some of the amendments"): it stays, and says nothing of theirs
        about = set().union(*({t.i for t in c.subtree} for c in subj.children if c.dep_ in ("relcl", "appos", "acl")))
        found.append((verb, subj, tag - about))
    return found


# Finite forms the tagger reads as nouns in a closing or parenthetical tag ("..., campaign finance
# records show.", "Democrats, Frank notes, applaud ...").
_NOUNLIKE_SPEECH = frozenset("says notes writes adds argues explains claims insists warns".split())
_NOUNLIKE_DATA = frozenset("show shows showed".split())
_SUBJECT_WORDS = 6


def _nounlike_tag(sent: Any, inside: list[bool] | None) -> tuple[list[Token], Token, set[int]] | None:
    """(subject words, verb word, token ids to drop) for a tag the tagger read as a noun phrase:
    a comma, a name (or a pronoun) and "says"/"notes" - or a study or records and "show" - then
    a comma or the sentence's end."""
    doc = sent.doc
    for tok in sent:
        low = tok.lower_
        if low not in _NOUNLIKE_SPEECH and low not in _NOUNLIKE_DATA:
            continue
        if _quoted(tok, inside):
            continue
        after = doc[tok.i + 1] if tok.i + 1 < sent.end else None
        if after is not None and after.text not in (",", ";") and not (after.is_punct and after.i == sent.end - 1):
            continue
        k = tok.i - 1
        while k >= sent.start and not doc[k].is_punct and tok.i - k <= _SUBJECT_WORDS:
            k -= 1
        if k < sent.start or doc[k].text != "," or k + 1 == tok.i:
            continue
        subject = list(doc[k + 1 : tok.i])
        if any(t.pos_ in ("AUX", "ADP", "SCONJ", "CCONJ") or (t.pos_ == "VERB" and t.tag_ not in ("VBG", "VBN"))
               for t in subject) or subject[-1].pos_ == "VERB":
            continue
        if low in _NOUNLIKE_DATA:
            if subject[-1].lower_ not in RESEARCH_NOUNS:
                continue
        elif not (subject[-1].pos_ == "PROPN" or (len(subject) == 1 and subject[0].lower_ in ("he", "she", "they"))):
            continue
        rest = [t for t in sent if not t.is_punct and not k < t.i <= tok.i]
        if len(rest) < _MIN_WORDS:
            continue
        return subject, tok, set(range(k, tok.i + 1))
    return None


def _cut(units: list, drop: set[int], name: str, misread: bool = False) -> None:
    kept = []
    for unit in units:
        if unit.role:
            if not misread or not any(t.i in drop for t in unit.tokens):
                kept.append(unit)  # a role made of the tag's words ("Democrats is Frank notes") goes
            continue
        tokens = [t for t in unit.tokens if t.i not in drop]
        if not any(not t.is_punct for t in tokens):
            continue  # the tag alone is no claim
        if unit.attribution is None and all(t.head.i in drop or t.head.i in {u.i for u in tokens} for t in tokens) \
                and any(t.head.i in drop and t.dep_ in ("relcl", "appos", "acl") for t in tokens):
            kept.append(unit)  # what the article says about the speaker: no speaker, words as they are
            continue
        unit.tokens = tokens
        if unit.attribution is None:
            unit.attribution = unit.speaker = name
        kept.append(unit)
    units[:] = kept


def untag(units: list, sent: Any, ctx: Any, inside: list[bool] | None) -> list[str]:
    """Cut set-off tags out of the sentence's units and give their speaker to the units with
    none (a sentence with one such tag only: two speakers split it in ways the words don't
    say). Returns the speakers found."""
    tags = find_tags(sent, inside)
    if not tags and all(u.attribution is None for u in units if not u.role):
        found = _nounlike_tag(sent, inside)
        if found is not None:
            subject, word, drop = found
            name = ctx.normalise_speaker(subject, _quoted(sent[0], inside))
            if name and subject[-1].lower_ in RESEARCH_NOUNS:
                name = name[:1].lower() + name[1:] if subject[0].lower_ in ("the", "a", "an") else name
            if name:
                _cut(units, drop, name, misread=True)
                return [name]
        return []
    if len(tags) != 1:
        return []
    verb, subj, drop = tags[0]
    holder = next((u for u in units if not u.role and any(t.i == verb.i for t in u.tokens)), None)
    if holder is not None and holder.attribution is not None:
        return []  # the speech rules read it already
    if holder is None and any(u.attribution is not None for u in units if not u.role):
        return []  # the tag was left out as a bare tag ("..., said X."): only when nothing spoke
    name = subject_speaker(subj, verb, ctx, _quoted(sent[0], inside))
    if not name:
        return []
    _cut(units, drop, name)
    return [name]
