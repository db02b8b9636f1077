"""A speech tag that ends in a colon speaks for what follows it, past its own sentence.

News introduces long quotations with a colon: 'He declared:' closing a paragraph and the
quotation in the next one(s) ('"It is very appropriate ... ."'), or 'Trump said: "The
wall will be built. Mexico will pay for it."' inside one. The sentences after the colon in the
same paragraph, and a following paragraph that opens with a quotation mark, are the tag's
speaker's (quote_speakers.py gives them out; a quotation continued into further paragraphs keeps
the speaker, the news convention).

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

from typing import Any

from workbench.claims.attribution import is_speech_verb, not_said, subject_of
from workbench.claims.report_cues import is_report_noun
from workbench.claims.report_verbs import is_report_verb

Token = Any


def _introducer(verb: Token) -> bool:
    """A speech or report verb ("said", "declared", "tweeted", "writing"), or a verb whose
    object is a statement ("released the following statement")."""
    if verb.pos_ not in ("VERB", "AUX") or not_said(verb):
        return False
    if is_speech_verb(verb) or is_report_verb(verb.lower_):
        return True
    return any(c.dep_ == "dobj" and is_report_noun(c.lower_) for c in verb.children)


def colon_tag(sent: Any) -> tuple[Token, Token, Token] | None:
    """(colon, verb, the tag's subject) when a colon closes a speech tag in `sent`: the words between
    the tag's verb and the colon are the verb's own (its object, "in a statement", "on Twitter"),
    so nothing of what is said comes before the colon."""
    for colon in sent:
        if colon.text != ":" or colon.i == sent.start:
            continue
        before = sent.doc[colon.i - 1]
        for verb in (before, *before.ancestors):
            if verb.i >= colon.i or verb.i < sent.start:
                break
            if not _introducer(verb):
                continue
            subj = subject_of(verb)
            if subj is None or subj.i > verb.i or subj.lower_ in ("i", "we", "you"):
                break
            return colon, verb, subj
    return None


def quote_follows(colon: Token) -> bool:
    """Does a quotation open right after the colon ('said: "...')?"""
    doc = colon.doc
    rest = doc.text[colon.idx + 1 : colon.idx + 4].lstrip()
    return rest[:1] in ("\"", "\u201c") or rest[:2] == "''"


def tag_only(unit: Any, colon: Token, verb: Token) -> bool:
    """Is the unit nothing but the tag ("Mayor Tom Baker said in a statement")? Then it is no
    claim: what he said follows the colon."""
    ids = {t.i for t in unit.tokens}
    return verb.i in ids and all(i <= colon.i for i in ids)
