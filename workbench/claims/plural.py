"""Who "they" is, when the article makes it clear.

Only "they" as a subject, and only to a plural noun phrase (agreeing in number) in the same
sentence or the one before, on the same side of any quotation mark:

1. the nearest plural subject before "they" whose clause contains the pronoun's clause
   ("North Korean officials were privately telling their international counterparts that they
   see little point ...");
2. else the one plural group of people named before it in the sentence ("... sitting down with
   his North Korean counterparts ... though only after they showed their seriousness");
3. else, when nothing plural comes before it in its sentence, the one such candidate of the
   sentence before (same paragraph).

Anything that makes it ambiguous gives no answer: another group, a plural thing in a core role or
an "everybody" between the candidate and the pronoun ("Officials rejected the proposals because
they ...", "Officials told reporters that they ..."); an "I"/"we" between them (a new voice:
"The Russians said, I can't believe they ..."); an earlier "they" or "them" (a chain we do not
follow); coordinated candidates ("officials and experts"); a candidate that is part of a name
("the League of Women Voters"), counted ("46% of the people", "every 100 teachers"), owned by
something that could be "they" too ("the local government's hands"), holds the pronoun in its
own phrase ("the three things they try to say") or comes back after the pronoun ("... they would
get this back to the consumers"). Wrong is worse than none.

The same rules name the speaker of "..., they said" (speaker_antecedent), with what is said left
out of both candidates and rivals.

Works on spaCy tokens but imports nothing from spaCy (duck-typed).
"""

from __future__ import annotations

from typing import Any

from workbench.claims.attribution import content_of, phrase_tokens, quote_depths
from workbench.claims.quotes import has_quote_mark
from workbench.claims.entities import NUMERIC_ENTS

Token = Any

# Plural nouns that name people or groups that act ("counterparts", "governments").
GROUP_NOUNS = frozenset(
    """officials diplomats counterparts leaders negotiators sources experts analysts lawmakers
    legislators senators congressmen aides advisers advisors members people residents citizens
    voters workers employees students teachers parents children kids men women adults teens
    teenagers youths seniors veterans immigrants refugees migrants taxpayers families farmers
    doctors nurses police officers soldiers troops fighters authorities investigators
    prosecutors judges justices critics supporters opponents protesters protestors activists
    researchers scientists economists executives journalists reporters delegates delegations
    envoys ministers governments countries nations states allies partners powers parties rebels
    militants insurgents terrorists representatives spokesmen participants intermediaries
    detainees prisoners hostages victims survivors patients customers consumers investors
    shareholders owners businesses companies firms agencies banks insurers unions regulators
    democrats republicans conservatives liberals britons inspectors monitors observers lawyers
    attorneys witnesses engineers firefighters rescuers organizers organisers lobbyists donors""".split()
)
_NOT_PEOPLE = frozenset("states nations emirates islands philippines netherlands".split())
_CORE = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd"})
_NAME_ENTS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
_CHAIN = frozenset({"they", "them", "themselves"})
_NEW_VOICE = frozenset({"i", "we", "me", "us", "you"})
_ANYONE = frozenset("everybody everyone somebody someone anybody anyone nobody whoever each".split())
_QUANTIFIERS = frozenset(
    "every each no any some many most all none half both few several majority minority share".split()
)
_MAX_PHRASE = 6  # words: a longer antecedent does not read as a replacement


def _plural(tok: Token) -> bool:
    return tok.tag_ in ("NNS", "NNPS") and tok.ent_type_ not in NUMERIC_ENTS


def _group(tok: Token) -> bool:
    """People or a group that acts: "officials", "the North Koreans", "the Russians"."""
    if not _plural(tok) or tok.dep_ == "compound":
        return False
    low = tok.lower_
    if low in GROUP_NOUNS:
        return True
    if tok.tag_ != "NNPS" or low in _NOT_PEOPLE:
        return False
    return tok.ent_type_ == "NORP" or low.endswith(("ans", "ese", "ites", "ists", "is"))


