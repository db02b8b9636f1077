"""Which speaker a quotation belongs to, read from where its tag stands (used by quote_speakers).

A quotation (one run of quoted characters in a paragraph, quotes.py) often spans several
sentences, and its tag stands in only one of them:
- a tag outside the quotation names its speaker ('"I know this game," Trump said. "I've been
  playing it for a long time. ..."'); a speech verb inside it does not: "they say Mr. President,
  ..." in the middle of Trump's quotation is what Trump tells, not a new speaker of the rest;
- a tag that opens the quotation names it even when the parse finds no reported clause after it
  ('Ryan said, "Sure. I get that, too. Everybody pays attention ..."', 'Flea shared the news,
  writing "Feels great ... This is a man with integrity."', 'Sullivan said: "..."');
- a quotation that opens a sentence right after a sentence tagged outside its quotes continues
  that speaker ('Trump is a "change agent," Cole said. "That's exactly what people want ..."').

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.claims.attribution import (
    QUOTE_CHARS,
    SPEECH_VERBS,
    Context,
    content_of,
    is_speech_verb,
    not_said,
    tag_subject,
)
from workbench.claims.hidden_reports import subject_speaker

Token = Any
# what a sign, a shirt or a headline reads is its wording, not a speaker's claim
_WORDING = frozenset("read reads reading".split())
_OBJECTS = frozenset({"dobj", "dative", "iobj", "xcomp", "ccomp", "attr", "oprd"})
_BETWEEN = frozenset({",", ":", "\u2014", "\u2013", "-"})  # what may stand between a tag and its quote


def quote_runs(inside: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each run of quoted characters."""
    runs, start = [], None
    for i, q in enumerate(inside):
        if q and start is None:
            start = i
        elif not q and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(inside)))
    return runs


def runs_of(sent: Any, runs: list[tuple[int, int]]) -> set[int]:
    """Indexes of the quotation runs a sentence overlaps by more than a mark."""
    a, b = sent.start_char, sent.end_char
    return {k for k, (s, e) in enumerate(runs) if min(b, e) - max(a, s) > 1}


def _quoted(tok: Token, inside: list[bool]) -> bool:
    return tok.idx < len(inside) and inside[tok.idx]


def speech_outside(sent: Any, inside: list[bool]) -> bool:
    """Has the sentence a speech verb outside its quotations (a tag, found or not)?"""
    return any(t.pos_ in ("VERB", "AUX") and is_speech_verb(t) and not _quoted(t, inside) for t in sent)


def tags_outside(sent: Any, inside: list[bool]) -> bool:
    """Is the speaker the sentence names a tag outside its quotations? False when every speech
    verb it has stands inside quotes (a report the quoted speaker tells). A sentence whose
    speaker came without a speech verb (a label, a colon, a headline) tags as before."""
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and is_speech_verb(t)]
    return not verbs or any(not _quoted(t, inside) for t in verbs)


@dataclass
class OpeningTag:
    """A speech verb outside quotes with a quotation opening right after it."""

    run: int  # the quotation run it opens
    mark: int  # token index of the opening mark
    verb: int  # token index of the speech verb
    speaker: str


def opening_tags(sent: Any, inside: list[bool], runs: list[tuple[int, int]], ctx: Context) -> list[OpeningTag]:
    """Each speech verb outside quotes that opens a quotation right after it (only a comma, colon
    or dash between), naming a subject it has (attribution.tag_subject)."""
    found: list[OpeningTag] = []
    doc = sent.doc
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or _quoted(verb, inside) or not is_speech_verb(verb) or not_said(verb):
            continue
        if verb.lower_ in _WORDING:
            continue
        j = verb.i + 1
        while j < sent.end and doc[j].text in _BETWEEN:
            j += 1
        if j >= sent.end or doc[j].text not in QUOTE_CHARS or not _quoted(doc[j], inside):
            continue
        run = next((r for r, (a, b) in enumerate(runs) if a <= doc[j].idx < b), None)
        if run is None or runs[run][0] != doc[j].idx:
            continue  # a closing mark, not the quotation's start
        subj = tag_subject(verb)
        if subj is None or subj.lower_ in ("i", "we", "you"):
            continue
        name = subject_speaker(subj, verb, ctx, True)  # "he said, "...": after quotes, the last speaker
        if name:
            found.append(OpeningTag(run, j, verb.i, name))
    return found


def closing_tag(sent: Any, inside: list[bool], runs: list[tuple[int, int]],
                ctx: Context) -> tuple[int, str] | None:
    """(quotation run, speaker) for a sentence that is a bare tag right after a quotation ('"The
    great state of Alabama ... Donald J. Trump!" US Senator Jeff Sessions said as he launched the
    process.'): the segmenter ended the sentence at the quotation's "!" or "?"."""
    run = next((r for r, (_, b) in enumerate(runs) if b <= sent.start_char <= b + 2), None)
    verb = sent.root
    if run is None or not _opens_sentence(sent.doc, runs[run][0]):
        return None  # a phrase in quotes ('called it "quite dangerous."') is no one's quotation
    if verb.pos_ not in ("VERB", "AUX") or _quoted(verb, inside) or not is_speech_verb(verb) or not_said(verb):
        return None
    if content_of(verb) is not None or verb.lower_ in _WORDING or any(c.dep_ in _OBJECTS for c in verb.children):
        return None  # it reports something of its own, or tells someone
    subj = tag_subject(verb)
    if subj is None or subj.lower_ in ("i", "we", "you") or subj.i > verb.i + 1:
        return None
    name = subject_speaker(subj, verb, ctx, True)
    return (run, name) if name else None


def _opens_sentence(doc: Any, char: int) -> bool:
    """Does the quotation starting at `char` open a sentence of the paragraph?"""
    tok = next((t for t in doc if t.idx >= char), None)
    return tok is not None and (tok.is_sent_start or tok.i == tok.sent.start)


def open_quotation(units: list, tag: OpeningTag) -> None:
    """The claim holding a tag whose quotation the parse did not take for its reported clause
    ('Ryan said, "Sure. ...', 'Flea shared the news, writing "Feels great ...') keeps only the
    quoted words, which are the speaker's; narration before the tag stays the reporter's."""
    kept = []
    for unit in units:
        ids = {t.i for t in unit.tokens}
        if not unit.role and tag.verb in ids:
            unit.tokens = [t for t in unit.tokens if t.i > tag.mark]
            if not any(not t.is_punct for t in unit.tokens):
                continue  # nothing said in this sentence but the tag
        if not unit.role and unit.attribution is None and unit.tokens and unit.tokens[0].i > tag.mark:
            unit.attribution = unit.speaker = tag.speaker
        kept.append(unit)
    units[:] = kept


def writer_tag(sent: Any, inside: list[bool]) -> bool:
    """'"Okay," I said, attempting to regroup. "I was seventeen ..."': the writer tags the
    quotation (a speech verb outside quotes whose subject is I or we); no one else said it."""
    return any(
        t.pos_ in ("VERB", "AUX") and t.lower_ in SPEECH_VERBS and not _quoted(t, inside)
        and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in t.children)
        for t in sent
    )


def opens_with_quote(sent: Any, inside: list[bool]) -> bool:
    first = next((t for t in sent if not t.is_space), None)
    return first is not None and first.text in QUOTE_CHARS and _quoted(first, inside)
