"""Speakers that reach past their own sentence: quotations and transcript labels.

Runs once per parsed paragraph, after its sentences were split into units:
- a unit that still opens with a report the parser buried gets its speaker (buried_reports.py),
  and so does one holding a report the speech-verb rules do not split (hidden_reports.py: "As X
  reported, ...", "X's claim that ...", "German police reported 906 attacks");
- a quotation running over several sentences belongs to whoever its tag names, wherever the tag
  stands ('Trump declared "I think NATO may be obsolete. ... Things are different now."');
- a quoted sentence with no tag in its own quotation takes the speaker of the quoted sentences
  around it, or, when the paragraph opens with a quote, the last speaker (news convention);
- a label before a colon names the speaker of what follows: transcripts ("PENCE: Well, look,
  ...") and headlines ("Poll: Wealthy Voters Abandon ...", "Pence: Gennifer Flowers Won't Be at
  Debate"); in a transcript paragraph the label speaks every sentence of it. What a labelled
  speaker or a quotation reports someone else saying keeps both ("the Clinton camp (according
  to WALLACE)").

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from workbench.claims.attribution import (
    RESEARCH_NOUNS,
    SPEECH_VERBS,
    Context,
    combine,
    content_of,
    is_speech_verb,
    levels,
    not_said,
)
from workbench.claims.buried_reports import unbury_reports
from workbench.claims.comma_tags import untag
from workbench.claims.colon_tags import colon_tag, quote_follows, tag_only
from workbench.claims.headlines import headline_tag
from workbench.claims.hidden_reports import subject_speaker, unhide_reports
from workbench.claims.quotes import has_quote_mark

Token = Any
# 1-4 capitalised words and a colon opening a sentence: "PENCE:", "Sen. Tim Kaine:", "Poll:"
# (a transcript quoted whole may open each speaker's paragraph with a quote mark)
_LABEL = re.compile(r"[\"\u201c']*([A-Z][\w.'\u2019&-]*(?:\s+[\w.'\u2019&-]+){0,3})\s*:\s+\S")
_NOT_SPEAKERS = frozenset(
    """update updated breaking exclusive watch video videos photo photos read note editor
    editors correction clarification related source sources credit image listen warning
    live q a question answer transcript summary background analysis opinion editorial commentary
    fact check factcheck updates review interview explainer profile podcast recap quiz here
    bottom line upshot result latest plus more also""".split()
)
# lower-case words a speaker's label may have: "Clinton camp:", "Trump aide:", "Mukasey at RNC:"
_LABEL_LOWER = frozenset("""camp campaign aide aides ally allies spokesman spokeswoman adviser advisers
    lawyer lawyers official officials supporters team staff at to on in""".split())
_NAME_ENTS = frozenset({"PERSON", "ORG", "NORP"})
_TOPIC_ENTS = frozenset({"GPE", "LOC", "DATE", "TIME", "EVENT", "FAC", "LAW", "WORK_OF_ART"})


@dataclass
class SentenceSpeakers:
    """One sentence of a paragraph as the engine keeps it: its units and the speakers its
    splitter found (in order), and whether it reads as quoted."""

    sent: Any
    units: list
    speakers: list[str]
    quoted: bool


def label_speaker(sent: Any, ctx: Context) -> tuple[str, int] | None:
    """("PENCE", index of the first token after the colon) when the sentence opens with a
    speaker's label; a label must look like a name (a person, an organisation, a place, a name
    in capitals) or a study ("Poll:"), never page furniture ("UPDATE:", "Watch:")."""
    m = _LABEL.match(sent.text)
    if m is None:
        return None
    label = m.group(1)
    words = [w.strip(".'").removesuffix("'s") for w in label.lower().replace("\u2019", "'").split()]
    # page furniture ("UPDATE:", "Breaking News:", "The Latest:"), not a name holding such a
    # word ("Judicial Watch:")
    if all(w in _NOT_SPEAKERS or w in ("the", "a", "an") for w in words):
        return None
    colon_at = sent.start_char + m.end(1)
    toks = [t for t in sent if t.idx < colon_at]
    after = next((t.i for t in sent if t.idx > colon_at), None)
    if not toks or after is None:
        return None
    ents = {t.ent_type_ for t in toks if t.ent_type_}
    # A person, a body or a study speaks; a place or a date is a topic ("Syria: 50 killed").
    named = bool(ents & _NAME_ENTS) or label.lower() in RESEARCH_NOUNS
    proper = all(t.pos_ == "PROPN" or t.is_punct for t in toks) and not ents - _NAME_ENTS
    capitals = label.isupper() and len(label.replace(" ", "")) >= 3
    # a headline's name the tagger read as a common noun ("Sanders: Clinton Email Story Has Moved")
    titled = len(toks) <= 3 and all(t.is_title or t.is_punct for t in toks) and not ents
    if ents & _TOPIC_ENTS or not (named or proper or capitals or titled):
        return None
    # lower-case words only in a named speaker's phrase ("Clinton camp", "Mukasey at RNC")
    lower = [t for t in toks if t.is_lower and t.is_alpha]
    if lower and not (ents & _NAME_ENTS or toks[0].pos_ == "PROPN"):
        return None
    if any(t.lower_ not in _LABEL_LOWER for t in lower) or any(is_speech_verb(t) or t.lower_ in SPEECH_VERBS for t in toks):
        return None  # "Sarah Silverman heckles Sanders supporters:", "Maher Tells Guest ...:" are headlines
    if any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    # "Former AG Mukasey at RNC:" is Mukasey, speaking at the convention
    cut = next((k for k, t in enumerate(toks) if k and t.lower_ in ("at", "on", "in", "to")), None)
    if cut is not None:
        label = sent.doc[toks[0].i : toks[cut].i].text
    known = ctx.full_names.get(label.title() if capitals else label)
    return (known or label), after


_TRANSPARENT = frozenset("says tells writes claims insists argues warns".split())


def _headline(s: SentenceSpeakers, ctx: Context) -> None:
    """"Bernie Sanders Promises Action On Immigration ...": the headline's name speaks the rest
    (headlines.py); the tag leaves the claim."""
    tag = headline_tag(s.sent)
    if tag is None or any(u.attribution is not None for u in s.units if not u.role):
        return
    name_words, verb, said = tag
    name = ctx.normalise_speaker(name_words, False)
    if not name:
        return
    # "Sanders Says Trump Lied": the tag goes; "Sanders Promises Action On Immigration": the
    # object alone says nothing, so the claim keeps every word (as hidden_reports.py does)
    ids = {t.i for t in said} if verb.lower_ in _TRANSPARENT else {t.i for t in s.sent}
    kept = []
    for unit in s.units:
        if not unit.role:
            unit.tokens = [t for t in unit.tokens if t.i in ids]
            if not any(not t.is_punct for t in unit.tokens):
                continue
            unit.attribution = unit.speaker = name
        kept.append(unit)
    s.units[:] = kept
    s.speakers.append(name)


def _quote_runs(inside: list[bool]) -> list[tuple[int, int]]:
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


def _runs_of(sent: Any, runs: list[tuple[int, int]]) -> set[int]:
    """Indexes of the quotation runs a sentence overlaps by more than a mark."""
    a, b = sent.start_char, sent.end_char
    return {k for k, (s, e) in enumerate(runs) if min(b, e) - max(a, s) > 1}


def _give(units: list, speaker: str | None, outer: bool = False) -> None:
    """Units with no speaker take `speaker`; with `outer`, a unit reporting someone else keeps
    them as the first level and `speaker` as the second."""
    if not speaker:
        return
    for unit in units:
        if unit.role:
            continue
        if unit.attribution is None:
            unit.attribution = unit.speaker = speaker
        elif outer and levels(unit.attribution) == 1 and unit.attribution != speaker:
            unit.attribution = combine(unit.attribution, speaker)


def continue_quotes(sentences: list[SentenceSpeakers], text: str, inside: list[bool], ctx: Context) -> None:
    """Give speakers to the paragraph's sentences that quote or are labelled (see module doc),
    and leave `ctx.last_speaker` at the paragraph's last speaker."""
    label = None
    colons: list[tuple[int, str, int | None]] = []  # (sentence, speaker, quotation run or None)
    runs = _quote_runs(inside)
    for k, s in enumerate(sentences):
        marked = has_quote_mark(s.sent.text)
        s.speakers.extend(unbury_reports(s.units, ctx, marked))
        s.speakers.extend(unhide_reports(s.units, ctx, marked, inside))
        s.speakers.extend(untag(s.units, s.sent, ctx, inside))
        tag = colon_tag(s.sent)
        if tag is not None:
            colon, verb, subj = tag
            name = subject_speaker(subj, verb, ctx, marked)
            if name:
                if not s.speakers:
                    s.speakers.append(name)
                s.units[:] = [u for u in s.units if u.role or not tag_only(u, colon, verb)]
                run = next((r for r, (a, _) in enumerate(runs) if a > colon.idx), None)
                colons.append((k, name, run if quote_follows(colon) else None))
        found = label_speaker(s.sent, ctx)
        if found is None and not s.speakers:
            _headline(s, ctx)
        if found is not None:
            label = found[0]
            for unit in s.units:
                unit.tokens = [t for t in unit.tokens if t.i >= found[1]] or unit.tokens
            s.speakers.insert(0, label)
            _give(s.units, label, outer=True)
        elif label is not None and k > 0:  # a transcript paragraph: the label speaks on
            s.speakers.insert(0, label)
            _give(s.units, label, outer=True)
    _after_colons(sentences, colons, runs)
    _bare_tags(sentences, ctx)
    tagged = [(_runs_of(s.sent, runs), s.speakers[0]) for s in sentences if s.speakers]
    for i, s in enumerate(sentences):
        if s.speakers:
            continue
        mine = _runs_of(s.sent, runs)
        # The tag of the same quotation, wherever it stands in the paragraph.
        speaker = next((who for theirs, who in tagged if mine & theirs), None)
        if speaker is None and s.quoted:
            speaker = _neighbour_speaker(sentences, i)
            if speaker is None and text.lstrip().startswith(("\"", "\u201c", "''")):
                speaker = ctx.last_speaker
        if speaker is not None and (s.quoted or mine):
            _give(s.units, speaker)
    _rest_of_quotations(sentences, runs, inside)
    last = max((k for k, s in enumerate(sentences) if s.speakers), default=None)
    if last is not None:
        ctx.last_speaker = sentences[last].speakers[0]
        ctx.speaker_age = len(sentences) - 1 - last


