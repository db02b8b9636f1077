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
