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
from workbench.claims.quotation_tags import (
    closing_tag,
    open_quotation,
    opening_tags,
    opens_with_quote,
    quote_runs,
    runs_of,
    speech_outside,
    tags_outside,
    writer_tag,
)
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
    runs = quote_runs(inside)
    opened: dict[int, str] = {}  # quotation run -> the speaker whose tag opens or closes it
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
        for opening in opening_tags(s.sent, inside, runs, ctx):
            opened.setdefault(opening.run, opening.speaker)
            if not any(u.attribution is not None for u in s.units if not u.role):
                open_quotation(s.units, opening)  # the parse found no report: the tag opens one
                s.speakers.append(opening.speaker)
        closing = closing_tag(s.sent, inside, runs, ctx) if not s.speakers else None
        if closing is not None:
            opened.setdefault(*closing)
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
    outside = [bool(s.speakers) and tags_outside(s.sent, inside) for s in sentences]
    writer = [not outside[k] and writer_tag(s.sent, inside) for k, s in enumerate(sentences)]
    by_run = _run_speakers(sentences, outside, writer, inside, runs, opened)
    carried = None  # the speaker a paragraph opening with a quotation carries on
    for i, s in enumerate(sentences):
        if outside[i]:
            continue
        mine = runs_of(s.sent, runs)
        # The tag of the same quotation, wherever it stands in the paragraph (quotation_tags.py);
        # a quotation the writer tags ("I said") is nobody else's.
        ours = [r for r in sorted(mine) if r in by_run]
        speaker = by_run[ours[0]] if ours else None
        if not ours and s.quoted and not s.speakers:
            speaker = _neighbour_speaker(sentences, i, outside)
            if speaker is None and text.lstrip().startswith(("\"", "\u201c", "''")):
                speaker = carried = ctx.speaker_before
        if speaker is not None and (s.quoted or mine):
            # a report told inside the quotation keeps its speaker, the quotation's as the second
            # level; in a sentence mostly the reporter's, only the quoted claims are the speaker's
            units = s.units if s.quoted else [u for u in s.units if _mostly_quoted(u, inside)]
            _give(units, speaker, outer=bool(s.speakers))
    _rest_of_quotations(sentences, runs, inside)
    last = max((k for k, s in enumerate(sentences) if outside[k] or writer[k]), default=None)
    if last is not None:
        ctx.last_speaker = sentences[last].speakers[0] if outside[last] else None
        ctx.speaker_age = len(sentences) - 1 - last
    elif carried is not None:  # a quotation of several paragraphs: its speaker speaks on
        ctx.last_speaker = carried


def _mostly_quoted(unit: Any, inside: list[bool]) -> bool:
    words = [t for t in unit.tokens if not t.is_punct]
    return bool(words) and 2 * sum(t.idx < len(inside) and inside[t.idx] for t in words) >= len(words)


def _run_speakers(sentences: list[SentenceSpeakers], outside: list[bool], writer: list[bool],
                  inside: list[bool], runs: list[tuple[int, int]], opened: dict[int, str]
                  ) -> dict[int, str | None]:
    """{quotation run: speaker, None for the writer's own}: the tag that opens it, else the first
    sentence tagged outside quotes that it overlaps, else the tagged sentence right before the
    sentence it opens."""
    by_run: dict[int, str | None] = dict(opened)
    for k, s in enumerate(sentences):
        if outside[k] or writer[k]:
            for run in sorted(runs_of(s.sent, runs)):
                by_run.setdefault(run, s.speakers[0] if outside[k] else None)
    for k, s in enumerate(sentences[1:], start=1):
        first = min(runs_of(s.sent, runs), default=None)
        if first is None or not (outside[k - 1] or writer[k - 1]) or not opens_with_quote(s.sent, inside):
            continue
        # not when the quotation has a tag of its own outside its quotes that the rules missed,
        # in a sentence it spans or in the one right after it ('"... Loudoun?" Will Estrada said.')
        end = runs[first][1]
        if any((first in runs_of(o.sent, runs) or o.sent.start_char <= end + 2)
               and speech_outside(o.sent, inside) for o in sentences[k:]):
            continue
        by_run.setdefault(first, sentences[k - 1].speakers[0] if outside[k - 1] else None)
    return by_run


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
                            if j != k and o.speakers and mine & runs_of(o.sent, runs)), None)
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
            if run is not None and run not in runs_of(s.sent, runs):
                break
            _give(s.units, name)


def _neighbour_speaker(sentences: list[SentenceSpeakers], i: int, outside: list[bool]) -> str | None:
    """The speaker of the quoted sentences after this one (up to the first unquoted one), else
    of a quoted sentence before it; only a tag outside quotes names one (a report the quotation
    tells - "they told me, ..." - is not the quotation's speaker)."""
    for k in range(i + 1, len(sentences)):
        if not sentences[k].quoted:
            break
        if outside[k]:
            return sentences[k].speakers[0]
    for k in range(i - 1, -1, -1):
        if outside[k] and sentences[k].quoted:
            return sentences[k].speakers[0]
    return None
