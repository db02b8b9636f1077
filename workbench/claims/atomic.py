"""Split a parsed sentence into atomic claim units, each with its speaker.

One unit per checkable proposition: the main clause; coordinated finite verbs ("relisted ...
and imposed ..."); "while/though"-joined clauses; non-restrictive relative clauses ("Song Tao,
who visited Pyongyang in November"); appositive roles of people ("Joel Wit, a senior fellow at
..."); titles before a name ("Chinese envoy Song Tao", see titles.py). Speech verbs ("X said
...", "..., X told FP") make the reported clause the unit and X its attribution; "according to
X" adds an outer level.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import Any

from workbench.claims.attribution import (
    PERSONAL,
    QUOTE_CHARS,
    Context,
    according_to,
    combine,
    content_of,
    is_research_subject,
    is_speech_verb,
    levels,
    not_said,
    phrase_tokens,
    span_text,
    subject_of,
    tag_subject,
)
from workbench.claims.carried_speakers import continued_subject, continues_report
from workbench.claims.entities import NUMERIC_ENTS
from workbench.claims.plural import phrase_text
from workbench.claims.speakers import is_body, no_single_person, pronoun_speaker, speaker_phrase
from workbench.claims.titles import (
    TITLE_WORDS,
    PreposedTitle,
    clean_name,
    name_words,
    past_mention,
    preposed_titles,
    role_key,
    role_text,
    title_key,
    title_verb,
)

Token = Any
_CONTRAST_MARKS = {"while", "whereas", "although", "though"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_RELATIVE = {"who", "which"}
_AUX_DEPS = {"aux", "auxpass", "neg"}
_FOCUS = {"even", "only", "also", "just", "too", "both", "either"}
_COMPLEMENTS = {"dobj", "xcomp", "ccomp", "attr", "acomp", "oprd", "prep", "dative", "pobj"}
_BE = {"is", "was", "are", "were", "be", "been", "being", "'s", "'re", "\u2019s", "\u2019re"}


@dataclass
class Unit:
    tokens: list[Token]  # the words of the claim, in order
    attribution: str | None
    speaker: str | None = None  # first-level speaker (for pronouns inside the claim)
    subject: str | None = None  # subject to prepend when the clause has none of its own
    role: bool = False
    role_text: str | None = None  # ready-made text for roles ("X is Y")
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # In reading order: spaCy's subtree of a non-projective parse ("a record of success that
        # we should build on") is not, and a claim must never reorder the article's words.
        self.tokens = sorted({t.i: t for t in self.tokens}.values(), key=lambda t: t.i)


def _subtree_ids(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def _tag_ids(verb: Token) -> set[int]:
    """A closing "X said": the verb, its subject and the comma and full stop around them."""
    subj = next(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl"))
    ids = _subtree_ids(subj) | {verb.i, subj.left_edge.i - 1}
    ids |= {c.i for c in verb.children if c.is_punct and c.i > verb.i}
    return ids


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _joiners(tok: Token) -> set[int]:
    """The comma and conjunction just before a conjunct ("..., and underscored")."""
    ids: set[int] = set()
    j = tok.left_edge.i - 1
    while j >= 0 and (tok.doc[j].dep_ == "cc" or tok.doc[j].is_punct) and tok.doc[j].head.i != j:
        ids.add(j)
        j -= 1
    return ids


def _joined(conj: Token) -> bool:
    """A conjunct set off by "and"/"but" or a mark. Without one the parser has made a conjunct of
    what is not ("That events turned out calmer than expected can be attributed to ...": "attributed"
    read as a second verb of "turned"); splitting there would put words together the article never
    did."""
    if _infinitive(conj) and not _infinitive(conj.head):
        return False  # "They don't have a choice but to take the lead": no second fact, one clause
    if conj.head.pos_ not in ("VERB", "AUX"):
        return False  # "for living like kings and queens on our dime": "queens" misread as a verb of "In"
    if _alternative_or_denied(conj):
        return False
    if conj.tag_ == "VBG" and conj.head.tag_ in ("VBD", "VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "dobj", "prep", "ccomp", "xcomp") for c in conj.children
    ):
        return False  # "we get gridlock, stalling, waffling ...": a bare -ing in a list of nouns
    j = conj.left_edge.i - 1
    return j >= 0 and (conj.doc[j].dep_ == "cc" or conj.doc[j].is_punct) or any(
        c.dep_ == "cc" for c in conj.children
    )


_NEGATIONS = {"not", "n't", "never", "neither", "nor"}


def _alternative_or_denied(conj: Token) -> bool:
    """"The firm paid the fine or appealed the ruling" says neither alone; "The firm never paid the
    fine or appealed the ruling" is no "The firm appealed the ruling". A verb joined by "or"/"nor"
    is a fact of its own only when the denial carries over to it: a negated subject ("Not
    everyone voted or paid taxes") or a negation it shares with the first verb's auxiliaries
    ("did not call ... or visit ..." -> "did not visit ...")."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
        return False
    head = conj.head
    cc = [c.lower_ for c in head.children if c.dep_ == "cc" and head.i < c.i < conj.i]
    if not any(w in ("or", "nor") for w in cc):
        return False
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    subject_denied = subj is not None and (
        any(t.dep_ == "neg" for t in subj.subtree)
        or (subj.left_edge.i > 0 and head.doc[subj.left_edge.i - 1].dep_ == "neg")
    )
    shares_denial = conj.tag_ in ("VB", "VBN", "VBG") and not any(
        c.dep_ in ("aux", "auxpass") for c in conj.children
    ) and any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in head.children if c.i < head.i)
    return not (subject_denied or shares_denial)


