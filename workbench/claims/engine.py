"""The claim engine: segment, parse once, split into atomic units, attribute, score, keep.

Deterministic: the same text always gives the same list (rules, a fixed model, no sampling).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import Counter
from collections.abc import Generator
from typing import Any

from workbench.claims.atomic import SentenceSplitter, Unit, lost_subject
from workbench.claims.carried_speakers import inherit_speakers
from workbench.claims.attribution import Context, quote_depths
from workbench.claims.faithfulness import ArticleWords, Source, check
from workbench.claims.nlp import parse_blocks
from workbench.claims.pronoun_resolution import PronounResolver
from workbench.claims.quote_speakers import SentenceSpeakers, continue_quotes
from workbench.claims.repeats import merge_opening_repeats
from workbench.claims.scorer import features, get_scorer
from workbench.claims.segment import paragraphs, split_text
from workbench.claims.signatures import sign, signed_spans
from workbench.claims.text import (
    claim_text,
    concrete_evidence,
    kind_of,
    opinion_reason,
    source_parts,
    specific_plan,
)
from workbench.domain import Cancelled, ClaimDraft, ClaimKind, Progress

CHUNK = 8  # paragraphs per progress step
OPINION_SCORE = 0.1
KEEP_OPINIONS = False  # the issue prefers opinions left out of the list
DEBUG = False  # bench/claims_seed.py --all: show why a unit was left out
# bench/claims_quality.py --sweep: a list to receive (start, end, reason, factual, plan) per unit
TRACE: list[tuple[int, int, str | None, float, bool, str | None]] | None = None
# bench/claims_faithfulness.py: how often the faithfulness gate refused a rewrite, by reason kind
GATE_FALLBACKS: Counter[str] = Counter()
GATE_LOG: list[tuple[str, str, str]] | None = None  # set to a list to receive (why, refused, source)
PRONOUN_LOG: list | None = None  # bench/learn_pronouns.py: a list to receive every speaker pronoun's Event

# The decision rule (see decide()). The factual threshold itself ships with the model.
PLAN_MARGIN = -0.2  # specific plans and pledges need threshold + this (a lower bar)
# Lower bars for units with concrete evidence (text.concrete_evidence), by kind: a first-person-
# plural act under way, a present-tense quantity, a first-person pledge of a concrete act.
EVIDENCE_MARGINS: dict[str, float] = {"act": -0.3, "measure": -0.1, "pledge": -0.3}


def decide(
    reason: str | None, factual: float, plan: bool, threshold: float, evidence: str | None = None
) -> str | None:
    """None to keep the unit, else why it is left out.

    Opinion rules (question, belief, hedging modal, obligation, speculation, quoted prediction,
    evaluation) always leave the unit out: letting confident ones through helped neither data
    set measurably and put opinions back into news lists. A specific plan or pledge
    ("My budget will invest $40 million in roads") is kept at a lower bar: what was announced
    is checkable, and political speeches are full of them. So are units with concrete evidence
    (text.concrete_evidence: "we're using CARES Act money to retrain 3,000 workers"), each kind
    at its own bar; the margins were tuned on 4 of the 8 AFaCTA speeches (bench/claims_quality.py
    --sweep) and hold on the other 4.
    """
    if reason is not None:
        return reason
    bar = threshold
    if plan:
        bar = min(bar, threshold + PLAN_MARGIN)
    if evidence is not None:
        bar = min(bar, threshold + EVIDENCE_MARGINS.get(evidence, 0.0))
    return None if factual >= bar else "low factual score"


def _sentence_person(sent: Any, ctx: Context) -> str | None:
    """The person the sentence is about: a PERSON inside the root's subject."""
    for child in sent.root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            for tok in child.subtree:
                if tok.pos_ == "PROPN" and (tok.ent_type_ == "PERSON" or tok.text in ctx.full_names):
                    ent = next((e for e in sent.ents if e.start <= tok.i < e.end), None)
                    return ctx.see_person(ent.text if ent is not None else tok.text)
    return None


