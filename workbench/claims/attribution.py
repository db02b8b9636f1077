"""Who makes a claim: speech verbs, "according to", speaker phrases, quotes, pronouns.

Works on spaCy tokens but imports nothing from spaCy (duck-typed), so only nlp.py loads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from workbench.claims.pronoun_model import name_gender
from workbench.claims.report_verbs import is_report_verb
from workbench.claims.quotes import QUOTE_CHARS, QUOTE_SPAN_LIMIT, quote_depths  # noqa: F401  (re-exported)
from workbench.claims.titles import title_word

Token = Any  # spacy.tokens.Token

_SPEECH_BASES = (
    "say tell add note report claim complain signal argue warn announce insist acknowledge "
    "speculate posit reaffirm forecast intimate "
    "confirm deny characterize characterise brief state explain write declare assert contend "
    "allege admit reveal testify inform stress emphasize emphasise reiterate disclose "
    "caution predict promise pledge vow recall observe concede suggest indicate exclaim quip "
    "retort lament muse recount"
).split()
_IRREGULAR = {"said", "says", "saying", "told", "tells", "telling", "wrote", "written", "writes",
              "writing", "signalled", "signalling", "briefed"}


def _forms(base: str) -> set[str]:
    stem = base[:-1] if base.endswith("e") else base
    if base.endswith("y") and base not in ("say",):
        return {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    return {base, base + "s", stem + "ed", stem + "ing", base + "es"}


SPEECH_VERBS = frozenset(_IRREGULAR.union(*(_forms(b) for b in _SPEECH_BASES)))
PERSONAL = {"he", "she", "him", "her"}
_DETACH = {"appos", "relcl", "punct", "cc"}


# "..., the study found." / "Official data showed on Friday that ...": a study or data set
# reports what it found as a person reports what they said. Only with such a subject: "found"
# and "showed" are ordinary verbs otherwise ("Police found the car in a lake").
DATA_VERBS = frozenset(
    "find finds found finding show shows showed shown showing conclude concludes concluded".split()
)
RESEARCH_NOUNS = frozenset(
    """study studies survey surveys report reports poll polls data figure figures analysis
    analyses research review reviews audit audits census statistics trial trials paper papers
    investigation investigations inquiry assessment assessments estimate estimates numbers
    count tally findings evaluation evaluations experiment experiments test tests
    measurements records projections documents filings disclosures results polling returns
    transcripts emails memos letters cables messages""".split()
)


# People whose findings are published results: "The authors found that ..." reports like "the
# study found"; "Investigators found that the brakes had failed" stays the article's account.
RESEARCHERS = frozenset("researchers authors scientists economists scholars academics".split())


def is_research_subject(tok: Token) -> bool:
    """A study, survey, report, poll, data set ... as a clause subject ("the study found")."""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ in RESEARCH_NOUNS and tok.pos_ in (
        "NOUN", "PROPN"
    )


_NOT_THIRD_PERSON = frozenset({"i", "we", "you"})
# "The judge ruled that ...", "The board determined that ...": a ruling stated with a that-clause
# by a named or described party reports that clause (a pronoun's - "he determined that the door
# was locked" - is a perception; "found that" stays an ordinary verb unless a study finds it).
# "The agency concluded that ..." is a stated conclusion too (a study's is a DATA_VERBS report).
FINDING_VERBS = frozenset("ruled rules determined determines concluded concludes".split())


def _finding(verb: Token) -> bool:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON" or subj.i > verb.i:
        return False
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > verb.i:
            first = child.doc[child.left_edge.i]
            if first.lower_ == "that" and first.dep_ == "mark" and first.head.i == child.i:
                return True
    return False


def is_speech_verb(tok: Token) -> bool:
    """Said, told, added ...; find/show/conclude with a study or data subject; and the report
    verbs learned from annotated news (report_verbs.py) with a third-person subject."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.lower_ in SPEECH_VERBS:
        return True
    if tok.lower_ in DATA_VERBS and any(is_research_subject(c) or (c.dep_ == "nsubj" and c.lower_ in RESEARCHERS)
                                        for c in tok.children):
        return True
    if tok.lower_ in FINDING_VERBS:
        return _finding(tok)
    if not is_report_verb(tok.lower_):
        return False
    subj = subject_of(tok)
    return subj is not None and subj.lower_ not in _NOT_THIRD_PERSON


