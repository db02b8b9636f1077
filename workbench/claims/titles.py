"""Role claims from titles placed before a name: "Chinese envoy Song Tao" -> "Song Tao is a
Chinese envoy", "U.S. Secretary of State Rex Tillerson" -> "Rex Tillerson is U.S. Secretary of
State".

Surface rules over the words just before a person's name: the parser's attachments of such runs
are unreliable ("the Russians and Chinese envoy Song Tao" hangs "envoy" on "Russians"). A title
needs a head word from TITLE_WORDS right before the name (or "<head> of <Capitalised words>");
to its left it takes modifiers (capitalised words, NORP adjectives, a few lower-case ones such
as "former", "deputy", compound nouns) and an entity possessor ("North Korea's foreign minister").
Bare honorifics (Mr., Mrs., Ms., Dr., ...) are not titles. A title that may not hold now ("the
late Senator", "then-Secretary", "future President") or whose owner is not named ("his
secretary of state", "the agency's director") gives no claim.

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from workbench.claims.entities import NUMERIC_ENTS

Token = Any

TITLE_WORDS = frozenset(
    """president vice-president premier chancellor minister secretary undersecretary envoy
    ambassador emissary senator congressman congresswoman congressmember representative
    governor mayor spokesman spokeswoman spokesperson chief director general adviser advisor
    official diplomat negotiator chairman chairwoman chairperson chair leader commissioner
    judge justice attorney prosecutor professor analyst economist reporter correspondent editor
    columnist writer ceo cfo coo founder officer executive king queen prince princess emperor
    pope cardinal bishop archbishop rabbi imam speaker lawmaker legislator councilman
    councilwoman councillor councilor sheriff captain colonel lieutenant sergeant admiral
    commander marshal treasurer comptroller auditor dean provost superintendent coach manager
    administrator inspector detective agent scientist researcher historian lawyer activist
    candidate nominee head elect delegate strategist pollster consultant aide fellow member""".split()
)
# Abbreviated titles, written out in the claim ("Sen. Rand Paul" -> "Rand Paul is Senator").
ABBREVIATIONS = {
    "sen.": "Senator", "rep.": "Representative", "gov.": "Governor", "gen.": "General",
    "lt.": "Lieutenant", "col.": "Colonel", "adm.": "Admiral", "sgt.": "Sergeant",
    "capt.": "Captain", "amb.": "Ambassador", "atty.": "Attorney", "supt.": "Superintendent",
    "cmdr.": "Commander", "maj.": "Major", "pres.": "President", "sec.": "Secretary",
}
# Lower-case words a title may carry to the left of its head ("former deputy national security
# adviser"); other lower-case adjectives ("popular", "embattled") are judgements, not title.
_LOWER_MODIFIERS = frozenset(
    """former acting deputy senior chief top interim assistant associate vice special
    outgoing incoming retired foreign national general federal state local regional principal
    executive managing presidential junior lead permanent prime first""".split()
)
_TIME_MODIFIERS = frozenset("former acting interim outgoing incoming retired".split())
# A title that may not hold now: "the late Senator", "then-Secretary", "future President".
_BLOCKERS = frozenset("late then ex onetime erstwhile future would-be".split())
_OWNER_ENTS = frozenset({"GPE", "ORG", "NORP", "PERSON", "LOC"})
_TAIL_WORDS = frozenset({"of", "for", "the", "and", "&"})
_MAX_TITLE = 10  # tokens
# Honorifics are not titles ("Mr. Smith"); before a title they make an address ("Mister
# President Pro Tem", "Madam Speaker"), not a description.
_HONORIFICS = frozenset(
    "mr. mrs. ms. miss mx. dr. prof. sir dame lord lady rev. mr mrs ms dr mister madam madame".split()
)
HONORIFICS = _HONORIFICS
_NOT_NAMES = frozenset("pro tem temp tempore".split())  # "President Pro Tem Sharp"
# Royal and honorific titles that are part of how a person is named: after an office ("Saudi
# Energy Minister Prince Abdulaziz bin Salman") they belong to the name, not to the office.
_ROYAL = frozenset("prince princess king queen sheikh sheik emir sultan crown".split())
# Lower-case particles inside a name ("Abdulaziz bin Salman"), which NER often splits off.
_PARTICLES = frozenset("bin bint ibn al el".split())


@dataclass(frozen=True)
class PreposedTitle:
    title: list[Token]  # the title's words as written
    name: list[Token]  # the person's name (no possessive 's)
    text: str  # the title for the claim: abbreviations written out

    @property
    def tokens(self) -> list[Token]:
        return self.title + self.name


def _is_hyphen(tok: Token) -> bool:
    return tok.text == "-" and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and not tok.whitespace_


def _group_start(doc: Any, i: int) -> int:
    """Start of the hyphenated word ending at token i ("Under - Secretary - General")."""
    while i >= 2 and _is_hyphen(doc[i - 1]):
        i -= 2
    return i


def _abbreviation(doc: Any, i: int) -> str | None:
    """"Sen." (one token) or "Lt" + "." (two tokens) ending at token i."""
    tok = doc[i]
    if tok.lower_ in ABBREVIATIONS:
        return tok.lower_
    if tok.text == "." and i > 0 and not doc[i - 1].whitespace_:
        low = doc[i - 1].lower_ + "."
        return low if low in ABBREVIATIONS else None
    return None


def _is_head(doc: Any, i: int) -> bool:
    """Is the (hyphenated) word ending at token i a title head ("envoy", "Secretary-General")?"""
    if _abbreviation(doc, i):
        return True
    parts = doc[_group_start(doc, i) : i + 1]
    return any(t.lower_ in TITLE_WORDS for t in parts if not _is_hyphen(t))


def _head_end(doc: Any, end: int, floor: int) -> tuple[int, int] | None:
    """(head's last token, title's last token) for the run ending at `end`: the head itself, or
    "<head> of <Capitalised words>" ("Secretary of State", "Chairman of the Joint Chiefs")."""
    if _is_head(doc, end):
        return end, end
    if not doc[end].is_title:
        return None
    i = end
    while i - 1 > floor and i > end - 7 and (doc[i - 1].is_title or doc[i - 1].lower_ in _TAIL_WORDS):
        i -= 1
        if doc[i].lower_ in ("of", "for") and _is_head(doc, i - 1) and doc[i - 1].is_title:
            return i - 1, end
    return None


def _modifier(tok: Token) -> bool:
    """A word a title may carry left of its head: "U.S.", "Chinese", "former", "security"."""
    if tok.ent_type_ in NUMERIC_ENTS or tok.is_punct or tok.lower_ in _BLOCKERS:
        return False
    if tok.pos_ not in ("PROPN", "ADJ", "NOUN"):
        return False
    if tok.is_title or tok.is_upper or "." in tok.text:
        return tok.lower_ not in _HONORIFICS
    return tok.lower_ in _LOWER_MODIFIERS or tok.lower_ in TITLE_WORDS or (
        tok.pos_ == "NOUN" and tok.dep_ in ("compound", "nmod")
    )


def _title_start(doc: Any, head: int, floor: int) -> int | None:
    """Leftmost token of the title whose head ends at `head`; None when the title's owner is
    unnamed ("his secretary of state") or it may not hold now ("the late Senator")."""
    i = _group_start(doc, head)
    if doc[head].text == "." and _abbreviation(doc, head):
        i = head - 1
    while i - 1 > floor:
        j = i - 1
        if doc[j].text == "." and _abbreviation(doc, j):  # "Lt." before "Gen."
            i = j - 1
        elif _is_hyphen(doc[j]) and j - 1 > floor and _modifier(doc[j - 1]):
            i = j - 1
        elif _modifier(doc[j]):
            i = j
        else:
            break
    left = doc[i - 1] if i - 1 > floor else None
    if left is None:
        return i
    if left.lower_ in _BLOCKERS or left.lower_ in _HONORIFICS or _is_hyphen(left):
        return None
    if left.tag_ == "PRP$":
        return None
    if left.tag_ == "POS":
        return _owner_start(doc, left.i, floor)
    return i


def _owner_start(doc: Any, pos: int, floor: int) -> int | None:
    """"North Korea's foreign minister": the named entity before 's owns the title."""
    owner = doc[pos - 1] if pos - 1 > floor else None
    if owner is None or owner.ent_type_ not in _OWNER_ENTS:
        return None
    ent = next((e for e in doc.ents if e.start <= owner.i < e.end), None)
    if ent is None or ent.start <= floor:
        return None
    start = ent.start
    if doc[start].lower_ == "the":
        start += 1
    return start