def _rival(tok: Token) -> bool:
    """A plural that "they" could as well stand for: a group, or a plural thing in a core role
    ("the proposals" in "Officials rejected the proposals because they ..."). A group owned by
    "their" is the candidate's own ("telling their international counterparts that they")."""
    if not _plural(tok) or tok.dep_ == "compound":
        return False
    if not (_group(tok) or tok.dep_ in _CORE):
        return False
    return not any(c.tag_ == "PRP$" and c.lower_ == "their" for c in tok.children)


def _quoted(doc: Any) -> list[bool]:
    """Per char of the paragraph: inside quotes? Kept on the doc (a paragraph has few "they")."""
    cached = doc.user_data.get("claims_quotes")
    if cached is None:
        cached = doc.user_data["claims_quotes"] = quote_depths(doc.text)
    return cached


def _same_voice(a: Token, b: Token) -> bool:
    """Both outside quotes, or both inside one quotation (no quote mark between)."""
    quoted = _quoted(a.doc)
    qa, qb = quoted[a.idx], quoted[b.idx]
    if qa != qb:
        return False
    lo, hi = sorted((a.idx, b.idx))
    return not qa or not has_quote_mark(a.doc.text[lo:hi])


def _ancestors(tok: Token) -> set[int]:
    out: set[int] = set()
    while tok.head.i != tok.i and len(out) < 30:
        tok = tok.head
        out.add(tok.i)
    return out


def _by_subject(pron: Token, before: list[Token]) -> Token | None:
    """Rule 1: the nearest plural subject whose clause contains the pronoun's clause."""
    ancestors = _ancestors(pron)
    for tok in reversed(before):
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ == "PRON":
            continue
        if _plural(tok) and tok.head.i in ancestors:
            return tok
        return None  # a nearer singular subject, or one in another clause
    return None


def _only_group(before: list[Token]) -> Token | None:
    """Rule 2: the one group before the pronoun, with no plural thing in a core role, no first-
    or second-person voice and no counted subject in the sentence."""
    if any(t.lower_ in _NEW_VOICE for t in before):
        return None
    if any(t.dep_ in ("nsubj", "nsubjpass") and (t.tag_ == "CD" or t.lower_ in _QUANTIFIERS) for t in before):
        return None  # "..., three out of four said they ...": the three, not the whole group
    rivals = [t for t in before if _rival(t)]
    return rivals[0] if len(rivals) == 1 and _group(rivals[0]) else None


def _sentence_before(sent: Any, skip: frozenset[int]) -> list[Token]:
    """The words of the sentence before (same paragraph), outside `skip`; sentences wholly in
    `skip` (the speakers' own quoted words) are stepped over."""
    end = sent.start
    for _ in range(4):
        if end == 0:
            return []
        prev = list(sent.doc[end - 1].sent)
        words = [t for t in prev if t.i not in skip]
        if any(not t.is_punct for t in words):
            return words
        end = prev[0].i
    return []


def _previous_sentence(sent: Any, skip: frozenset[int] = frozenset()) -> Token | None:
    """Rule 3: "The North Koreans will wait. They ..." - the one rival of the sentence before
    (same paragraph), when it is a group or the subject."""
    prev = _sentence_before(sent, skip)
    if not prev or any(t.lower_ in _CHAIN for t in prev):
        return None
    rivals = [t for t in prev if _rival(t)]
    if len(rivals) != 1:
        return None
    cand = rivals[0]
    return cand if _group(cand) or cand.dep_ in ("nsubj", "nsubjpass") else None


def _coordinated(tok: Token) -> bool:
    """"officials and experts", "to the African-Americans and to the Latinos"."""
    for t in (tok, tok.head if tok.dep_ == "pobj" else None):
        if t is not None and (t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children)):
            return True
    return False


def _counted(tok: Token) -> bool:
    """"46% of the people", "three out of four students", "every 100 teachers": the referent is
    a part, not the group."""
    counts = [c for c in tok.children if c.dep_ in ("det", "nummod", "amod")]
    if any(c.lower_ in _QUANTIFIERS or c.tag_ == "CD" for c in counts):
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in ("of", "out"):
        owner = tok.head.head
        return owner.tag_ == "CD" or owner.ent_type_ in NUMERIC_ENTS or owner.lower_ in _QUANTIFIERS
    return False