DENIALS = frozenset("deny denies denied denying".split())
_NOBODY = frozenset("nobody none neither".split())


def not_said(verb: Token) -> bool:
    """"Officials never said that the plant would close", "The company denied that it dumped
    waste", "No one said ...": what follows is not what the speaker says, so it is no claim of
    theirs; the sentence stays whole (the denial is the checkable fact)."""
    if verb.lower_ in DENIALS:
        return True
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in ("never", "not")):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in _NOBODY or any(c.lower_ == "no" for c in child.children)
        ):
            return True
    return False


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, inherited through conj/advcl/xcomp chains when it has none."""
    seen = 0
    while verb is not None and seen < 6:
        # Two subjects is a misparse of an opening place ("Washington (AFP) – Hillary Clinton
        # has ...", "In Berea, OH, ... Gov. John Kasich said"): the one nearest the verb is it.
        children = list(verb.children)
        # A floating "both"/"all" is no subject of its own ("Officials ... both said").
        subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i and c.tag_ != "DT"]
        if len(subjects) > 1:
            children.insert(0, subjects[-1])
        elif subjects:
            children.insert(0, subjects[0])
        for child in children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in ("who", "which", "that"):
                return child
            if child.dep_ in ("nsubj", "nsubjpass"):  # relative pronoun: the noun it modifies
                return verb.head if verb.dep_ == "relcl" else None
        if verb.dep_ in ("conj", "advcl", "xcomp", "acl") and verb.head is not verb:
            verb = verb.head
            seen += 1
        else:
            return None
    return None


_NAME_ENTS = frozenset({"PERSON", "ORG", "NORP"})
_HUNG_NAME = frozenset({"appos", "conj", "pobj", "npadvmod", "compound", "dobj"})  # where a lost subject hangs
_MISREAD_VERB = frozenset({"nsubj", "dobj", "npadvmod", "pobj", "appos"})  # a verb read as a noun


def tag_subject(verb: Token) -> Token | None:
    """The subject of a speech verb, also where the parse lost it: a finite verb with no subject
    right after a name the parser hung elsewhere ("former president Bill Clinton said" with
    "Clinton" read as an appositive, "Sen. Elizabeth Warren (D-MA) said", "her adviser, Jake
    Sullivan, said:"); a participle set off by a comma the parser made a subject ("Flea shared
    the news, writing ...") speaks with the subject of the clause before it."""
    subj = subject_of(verb)
    if subj is not None or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
        return subj
    doc, j = verb.doc, verb.i - 1
    if verb.tag_ == "VBG" and verb.dep_ in _MISREAD_VERB and j >= verb.sent.start and doc[j].text == ",":
        root = verb.sent.root
        return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    if j >= verb.sent.start and doc[j].text == ")":
        while j > verb.sent.start and doc[j].text != "(":
            j -= 1
        j -= 1
    if j >= verb.sent.start and doc[j].text == ",":
        j -= 1
    if j < verb.sent.start:
        return None
    name = doc[j]
    if name.pos_ == "PROPN" and name.ent_type_ in _NAME_ENTS and name.dep_ in _HUNG_NAME:
        return name.head if name.dep_ == "compound" and name.head.i != verb.i else name
    return None


# "asked whether ...", "explained how ...": a reported question is no reported claim.
_QUESTION_WORDS = frozenset("whether if how why what when where who which".split())


_ADVERBIAL_MARKS = frozenset("after before because since when while although though once until as".split())

# Verbs that always name whom they tell. With no object the parser has folded the addressee into the
# reported clause's subject ("Trump tells 3,000 in Reno NFL has gone soft" read as "3,000 in Reno NFL
# has gone soft"): where the clause begins is unknown, so the sentence stays whole.
_ADDRESSEE_VERBS = frozenset(
    "tell tells told telling inform informs informed informing assure assures assured assuring "
    "remind reminds reminded reminding notify notifies notified notifying".split()
)


def _addressee_lost(verb: Token, clause: Token) -> bool:
    if verb.lower_ not in _ADDRESSEE_VERBS or clause.left_edge.i != verb.i + 1:
        return False
    return not any(c.dep_ in ("dobj", "dative", "iobj", "obj") for c in verb.children)


def content_of(verb: Token) -> Token | None:
    """The clause a speech verb reports: its ccomp, or a verbal parataxis/dobj quote; none when
    the clause is a question."""
    if any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children):
        return None  # "The man said to be the leader ... was arrested": a description, not a report
    for child in verb.children:
        if child.dep_ == "ccomp" and not any(
            c.dep_ == "mark" and c.lower_ in _ADVERBIAL_MARKS for c in child.children
        ):  # "In a statement released shortly after the senator suspended ..., Cruz said": when, not what
            first = child.doc[child.left_edge.i]
            # "asked whether ...", "Asked which issue matters to them most": a question, no claim
            wh_head = first.head.i == child.i or (first.dep_ == "det" and first.head.head.i == child.i)
            asks = first.lower_ in _QUESTION_WORDS and wh_head and first.i > verb.i
            if asks or _addressee_lost(verb, child):
                return None
            return child  # "If we give up ..., we will lose" is no question
    for child in verb.children:
        if child.dep_ == "parataxis" and child.pos_ in ("VERB", "AUX"):
            return child
    return None


def phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of `head` without appositives, relative clauses or punctuation edges."""
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ in ("appos", "relcl") or (child.dep_ == "punct" and child.i > head.i):
            drop.update(t.i for t in child.subtree)
        if child.dep_ == "acl" and any(c.dep_ == "punct" for c in head.children if c.i < child.i and c.i > head.i):
            drop.update(t.i for t in child.subtree)  # ", who ..." style acl after a comma
    # Keep only the contiguous run that contains the head.
    toks = [t for t in head.subtree if t.i not in drop]
    run: list[Token] = []
    for t in toks:
        if run and t.i != run[-1].i + 1:
            if run[0].i <= head.i <= run[-1].i:
                break
            run = []
        run.append(t)
    while run and (run[-1].is_punct or run[-1].dep_ == "cc"):
        run.pop()
    while run and (run[0].is_punct or run[0].dep_ == "cc"):
        run.pop(0)
    return run


def span_text(tokens: Iterable[Token]) -> str:
    toks = list(tokens)
    if not toks:
        return ""
    return "".join(t.text_with_ws for t in toks[:-1]) + toks[-1].text


def according_to(sent: Any) -> tuple[str, set[int]] | None:
    """("those sources", token ids to drop) for "..., according to those sources"."""
    for tok in sent:
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            to = next(c for c in tok.children if c.lower_ == "to")
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if not objs:
                continue
            source = span_text(phrase_tokens(objs[0]))
            drop = {t.i for t in tok.subtree}
            # The comma or dash that introduced it goes too.
            left = tok.i - 1
            if left >= sent.start and sent.doc[left].is_punct:
                drop.add(left)
            return source, drop
    return None


_OBJECT_CASE = {"he": "him", "she": "her", "they": "them", "it": "it"}


def combine(speaker: str | None, outer: str | None) -> str | None:
    """Two-level attribution: "North Koreans (according to those sources)"."""
    speaker = " ".join(speaker.split()) if speaker else speaker  # no-break spaces, runs of spaces
    outer = " ".join(outer.split()) if outer else outer
    if not speaker:
        return outer
    if not outer or outer == speaker:
        return speaker
    return f"{speaker} (according to {_OBJECT_CASE.get(outer, outer)})"


def levels(attribution: str | None) -> int:
    if not attribution:
        return 0
    return 2 if "(according to " in attribution else 1


# "Mr. Schmidt" after "Mike Schmidt" is him; "Mrs. Clinton" after "Bill Clinton" is not (gender
# is unseen, so Mrs./Ms. names stay as written).
_HONORIFICS = frozenset({"mr", "dr"})
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


# Words no name is made of: a tagger's "person" spanning them is a headline's words ("Trump
# Says He Never Pledged ..." tagged "Trump Says He Never"), not a full name to expand "Trump" to.
_NOT_NAME_WORDS = frozenset(
    """he she i we they it his her him them says said say tells told asks asked never not no to
    the a an and or is was are were will would has have had""".split()
)


def is_name(text: str) -> bool:
    return not any(w.strip(".,").lower() in _NOT_NAME_WORDS for w in text.split())


def _first_gender(full: str) -> str | None:
    """The gender the first-name table gives the first word of a full name that is no title."""
    words = [w for w in full.split() if not title_word(w.rstrip("."))]
    return name_gender(words[0]) if len(words) > 1 else None

PERSON_REACH = 1  # person_age at most this: named in one of the two sentences before


@dataclass
class Context:
    """What the article has told us so far: names, the last speaker, the salient person."""

    full_names: dict[str, str] = field(default_factory=dict)  # surname -> longest full name
    relatives: dict[str, list[str]] = field(default_factory=dict)  # surname -> every full name given
    ambiguous: set[str] = field(default_factory=set)  # surnames of two people ("Kennedy")
    last_speaker: str | None = None
    last_person: str | None = None
    person_age: int = 0  # sentences read since last_person was the subject of one
    speaker_age: int = 0  # sentences read since last_speaker spoke
    speaker_before: str | None = None  # last_speaker when the paragraph being read began
    roles: dict[str, list[frozenset[str]]] = field(default_factory=dict)  # name -> role words
    # Speakers a later "he"/"she" cannot be: groups, bodies, pronouns left as written.
    unnamed: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)  # singular organisations or places that spoke
    pronouns: Any = None  # a pronoun_resolution.PronounResolver fed by the engine, or None
    narrative: dict[int, str] = field(default_factory=dict)  # this paragraph's narration pronouns -> names

    def _recent_person(self, low: str, quoted: bool) -> str:
        """The hand-written rule: "he said" after a quote is the last speaker; in narrative, the
        last person. Never a group or an unnamed speaker ('"...," officials said. "...," he
        added.'): then, as when nobody is known, "he" stays as written."""
        if quoted and self.last_speaker in self.unnamed:
            return low
        speaker = self.last_speaker if self.last_speaker not in self.unnamed else None
        # In narrative, a person named further back than two sentences is a guess (debates
        # and speeches name many people between); after a quote, the last speaker is the news
        # convention however far back ('"...," he added.').
        person = self.last_person if self.person_age <= PERSON_REACH else None
        if quoted:
            return speaker or person or low
        recent = speaker if self.speaker_age <= PERSON_REACH else None
        return person or recent or low

    def new_role(self, who: str, words: frozenset[str]) -> bool:
        """Record a role claim; False when the article already gave this person a role with
        all these words ("Secretary Tillerson" after "U.S. Secretary of State Rex Tillerson")."""
        known = self.roles.setdefault(who, [])
        if any(words <= seen for seen in known):
            return False
        known.append(words)
        return True

    def see_person(self, name: str) -> str:
        name = name.strip()
        if name.endswith(("'s", "\u2019s")):  # "Donald Trump’s" is Donald Trump
            name = name[:-2]
        parts = name.split()
        if not parts:
            return name
        known = self.full_names.get(parts[-1])
        gender = _HONORIFIC_GENDER.get(parts[0].rstrip(".").lower()) if len(parts) == 2 else None
        if gender is not None:
            return self._honoured(name, parts[-1], gender)
        bare = [w for w in parts if w.rstrip(".").lower() not in _HONORIFICS]
        if known and len(known.split()) > len(bare) and parts[-1] not in self.ambiguous:
            return known  # "Dr. Schmidt" after "Mike Schmidt": the name, not the honorific
        if len(parts) > 1 and all(w[:1].isupper() for w in parts) and is_name(name):  # not "the Clinton"
            # Surname for Western names, family name first for Korean/Chinese ones; never a title
            # ("Senator McCain" must not make every later "Senator" McCain).
            self._two_people(parts)
            self.full_names[parts[-1]] = name
            if not title_word(parts[0]):
                self.full_names.setdefault(parts[0], name)
                family = self.relatives.setdefault(parts[-1], [])
                if name not in family:
                    family.append(name)
        return name

    def _honoured(self, name: str, surname: str, gender: str) -> str:
        """"Mr. Clinton" / "Mrs. Clinton": the one person of that surname the article named in
        full whose first name is of that gender, else the one whose first name is not known to be
        of the other ("Mr. Clinton" is Bill Clinton, never Hillary Clinton, who shares the
        surname); "Mrs."/"Ms." only with a first name known to be a woman's. Else as written."""
        family = self.relatives.get(surname, [])
        if gender == "m":
            allowed = [n for n in family if _first_gender(n) != "f"]
        else:
            allowed = [n for n in family if _first_gender(n) == "f"]
        fits = [n for n in allowed if _first_gender(n) == gender]
        if len(fits) == 1:
            return fits[0]
        return allowed[0] if len(allowed) == 1 else name

    def _two_people(self, parts: list[str]) -> None:
        """A surname two people share ("John Kennedy", "Ted Kennedy") is left as written: which
        one a later "Kennedy" is, the article does not say."""
        core = [w for w in parts if not title_word(w)]
        known = self.full_names.get(parts[-1])
        if len(core) < 2 or known is None:
            return
        other = [w for w in known.split() if not title_word(w)]
        # Only a name ending in this surname is another person of it: "Gorka Slam" (a headline's
        # words, read family name first) is no relative of Sebastian Gorka.
        if len(other) >= 2 and core[0] != other[0] and other[-1] == parts[-1]:
            self.ambiguous.add(parts[-1])

    def normalise_speaker(self, tokens: list[Token], quoted: bool = True) -> str | None:
        if not tokens:
            return None
        text = " ".join(span_text(tokens).split())  # "He\u00a0" is "He", "the\u00a0Daily News"
        low = text.lower()
        if low in PERSONAL:
            rule = self._recent_person(low, quoted)
            # Without a place in the text (no idx) there is nothing to rank from: the rule answers.
            if self.pronouns is None or not hasattr(tokens[0], "idx"):
                return rule
            # The learned resolver (pronoun_resolution.py) weighs every person named recently.
            unnamed = self.last_speaker is not None and self.last_speaker in self.unnamed
            return self.pronouns.resolve(tokens[0], quoted, self.last_speaker, rule, unnamed)
        if low in ("i", "we", "you", "it", "who"):
            return None
        ents = {t.ent_type_ for t in tokens if t.ent_type_}
        # A known surname the tagger misread ("Sanders" as a plural noun) is still a name.
        names = all(t.pos_ == "PROPN" or t.is_punct or (t.text[:1].isupper() and t.text in self.full_names)
                    for t in tokens)
        if names and (ents == {"PERSON"} or tokens[-1].text in self.full_names):
            return self.see_person(text)
        # "The billionaire real estate magnate said": the person the article described so.
        described = self.pronouns.described(tokens, text) if self.pronouns is not None else None
        return described or text