def _title_text(tokens: list[Token]) -> str:
    """The title as written, abbreviations written out, a sentence-initial common word in lower
    case ("Senior fellow Joel Wit said" -> "senior fellow"; "Chinese envoy" stays)."""
    parts: list[str] = []
    skip = set()
    for k, t in enumerate(tokens):
        if k in skip:
            continue
        word = t.text
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and nxt.text == "." and not t.whitespace_ and (t.lower_ + ".") in ABBREVIATIONS:
            word, t = ABBREVIATIONS[t.lower_ + "."], nxt
            skip.add(k + 1)
        elif t.lower_ in ABBREVIATIONS:
            word = ABBREVIATIONS[t.lower_]
        parts.append(word + (" " if t.whitespace_ else ""))
    first, nxt = tokens[0], tokens[1] if len(tokens) > 1 else None
    if first.is_sent_start and first.lower_ in _LOWER_MODIFIERS and (
        first.lower_ in _TIME_MODIFIERS or (nxt is not None and nxt.text.islower())
    ):
        parts[0] = parts[0].lower()
    return "".join(parts).strip()


def title_word(word: str) -> bool:
    low = word.lower()
    return low in TITLE_WORDS or low.rstrip("s") in TITLE_WORDS or low in ABBREVIATIONS or low in _HONORIFICS