def _compares(verb: Token) -> bool:
    """"less credit than aides say he deserves": a report opened by "than" is the measure of a
    comparison, not a claim of its own."""
    return any(c.dep_ == "mark" and c.lower_ == "than" for c in verb.children)


def _infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


_PARTY_TAG = re.compile(r"^[RDI]\s?-\s?[A-Z][\w.]*( [A-Z][\w.]*)?$")
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})


def lost_subject(unit: Unit) -> bool:
    """The sentence's finite main verb is in the unit with no subject in the parse: the parser took
    the subject for a part to split off ("In a message to Clinton, Tanden, head of the Center,
    recounted ..." read "Tanden" as an appositive), so the unit's words alone would lose it."""
    if unit.subject or unit.role:
        return False
    return any(_subjectless(t) for t in unit.tokens)


def _subjectless(tok: Token) -> bool:
    return (
        tok.dep_ == "ROOT" and tok.tag_ in ("VBD", "VBZ", "VBP") and tok.i > tok.sent.start
        and not any(c.dep_ in _SUBJECTS for c in tok.children)
    )


def _is_person(tokens: list[Token]) -> bool:
    return any(t.ent_type_ == "PERSON" for t in tokens)


def _comma_before(tok: Token) -> bool:
    i = tok.left_edge.i - 1
    return i >= 0 and tok.doc[i].text in (",", "\u2014", "\u2013", "(")


def _nested_in_phrase(noun: Token) -> bool:
    """`noun`, a common noun, closes a larger noun phrase ("foreigners' appetite for accumulating
    dollar assets", "a big part of the story"): a clause set off after it may be about either noun,
    and writing it about the wrong one says what the article does not ("Dollar assets helped keep
    rates low")."""
    if noun.pos_ == "PROPN" or noun.ent_type_:
        return False  # a name ("a play for Pennsylvania, which has voted ...") is the one meant
    tok = noun
    while tok.dep_ in ("pobj", "dobj", "pcomp", "prep") and tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.i != noun.i:
            return True
    return False


def _cleft(noun: Token) -> bool:
    """"it was Cruz, not Trump, who swept all of the delegates": the relative clause of a cleft is
    the sentence's point, not a side fact about its noun (split off, the gate refused "Trump swept")."""
    tok = noun
    while tok.dep_ in ("appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "attr" or tok.head.lemma_ != "be":
        return False
    return any(c.dep_ in ("nsubj", "expl") and c.lower_ in ("it", "this", "that") for c in tok.head.children)


_CLITICS = {"'s", "\u2019s", "'d", "\u2019d", "'ll", "\u2019ll", "'re", "\u2019re", "'ve", "\u2019ve"}


def _clitic_after(rel: Token) -> bool:
    """"Kelly Ayotte, who’s engaged in ...": the relative pronoun carries the verb ("’s" is or has),
    so a clause without it would read "Kelly Ayotte ’s engaged"; it stays in its sentence."""
    nxt = rel.nbor(1) if rel.i + 1 < len(rel.doc) else None
    return nxt is not None and not rel.whitespace_ and nxt.lower_ in _CLITICS


def _closes_relative(noun: Token, appos: Token) -> bool:
    """"the staff member who succeeded him and helped engineer his ouster, Paul Manafort, should
    ...": a name closing a relative clause names the clause's noun (the staff member), whatever
    the parser hung it on ("Paul Manafort is his ouster", "Trump is Susana Martinez")."""
    rel = next((a for a in noun.ancestors if a.dep_ == "relcl"), None)
    if rel is None or not appos.ent_type_ == "PERSON":
        return False
    tail = appos.doc[appos.right_edge.i + 1 : rel.right_edge.i + 1]
    return all(t.is_punct or t.is_space for t in tail)


def _dash_comment(appos: Token) -> bool:
    """"721 delegates voted for others than Mr. Trump - the most significant expression of dissent
    since 1976": a dash opening a phrase that runs to the end of the sentence comments on the
    whole clause; it does not describe the noun before it."""
    words = [t for t in appos.subtree if not t.is_punct]
    if not words or words[0].i == 0 or appos.doc[words[0].i - 1].text not in ("-", "\u2014", "\u2013", "--"):
        return False
    rest = appos.doc[appos.right_edge.i + 1 : appos.sent.end]
    return all(t.is_punct or t.is_space for t in rest)


def _trailing_names(rel: Token) -> set[int]:
    """The ids of a name closing relative clause `rel` (see _closes_relative), with its comma."""
    for tok in rel.subtree:
        if tok.dep_ == "appos" and tok.head.i != rel.head.i and _closes_relative(tok.head, tok):
            ids = {t.i for t in tok.subtree}
            if tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].is_punct:
                ids.add(tok.left_edge.i - 1)
            return ids
    return set()


