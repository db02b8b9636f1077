"""Reports the speech-verb rules leave inside a claim: the claim keeps its words, gets a speaker.

After a sentence was split (atomic.py) and buried reports were found (buried_reports.py), a unit
with no speaker may still hold a report in one of these shapes:
- "As X reported, <clause>" / "as X put it": X speaks the clause; the tag leaves the claim;
- "X's claim that <clause>", "X's point was that <clause>": a noun learned as a report cue
  (report_cues.py) with a that-clause and a named owner - a possessive, a name before the noun
  ("a New York Times report that"), or "by"/"from" X; the clause is the claim, the owner speaks it;
- "<third person> <verb> <object>" with a verb learned as reporting its object ("German police
  reported 906 attacks ...", "A CBS poll showed a slimmer lead ...", "Doctors warned of the risk
  ..."), as the unit's own head: the subject is the speaker and the claim keeps every word (the
  object alone says nothing).

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from workbench.claims.attribution import (
    DATA_VERBS,
    RESEARCH_NOUNS,
    PERSONAL,
    Context,
    content_of,
    is_research_subject,
    is_speech_verb,
    not_said,
    phrase_tokens,
    subject_of,
)
from workbench.claims.buried_reports import opening_tag
from workbench.claims.participle_reports import DOCUMENTS, participle_report
from workbench.claims.phrasal_reports import (
    as_reported_by,
    made_clear,
    noun_rooted,
    stance_adjective,
    statement_saying,
    voiced_noun,
    without_tag,
)
from workbench.claims.report_cues import (
    is_object_report_verb,
    is_report_noun,
    noun_owner,
    noun_report_shape,
    object_report_shape,
    third_person_subject,
)
from workbench.claims.report_verbs import is_report_verb
from workbench.claims.speakers import no_single_person, pronoun_speaker
from workbench.claims.titles import TITLE_WORDS, preposed_titles

Token = Any
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}


@dataclass(frozen=True)
class _Word:
    """A pronoun standing in for a possessive ("his claim" is what "he" claims), read by
    Context.normalise_speaker like a token: at the possessive's place in the text, so that the
    pronoun resolver ranks the persons named before it."""

    text: str
    idx: int  # the possessive's character offset in its doc
    i: int  # and token index
    ent_type_: str = ""
    pos_: str = "PRON"

    @property
    def text_with_ws(self) -> str:
        return self.text

    @property
    def lower_(self) -> str:
        return self.text.lower()


def _name(tokens: list[Token], ctx: Context, quoted: bool) -> str | None:
    if tokens and tokens[-1].dep_ == "case":  # "Trump's claim": the owner without "'s"
        tokens = tokens[:-1]
    if not tokens:
        return None
    name = ctx.normalise_speaker(tokens, quoted)
    if name and tokens[0].lower_ in ("the", "a", "an") and is_research_subject(tokens[-1]):
        name = name[:1].lower() + name[1:]  # "a poll showed" -> "a poll", as atomic.py writes it
    return name


def _person_named(subj: Token) -> list[Token] | None:
    """The name alone when the subject is a person with a title or a description ("Mayor Tom
    Baker", "the city's mayor, Tom Baker"), as atomic.py names speakers."""
    for child in subj.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ == "PERSON":
            return phrase_tokens(child)
    return next((f.name for f in preposed_titles(subj.sent) if f.name[-1].i == subj.i), None)


def subject_speaker(subj: Token, verb: Token, ctx: Context, quoted: bool) -> str | None:
    """The speaker a subject names, as the speech-verb rules name it."""
    name = pronoun_speaker(subj, verb)
    if name is None:
        named = _person_named(subj)
        name = ctx.normalise_speaker(named, quoted) if named else _name(phrase_tokens(subj), ctx, quoted)
    if name and (no_single_person(subj) or name.lower() in PERSONAL or _no_person(subj)):
        ctx.unnamed.add(name)  # a later "he"/"she" is not them
    return name


def _no_person(subj: Token) -> bool:
    """A study, a report, a campaign: no "he" or "she" can be it (a title word may be: "the
    senator")."""
    return is_research_subject(subj) or (
        subj.pos_ == "NOUN" and subj.ent_type_ != "PERSON" and subj.lower_ not in TITLE_WORDS
    )


def _as_tag(unit: Any, ctx: Context, quoted: bool) -> str | None:
    """"As The Hill reported, Trump was also accused ...": a speech or report verb opened by
    "as", with its own subject and nothing reported of its own, set off by a comma."""
    ids = {t.i for t in unit.tokens}
    for verb in unit.tokens:
        if verb.dep_ != "advcl" or verb.head.i not in ids:
            continue
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            continue
        put_it = verb.lower_ == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)
        if not (put_it or is_speech_verb(verb) or is_report_verb(verb.lower_)):
            continue
        if content_of(verb) is not None or not_said(verb):
            continue
        addressed = verb.lower_ in ("told", "tell", "tells", "telling")  # "As Clinton told the Daily News,"
        if not put_it and any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and not addressed)
                              for c in verb.children):
            continue  # "as he said he would", "as the court found errors": no tag
        subj = third_person_subject(verb)
        if subj is None:
            continue
        keep = without_tag(unit, verb)
        if len(keep) < 3:
            continue
        name = _given(unit, keep, subj, verb, ctx, quoted)
        if name:
            return name
    return None