def name_words(ent: Any) -> list[Token]:
    """The name's words: NER sometimes swallows the title ("Secretary Tillerson") and the
    possessive ("Rex Tillerson's"). Empty when it is no person's name ("Chief Petty Officers")."""
    toks = [t for t in ent if t.tag_ != "POS" and t.text not in ("'s", "\u2019s")]
    while len(toks) > 1 and title_word(toks[0].text):
        toks = toks[1:]
    ok = all(
        t.pos_ == "PROPN" and t.text[:1].isupper() and not title_word(t.text) and t.lower_ not in _NOT_NAMES
        for t in toks
    )
    return toks if ok else []


def clean_name(written: str, known: str) -> str:
    """The article's fullest form of the name (Context.see_person), unless that form is not a
    bare name ("Senator Green", "House Majority Leader Longhurst and ... Townsend")."""
    words = known.split()
    if written.split()[-1:] != words[-1:] or not all(w[:1].isupper() and not title_word(w) for w in words):
        return written
    return known


def preposed_titles(sent: Any) -> list[PreposedTitle]:
    """Every person named in the sentence with a title right before the name."""
    out: list[PreposedTitle] = []
    doc = sent.doc
    floor = sent.start - 1
    if sent.root.pos_ not in ("VERB", "AUX"):  # an address list: "Mr. Speaker, Senator Barron, ..."
        return out
    for ent in sent.ents:
        if ent.label_ != "PERSON":
            continue
        name = name_words(ent)
        if not name or name[0].i - 1 <= floor:
            continue
        name = _with_particle(doc, name, sent)
        first = name[0].i
        if doc[first - 1].lower_ in _ROYAL and first - 2 > floor and _head_end(doc, first - 2, floor):
            first -= 1  # "Energy Minister Prince Abdulaziz": the prince is the minister
            name = [doc[first]] + name
        comma = doc[first - 1].text == "," and first - 2 > floor
        found = _head_end(doc, first - 2 if comma else first - 1, floor)
        if found is None:
            continue
        head, end = found
        start = _title_start(doc, head, floor)
        if start is None or end - start + 1 > _MAX_TITLE or _after_hyphenated(doc, start, floor):
            continue
        if comma and not _comma_title(doc, start, name, sent):
            continue
        title = list(doc[start : end + 1])
        if any(t.lower_ in _BLOCKERS for t in title):  # "ex-President", "then-Secretary"
            continue
        out.append(PreposedTitle(title, name, _title_text(title)))
    return out


def _after_hyphenated(doc: Any, start: int, floor: int) -> bool:
    """"Anti-illegal immigration leader Maria Espinoza": a hyphenated word right before the title
    modifies it, and the title without it ("an immigration leader") says another thing."""
    k = start - 1
    return k - 1 > floor and doc[k - 1].text in ("-", "\u2010", "\u2011") and not doc[k - 1].whitespace_


def _with_particle(doc: Any, name: list[Token], sent: Any) -> list[Token]:
    """"Abdulaziz" + "bin Salman": a name NER cut at a lower-case particle runs on to the next
    capitalised name word."""
    end = name[-1].i
    if end + 2 < sent.end and doc[end + 1].lower_ in _PARTICLES:
        nxt = doc[end + 2]
        if nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and not title_word(nxt.text):
            return name + [doc[end + 1], nxt]
    return name


# Words after which a clause may open with its subject: "... after North Korea's foreign
# minister, Ri Yong Ho invited ...". At a sentence's start the prepositions among them open a
# phrase instead ("After the president, Biden spoke"), so there they do not count.
_CLAUSE_OPENERS = frozenset(
    "when while because although though if once that whereas after before since until".split()
)
_PREPOSITIONS = frozenset("after before since until".split())


def _comma_title(doc: Any, start: int, name: list[Token], sent: Any) -> bool:
    """A title set off by a comma the parser did not read as an appositive: "North Korea's
    foreign minister, Ri Yong Ho invited Guterres ...". Only when the title has a named owner or
    an article, opens a clause (sentence start, after an introductory phrase or a subordinating
    word: not after a verb or a preposition, which make it an object - "Speaking to the
    president, Biden said"), and the name is the subject of the verb right after it (not a
    list - "the mayor, Tom Baker and ...", nor a parenthetical "..., Baker said,")."""
    title = doc[start : name[0].i - 1]
    lead = start
    if start - 1 >= sent.start and doc[start - 1].lower_ in ("the", "a", "an"):
        lead = start - 1
    elif not any(t.tag_ == "POS" for t in title):
        return False
    return _opens_clause(doc, lead, sent) and _subject_name(doc, name)