def _place_tag(appos: Token, desc: list[Token]) -> bool:
    """A parenthesised place or employer after a name: "(Tex.)", "(Ohio)", "(Goldman Sachs)"."""
    doc = appos.doc
    words = [t for t in desc if not t.is_punct]
    if words and all(t.ent_type_ == "GPE" for t in words):
        return True  # "San Pedro Sula, Honduras": a place is no one's description
    if not words or len(words) > 3 or words[0].i == 0 or doc[words[0].i - 1].text != "(":
        return False
    if all(t.ent_type_ in ("GPE", "ORG") for t in words):
        return True  # "(Ohio)", "John Smith (Goldman Sachs)": where they are from, not what they are
    # a state's abbreviation the tagger does not know as a place
    one = words[0]
    nxt = doc[one.i + 1] if one.i + 1 < len(doc) else None
    return len(words) == 1 and one.is_title and len(one.text) <= 5 and (
        one.text.endswith(".") or (nxt is not None and nxt.text == "."))


_PLURAL_VERBS = {"are", "were", "have"}


def _relative_antecedent(noun: Token, relcl: Token, rel: Token) -> Token:
    """Whom ", who ..." is about. The parser often hangs it on the first noun of "N1 of N2, who
    ...": "The family of Ronald Johnson III, who was fatally shot ..." is about Johnson, not his
    family. "who" names a person, so a person's name right before the comma is the antecedent
    unless N1 is itself a person or the verb agrees only with a plural N1 ("who were")."""
    if rel.lower_ != "who" or noun.ent_type_ == "PERSON":
        return noun
    if any(t.lower_ in _PLURAL_VERBS or t.tag_ == "VBP" for t in [relcl, *relcl.children] if t.i < relcl.i + 1):
        return noun
    last = noun.doc[relcl.left_edge.i - 2] if relcl.left_edge.i >= 2 else noun
    if last.ent_type_ != "PERSON" or last.i <= noun.i:
        return noun
    tok = last
    while tok.dep_ in ("compound", "flat"):
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ != "of" or tok.head.head.i != noun.i:
        return noun
    return tok


def _address_list(sent: Any) -> bool:
    """"Mr. Speaker, Senator Barron, members of the Legislature, ...": a verbless sentence made
    of the people addressed, whose commas join names, not a name and its description ("And
    special thanks to my partner, Lieutenant Governor Joe Kernan" is no address list)."""
    root = sent.root
    return root.pos_ not in ("VERB", "AUX") and (root.pos_ == "PROPN" or root.lower_ in TITLE_WORDS)


def _mid_sentence(tokens: list[Token], text: str) -> str:
    """A description read after "X is": "The company's chairman" -> "the company's chairman"."""
    first = tokens[0] if tokens else None
    if first is not None and first.is_sent_start and first.pos_ not in ("PROPN", "X") and first.text != "I" and (
        not first.is_upper or len(first.text) == 1
    ):  # "Another delegate on the slate, Jim Poolman" -> "Jim Poolman is another delegate ..."
        return text[:1].lower() + text[1:]
    return text