class _Paragraphs:
    """Runs over parsed paragraphs, keeping the article-level context between them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = ArticleWords(text)
        self.ctx = Context(pronouns=PronounResolver(log=PRONOUN_LOG))
        self.scorer = get_scorer()
        self._fell_back = False  # set by _faithful_text: the gate refused the unit's rewrite

    def paragraph(self, doc: Any, offset: int) -> list[ClaimDraft]:
        inside = quote_depths(doc.text)
        per_sentence: list[tuple[Any, list[Unit], list[str], bool]] = []
        self.ctx.pronouns.new_paragraph(offset)
        self.ctx.speaker_before = self.ctx.last_speaker  # a quotation opening it continues them
        self.ctx.narrative = {}
        for sent in doc.sents:
            for ent in sent.ents:
                if ent.label_ == "PERSON":
                    self.ctx.see_person(ent.text)
            self.ctx.pronouns.read_sentence(sent, inside, self.ctx)
            before_person = self.ctx.last_person
            self.ctx.narrative.update(
                self.ctx.pronouns.narrative_names(sent, self.ctx.last_speaker, before_person)
            )
            splitter = SentenceSplitter(sent, self.ctx, inside)
            units = splitter.run()
            chars = [inside[i] for i in range(sent.start_char, sent.end_char)] or [False]
            quoted = sum(chars) * 2 >= len(chars) or chars[0]
            per_sentence.append((sent, units, splitter.speakers, quoted))
            sent_p = (
                self.scorer.factual.probability(features(sent)) if self.scorer is not None else 0.6
            )
            self.ctx.speaker_age += 1
            if splitter.speakers:
                self.ctx.last_speaker, self.ctx.speaker_age = splitter.speakers[0], 0
                self.ctx.pronouns.spoke(splitter.speakers, self.ctx)
            person = _sentence_person(sent, self.ctx)
            for unit in units:
                unit.extra["sentence_p"] = sent_p
            self.ctx.person_age += 1
            if person:
                self.ctx.last_person, self.ctx.person_age = person, 0
        self._continue_quotes(per_sentence, doc.text, inside)
        drafts = []
        for sent, units, _, _ in per_sentence:
            made: list[tuple[ClaimDraft, bool]] = []
            for unit in units:
                self._fell_back = False
                draft = self._draft(unit, sent, offset, inside)
                if draft is not None:
                    made.append((draft, self._fell_back))
            drafts.extend(_without_covered_fallbacks(made))
        return drafts

    def _continue_quotes(self, per_sentence: list, text: str, inside: list[bool]) -> None:
        """Quotations and transcript labels give speakers past their sentence (quote_speakers)."""
        continue_quotes([SentenceSpeakers(*row) for row in per_sentence], text, inside, self.ctx)
        for _, units, _, _ in per_sentence:
            inherit_speakers(units)  # parts split off inside what someone says (carried_speakers)

    def _faithful_text(self, unit: Unit, sent: Any, parts: list[tuple[int, int]], offset: int,
                       inside: list[bool]) -> tuple[str, list[tuple[int, int]]]:
        """The claim's text and parts after the faithfulness gate: the rewritten text when it says
        what its source says, else the unit's own words, else the words of the whole span, gaps
        included, as one part ("" drops the unit)."""
        source = Source(
            tuple((offset + s, offset + e) for s, e in parts),
            (offset + sent.start_char, offset + sent.end_char),
        )
        role = unit.role or kind_of(unit, False) == ClaimKind.ROLE
        text = claim_text(unit, sent, self.ctx, inside)
        why = check(text, source, self.words, role=role) if text else "empty"
        if why is None and len(parts) > 1 and lost_subject(unit):
            why = "subject left out"
        if why is None:
            return text, parts
        GATE_FALLBACKS[why.split(" ")[0]] += 1
        self._fell_back = True
        if GATE_LOG is not None:
            GATE_LOG.append((why, text, self.text[source.parts[0][0] : source.parts[-1][1]]))
        if unit.role:
            return "", parts  # a role template that does not hold is no claim
        text = claim_text(unit, sent, self.ctx, inside, rewrite=False)
        if text and check(text, source, self.words, role=role) is None and why != "subject left out":
            return text, parts
        start, end = parts[0][0], parts[-1][1]
        return _verbatim(sent.doc.text[start:end]), [(start, end)]

    def _draft(self, unit: Unit, sent: Any, offset: int, inside: list[bool]) -> ClaimDraft | None:
        _end_with_the_quote(unit, inside)
        parts = source_parts(unit)
        if not parts:
            return None
        text, parts = self._faithful_text(unit, sent, parts, offset, inside)
        start, end = parts[0][0], parts[-1][1]
        if not text:
            return None
        quoted = sum(inside[start:end]) * 2 >= (end - start)
        reason = opinion_reason(unit, sent, quoted)
        kind = kind_of(unit, quoted and unit.attribution is not None)
        factual, worthy = 0.6, 0.5
        if TRACE is not None and unit.role:
            TRACE.append((offset + start, offset + end, None, 1.0, False, None))
        if self.scorer is not None and not unit.role:
            feats = features(unit.tokens)
            # A clause inherits its sentence's score: clauses are shorter than what the
            # model was trained on, and the split must not lose a fact the sentence carries.
            factual = max(self.scorer.factual.probability(feats), unit.extra.get("sentence_p", 0.0))
            worthy = self.scorer.checkworthy.probability(feats)
            plan = not quoted and specific_plan(unit)
            evidence = concrete_evidence(unit) if reason is None and not quoted else None
            if TRACE is not None:
                TRACE.append((offset + start, offset + end, reason, factual, plan, evidence))
            reason = decide(reason, factual, plan, self.scorer.factual.threshold, evidence)
        if reason is not None:
            if not KEEP_OPINIONS:
                return None
            kind, worthy = ClaimKind.OPINION, min(worthy, OPINION_SCORE)
            text = f"{text} [{reason}; factual {factual:.2f}]" if DEBUG else text
        elif unit.role:
            worthy = 0.4
        else:
            worthy = round(0.5 * worthy + 0.5 * factual, 3)
        return ClaimDraft(
            text=text,
            start=offset + start,
            end=offset + end,
            attribution=unit.attribution,
            kind=kind,
            checkworthiness=round(max(0.0, min(1.0, worthy)), 3),
            parts=tuple((offset + s, offset + e) for s, e in parts) if len(parts) > 1 else (),
        )


def _without_covered_fallbacks(made: list[tuple[ClaimDraft, bool]]) -> list[ClaimDraft]:
    """One sentence's drafts less a refused rewrite whose words another refused rewrite already
    gives whole: when the gate sends both a clause and the sentence around it back to the
    article's words, the clause alone is a fragment the longer claim repeats ("Even though he
    has retired" beside "His last name not be used because even though he has retired, ...")."""
    fallbacks = [(d.start, d.end) for d, fell in made if fell and d.kind != ClaimKind.ROLE]
    return [
        d for d, fell in made
        if not (fell and d.kind != ClaimKind.ROLE and any(
            s <= d.start and d.end <= e and (s, e) != (d.start, d.end) for s, e in fallbacks))
    ]