def _bare_tags(sentences: list[SentenceSpeakers], ctx: Context) -> None:
    """'Iowa State University's Dianne Bystrom agreed. "Mainstream Republicans are running out of
    time ..."': a sentence that is nothing but a tag (a subject and a speech or report verb with
    no reported clause) gives its speaker to the quotation opening the next sentence (and so to
    the rest of that quotation, and to a paragraph of quotation after it, as the last speaker)."""
    for k, s in enumerate(sentences):
        nxt = sentences[k + 1] if k + 1 < len(sentences) else None
        if s.speakers or any(not u.role for u in s.units):
            continue
        if nxt is not None and (nxt.speakers or not nxt.sent.text.lstrip().startswith(("\"", "\u201c", "''"))):
            continue
        verb = s.sent.root
        if verb.pos_ != "VERB" or not is_speech_verb(verb) or not_said(verb) or content_of(verb) is not None:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if subj is None or subj.lower_ in ("i", "we", "you", "it"):
            continue
        name = subject_speaker(subj, verb, ctx, False)
        if name:
            s.speakers.append(name)
            if nxt is not None:
                nxt.speakers.append(name)
                _give(nxt.units, name)


def _rest_of_quotations(sentences: list[SentenceSpeakers], runs: list[tuple[int, int]],
                        inside: list[bool]) -> None:
    """'Hannity added, "I think Marco is a rising star. I did think he made a mistake because he
    said it wasn't the bill he wanted."': a quoted unit left without a speaker in a sentence
    that names someone else inside the quotation ("he said") is still the words of the
    quotation's own tag, given in another sentence of the paragraph."""
    for k, s in enumerate(sentences):
        if not s.speakers:
            continue
        for unit in s.units:
            if unit.attribution is not None or unit.role or not unit.tokens:
                continue
            words = [t for t in unit.tokens if not t.is_punct]
            if not words or not all(t.idx < len(inside) and inside[t.idx] for t in words):
                continue
            a, b = words[0].idx, words[-1].idx + len(words[-1])
            mine = {r for r, (x, y) in enumerate(runs) if x <= a and b <= y}
            speaker = next((o.speakers[0] for j, o in enumerate(sentences)
                            if j != k and o.speakers and mine & _runs_of(o.sent, runs)), None)
            if speaker is not None:
                _give([unit], speaker)


def _after_colons(sentences: list[SentenceSpeakers], colons: list[tuple[int, str, int | None]],
                  runs: list[tuple[int, int]]) -> None:
    """'Trump said: The wall will be built. Mexico will pay.': the sentences after a colon tag
    are its speaker's, to the paragraph's end or, when a quotation opens after the colon, to the
    end of that quotation (colon_tags.py)."""
    for k, name, run in colons:
        for s in sentences[k + 1 :]:
            if s.speakers:
                break
            if run is not None and run not in _runs_of(s.sent, runs):
                break
            _give(s.units, name)


def _neighbour_speaker(sentences: list[SentenceSpeakers], i: int) -> str | None:
    """The speaker of the quoted sentences after this one (up to the first unquoted one), else
    of a quoted sentence before it."""
    for other in sentences[i + 1 :]:
        if not other.quoted:
            break
        if other.speakers:
            return other.speakers[0]
    for other in reversed(sentences[:i]):
        if other.speakers and other.quoted:
            return other.speakers[0]
    return None