def _given(unit: Any, keep: list[Token], subj: Token, verb: Token, ctx: Context, quoted: bool) -> str | None:
    """The report's speaker, the unit cut down to what was said (`keep`); None leaves the unit as it is."""
    name = subject_speaker(subj, verb, ctx, quoted)
    if name:
        unit.tokens = keep
    return name


def _misparsed(noun: Token) -> bool:
    """A report noun whose clause the parser cannot be trusted to end: the root of a sentence
    that is no headline (its verb was swallowed: "Trump's assertion that ... celebrated ... on
    9/11 parallels stories ..."), or a cleft ("It was Trump's suggestion that ... that raised
    hackles")."""
    if noun.dep_ == "ROOT":
        return noun.sent.text.rstrip("\"\u201d' ").endswith((".", "!", "?"))
    return noun.dep_ == "attr" and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in noun.head.children)


def _noun_report(unit: Any, ctx: Context, quoted: bool) -> str | None:
    """"Hillary Clinton's claim that Donald Trump is in ISIS videos": the clause, said by the
    owner."""
    ids = {t.i for t in unit.tokens}
    for noun in unit.tokens:
        if not is_report_noun(noun.lower_):
            continue
        clause = noun_report_shape(noun)
        if clause is None or clause.i not in ids or _misparsed(noun):
            continue
        owner = noun_owner(noun)
        if not owner:
            continue
        if len(owner) == 1 and owner[0].lower_ in _POSSESSIVE_PRONOUNS:
            pronoun = _POSSESSIVE_PRONOUNS[owner[0].lower_]
            name = (ctx.normalise_speaker([_Word(pronoun, owner[0].idx, owner[0].i)], quoted)
                    if pronoun in PERSONAL else pronoun)
        else:
            name = _name(owner, ctx, quoted)
        keep = [t for t in unit.tokens if t.i in {s.i for s in clause.subtree}]
        if keep and keep[0].lower_ == "that" and keep[0].dep_ == "mark":
            keep = keep[1:]
        if name and len(keep) >= 3:
            unit.tokens = keep
            return name
    return None


def _unit_head(unit: Any) -> Token | None:
    ids = {t.i for t in unit.tokens}
    heads = [t for t in unit.tokens if t.head.i not in ids or t.head.i == t.i]
    return heads[0] if len(heads) == 1 else None


def _object_report(unit: Any, ctx: Context, quoted: bool) -> str | None:
    """"German police reported 906 attacks ...": the unit's head verb reports its object."""
    verb = _unit_head(unit)
    if verb is None or not_said(verb):
        return None
    shape = object_report_shape(verb)
    if shape is None:
        return None
    subj, obj = shape
    ids = {t.i for t in unit.tokens}
    if subj.i not in ids or obj.i not in ids:
        return None
    # find/show/conclude report only with a study or data subject, with an object as with a
    # clause ("A CBS poll showed a slimmer lead"; "Police found the car" is an act)
    if verb.lower_ in DATA_VERBS:
        if not is_research_subject(subj):
            return None
    elif not is_object_report_verb(verb.lower_):
        return None
    return subject_speaker(subj, verb, ctx, quoted)