def _end_with_the_quote(unit: Unit, inside: list[bool]) -> None:
    """A speaker's quoted words end where the quotation does: the narrator's words after it
    ('"... finish the job for him," he said, also alluding to think tanks' - the parser hangs
    "alluding" on the quoted verb) are not part of what the speaker said."""
    if unit.attribution is None or unit.role:
        return
    words = [t for t in unit.tokens if not (t.is_punct or t.is_space)]
    if not words or words[0].idx >= len(inside) or not inside[words[0].idx]:
        return
    last = max(k for k, t in enumerate(words) if t.idx < len(inside) and inside[t.idx])
    if last + 1 < len(words):
        keep = words[last].i
        unit.tokens = [t for t in unit.tokens if t.i <= keep]


_GLUING_QUOTE = re.compile(r"(?<=[,;:.!?])[\"\u201c\u201d](?=\w)")
_QUOTE_MARK = re.compile(r"[\"\u201c\u201d]")


def _verbatim(words: str) -> str:
    """The article's words as a claim: quote marks and a closing full stop dropped."""
    # a quote mark that alone parted two words (',"Katie Packer') leaves a space, never 'audiences,Katie'
    text = " ".join(_QUOTE_MARK.sub("", _GLUING_QUOTE.sub(" ", words)).split())
    text = text.strip(" ,;:")
    return text[:1].upper() + text[1:]


def iter_extract(
    text: str, cancel: threading.Event | None = None
) -> Generator[Progress, None, list[ClaimDraft]]:
    blocks = split_text(text)
    total = len(blocks)
    runner = _Paragraphs(text)
    drafts: list[ClaimDraft] = []
    yield Progress(0, total, "Reading the article")
    # Each paragraph is parsed from its first sentence: a dateline before it is not text.
    docs = parse_blocks(
        (text[sents[0][0] : p.end], [(s - sents[0][0], e - sents[0][0]) for s, e in sents])
        for p, sents in blocks
    )
    for done, ((_, sents), doc) in enumerate(zip(blocks, docs), start=1):
        if cancel is not None and cancel.is_set():
            raise Cancelled("Claim extraction cancelled")
        drafts.extend(runner.paragraph(doc, sents[0][0]))
        if done % CHUNK == 0 or done == total:
            yield Progress(done, total, f"Extracted claims from {done} of {total} paragraphs")
    seen: set[tuple[int, int, str]] = set()
    unique = []
    for d in sorted(drafts, key=lambda d: (d.start, d.end, d.text)):
        key = (d.start, d.end, d.text)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    starts = [p.start for p, _ in blocks]
    merged = merge_opening_repeats(unique, [bisect.bisect_right(starts, d.start) - 1 for d in unique])
    return sign(merged, signed_spans(paragraphs(text)))