def _opens_clause(doc: Any, lead: int, sent: Any) -> bool:
    if lead == sent.start:
        return True
    left = doc[lead - 1]
    if left.lower_ in _CLAUSE_OPENERS:
        return left.i > sent.start or left.lower_ not in _PREPOSITIONS
    if left.text != ",":  # an introductory phrase: "In September, ..."
        return False
    intro = doc[sent.start : lead - 1]
    return 0 < len(intro) <= 6 and not any(
        t.pos_ in ("VERB", "AUX") or t.text == "," or t.ent_type_ == "PERSON" for t in intro
    )


def _subject_name(doc: Any, name: list[Token]) -> bool:
    """Is the name the subject of the verb that follows it at once?"""
    after = name[-1].i + 1
    if after >= len(doc) or doc[after].pos_ not in ("VERB", "AUX"):
        return False
    verb = doc[after]
    if after + 1 < len(doc) and doc[after + 1].is_punct:  # "..., Baker said." / "..., Baker said,"
        return False
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i in (verb.i, verb.head.i) for t in name)


def _article(title: str, head: Token) -> str:
    """"a Chinese envoy", "an Energy Department official"; none for capitalised offices
    ("U.S. Secretary of State") and possessed titles ("North Korea's foreign minister")."""
    lead = title.split()[0].lower()
    if lead in _TIME_MODIFIERS:  # "a former Vice President", "an acting Secretary"
        return "an " if lead[0] in "aeio" else "a "
    if head.is_title or head.is_upper or "'s " in title or "\u2019s " in title:
        return ""
    first = title.split()[0]
    letters = first.replace(".", "")
    if letters.isupper() and len(letters) <= 5:  # read letter by letter: "an FBI agent"
        return "an " if letters[0] in "AEFHILMNORSX" else "a "
    return "an " if first[0].lower() in "aeio" else "a "


def role_text(name: str, title: PreposedTitle, verb: str = "is") -> str:
    """"Song Tao is a Chinese envoy"; `verb` "was" for a past mention (past_mention)."""
    heads = [t for t in title.title if t.lower_ in TITLE_WORDS or t.lower_ in ABBREVIATIONS]
    head = heads[-1] if heads else title.title[-1]
    return f"{name} {verb} {_article(title.text, head)}{title.text}"


def title_verb(found: PreposedTitle) -> str:
    """"was" for a past mention, "is" otherwise; a title already placed in time ("former Vice
    President Joe Biden") says "is" ("is a former Vice President", not "was a former ...")."""
    if found.text.split()[0].lower() in _TIME_MODIFIERS:
        return "is"
    return "was" if past_mention(found.name[-1]) else "is"


_YEAR = re.compile(r"^(1[0-9]|20)[0-9]{2}s?$")  # "1998", "1990s"
_HAVE = frozenset({"has", "have", "'ve", "\u2019ve"})


def past_mention(name: Token) -> bool:
    """Is the person named in a past event dated to a year or "... ago" ("In 1998, Governor Tom
    Carper signed ...", "given by Governor Ebe Tunnell some 98 years ago")? Then the title held
    then, not necessarily now: the role reads "was". Needs both a past verb governing the name
    (not a present perfect: "has led since 1998" still holds) and the date in that verb's own
    clause ("Governor Ruth Minner, who took office in 2001, signs ..." stays "is"); a month or
    weekday alone ("on Monday", "in September") is news of now and keeps "is"."""
    verb = _clause_verb(name)
    if verb is None or not _past(verb):
        return False
    return any(_past_date(t) and getattr(_clause_verb(t), "i", -1) == verb.i for t in verb.subtree)


def _past_date(tok: Token) -> bool:
    return tok.lower_ == "ago" or (tok.ent_type_ == "DATE" and _YEAR.match(tok.text) is not None)


def _clause_verb(tok: Token) -> Token | None:
    """The nearest verb above `tok` (itself excluded)."""
    for _ in range(10):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _past(verb: Token) -> bool:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lower_ in _HAVE for a in aux):
        return False
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux) or (verb.tag_ == "VBN" and not aux)


def role_key(name: str) -> str:
    """Whose role: the surname (or a Korean or Chinese family name written last), so that
    "Feltman" and "Jeffrey Feltman" are one person."""
    return name.split()[-1].lower() if name.split() else ""


def title_key(text: str) -> frozenset[str]:
    """The words of a role description, for "already said": "Secretary" is inside "U.S.
    Secretary of State"."""
    words = text.lower().replace("-", " ").replace("\u2019", "'").split()
    return frozenset(w.strip(",.") for w in words if w not in ("a", "an", "the", "is", "was"))