_SAID_DEPS = frozenset({"ROOT", "ccomp", "parataxis", "dobj", "dep"})
_TAG_WORDS = 12  # words a quotation's tag may have ("Carson said in an alleyway behind the hotel downtown")


def _quote_frame(unit: Any, ctx: Context, inside: list[bool]) -> str | None:
    """'"Donald Trump is not a racist, guys," LeVell assured the crowd.', 'Hillary Clinton
    cracked, "I'm a progressive ..."': a direct quotation framed by a tag of its own - a subject
    and its verb before or after it, whatever the verb - is the subject's words, the news
    convention for quotation marks. The quotation must be most of the unit; the tag leaves it."""
    def quoted(t: Token) -> bool:
        return t.idx < len(inside) and inside[t.idx]

    words = [t for t in unit.tokens if not t.is_punct]
    said = [t for t in words if quoted(t)]
    tag = [t for t in words if not quoted(t)]
    if len(said) < 3 or not tag or len(tag) > _TAG_WORDS or len(said) < len(tag):
        return None
    if not (all(t.i < said[0].i for t in tag) or all(t.i > said[-1].i for t in tag)):
        return None  # a tag inside the quotation, or words on both sides
    ids = {t.i for t in tag}
    verbs = [t for t in tag if t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or t.head.i not in ids)]
    if len(verbs) != 1 or not_said(verbs[0]) or verbs[0].lower_ in ("is", "was", "are", "were", "be"):
        return None
    verb = verbs[0]
    subj = third_person_subject(verb)
    if subj is None or subj.i not in ids:
        return None
    # what the tag says, not a name or a description of an object ('called the plan "a recipe
    # for disaster"' is no quotation of the critics' words about something else)
    heads = [t for t in said if t.head.i == t.i or not quoted(t.head)]
    if len(heads) != 1 or heads[0].dep_ not in _SAID_DEPS:
        return None
    name = subject_speaker(subj, verb, ctx, True)
    if name:
        unit.tokens = [t for t in unit.tokens if quoted(t)]
    return name


def _deep_clause(unit: Any, ctx: Context, quoted: bool) -> str | None:
    """"Jason Kander said in a statement that Washington dysfunction has stopped Congress ...":
    the parser hung the reported clause on a noun of the tag ("a statement [that ...]"); the
    first that-clause below the speech verb, reached through no other verb, is what was said."""
    ids = {t.i for t in unit.tokens}
    for verb in unit.tokens:
        if not is_speech_verb(verb) or content_of(verb) is not None or not_said(verb):
            continue
        subj = subject_of(verb)
        if subj is None or subj.i not in ids or subj.i > verb.i or subj.lower_ in ("i", "we", "you"):
            continue
        # "that" as a complementiser; or read as a relative adverb ("for the first time that
        # intelligence had passed") when its clause has a subject of its own
        mark = next((t for t in verb.subtree if t.i > verb.i and t.lower_ == "that" and t.dep_ in ("mark", "advmod")), None)
        if mark is None:
            continue
        clause = mark.head
        if mark.dep_ == "advmod" and not any(c.dep_ in ("nsubj", "nsubjpass") and c.i > mark.i for c in clause.children):
            continue
        path = [a for a in clause.ancestors if a.i != verb.i and verb.i < a.i]
        if clause.pos_ not in ("VERB", "AUX") or any(a.pos_ in ("VERB", "AUX") for a in path):
            continue
        if verb not in clause.ancestors:
            continue
        keep = [t for t in unit.tokens if t.i > mark.i and t.i in {c.i for c in clause.subtree}]
        before = [t for t in unit.tokens if t.i < mark.i]
        tag = {t.i for t in verb.subtree} - {t.i for t in clause.subtree}
        if len(keep) < 3 or not all(t.i in tag for t in before):
            continue
        name = _given(unit, keep, subj, verb, ctx, quoted)
        if name:
            return name
    return None