def _foreign_owner(tok: Token) -> bool:
    """"the local government's hands": an owner that is no person could be "they" itself."""
    for c in tok.children:
        if c.dep_ == "poss" and c.tag_ != "PRP$" and c.ent_type_ != "PERSON":
            return True
    return False


def _unclear(cand: Token, pron: Token, skip: frozenset[int] = frozenset()) -> bool:
    """Anything between, around or in the candidate that makes the reference unclear."""
    if cand.ent_type_ in _NAME_ENTS or cand.i in _ancestors(pron):
        return True
    if _coordinated(cand) or _counted(cand) or _foreign_owner(cand) or not _same_voice(cand, pron):
        return True
    for tok in pron.doc[cand.i + 1 : pron.i]:
        if tok.i in skip:
            continue
        if _rival(tok) or tok.lower_ in _ANYONE or tok.lower_ in _NEW_VOICE or tok.lower_ in _CHAIN:
            return True
    # Principle C: "they would get this back to the consumers" - not the consumers.
    return any(t.i > pron.i and t.lower_ == cand.lower_ for t in pron.head.subtree)


def phrase_of(cand: Token) -> list[Token] | None:
    """The candidate's words up to its head, plus an "of" phrase ("the people of Connecticut"):
    where any other following phrase attaches is the parser's guess ("a meeting with the rebels
    in Geneva" says nothing about rebels in Geneva)."""
    words = phrase_tokens(cand)
    of = [c for c in cand.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == cand.i + 1]
    last = max(t.i for t in of[0].subtree) if of else cand.i
    phrase = [t for t in words if t.i <= last]
    return phrase if 0 < len(phrase) <= _MAX_PHRASE else None


def antecedent(pron: Token, sent: Any, skip: frozenset[int] = frozenset()) -> list[Token] | None:
    """The words "they" stands for, or None when the article does not make it clear. Tokens in
    `skip` are neither candidates nor rivals (see speaker_antecedent)."""
    if pron.lower_ != "they" or pron.dep_ not in ("nsubj", "nsubjpass"):
        return None
    before = [t for t in sent.doc[sent.start : pron.i] if t.i not in skip]
    if any(t.lower_ in _CHAIN for t in before):
        return None
    cand = _by_subject(pron, before) or _only_group(before)
    if cand is None and not any(_plural(t) for t in before):
        cand = _previous_sentence(sent, skip)
    if cand is None or _unclear(cand, pron, skip):
        return None
    return phrase_of(cand)


def speaker_antecedent(pron: Token, verb: Token) -> list[Token] | None:
    """The group "they" stands for as the subject of the speech verb `verb` ("..., they said",
    "They told reporters that ..."). As antecedent(), except that what they say is neither a
    candidate nor a rival: "The North Koreans are confused, they said" tells nothing of who
    "they" are, and the "we" of '"We will not go back," they said' is their own voice. So the
    reported clause, and when "they" stands outside quotes every quoted word, is skipped; a
    quotation running over sentences before it is stepped over to the sentence that introduced
    the speakers. Unclear gives None (the caller keeps "they")."""
    content = content_of(verb)
    skip = {t.i for t in content.subtree} if content is not None else set()
    quoted = _quoted(pron.doc)
    if not quoted[pron.idx]:
        skip |= {t.i for t in pron.doc if quoted[t.idx]}
    return antecedent(pron, pron.sent, frozenset(skip))


def phrase_text(phrase: list[Token], words: list[str] | None = None) -> str:
    """The antecedent as it reads inside another sentence ("The officials said ..." -> "the
    officials"); `words` replaces the tokens' own text (pronouns already named)."""
    parts = words if words is not None else [t.text + t.whitespace_ for t in phrase]
    text = "".join(parts).strip()
    first = phrase[0]
    if first.is_sent_start and (first.tag_ in ("DT", "PDT", "JJ", "CD") or first.lower_ in GROUP_NOUNS):
        text = text[:1].lower() + text[1:]
    return text
