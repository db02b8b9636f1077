"""Who "he" or "she" is when they speak: a learned mention-ranking model.

"..., he said" in news is usually the last person quoted, but not always: the article may have
turned to someone else, a woman may be "she" after a man spoke, or nobody named may fit. The
resolver keeps, as the article is read, every person named (PERSON entities) with where they were
last named, whether as a subject or inside a quotation, when they last spoke, and what the article
itself says of their gender (Mr./Mrs./Ms., "congresswoman", "his"/"her" in a sentence naming
them alone). For a speaker pronoun, each person named in the last WINDOW sentences is scored by a
log-linear model against a "nobody clear" option (softmax over the candidates and that option);
the best person is named only when the model gives them at least `threshold`, else the pronoun
stays as written: a claim given to the wrong person is worse than "he". The model itself (features,
weights, the agreement filter) is in pronoun_model.py.

The weights, the threshold and a first-name gender table are learned from PolNeAR's train split
(bench/learn_pronouns.py; resources/claims/pronoun_speakers.json); without the file the rule in
attribution.Context (last speaker, else last person) stands. A name the table does not know
gets no gender from it: distance, speaking turns, subjecthood and the article's own gender words
still rank it.

Works on spaCy tokens but imports nothing from spaCy (duck-typed). The cost is linear in the
article: a pronoun looks only at persons named in the last WINDOW sentences.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from workbench.claims.pronoun_model import (  # noqa: F401  (Event, Candidate: what training logs)
    FAR,
    Candidate,
    Event,
    Model,
    choose,
    load_model,
    person_key,
    pronoun_gender,
)
from workbench.claims.attribution import is_name, phrase_tokens
from workbench.claims.descriptions import as_speaker, bare_name, best_match, description, role_words, title_words
from workbench.claims.titles import name_words, title_word

Token = Any
WINDOW = 30  # sentences: a person named further back is no candidate
MAX_CANDIDATES = 12  # the most recently named; keeps a pronoun's cost bounded
_GENDER_WORDS = {
    "mr": "m", "mister": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "dame": "f",
    "congressman": "m", "congresswoman": "f", "spokesman": "m", "spokeswoman": "f",
    "chairwoman": "f", "councilman": "m", "councilwoman": "f", "assemblyman": "m",
    "assemblywoman": "f", "businessman": "m", "businesswoman": "f", "congresswomen": "f",
    "king": "m", "queen": "f", "prince": "m", "princess": "f", "lady": "f", "actress": "f",
    "husband": "m", "wife": "f", "father": "m", "mother": "f", "son": "m", "daughter": "f",
    "brother": "m", "sister": "f", "uncle": "m", "aunt": "f", "grandmother": "f", "grandfather": "m",
    "widow": "f", "widower": "m", "girlfriend": "f", "boyfriend": "m",
}
_HONOURED = frozenset({"mr", "mrs", "ms", "miss"})
_SUBJECT = frozenset({"nsubj", "nsubjpass"})


def _full_key(name: str) -> str:
    """"President Bill Clinton" and "Bill Clinton" are one key: the name without titles."""
    words = [w for w in name.lower().split() if not title_word(w.rstrip("."))]
    return " ".join(words or name.lower().split())


def _subject(tok: Token) -> bool:
    """A subject, or in apposition to one ("North Korea's negotiator, Choe, attended")."""
    return tok.dep_ in _SUBJECT or (tok.dep_ == "appos" and tok.head.dep_ in _SUBJECT)


_TITLE_GENDERS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


@dataclass
class Person:
    name: str  # the longest form the article gave
    key: str
    sentence: int  # last named (sentence number in the article)
    paragraph: int
    mentions: int = 0
    subject_at: int = -FAR  # last sentence naming them as a subject
    spoke_at: int = -FAR  # last sentence in which they spoke
    quoted: bool = False  # last named inside a quotation
    votes: dict[str, int] = field(default_factory=lambda: {"m": 0, "f": 0})
    first: str = ""  # first name, lower case ("" when only a surname was seen)
    # What the article calls them (descriptions.py): a role's head word -> the name as written
    # with it ("president" -> "Obama", not "Michelle Obama" of the same surname), and every word.
    role_names: dict[str, str] = field(default_factory=dict)
    roles: set[str] = field(default_factory=set)


@dataclass
class Mention:
    key: str
    name: str
    token: int  # index in the paragraph's doc
    subject: bool
    quoted: bool
    gender: str | None  # from an honorific or gendered role word before the name
    first: str
    votes: list[str] = field(default_factory=list)  # "m"/"f" from pronouns in the sentence
    spoke: bool = False
    role: tuple[set[str], set[str]] = (frozenset(), frozenset())  # (heads, words), descriptions.Role
    written: str = ""  # the name as this mention writes it, titles aside



class PronounResolver:
    """Persons named so far in one article, and the resolution of its speaker pronouns."""

    def __init__(self, model: Model | None = None, log: list[Event] | None = None) -> None:
        self.model = model if model is not None else load_model()
        self.log = log  # training: every speaker pronoun's Event
        self.persons: OrderedDict[str, Person] = OrderedDict()  # least recently named first
        self.pending: list[Mention] = []  # this sentence's, committed when the next one starts
        self.sentence = -1
        self.paragraph = -1
        self.offset = 0
        self.paragraph_first = 0  # first sentence number of this paragraph
        self.most = 0
        self.ambiguous: set[str] = set()  # surnames two people share
        self.inside: list[bool] = []  # quotation marks' reach in the paragraph being read

    # -- reading ----------------------------------------------------------------------
    def new_paragraph(self, offset: int) -> None:
        self._commit()
        self.paragraph += 1
        self.offset = offset
        self.paragraph_first = self.sentence + 1

    def _key(self, name: str) -> str:
        """The surname, or the full name when two people share the surname (Context.ambiguous)."""
        key = person_key(name)
        return _full_key(name) if key in self.ambiguous else key

    def _shared_surnames(self, ambiguous: set[str]) -> None:
        """Once two people of one surname are named ("Bill Clinton", "Hillary Clinton"), each is
        their own person, keyed by full name; the one known so far by the surname alone moves to
        the key of the full name they were given."""
        if ambiguous == self.ambiguous:
            return
        self.ambiguous = ambiguous
        moved: OrderedDict[str, Person] = OrderedDict()
        for key, person in self.persons.items():
            if key in ambiguous and len(person.name.split()) > 1:
                key = person.key = _full_key(person.name)
            moved.setdefault(key, person)
        self.persons = moved

    def read_sentence(self, sent: Any, inside: list[bool], ctx: Any) -> None:
        """Note the persons this sentence names (the Context gives the article's full forms)."""
        self._shared_surnames({a.lower() for a in ctx.ambiguous})
        self.inside = inside
        self._commit()
        self.sentence += 1
        titles = title_words(sent)
        for ent in self._person_spans(sent, ctx.full_names):
            words = [t for t in ent if not t.is_punct]
            if not words or not is_name(ent.text):
                continue
            before_name = sent.doc[ent.start - 1] if ent.start > sent.start else None
            if len(words) == 1 and before_name is not None and before_name.lower_.rstrip(".") in _HONOURED:
                name = ctx.see_person(f"{before_name.text} {ent.text}")  # "Mr. Clinton": which Clinton
            else:
                name = ctx.see_person(ent.text)
            self._shared_surnames({a.lower() for a in ctx.ambiguous})  # this name may make it so
            key = self._key(name)
            if not key or not key[:1].isalpha():
                continue
            before = [sent.doc[i].lower_.rstrip(".") for i in range(max(sent.start, ent.start - 3), ent.start)]
            inner = [t.lower_.rstrip(".") for t in words[:-1]]
            gender = next((_GENDER_WORDS[w] for w in reversed(before + inner) if w in _GENDER_WORDS), None)
            titled = [i for i, t in enumerate(words[:-1]) if title_word(t.text.rstrip("."))]
            given = words[titled[-1] + 1 : -1] if titled else words[:-1]  # "Sen. Marco Rubio": marco
            first = given[0].lower_ if given and given[0].is_alpha and len(given[0].text) > 1 else ""
            heads, roles = role_words(sent, ent) if ent.label_ == "PERSON" else (set(), set())
            for name_toks, (title_heads, title_roles) in titles:
                if name_toks[-1].i == words[-1].i:
                    heads, roles = heads | title_heads, roles | title_roles
            self.pending.append(Mention(
                key, name, ent.start, any(_subject(t) for t in ent),
                ent.start_char < len(inside) and inside[ent.start_char], gender, first, role=(heads, roles),
                written=" ".join(t.text for t in name_words(ent)),
            ))
        self._pronoun_votes(sent, inside)
        self._description_mentions(sent, inside)

    def _person_spans(self, sent: Any, known: dict[str, str]) -> list[Any]:
        """PERSON entities, and a known person's name the tagger did not call one ("Jones
        disagreed", "Choe" after "Choe Hon Sui", "Sanders says" read as a plural noun), but not
        as a modifier ("the Jones campaign")."""
        spans = [ent for ent in sent.ents if ent.label_ == "PERSON"]
        for tok in sent:
            if tok.ent_type_ == "PERSON" or tok.dep_ == "compound":
                continue
            misread = tok.tag_ in ("NN", "NNS", "NNPS") and tok.text[:1].isupper() and tok.text in known
            if misread or (tok.pos_ == "PROPN" and (tok.lower_ in self.persons or tok.text in known)):
                spans.append(sent.doc[tok.i : tok.i + 1])
        return sorted(spans, key=lambda span: span.start)

    def _pronoun_votes(self, sent: Any, inside: list[bool]) -> None:
        """A sentence naming one person alone, as its subject, and saying "his"/"her"/"herself"
        after the name outside quotes tells their gender ("Clinton presented her plan"); "he",
        "she", object "her" and "him" could be someone else."""
        keys = {m.key for m in self.pending}
        if len(keys) != 1 or not any(m.subject for m in self.pending):
            return
        first = min(m.token for m in self.pending)
        for tok in sent:
            if tok.i <= first or (tok.idx < len(inside) and inside[tok.idx]):
                continue
            if tok.tag_ == "PRP$" or tok.lower_ in ("himself", "herself"):
                gender = pronoun_gender(tok.lower_)
                if gender:
                    self.pending[0].votes.append(gender)

    def _commit(self) -> None:
        for m in self.pending:
            if m.key in self.ambiguous and len(m.name.split()) > 1:
                m.key = _full_key(m.name)  # the name that made the surname shared came after it
            person = self.persons.pop(m.key, None) or Person(m.name, m.key, self.sentence, self.paragraph)
            if len(m.name) > len(person.name):
                person.name = m.name
            person.sentence, person.paragraph = self.sentence, self.paragraph
            person.mentions += 1
            person.quoted = m.quoted
            person.first = m.first or person.first
            if m.subject:
                person.subject_at = self.sentence
            if m.spoke:
                person.spoke_at = self.sentence
            if m.gender:
                person.votes[m.gender] += 2  # an honorific or role word outweighs one pronoun
            for g in m.votes:
                person.votes[g] += 1
            for head in m.role[0]:
                person.role_names[head] = m.written or m.name
            person.roles |= m.role[1]
            self.persons[m.key] = person
            self.most = max(self.most, person.mentions)
        self.pending = []

    def spoke(self, speakers: list[str], ctx: Any) -> None:
        """The sentence's speakers (names as the engine gives them) have spoken now. A named
        speaker the tagger did not call a person ("Nefzi said") becomes one; groups, bodies and
        pronouns left as written (the Context's `unnamed` and `bodies`) do not."""
        for speaker in speakers:
            speaker = bare_name(speaker.split(" (according to ")[0])
            key = self._key(speaker)
            person = self.persons.get(key)
            if person is not None:
                person.spoke_at = self.sentence
            here = [m for m in self.pending if m.key == key]
            for m in here:
                m.spoke = True
            words = speaker.split()
            named = 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)
            group = speaker in ctx.unnamed or speaker in ctx.bodies or pronoun_gender(speaker) is not None
            if person is None and not here and named and not group:
                self.pending.append(Mention(key, speaker, -1, True, False, None, "", spoke=True))

    def _description_mentions(self, sent: Any, inside: list[bool]) -> None:
        """A description the article has tied to a person ("the senator" after "Sen. Ted
        Cruz") is a mention of them: they are named again, as a subject or not."""
        for tok in sent:
            if tok.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                continue
            if tok.ent_type_ or any(m.token <= tok.i for m in self.pending if m.token >= 0 and m.token == tok.i):
                continue
            key = self._described(phrase_tokens(tok), tok.i)
            if key is None:
                continue
            person = self.persons.get(key)
            name = person.name if person is not None else next(m.name for m in self.pending if m.key == key)
            self.pending.append(Mention(key, name, tok.i, _subject(tok),
                                        tok.idx < len(inside) and inside[tok.idx], None, ""))

    def _described(self, tokens: list[Token], before: int) -> str | None:
        """The key of the person a definite description names (descriptions.py), from persons
        named earlier in this sentence (before token `before`) or in the last WINDOW sentences."""
        found = description(tokens) if tokens else None
        if found is None:
            return None
        cands: list[tuple[str, tuple[set[str], set[str]]]] = []
        seen: set[str] = set()
        for m in reversed(self.pending):
            if 0 <= m.token < before and m.key not in seen:
                seen.add(m.key)
                known = self.persons.get(m.key) or Person(m.name, m.key, 0, 0)
                cands.append((m.key, (m.role[0] | set(known.role_names), m.role[1] | known.roles)))
        for person in reversed(self.persons.values()):
            if self.sentence - person.sentence > WINDOW:
                break
            if person.key not in seen:
                cands.append((person.key, (set(person.role_names), person.roles)))
        return best_match(found, cands)

    def described(self, tokens: list[Token], written: str) -> str | None:
        """The speaker for a description ("the senator said" -> "Ted Cruz (the senator)"), or
        None to keep it as written."""
        if not tokens or not hasattr(tokens[0], "idx"):
            return None
        key = self._described(tokens, tokens[0].i)
        found = description(tokens)
        if key is None or found is None:
            return None
        # The name as the article wrote it with this role: "President Obama" is "Obama", whoever
        # else of that surname ("Michelle Obama") the article named in full.
        here = [m.written or m.name for m in reversed(self.pending) if m.key == key and found[0] in m.role[0]]
        person = self.persons.get(key)
        name = here[0] if here else person.role_names.get(found[0], "") if person is not None else ""
        name = name.removesuffix("\u2019s").removesuffix("'s")
        words = name.split()
        if not 0 < len(words) <= 5 or not all(w[:1].isupper() for w in words):
            return None  # the tagger's "hillary Clinton", "Obama Just Pulled Out"
        return as_speaker(name, written)

    # -- resolving --------------------------------------------------------------------
    def _quoted(self, idx: int) -> bool:
        return idx < len(self.inside) and self.inside[idx]

    def clashes(self, name: str, pronoun: str) -> bool:
        """Is `name` someone the article (or, when it says nothing, a one-sided first name) shows
        to be of the other gender than `pronoun`? ("precious to him" is never Sarah Palin.)"""
        want = pronoun_gender(pronoun)
        if want is None:
            return False
        person = self.persons.get(self._key(name))
        gender = None
        if person is not None:
            votes = person.votes
            gender = None if votes["m"] == votes["f"] else "m" if votes["m"] > votes["f"] else "f"
        # a person not yet read as one (the sentence naming them is being read): the name itself
        words = name.replace(".", "").split()
        first = person.first if person is not None else (words[0].lower() if words else "")
        if gender is None and first in _TITLE_GENDERS:
            gender = _TITLE_GENDERS[first]
        if gender is None and self.model is not None and first in self.model.names:
            female = self.model.names[first]
            gender = "f" if female >= self.model.min_share else "m" if female <= 1 - self.model.min_share else None
        return gender is not None and gender != want

    def narrative_names(self, sent: Any, last_speaker: str | None, rule: str | None) -> dict[int, str]:
        """Names for the "he"/"she"/"him"/"her"/"his" of this sentence's narration (outside quotes),
        ranked as speaker pronouns are, with `rule` (the last person named) as the rule's answer; a
        pronoun no one is clear for is left out. Read with the sentence, before later ones move the
        persons on; never logged for training (the model learns from speaker pronouns only)."""
        names: dict[int, str] = {}
        if self.model is None:
            return names
        for tok in sent:
            if pronoun_gender(tok.lower_) is None or tok.lower_ in ("hers", "himself", "herself") or self._quoted(tok.idx):
                continue
            name = choose(self.model, self.event(tok, False, last_speaker, rule))
            if name != tok.lower_ and pronoun_gender(name) is None:
                names[tok.i] = name
        return names

    def resolve(self, pron: Token, quoted: bool, last_speaker: str | None, rule: str | None,
                speaker_unnamed: bool = False) -> str | None:
        """A name for the speaker pronoun `pron`, the pronoun itself when no one is clear, or
        `rule` (the hand-written answer) when there is no learned model."""
        low = pron.lower_
        if pronoun_gender(low) is None:
            return rule
        event = self.event(pron, quoted, last_speaker, rule, speaker_unnamed)
        if self.log is not None:
            self.log.append(event)
        if self.model is None:
            return rule
        name = choose(self.model, event)
        person = self.persons.get(self._key(name)) if name != low else None
        if person is not None:
            person.votes[pronoun_gender(low) or "m"] += 1  # the article's own word for them now
        return name

    def event(self, pron: Token, quoted: bool, last_speaker: str | None, rule: str | None,
              speaker_unnamed: bool = False) -> Event:
        speaker_key = self._key(last_speaker.split(" (according to ")[0]) if last_speaker else None
        rows: list[tuple[int, Person, Mention | None]] = []
        # Earlier in this sentence, but not inside a quotation the pronoun is outside of: a name
        # in what is said is not who says it ('"Obama lied," he said').
        outside = not self._quoted(pron.idx)
        here = {m.key: m for m in self.pending if m.token < pron.i and not (outside and m.quoted)}
        for key, m in here.items():
            rows.append((0, self.persons.get(key) or Person(m.name, key, self.sentence, self.paragraph), m))
        for person in reversed(self.persons.values()):
            if self.sentence - person.sentence > WINDOW:
                break
            if person.key not in here:
                rows.append((self.sentence - person.sentence, person, None))
        cands = []
        for rank, (dist, person, m) in enumerate(rows):
            if len(cands) >= MAX_CANDIDATES:
                break
            subject_at = self.sentence if m is not None and m.subject else person.subject_at
            spoke_at = self.sentence if m is not None and m.spoke else person.spoke_at
            votes = dict(person.votes)
            if m is not None and m.gender:
                votes[m.gender] += 2
            gender = None if votes["m"] == votes["f"] else "m" if votes["m"] > votes["f"] else "f"
            first = (m.first if m is not None else "") or person.first
            name = m.name if m is not None and len(m.name) > len(person.name) else person.name
            cands.append(Candidate(
                name=name,
                dist=dist,
                paragraphs=self.paragraph - (self.paragraph if m is not None else person.paragraph),
                subject_dist=min(FAR, self.sentence - subject_at),
                spoke_dist=min(FAR, self.sentence - spoke_at),
                last_speaker=speaker_key == person.key,
                mentions=person.mentions + (m is not None),
                rank=rank,
                quoted=m.quoted if m is not None else person.quoted,
                article_gender=gender,
                first=first,
                top=self.most > 0 and person.mentions >= self.most,
            ))
        rule_key = self._key(rule) if rule and pronoun_gender(rule) is None else None
        if rule and rule_key and not any(self._key(c.name) == rule_key for c in cands):
            # The rule's answer the resolver never saw as a person ("the former president"):
            # a candidate of its own kind (no mentions), weighed by its own feature.
            cands.append(Candidate(rule, FAR, 0, FAR, FAR, rule_key == speaker_key, 0, len(cands),
                                   False, None, "", False))
        return Event(
            pronoun=pron.lower_,
            offset=self.offset + pron.idx,
            quoted=quoted,
            paragraph_start=self.sentence == self.paragraph_first,
            candidates=tuple(cands),
            rule=rule,
            speaker_unnamed=speaker_unnamed,
        )