def _phrasal_report(unit: Any, ctx: Context, quoted: bool) -> str | None:
    """"X made it clear that ...", "X issued a statement saying that ...", "As reported by X, ..."
    (phrasal_reports.py): the clause, said by X."""
    shape = made_clear(unit) or statement_saying(unit) or voiced_noun(unit) or stance_adjective(unit)
    if shape is not None:
        subj, verb, keep = shape
        return _given(unit, keep, subj, verb, ctx, quoted)
    rooted = noun_rooted(unit)
    if rooted is not None:
        noun, _, keep = rooted
        words = list(noun.doc[noun.left_edge.i : noun.i + 1])  # the phrase up to the noun
        name = _name(words, ctx, quoted)
        if name and noun.lower_ in RESEARCH_NOUNS and words[0].lower_ in ("the", "a", "an"):
            name = name[:1].lower() + name[1:]
        if name:
            unit.tokens = keep
        return name
    passive = as_reported_by(unit)
    if passive is not None:
        agent, keep = passive
        name = _name(agent, ctx, quoted)
        if name:
            unit.tokens = keep
        return name
    return None


def _participle(unit: Any, ctx: Context, quoted: bool, inside: list[bool] | None) -> tuple[str, Any] | None:
    """"X began by saying ...", "Police charged him after determining that ...", "calls saying
    ..." (participle_reports.py): the clause, said by X; an act the report hung on stays a
    claim of the article's own (returned as a new unit)."""
    shape = participle_report(unit)
    if shape is None or (inside and shape.verb.idx < len(inside) and inside[shape.verb.idx]):
        return None  # a quotation's own words: its speaker is the quotation's
    if shape.head.dep_ in ("nsubj", "nsubjpass"):
        name = subject_speaker(shape.head, shape.verb, ctx, quoted)
    else:
        name = _name([t for t in phrase_tokens(shape.head) if t.i < shape.verb.i and t.i not in
                      {w.i for w in shape.verb.subtree}], ctx, quoted)
        if name and shape.head.lower_ in RESEARCH_NOUNS | DOCUMENTS and name.split()[0] in ("The", "A", "An"):
            name = name[:1].lower() + name[1:]
    if not name:
        return None
    act = replace(unit, tokens=shape.act, attribution=None, speaker=None) if shape.act else None
    unit.tokens = shape.said
    return name, act


def _inside_report(unit: Any, units: list) -> str | None:
    """A title role inside what someone is reported to say ("Trump claimed that the founder of
    ISIS is President Barack Obama" -> "Barack Obama is President") is said by them, as an
    appositive role in a reported clause is."""
    ids = {t.i for t in unit.tokens}
    for other in units:
        if other.role or other.attribution is None or len(other.tokens) <= len(ids):
            continue
        if ids <= {t.i for t in other.tokens}:
            return other.attribution
    return None


def unhide_reports(units: list, ctx: Context, quoted: bool, inside: list[bool] | None = None) -> list[str]:
    """Give the units holding a report in one of the shapes above their speaker (the tag or the
    noun's frame leaves the claim where it says nothing of its own); returns the speakers."""
    found: list[str] = []
    acts: list[tuple[Any, Any]] = []  # (report unit, the act it hung on)
    pending = [u for u in units if u.attribution is None and not u.role and u.tokens]
    while pending:
        unit = pending.pop(0)
        name = (
            _as_tag(unit, ctx, quoted)
            or (_quote_frame(unit, ctx, inside) if quoted and inside else None)
            or _deep_clause(unit, ctx, quoted)
            or _noun_report(unit, ctx, quoted)
            or _phrasal_report(unit, ctx, quoted)
            or _object_report(unit, ctx, quoted)
        )
        if not name:
            hung = _participle(unit, ctx, quoted, inside)
            if hung is not None:
                name, act = hung
                if act is not None:
                    acts.append((unit, act))
                    pending.insert(0, act)  # the act may hold a report of its own ('X cautioned "..."')
        if not name:
            opening = opening_tag(unit.tokens, ctx, quoted)  # buried_reports.py, read from the words
            if opening is not None:
                name, unit.tokens = opening
        if name:
            unit.attribution = unit.speaker = name
            found.append(name)
    for unit, act in acts:
        units.insert(next(k for k, u in enumerate(units) if u is unit), act)
    if inside and len(set(found)) == 1:  # the rest of the same quotation: "..., but I'm a progressive who ..."
        for unit in units:
            if unit.attribution is None and not unit.role and unit.tokens and all(
                t.is_punct or (t.idx < len(inside) and inside[t.idx]) for t in unit.tokens
            ):
                unit.attribution = unit.speaker = found[0]
    for unit in units:
        if unit.role and unit.attribution is None and unit.tokens:
            unit.attribution = _inside_report(unit, units)
    return found
