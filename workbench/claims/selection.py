"""A claim the person marks by hand gets what an extracted one gets: the speaker of its sentence, a kind and a
check-worthiness. The engine runs over the selection's paragraph; the claim it finds there that shares most words
with the selection lends its speaker, kind and score. When the engine keeps no claim there, the sentence itself
is read: "…, according to X" or "X said" give the speaker, the scorer the score, numbers and dates the kind."""

from __future__ import annotations

from typing import Any

from workbench.claims.entities import NUMERIC_ENTS
from workbench.domain import ClaimDraft, ClaimKind

_NUMBER_ENTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DATE_ENTS = frozenset({"DATE", "TIME"})


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    left = text.rfind("\n\n", 0, start)
    right = text.find("\n\n", end)
    return (0 if left < 0 else left + 2), (len(text) if right < 0 else right)


def describe_span(text: str, start: int, end: int) -> ClaimDraft:
    """Speaker, kind and check-worthiness for text[start:end] (offsets in `text`)."""
    from workbench.claims import extract_claims

    para_start, para_end = _paragraph(text, start, end)
    drafts = extract_claims(text[para_start:para_end])
    best, shared = None, 0
    for d in drafts:
        overlap = min(end, para_start + d.end) - max(start, para_start + d.start)
        if overlap > shared:
            best, shared = d, overlap
    words = text[start:end]
    if best is not None and shared * 2 >= min(end - start, best.end - best.start):
        speaker = best.attribution or _sentence_speaker(drafts, para_start, start, end)
        return ClaimDraft(words, start, end, speaker, best.kind, best.checkworthiness)
    return _read_sentence(text, start, end, para_start, para_end, drafts)


def _sentence_speaker(drafts: list[ClaimDraft], offset: int, start: int, end: int) -> str | None:
    """A speaker the engine gave another claim cut from the same words."""
    for d in drafts:
        if d.attribution and offset + d.start < end and start < offset + d.end:
            return d.attribution
    return None


def _read_sentence(text: str, start: int, end: int, para_start: int, para_end: int,
                   drafts: list[ClaimDraft]) -> ClaimDraft:
    from workbench.claims.nlp import get_nlp
    from workbench.claims.scorer import features, get_scorer

    doc = get_nlp()(text[para_start:para_end])
    local_start, local_end = start - para_start, end - para_start
    sent = next((s for s in doc.sents if s.start_char <= local_start < s.end_char), None)
    if sent is None:
        return ClaimDraft(text[start:end], start, end, None, ClaimKind.STATEMENT, 0.5)
    speaker = _sentence_speaker(drafts, para_start, para_start + sent.start_char, para_start + sent.end_char)
    speaker = speaker or _speaker_of(sent, local_start, local_end)
    inside = [t for t in sent if local_start <= t.idx < local_end] or list(sent)
    ents = {e.label_ for e in sent.ents if local_start <= e.start_char < local_end}
    kind = (ClaimKind.NUMBER if ents & _NUMBER_ENTS else ClaimKind.DATE_EVENT if ents & _DATE_ENTS
            else ClaimKind.STATEMENT)
    scorer = get_scorer()
    worth = 0.5
    if scorer is not None:
        feats = features(inside)
        worth = round(0.5 * scorer.checkworthy.probability(feats) + 0.5 * scorer.factual.probability(feats), 3)
    return ClaimDraft(text[start:end], start, end, speaker, kind, worth)


def _speaker_of(sent: Any, local_start: int, local_end: int) -> str | None:
    """"…, according to X" or "X said" outside the selected words."""
    from workbench.claims.attribution import according_to, is_speech_verb, phrase_tokens, span_text, subject_of

    found = according_to(sent)
    if found is not None:
        return found[0] or None
    for tok in sent:
        if local_start <= tok.idx < local_end or not is_speech_verb(tok):
            continue
        subject = subject_of(tok)
        if subject is not None and subject.ent_type_ not in NUMERIC_ENTS and subject.pos_ in ("PROPN", "NOUN"):
            return span_text(phrase_tokens(subject)) or None
    return None
