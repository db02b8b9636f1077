"""Headlines that name who says what: "Bernie Sanders Promises Action On Immigration In First 100
Days", "Hillary Clinton Says Trump's Bigotry Doesn't 'Fit With What I Thought I Knew'".

A headline is written in Title Case, which the tagger reads poorly (capitalised verbs become
proper nouns, the whole line one name), so the speech-verb rules rarely see its tag. Read here
from the words: a paragraph of one sentence in Title Case whose first words are a name (capitalised,
at most five) followed by a speech or report verb in the present tense ("Says", "Promises",
"Warns"); the name speaks what follows the verb (at least three words), the tag leaves the claim.
A denial ("Trump Denies ...") says nothing of its own, as in the body (attribution.not_said).

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

from typing import Any

from workbench.claims.attribution import DENIALS, SPEECH_VERBS
from workbench.claims.report_verbs import is_report_verb

Token = Any
_NAME_WORDS = 5
_MIN_SAID = 3
_TITLE_SHARE = 0.6  # of the words of four letters or more, capitalised


def _title_case(sent: Any) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) >= 4]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= _TITLE_SHARE * len(words)


def _present_speech(tok: Token) -> bool:
    low = tok.lower_
    if not low.endswith("s") or low in DENIALS or not tok.text[:1].isupper():
        return False
    return low in SPEECH_VERBS or is_report_verb(low)


def headline_tag(sent: Any) -> tuple[list[Token], Token, list[Token]] | None:
    """(name words, verb, what is said) for a headline "Name Says ...", else None."""
    if sent.start != 0 or sent.end != len(sent.doc) or not _title_case(sent):
        return None
    toks = [t for t in sent]
    for k, tok in enumerate(toks[: _NAME_WORDS + 1]):
        if k == 0 or not _present_speech(tok):
            continue
        name = toks[:k]
        if not all(t.text[:1].isupper() or t.text in ("'s", "\u2019s", ".", "-") for t in name):
            return None
        said = [t for t in toks[k + 1 :] if not (t.is_punct and t.i == sent.end - 1)]
        if said and said[0].lower_ == "that":
            said = said[1:]
        if sum(not t.is_punct for t in said) < _MIN_SAID:
            return None
        return name, tok, said
    return None
