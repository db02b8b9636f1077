"""A part of a report keeps the report's speaker, wherever the parser hung it.

Two mechanisms, both read from the parse (never from one article):

- `continues_report`: "Guccifer said that the server was unprotected, and that he had total
  access", "Sanders told a crowd that he expects to win and he is doing better in the polls",
  "Paul told Fox News that polls could be way off, and have been unreliable": the parser often
  hangs the second clause on the speech verb instead of inside what is said, so it used to read
  as the reporter's own narration. It continues the report when it opens with its own "that", or
  when its tense cannot be the narration's: after a past speech verb ("said", "told") the
  reporter narrates in the past, so a present-tense or modal clause ("is doing", "have been",
  "would now root") is the reported speech going on (the sequence of tenses). A past-tense clause
  ("X said A, but he did not apologize") stays the reporter's: on annotated news (PolNeAR train)
  such clauses are the narrator's about as often as the speaker's, the tense-shifted ones almost
  never (38 of 42 inside the same attribution, 2 inside another by the same person).

- `inherit_speakers`: a part split off from inside what a speaker says (a relative clause on a
  word of it, a "while" clause, a title before a name in it) carries the speaker of the claim it
  was split from: "A poll shows Sanders with 47 percent versus Clinton, who has 44 percent" ->
  "Clinton has 44 percent" is the poll's figure. Not a part hung on the speaker's own words ("Joe
  Bateman, who traveled from Illinois, says ...": that clause is the reporter's).
"""

from __future__ import annotations

from typing import Any

from workbench.claims.attribution import Context, content_of, is_speech_verb, phrase_tokens, span_text

Token = Any
_PRESENT = frozenset({"VBZ", "VBP"})
_AUX = frozenset({"aux", "auxpass"})
# how a split-off part hangs on a word of the claim it came from
_PART_DEPS = frozenset({"relcl", "advcl", "acl", "appos"})


def _own_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _shifted(clause: Token) -> bool:
    """A present-tense or modal finite clause: "is doing", "have been", "would now root"."""
    auxes = [c for c in clause.children if c.dep_ in _AUX and c.i < clause.i]
    if any(a.tag_ == "MD" for a in auxes):
        return True
    finite = auxes[0] if auxes else clause
    return finite.tag_ in _PRESENT


def continues_report(verb: Token, content: Token, clause: Token, quoted: bool = False) -> bool:
    """True when `clause`, a conjunct the parser hung on the speech `verb` (or on the verb the
    speech participle modifies: "flipped his choice, saying A but would now B") after the
    reported `content`, is more of what is said (see module doc). `quoted`: the speech verb is
    itself inside a quotation."""
    if clause.pos_ not in ("VERB", "AUX") or content.i < verb.i or clause.left_edge.i <= content.right_edge.i:
        return False
    if is_speech_verb(clause):
        return False  # "..., and he added that ...": a report of its own
    if _own_that(clause) and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return True
    # the narration's tense: the speech verb's, or for a participle ("saying") the verb it modifies
    narration = verb if verb.tag_ != "VBG" else verb.head
    # inside a quotation the speaker talks in the present anyway: the tense tells nothing
    return not quoted and narration.tag_ == "VBD" and _shifted(clause)


def continued_subject(clause: Token, content: Token, speaker: str | None, ctx: Context) -> str | None:
    """The subject a subjectless continuing clause shares with the reported clause ("polls could be
    way off, and have been unreliable" -> "polls have been unreliable"), never the speaker's; a
    "he"/"she" there is the speaker, by text.py's rule for reported speech ("saying he was rooting
    for Manning but would now root for ..." -> "Marco Rubio would now root ..."), unless the article
    shows the speaker is of the other gender."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return None
    subj = next((c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    if subj.lower_ in ("he", "she") and speaker and speaker[:1].isupper() and " (" not in speaker:
        clash = ctx.pronouns is not None and ctx.pronouns.clashes(speaker, subj.lower_)
        if speaker not in ctx.unnamed and not clash:
            return speaker
    return span_text(phrase_tokens(subj))


def _subject_ids(units: list) -> set[int]:
    """Token ids of the speakers' own words left inside claims: the subject of a report verb that
    heads a claim keeping every word ("The audit found errors in the budget")."""
    ids: set[int] = set()
    for unit in units:
        for tok in unit.tokens:
            if is_speech_verb(tok) or tok.dep_ == "ROOT":
                for child in tok.children:
                    if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                        ids.update(t.i for t in child.subtree)
    return ids


def inherit_speakers(units: list) -> None:
    """Units with no speaker whose words hang on a word of an attributed claim take its speaker
    (see module doc); a title role takes it when its words are all inside such a claim."""
    said = [u for u in units if u.attribution is not None and not u.role]
    if not said:
        return
    owner: dict[int, str] = {}
    for unit in said:
        for tok in unit.tokens:
            owner.setdefault(tok.i, unit.attribution)
    for i in _subject_ids(said):
        owner.pop(i, None)
    # a title role only from inside a reported clause ("Song said Democratic presidential
    # candidate Hillary Clinton had said ..."), never from narration a claim took in with it
    sent = said[0].tokens[0].sent if said[0].tokens else []
    reported = {t.i for tok in sent if is_speech_verb(tok) for c in [content_of(tok)] if c is not None
                for t in c.subtree}
    for unit in units:
        if unit.attribution is not None or not unit.tokens:
            continue
        mine = {t.i for t in unit.tokens}
        if unit.role:
            found = {owner.get(i) for i in mine}
            if len(found) == 1 and None not in found and mine <= reported:
                unit.attribution = unit.speaker = found.pop()
            continue
        heads = [t for t in unit.tokens if not t.is_punct and t.head.i not in mine]
        # a part hung on a word ("Clinton, who has ..."), never a conjunct: the splitter has
        # already decided whether a conjunct is said or the reporter's narration of an act
        if heads and all(t.dep_ in _PART_DEPS and not is_speech_verb(t.head) for t in heads):
            attached = {owner.get(t.head.i) for t in heads}
            if len(attached) == 1 and None not in attached:
                unit.attribution = unit.speaker = attached.pop()