def _subordinate_lead(head: Token, conj: Token) -> set[int]:
    """"Though he trails Clinton nationally and in every other state, Sanders has led ...": when
    the parser makes a subordinate clause the root and the main clause its conjunct, the words
    between the "and" and the comma before the main clause's subject finish the subordinate
    clause; left at the head of the main clause they would say the opposite."""
    if head.dep_ != "ROOT" or not any(c.dep_ == "mark" for c in head.children):
        return set()
    subj = next((c for c in conj.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i > conj.i:
        return set()
    comma = subj.left_edge.i - 1
    if comma <= conj.left_edge.i or conj.doc[comma].text != ",":
        return set()
    return {i for i in _subtree_ids(conj) if i <= comma}


def _speaker_words(tokens: list[Token]) -> list[Token]:
    """"Even Rendell, a stalwart supporter, said": the speaker is Rendell, not "Even Rendell"."""
    while len(tokens) > 1 and tokens[0].dep_ in ("advmod", "preconj") and tokens[0].lower_ in _FOCUS:
        tokens = tokens[1:]
    return tokens


def _conditioned(conj: Token, head: Token) -> bool:
    """"if a driver hits a pothole and blows out a tire, that's $250": a verb conjoined inside a
    subordinate clause is under its condition; split off, "A driver blows out a tire" would be
    asserted."""
    tok = conj.head
    for _ in range(40):
        if tok.i == head.i or tok.head.i == tok.i:
            return False
        if tok.dep_ == "advcl" or any(c.dep_ == "mark" for c in tok.children):
            return True
        tok = tok.head
    return False


def _shared_complement(conj: Token) -> bool:
    """"can afford, or wants, to have a car": a verb set off by commas between another verb and
    the complement both share; split, the first would say nothing ("Not everyone can afford")."""
    first = conj.head
    if any(c.dep_ in _COMPLEMENTS for c in first.children):
        return False
    doc, j = conj.doc, conj.left_edge.i - 1
    if j > first.i and doc[j].dep_ == "cc":
        j -= 1
    return j > first.i and doc[j].is_punct and conj.i + 1 < len(doc) and doc[conj.i + 1].text == ","


def _object_as_subject(verb: Token, content: Token) -> str | None:
    """"Clinton promised her entire program would be paid for through tax reform": without a
    "that", the parser can take the reported clause's subject for the speech verb's object and
    leave the clause without one ("Would be paid for ..."). The object right before it is it."""
    if _has_subject(content) or content.i < verb.i or content.tag_ in ("VB", "VBG", "TO"):
        return None
    if not any(c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" for c in content.children) and content.tag_ not in _FINITE:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.right_edge.i == content.left_edge.i - 1), None)
    return span_text(phrase_tokens(obj)) if obj is not None else None


def _bare_tag(head: Token, tokens: list[Token]) -> bool:
    """"Sanders replied.": a speech verb left with nothing said (its quotation was a question,
    or lies in another sentence) is no claim."""
    if not is_speech_verb(head) or content_of(head) is not None:
        return False
    subj = subject_of(head)
    said_by = _subtree_ids(subj) if subj is not None else set()
    return all(t.i in said_by or t.i == head.i or t.is_punct or t.dep_ in ("advmod", "aux") for t in tokens)


def _name_phrase(noun: Token) -> str:
    """A person's or organisation's name as written, else the noun phrase."""
    for ent in noun.doc.ents:
        if ent.start <= noun.i < ent.end and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
            return ent.text
    return span_text(phrase_tokens(noun))


class SentenceSplitter:
    """Builds the units of one sentence; `ctx` resolves speaker names and pronouns."""

    def __init__(self, sent: Any, ctx: Context, inside: list[bool] | None = None) -> None:
        self.sent = sent
        self.ctx = ctx
        self.inside = inside  # per char of the paragraph: inside a quotation?
        self.units: list[Unit] = []
        self.speakers: list[str] = []
        self._found_titles: list[PreposedTitle] | None = None
        self._heads: set[int] = set()
        self._given: dict[int, str] = {}  # speech verbs whose speaker the parse does not reach
        # A finite main verb the parser found no subject for: its subject was misread as an
        # appositive of a noun before it ("... to Clinton, Tanden, head of the Center, recounted"),
        # so appositives here make no roles ("Clinton was Tanden").
        self.misread_subject = _subjectless(sent.root)

    def _titles(self) -> list[PreposedTitle]:
        if self._found_titles is None:
            self._found_titles = preposed_titles(self.sent)
        return self._found_titles

    def run(self) -> list[Unit]:
        acc = according_to(self.sent)
        outer, drop = (acc[0], acc[1]) if acc else (None, set())
        self._clause(self.sent.root, outer, None, drop, None)
        self._title_roles()
        return self.units

    def _title_roles(self) -> None:
        """"Chinese envoy Song Tao" -> "Song Tao is a Chinese envoy": once per person and title
        in an article, and not inside quotes (there the speaker, not the article, says it)."""
        for found in self._titles():
            start = found.name[0].idx
            if self.inside is not None and start < len(self.inside) and self.inside[start]:
                continue
            written = span_text(found.name)
            known = self.ctx.see_person(written)
            # A bare surname is written as the article has it: "President Obama" after "Michelle
            # Obama" is no sign of which Obama, and "Michelle Obama is President" would be false.
            name = written if len(written.split()) == 1 else clean_name(written, known)
            if self.ctx.new_role(role_key(name), title_key(found.text)):
                text = role_text(name, found, title_verb(found))
                self.units.append(Unit(found.tokens, None, role=True, role_text=text))

    # -- speech -----------------------------------------------------------------------
    def _speaker(self, verb: Token) -> tuple[str | None, Token | None]:
        if verb.i in self._given:
            return self._given[verb.i], None
        subj = tag_subject(verb)
        if subj is None:
            return None, None
        named = self._named_subject(subj)
        if named:
            return named, subj
        quoted = any(t.text in QUOTE_CHARS for t in self.sent)
        name = (
            pronoun_speaker(subj, verb)
            or self._person_before(subj, verb)
            or self.ctx.normalise_speaker(_speaker_words(speaker_phrase(subj)), quoted)
        )
        if name and (no_single_person(subj, self.ctx.full_names) or name.lower() in PERSONAL or is_research_subject(subj)):
            self.ctx.unnamed.add(name)  # a later "he"/"she" is not them (nor a poll: "Exit polling shows he won")
        if name and name != "it" and (is_body(subj, self.ctx.full_names) or subj.lower_ == "it"):
            self.ctx.bodies.add(name)  # an "it" in what they say is them
        if name and is_research_subject(subj) and name.split()[0] in ("The", "A", "An"):
            name = name[:1].lower() + name[1:]  # "A study published in JAMA found" -> "a study ..."
        return name, subj

    def _named_subject(self, subj: Token) -> str | None:
        """The person's name when the subject describes one named person: "Dalton's mayor, Tom
        Baker, told ...", "U.N. Under-Secretary-General Jeffrey Feltman said" (the description
        is a role claim of its own); not when several people speak ("The ministry's spokesman,
        John Smith, and the mayor ... said")."""
        if any(c.dep_ == "conj" for c in subj.children):
            return None
        # "William Gale, the Arjay and Frances Miller Chair ...": a named person speaks as himself
        named = subj.pos_ == "PROPN" and subj.ent_type_ == "PERSON"
        for child in subj.children:
            if named or child.dep_ != "appos" or any(c.dep_ == "conj" for c in child.children):
                continue
            if _is_person(phrase_tokens(child)) and child.pos_ == "PROPN":
                return self.ctx.normalise_speaker(phrase_tokens(child))
        titled = next((f.name for f in self._titles() if f.name[-1].i == subj.i), None)
        return self.ctx.normalise_speaker(titled) if titled else None

    def _person_before(self, pron: Token, verb: Token) -> str | None:
        """"When Senator McCain was cheerleading ..., he suggested": a "he"/"she" speaker is the
        person named as a subject earlier in the same sentence (as text.py reads pronouns), but
        never one inside what is said ('"Obama lied," he said')."""
        if pron.lower_ not in PERSONAL:
            return None
        content = content_of(verb)
        said = _subtree_ids(content) if content is not None else set()
        # Only a clause the speech verb governs ("When X ..., he said", "X arrived and he said"):
        # a name in another clause or in an earlier report is someone else as often as not.
        governed = _subtree_ids(verb) - said
        for tok in reversed(self.sent[: pron.i - self.sent.start]):
            if tok.i not in governed or self._quoted(tok):
                continue
            if tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if tok.pos_ == "PROPN" and _is_person([tok]):
                ent = next((e for e in self.sent.ents if e.start <= tok.i < e.end), None)
                names = name_words(ent) if ent is not None else [tok]
                return self.ctx.see_person(span_text(names)) if names else None
            if tok.tag_ in ("NN", "NNP") and tok.lower_ in TITLE_WORDS:  # "When the president ran"
                return phrase_text(phrase_tokens(tok))
        return None

    def _trailing_tag(self, verb: Token, head: Token) -> bool:
        """"..., when an auditor flagged payments, Superintendent Angela Price said.": a closing
        "X said" the parser hung on the clause as an adverbial is a parenthetical speech verb
        too, when a comma sets it off, it has its own subject and nothing else (no "as", no
        object) and it ends the sentence."""
        if verb.dep_ != "advcl" or verb.i < head.i or not _has_subject(verb):
            return False
        subj = next(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl"))
        if any(c.dep_ not in ("nsubj", "punct", "advmod") for c in verb.children):
            return False
        if any(c.dep_ == "advmod" and c.i > subj.left_edge.i for c in verb.children):
            return False  # "..., X said yesterday" is fine as parataxis; keep this rule narrow
        before = subj.left_edge.i - 1
        if before < self.sent.start or self.sent.doc[before].text != ",":
            return False
        if verb.i != subj.right_edge.i + 1:
            return False
        rest = self.sent.doc[verb.i + 1 : self.sent.end]
        return all(t.is_punct for t in rest)

    def _quoted(self, tok: Token) -> bool:
        return self.inside is not None and tok.idx < len(self.inside) and self.inside[tok.idx]

    def _speech(self, verb: Token, attr: str | None, drop: set[int]) -> bool:
        """Handle "X said <content>"; False when `verb` reports nothing we can split off."""
        content = content_of(verb)
        if content is None or levels(attr) >= 2 or not_said(verb):
            return False
        tag = self._relay_tag(verb, content)
        if tag is not None:
            # "X said ..., the TASS news agency reported.": X says it, the agency relays it.
            outer, _ = self._speaker(tag)
            if outer and not attr:
                attr = outer
            drop = drop | _tag_ids(tag)
            if content.i == tag.i:
                content = content_of(tag)
        name, subj = self._speaker(verb)
        if name:
            self.speakers.append(name)
        if subj is not None and subj.i not in drop and verb.dep_ != "relcl":
            self._noun_facts(subj, attr, drop)
        own = self._reporters_acts(verb, content)
        own_ids = set().union(*(_subtree_ids(c) | _joiners(c) for c in own)) if own else set()
        self._clause(content, combine(name, attr), name, drop | own_ids, _object_as_subject(verb, content))
        subject = span_text(phrase_tokens(subj)) if subj is not None else None
        for child in verb.children:
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and child.i not in drop and _joined(child):
                if continues_report(verb, content, child, self._quoted(verb)):  # "said A, and that B"
                    said_subject = continued_subject(child, content, name, self.ctx)
                    self._clause(child, combine(name, attr), name, drop, said_subject)
                else:
                    self._clause(child, attr, None, drop, self._subject_text(child))
        for child in own:
            # "Clark said A - ... - but said B": a second report of the same speaker, whose own
            # subject the parse does not reach
            if name and is_speech_verb(child) and content_of(child) is not None:
                self._given[child.i] = name
            self._clause(child, attr, None, drop, subject)
        return True

    def _relay_tag(self, verb: Token, content: Token) -> Token | None:
        """The closing ", Y reported." of "X said ..., Y reported.": a speech verb after `verb`,
        with its own subject set off by a comma and nothing after it but punctuation. The parser
        hangs it on "said" either as what X said (its own complement being X's words) or as a
        second complement beside X's words; either way Y relays what X said."""
        for tag in verb.children:
            if tag.i <= verb.i or tag.dep_ not in ("ccomp", "parataxis") or not is_speech_verb(tag):
                continue
            subj = next((c for c in tag.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or subj.i > tag.i:
                continue
            comma = subj.left_edge.i - 1
            if comma <= verb.i or self.sent.doc[comma].text != ",":
                continue
            if not all(t.is_punct for t in self.sent.doc[tag.right_edge.i + 1 : self.sent.end]):
                continue
            inner = content_of(tag)
            if tag.i == content.i:
                if inner is not None and verb.i < inner.left_edge.i and inner.right_edge.i < comma:
                    return tag
            elif inner is None and (content.i < verb.i or verb.i < content.left_edge.i < comma):
                return tag
        return None

    def _said_after_participle(self, conj: Token) -> tuple[str | None, str | None] | None:
        """(speaker, subject) when `conj` continues the report of a speech participle on the same
        verb: "Rubio flipped his choice - saying he was rooting for Manning but would now root for
        North Carolina" (the parser hangs "would now root" on "flipped")."""
        for verb in conj.head.children:
            if verb.dep_ not in ("advcl", "xcomp") or verb.i > conj.i or not is_speech_verb(verb):
                continue
            content = content_of(verb)
            if content is None or not_said(verb) or not continues_report(verb, content, conj, self._quoted(verb)):
                continue
            name, _ = self._speaker(verb)
            return name, continued_subject(conj, content, name, self.ctx)
        return None

    @staticmethod
    def _reporters_acts(verb: Token, content: Token) -> list[Token]:
        """"X said there could be ..., and underscored ...": the parser often hangs the second
        verb on the reported clause; a subjectless past-tense conjunct of a clause whose own
        verb is not in the past tense belongs to the speech verb (X underscored ...)."""
        if verb.tag_ != "VBD" or content.tag_ == "VBD":
            return []
        return [
            c for c in content.children
            if c.dep_ == "conj" and c.tag_ == "VBD" and not _has_subject(c)
        ]

    # -- facts hanging on nouns -------------------------------------------------------
    def _noun_facts(self, noun: Token, attr: str | None, drop: set[int]) -> set[int]:
        """Role appositives and non-restrictive relative clauses of `noun`; returns removed ids."""
        removed: set[int] = set()
        for child in noun.children:
            if child.i in drop:
                continue
            if child.dep_ == "appos":
                if not self.misread_subject and self._role(noun, child, attr):
                    removed |= _subtree_ids(child)
            elif child.dep_ == "acl" and self._participle_fact(noun, child, attr, drop):
                removed |= _subtree_ids(child)
            elif child.dep_ == "relcl" and _comma_before(child):
                rel = [c for c in child.children if c.lower_ in _RELATIVE]
                if not rel or _cleft(noun) or _clitic_after(rel[0]):
                    continue
                if rel[0].lower_ == "which" and _nested_in_phrase(noun):
                    continue  # "appetite for dollar assets, which helped ...": which noun is meant is unsure
                if rel[0].head.i != child.i:
                    continue  # "which she has said was a mistake": the pronoun is inside what was said
                said = content_of(child) if is_speech_verb(child) else None
                if said is not None and not _has_subject(said):
                    continue  # "which she has said was a mistake": what was said has no subject but "which"
                if rel[0].dep_ not in ("nsubj", "nsubjpass") and said is None:
                    # "Pennsylvania, which Trump won by 44,000 votes": without its object the clause
                    # says another thing ("Trump won by 44,000 votes"); it stays in its sentence
                    continue
                removed |= _subtree_ids(child)
                subject = _name_phrase(_relative_antecedent(noun, child, rel[0]))
                if is_speech_verb(child) and self._speech(child, attr, drop | {r.i for r in rel}):
                    continue
                if self._relative_role(noun, child, rel[0], attr):
                    continue
                self._clause(child, attr, None, drop | {r.i for r in rel} | _trailing_names(child), subject)
        return removed

    def _participle_fact(self, noun: Token, acl: Token, attr: str | None, drop: set[int]) -> bool:
        """"The telescope, nicknamed Tianyan, cost ..." -> "The telescope was nicknamed Tianyan":
        a past participle set off by commas is a fact about its noun. "NOUN is/was" is the only
        addition (the faithfulness gate's copula template); the tense follows the clause's verb,
        or a date in the participle ("The bridge, completed in 1932," -> "was completed")."""
        if acl.tag_ != "VBN" or is_speech_verb(acl) or any(c.dep_ in ("nsubj", "nsubjpass") for c in acl.children):
            return False
        own = _subtree_ids(acl)
        # Set off by commas right after its noun; a restrictive participle ("a pledge made
        # earlier this fall") says which thing is meant and stays in its clause, except as below.
        before = acl.left_edge.i - 2  # the word before the comma ends the noun's phrase
        set_off = _comma_before(acl) and noun.i <= before and before not in own and before in _subtree_ids(noun)
        if set_off and _nested_in_phrase(noun):
            return False  # "a big part of the story, coupled with ...": the story or the part?
        if not set_off and not self._predicate_detail(noun, acl):
            return False
        phrase = [t for t in phrase_tokens(noun) if t.i not in own]
        last = noun.i if set_off else acl.left_edge.i - 1  # "a dish of about 4,400 panels moved by"
        run = [t for t in phrase if t.i <= last and all(u.i in {p.i for p in phrase} for u in noun.doc[t.i : last + 1])]
        if not run or any(t.lower_ in PERSONAL or t.pos_ == "PRON" for t in run):
            return False
        plural = noun.tag_ in ("NNS", "NNPS")
        verb = noun.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        past = verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in verb.children if c.dep_ in ("aux", "auxpass"))
        past = past or any(noun.doc[i].ent_type_ == "DATE" for i in own)  # "completed in 1932"
        copula = ("were" if plural else "was") if past else ("are" if plural else "is")
        subject = _mid_sentence(run, span_text(run))
        self._clause(acl, attr, None, drop, f"{subject} {copula}")
        return True

    def _predicate_detail(self, noun: Token, acl: Token) -> bool:
        """"The telescope is a 500-metre dish of about 4,400 panels moved by more than 2,000
        winches": a restrictive participle with a number of its own, closing what the subject is
        said to be, is a fact of its own ("About 4,400 panels are moved by ..."); what is left
        ("... is a 500-metre dish of about 4,400 panels") still holds without it. Not in a subject
        or an object, where it says which thing is meant ("imports made in China")."""
        own = _subtree_ids(acl)
        if not any(noun.doc[i].ent_type_ in NUMERIC_ENTS for i in own):
            return False
        tok = noun
        while tok.dep_ in ("pobj", "prep", "conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ != "attr" or tok.head.lower_ not in _BE:
            return False
        # what is left must still say something checkable ("The law was a measure" does not)
        if not any(t.ent_type_ in NUMERIC_ENTS for t in tok.subtree if t.i not in own):
            return False
        rest = noun.doc[acl.right_edge.i + 1 : self.sent.end]
        return all(t.is_punct for t in rest)  # closes the sentence: the claim keeps one span

    def _relative_role(self, noun: Token, verb: Token, rel: Token, attr: str | None) -> bool:
        """"Ratner, who was ... deputy national security advisor" -> a role claim."""
        if verb.lower_ not in ("is", "was") or not _is_person(phrase_tokens(noun)):
            return False
        if not any(c.dep_ == "attr" for c in verb.children):
            return False
        toks = [t for t in verb.subtree if t.i != rel.i and not t.is_punct]
        name = self.ctx.see_person(span_text(phrase_tokens(noun)))
        rest = span_text([t for t in toks])
        self.ctx.new_role(role_key(name), title_key(rest))
        self.units.append(Unit(toks, attr, role=True, role_text=f"{name} {rest}"))
        return True

    def _role(self, noun: Token, appos: Token, attr: str | None) -> bool:
        """Adds "X is Y"; True when the appositive was the description (drop it from the clause).
        None in a verbless address list ("Mr. Speaker, Senator Barron, ...") or a list of
        people ("the company's founder, John Smith and the mayor")."""
        if _address_list(self.sent):
            return False
        head_toks = _speaker_words(phrase_tokens(noun))
        app_toks = [t for t in appos.subtree if not (t.is_punct and t.i in (appos.left_edge.i, appos.right_edge.i))]
        if any(t.dep_ == "conj" and t.head.i in (noun.i, appos.i) for t in head_toks + app_toks):
            return False  # a list of people, not a description ("the founder, John Smith and ...")
        head_person = _is_person(head_toks) or self._known_name(head_toks, app_toks)
        if not (head_person or _is_person(app_toks) or self._known_name(app_toks, head_toks)):
            return False
        name_toks, desc_toks, described = head_toks, app_toks, True
        named_head = noun.pos_ == "PROPN" and appos.pos_ != "PROPN"  # "Rendell, a stalwart Clinton supporter"
        if not named_head and (not head_person or (noun.pos_ != "PROPN" and appos.pos_ == "PROPN")):
            if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "for", "to") and noun.head.head.pos_ in ("NOUN", "PROPN"):
                # "the candidate for governor, Wayne Stenehjem", "the wife of the mayor, Jane Doe": the
                # name may belong to the whole phrase ("talks with an official, Choe Hon Sui" does not)
                return False
            name_toks, desc_toks, described = phrase_tokens(appos), head_toks, False
        if not any(len(t.text) > 1 and t.is_alpha for t in desc_toks) or _PARTY_TAG.match(span_text(desc_toks)):
            return False  # "Sen. Bernie Sanders (I-Vt.)", "(R-TX)": a party and state tag, no description
        if _closes_relative(noun, appos) or _dash_comment(appos):
            return False
        if noun.ent_type_ == "PERSON" and appos.ent_type_ == "PERSON":
            return False  # two people named side by side ("Ted Cruz 1, John Kasich 2"), neither describes the other
        if _place_tag(appos, desc_toks):
            return False  # "Sen. Ted Cruz (Tex.)", "Sen. Sherrod Brown (Ohio)": the state, no description
        if any(t.ent_type_ in ("PERCENT", "MONEY") for t in desc_toks) or noun.ent_type_ == "GPE":
            return False  # "Wyoming (Obama approval 26 percent, ...)": figures about a place, no role
        name = span_text(name_toks)
        desc = _mid_sentence(desc_toks, span_text(desc_toks).rstrip(" ,"))
        if not name or not desc or name == desc:
            return False
        former = desc.lower().startswith(("former", "the former", "a former"))
        verb = "was" if former or past_mention(noun) else "is"
        name = self.ctx.see_person(name)
        self.ctx.new_role(role_key(name), title_key(desc))  # a later preposed title need not repeat it
        self.units.append(
            Unit(sorted(set(head_toks) | set(app_toks), key=lambda t: t.i), attr,
                 role=True, role_text=f"{name} {verb} {desc}")
        )
        return described

    def _known_name(self, name: list[Token], desc: list[Token]) -> bool:
        """A name the parser did not tag as a person but the article already gave in full
        ("North Korea's negotiator, Choe," after "Choe Hon Sui"), described by a title word."""
        words = [t for t in name if not t.is_punct]
        return bool(words) and all(t.pos_ == "PROPN" for t in words) and (
            words[-1].text in self.ctx.full_names and any(t.lower_ in TITLE_WORDS for t in desc)
        )

    # -- clauses ------------------------------------------------------------------------
    def _subject_text(self, verb: Token) -> str | None:
        if _has_subject(verb):
            return None
        subj = subject_of(verb)
        return span_text(phrase_tokens(subj)) if subj is not None else None

    def _conj_subject(self, verb: Token) -> str | None:
        """The subject a conjoined verb shares, with the auxiliaries and negation it shares too:
        "The telescope cost ..., was nicknamed Tianyan" -> "The telescope was nicknamed Tianyan";
        "did not reopen and expand" -> "... did not expand". Never the verb without them."""
        subject = self._subject_text(verb)
        subj = subject_of(verb)
        if subject is not None and subj is not None:
            neg = verb.doc[subj.left_edge.i - 1] if subj.left_edge.i > verb.sent.start else None
            if neg is not None and neg.dep_ == "neg" and neg.head.i == verb.head.i:
                subject = f"{neg.text} {subject}"  # "Not everyone can afford ... or wants ...": not everyone wants
        if subject is None or verb.tag_ in _FINITE:
            return subject
        if any(c.dep_ in _AUX_DEPS and c.i < verb.i and (c.tag_ == "MD" or c.tag_ in _FINITE) for c in verb.children):
            return subject  # its own "was" / "will"; a bare "be" ("should play ... and be rallying") shares "should"
        first = verb.head
        shared = [c for c in first.children if c.dep_ in _AUX_DEPS and c.i < first.i]
        while first.dep_ == "conj" and not any(c.tag_ in _FINITE for c in shared) and first.tag_ not in _FINITE:
            # "should lead ..., be rallying ... and pulling ...": the modal sits on the first verb of the chain
            first = first.head
            shared = [c for c in first.children if c.dep_ in _AUX_DEPS and c.i < first.i] + shared
        joins = [c for c in (*first.children, *verb.children) if c.dep_ == "cc" and c.i < verb.i]
        if any(c.lower_ in ("but", "yet") for c in joins):
            shared = [c for c in shared if c.dep_ != "neg"]  # "did not reopen but expanded"
        if first.tag_ not in _FINITE and not shared:
            return None  # "cost ... and took" is finite; a bare participle has nothing to share
        return " ".join([subject, *(t.text for t in shared)]) if shared else subject

    def _clause(self, head: Token, attr: str | None, speaker: str | None, drop: set[int],
                subject: str | None) -> None:
        if head.i in self._heads:
            return  # each clause gives its unit once, whatever path the parse offers to it
        self._heads.add(head.i)
        if is_speech_verb(head) and self._speech(head, attr, drop):
            return
        removed: set[int] = set(drop)
        # A parenthetical speech verb ("North Korea says," / "he added,") names the speaker.
        for child in head.children:
            if (
                child.dep_ == "parataxis" or self._trailing_tag(child, head)
            ) and is_speech_verb(child) and content_of(child) is None:
                name, _ = self._speaker(child)
                if name:
                    self.speakers.append(name)
                    attr, speaker = combine(name, attr), name
                # A trailing tag loses only its own words: a clause the parser hung on it
                # (", when an auditor flagged ...") stays in the claim.
                tag = self._trailing_tag(child, head)
                removed |= _tag_ids(child) if tag else _subtree_ids(child)
        deferred: list[tuple[Token, str | None]] = []
        carried: dict[int, tuple[str | None, str | None]] = {}  # conjunct -> (attribution, speaker)
        for tok in head.subtree:
            if tok.i in removed or tok is head:
                continue
            dep = tok.dep_
            if dep == "conj" and tok.pos_ in ("VERB", "AUX") and (
                tok.head.i == head.i or tok.tag_ in _FINITE or _has_subject(tok)
            ) and _joined(tok) and not _shared_complement(tok) and not _conditioned(tok, head):
                ids = _subtree_ids(tok)
                lead = _subordinate_lead(head, tok)
                j = tok.left_edge.i - 1
                while not lead and j > head.left_edge.i and (tok.doc[j].dep_ == "cc" or tok.doc[j].is_punct):
                    ids.add(j)
                    j -= 1
                removed |= ids - lead
                said = self._said_after_participle(tok)
                if said is not None:
                    carried[tok.i] = (combine(said[0], attr), said[0])
                deferred.append((tok, said[1] if said is not None else self._conj_subject(tok)))
            elif dep == "advcl" and _has_subject(tok) and any(
                c.lower_ in _CONTRAST_MARKS for c in tok.children if c.dep_ == "mark"
            ):
                removed |= _subtree_ids(tok)
                deferred.append((tok, None))
            elif dep == "advcl" and is_speech_verb(tok) and content_of(tok) is not None and not _compares(tok):
                removed |= _subtree_ids(tok)
                deferred.append((tok, None))
            elif dep in ("appos", "relcl", "acl") and tok.head.i not in removed:
                removed |= self._noun_facts(tok.head, attr, removed)
        tokens = [t for t in head.subtree if t.i not in removed]
        if subject is not None and all(t.i == head.i or t.is_punct for t in tokens):
            tokens = []  # "a name such as Walsh attracts" is no "Secretary Clinton attracts"
        if tokens and not _bare_tag(head, tokens):
            self.units.append(Unit(tokens, attr, speaker, subject))
        for tok, subj in deferred:
            tok_attr, tok_speaker = carried.get(tok.i, (attr, speaker))
            # Only the joining word goes: "though only after they showed ..." keeps "only after".
            mark = [c for c in tok.children if c.dep_ == "mark"]
            if len(mark) > 1:
                mark = [m for m in mark if m.lower_ in _CONTRAST_MARKS]
            # "even though he has left" -> "he has left": "even" goes with its "though"
            mark += [tok.doc[m.i - 1] for m in mark if m.i > 0 and tok.doc[m.i - 1].lower_ == "even"]
            # a name closing the relative clause this conjunct ends is not part of it
            closing = _trailing_names(tok.head) if tok.dep_ == "conj" and tok.head.dep_ == "relcl" else set()
            self._clause(tok, tok_attr, tok_speaker, removed - _subtree_ids(tok) | closing | {m.i for m in mark}
                         | _subordinate_lead(head, tok), subj if subj is not None else subject)
