"""From a unit to what the person reads: source span, stand-alone text, kind, opinion test."""

from __future__ import annotations

import re
from typing import Any

from workbench.claims.atomic import Unit
from workbench.claims.attribution import (
    PERSONAL,
    QUOTE_CHARS,
    SPEECH_VERBS,
    Context,
    phrase_tokens,
    span_text,
)
from workbench.claims.entities import NUMERIC_ENTS
from workbench.claims.plural import antecedent, phrase_text
from workbench.claims.speakers import could_be_it
from workbench.domain import ClaimKind

_NUMBER_ENTS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
_DATE_ENTS = {"DATE", "TIME", "EVENT"}
_LEADING_DROP = {"but", "and", "so", "yet", "or", "still", "instead", "meanwhile", "however", "also"}
_HEDGE_MODALS = {"should", "must", "ought", "might", "may"}
_OPINION_VERBS = {"think", "believe", "guess", "hope", "feel", "suspect", "suppose", "expect"}
_SPECULATION = {"appears", "seems", "appear", "seem", "seemed", "seemingly", "likely", "unlikely",
                "probably", "perhaps", "maybe", "undoubtedly", "clearly", "presumably"}
_PREDICTION = {"will", "'ll", "\u2019ll", "wo", "gon"}


def _words(unit: Unit) -> list[Any]:
    toks = list(unit.tokens)
    ids = {t.i for t in toks}
    # A leading "that"/"whether" of the unit's own clause goes; "Before the month was over,
    # North Korea launched ..." keeps the "Before" of its adverbial clause.
    heads = {t.i for t in toks if t.head.i == t.i or t.head.i not in ids}
    while toks and (
        toks[0].is_punct or toks[0].is_space or (toks[0].dep_ == "mark" and toks[0].head.i in heads)
    ):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].dep_ == "cc"):
        if toks[-1].text in _CLOSING and _CLOSING[toks[-1].text] in {t.text for t in toks}:
            break  # "cost 1.2 billion yuan (US$171 million)" keeps its closing bracket
        toks.pop()
    if toks and sum(t.text == "(" for t in toks) > sum(t.text == ")" for t in toks):
        nxt = toks[-1].i + 1
        if nxt < len(toks[-1].doc) and toks[-1].doc[nxt].text == ")":
            toks.append(toks[-1].doc[nxt])
    return toks


_CLOSING = {")": "(", "]": "["}


def source_span(unit: Unit) -> tuple[int, int] | None:
    """Offsets (relative to the paragraph doc) of the unit's first to last word."""
    toks = _words(unit)
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def source_parts(unit: Unit) -> list[tuple[int, int]]:
    """The unit's words as runs (start, end) relative to the paragraph doc: a gap is a part split
    off ("Tom Baker, the mayor, met ..." -> "Tom Baker" + "met ..."), punctuation alone is none."""
    toks = _words(unit)
    parts: list[tuple[int, int]] = []
    prev = None
    for t in toks:
        gap = prev is not None and any(
            not (g.is_punct or g.is_space) for g in t.doc[prev.i + 1 : t.i]
        )
        if prev is None or gap:
            parts.append((t.idx, t.idx + len(t.text)))
        else:
            parts[-1] = (parts[-1][0], t.idx + len(t.text))
        prev = t
    return parts


def _is_name(tok: Any, ctx: Context) -> bool:
    return tok.pos_ == "PROPN" and (tok.ent_type_ == "PERSON" or tok.text in ctx.full_names)


def _name_of(tok: Any, ctx: Context, shown: set[int] | None = None) -> str:
    """The person's fullest name in the article; the name as written when the claim itself shows
    that mention ("Choe rejected talks when Choe went to Moscow", not "... when Choe Hon Sui")."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end and e.label_ == "PERSON"), None)
    written = ent.text if ent is not None else tok.text
    full = ctx.see_person(written)
    if shown is not None and tok.i in shown:
        return written[:-2] if written.endswith(("'s", "\u2019s")) else written
    return full


def _subject_before(tok: Any, sent: Any, ctx: Context, shown: set[int] | None = None) -> str | None:
    """The nearest person named as a subject earlier in the same sentence."""
    for prev in reversed(sent[: tok.i - sent.start]):
        if prev.dep_ in ("nsubj", "nsubjpass") and _is_name(prev, ctx):
            return _name_of(prev, ctx, shown)
    return None


def _resolve(tok: Any, unit: Unit, sent: Any, ctx: Context, quoted: bool = False) -> str | None:
    """The person "he"/"she"/"him"/"her" stands for, when the article makes it clear; never a
    person the same clause names after it ("He's one of three left after rival Marco Rubio
    dropped out" is not about Rubio)."""
    name = _resolve_any(tok, unit, sent, ctx, quoted)
    if name and tok.i < sent.root.i + 1 and _named_after(name, tok, sent):
        return None
    if name and ctx.pronouns is not None and ctx.pronouns.clashes(name, tok.lower_):
        return None
    return name


def _named_after(name: str, tok: Any, sent: Any) -> bool:
    surname = name.split()[-1].removesuffix("'s")
    return any(t.text == surname for t in sent[tok.i - sent.start + 1 :])


def _resolve_any(tok: Any, unit: Unit, sent: Any, ctx: Context, quoted: bool = False) -> str | None:
    if tok.tag_ == "PRP$" and tok.i != unit.tokens[0].i:
        return None  # an owner inside the claim reads with it ("cut his budget"); one opening it may not
    # "Chief Justice John Roberts swore him in", "she paid him": an object is never its own
    # verb's subject, named or a pronoun we are about to name.
    if tok.dep_ in ("dobj", "dative") and any(
        c.dep_ in ("nsubj", "nsubjpass") and (_is_name(c, ctx) or c.lower_ in PERSONAL)
        for c in tok.head.children
    ):
        return None
    shown = {t.i for t in unit.tokens}
    name = _subject_before(tok, sent, ctx, shown)
    if name:
        return name
    # Cataphora: "When he got back, Feltman said ..." - the sentence's subject person.
    if tok.i < sent.root.i:
        for later in sent[tok.i - sent.start + 1 :]:
            if later.dep_ in ("nsubj", "nsubjpass") and _is_name(later, ctx):
                return _name_of(later, ctx, shown)
    # Inside reported speech the pronoun is most often the speaker ("saying he was open"), but
    # never a group's ("Officials said he had fled" is not about the officials).
    speaker = unit.speaker
    if quoted:  # the speaker's own words: "he" is someone else, whom we cannot tell
        return None
    if speaker and speaker[:1].isupper() and " (" not in speaker and speaker not in ctx.unnamed and not (
        ctx.pronouns is not None and ctx.pronouns.clashes(speaker, tok.lower_)
    ):  # never a speaker the article shows is of the other gender ("Clinton said he is a bully")
        return speaker
    # Narration: the learned resolver's answer, read with the sentence (the last person named is
    # its rule's answer, one feature among distance, subjecthood, speaking turns and gender)
    return ctx.narrative.get(tok.i)


def _resolve_they(tok: Any, sent: Any, ctx: Context) -> str | None:
    """The group "they" stands for (plural.antecedent), as written: "his North Korean
    counterparts" -> "Rex Tillerson's North Korean counterparts". No answer when the phrase
    holds another pronoun we cannot name ("their", "its")."""
    phrase = antecedent(tok, sent)
    if not phrase:
        return None
    parts: list[str] = []
    for t in phrase:
        word = t.text
        if t.tag_ == "PRP$" or t.pos_ == "PRON":
            name = _subject_before(t, sent, ctx) if t.lower_ in ("his", "her") else None
            if not name:
                return None
            word = f"{name}'s"
        parts.append(word + t.whitespace_)
    return phrase_text(phrase, parts)


def _resolve_it(tok: Any) -> str | None:
    """ "The White House believes ... and it doesn't need ...": "it" as the subject of a
    conjoined verb stands for the first verb's singular, non-person subject."""
    verb = tok.head
    if tok.dep_ != "nsubj" or verb.dep_ != "conj":
        return None
    if any(c.dep_ in ("acomp", "attr") for c in verb.children) and any(
        c.dep_ in ("xcomp", "ccomp", "advcl", "csubj") for c in verb.children
    ):
        return None  # "and it is vital for American Muslims to be included": "it" is no thing
    first = verb.head
    subj = next((c for c in first.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i > tok.i or subj.tag_ not in ("NN", "NNP") or subj.ent_type_ == "PERSON":
        return None
    if any(c.dep_ in ("relcl", "acl") and subj.doc[c.left_edge.i - 1].text != "," for c in subj.children):
        return None  # "A judiciary that reflects ...": without what restricts it, another claim
    phrase = phrase_tokens(subj)
    return span_text(phrase) if phrase and len(phrase) <= 6 else None


_NOT_AGENT_VERBS = frozenset(
    "is was be been being are were 's \u2019s seems seemed appears appeared takes took remains remained "
    "happens happened matters mattered means meant rains rained costs cost feels felt looks looked "
    "sounds sounded".split()
)


def _speaker_it(tok: Any, unit: Unit, toks: list[Any], ctx: Context) -> str | None:
    """ "North Korea says, it got slapped with sanctions", "The ministry said it would close the
    border": "it" as the acting subject of what a body says is that body. Not a copula or a
    raising verb ("it was a mistake", "it seems", "it takes time": "it" is something else or
    nothing), nor with another thing named before it in the claim."""
    speaker = unit.speaker
    if speaker not in ctx.bodies or tok.dep_ not in ("nsubj", "nsubjpass") or tok.tag_ != "PRP":
        return None
    if ctx.full_names.get(speaker.split()[-1]) is not None:
        return None  # a person the tagger took for a body ("Canova"): "it" is never a person
    verb = tok.head
    if verb.lower_ in _NOT_AGENT_VERBS or any(c.dep_ in ("ccomp", "csubj") for c in verb.children):
        return None
    if any(t.i < tok.i and could_be_it(t) for t in toks):
        return None
    return speaker


def claim_text(unit: Unit, sent: Any, ctx: Context, inside: list[bool] | None = None,
               rewrite: bool = True) -> str:
    """`inside` (quote_depths of the paragraph doc) marks quoted words: a "he" in a direct quote
    is never its speaker, who would say "I" ('"Every dollar he took ...," Wright said').
    With `rewrite` False, the unit's words as the article has them: no pronoun resolved, no
    subject brought in, no role template (the faithfulness gate's fallback; "" for a role)."""
    if unit.role_text:
        return _tidy(unit.role_text) if rewrite else ""
    toks = _words(unit)
    while (
        len(toks) > 1 and toks[0].lower_ in _LEADING_DROP and toks[0].dep_ in ("cc", "advmod")
        and (toks[1].is_punct or toks[0].dep_ == "cc")
    ):
        toks.pop(0)
        while toks and toks[0].is_punct:
            toks.pop(0)
    toks = _close_gaps(toks)
    parts: list[str] = []
    prev = None
    named: Any = None  # a pronoun just replaced by a name
    # the subject brought in for a split-off clause counts as named ("Obama has gotten less credit
    # than aides say he deserves", not "... say Obama deserves")
    given = f"{unit.subject} " if rewrite and unit.subject else ""
    for t in toks:
        word = t.text
        if not rewrite:
            pass
        elif named is not None and t.i == named.i + 1 and t.lower_ in _CLITICS and _contracted(t):
            # "He's the only candidate" -> "Ted Cruz is the only candidate", never "Ted Cruz's"
            word = _contracted(t)
            parts.append(" ")
        elif t.lower_ in PERSONAL and t.tag_ == "PRP":
            quoted = inside is not None and t.idx < len(inside) and inside[t.idx]
            word = _unless_named(_resolve(t, unit, sent, ctx, quoted), [given, *parts]) or word
        elif t.lower_ in ("his", "her") and t.tag_ == "PRP$" and not parts and not unit.subject:
            # "Her plans will solve ..." -> "Hillary Clinton's plans will solve ...": a claim that opens
            # with an owner says whose, by the rules for "she"
            quoted = inside is not None and t.idx < len(inside) and inside[t.idx]
            owner = _resolve(t, unit, sent, ctx, quoted)
            word = f"{owner}'s" if owner else word
        elif t.lower_ == "it" and t.i != sent.start:
            word = _resolve_it(t) or _speaker_it(t, unit, toks, ctx) or word
        elif t.lower_ == "they" and t.tag_ == "PRP":
            word = _unless_named(_resolve_they(t, sent, ctx), [given, *parts]) or word
        named = t if rewrite and word != t.text and t.pos_ == "PRON" else None
        if t.text in QUOTE_CHARS:
            word = ""
        if prev is not None and (t.i != prev.i + 1 or prev.whitespace_):
            parts.append(", " if _bracketed_gap(prev, t) else " ")
        parts.append(word)
        prev = t
    body = "".join(parts)
    if rewrite and unit.subject and not _has_own_subject(toks):
        body = f"{unit.subject} {body}"
    return _tidy(body)


_CLITICS = ("'s", "\u2019s", "'d", "\u2019d", "'ll", "\u2019ll")


def _contracted(tok: Any) -> str | None:
    """What a "'s" after a pronoun stands for, when the parse says: "has" before a participle
    ("he's started"), "is" as the verb itself ("he's the only one"); else None (a passive "he's
    expected" or a title-case headline the parser reads as passive: left as written)."""
    if tok.tag_ == "POS":
        return None
    if tok.lower_ in ("'ll", "\u2019ll"):
        return "will"
    if tok.lower_ in ("'d", "\u2019d"):
        # "he'd be" -> "would"; "he'd been" -> "had"
        if any(c.lower_ == "been" for c in tok.head.children if c.dep_ == "aux") or tok.head.tag_ == "VBN":
            return "had"
        return "would" if tok.head.tag_ in ("VB", "VBG") else None
    if tok.lower_ not in ("'s", "\u2019s"):
        return None
    if tok.dep_ == "aux" and tok.head.tag_ in ("VBN", "VBD"):  # the parser often reads "raised" as past
        return "has"
    if tok.dep_ in ("ROOT", "ccomp", "conj", "advcl", "relcl") and tok.pos_ == "AUX" and tok.head.i == tok.i or (
        tok.dep_ in ("ccomp", "conj") and any(c.dep_ in ("attr", "acomp") for c in tok.children)
    ):
        return "is"
    if tok.dep_ == "aux" and tok.head.tag_ == "VBG":
        return "is"  # "he's running"
    return None


def _has_own_subject(toks: list[Any]) -> bool:
    """Does the clause's own verb have its subject among the words? ("which allows people to
    exchange messages": "people" is the subject of "exchange", not of "allows".)"""
    ids = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    if not roots:
        return any(t.dep_ in ("nsubj", "nsubjpass") for t in toks[:4])
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i in ids for r in roots for c in r.children)


def _unless_named(name: str | None, parts: list[str]) -> str | None:
    """The name for a pronoun, unless the claim already named them before it: "Choe rejected talks when
    she went to Moscow" is self-contained; "... when Choe went" only repeats."""
    if not name:
        return None
    last = name.split()[-1].removesuffix("'s").removesuffix("\u2019s")
    return None if re.search(rf"\b{re.escape(last)}\b", "".join(parts)) else name


_BRACKETS = {",", "\u2014", "\u2013"}


def _close_gaps(toks: list[Any]) -> list[Any]:
    """Drop the commas or dashes left between a subject and its verb by a part split off
    ("Tom Baker, the mayor, met ..." -> "Tom Baker met ...", not "Tom Baker, met ...")."""
    drop: set[int] = set()
    for k in range(1, len(toks) - 1):
        run = k
        while run + 1 < len(toks) and toks[run + 1].text in _BRACKETS and toks[run + 1].text == toks[k].text:
            run += 1
        if toks[k].text not in _BRACKETS or run + 1 >= len(toks):
            continue
        before, after = toks[k - 1], toks[run + 1]
        gap = after.i - before.i != run - k + 2  # something was split off in between
        if gap and _subject_of(before, after):
            drop |= {t.i for t in toks[k : run + 1]}
    return [t for t in toks if t.i not in drop]


def _bracketed_gap(prev: Any, nxt: Any) -> bool:
    """Did a part set off by commas go from between these words ("Instead of talks, North Korea
    says, it got ...")? Then one comma stays, unless it separated a subject from its verb."""
    doc = prev.doc
    if nxt.i - prev.i < 3 or prev.is_punct or nxt.is_punct:
        return False
    gap = doc[prev.i + 1 : nxt.i]
    if gap[0].text != "," or gap[-1].text != "," or sum(t.text == "," for t in gap) != 2:
        return False
    return not _subject_of(prev, nxt)


def _subject_of(noun: Any, verb: Any) -> bool:
    """Is `noun` (or the phrase it ends) the subject of `verb`?"""
    if verb.dep_ in ("aux", "auxpass", "neg", "advmod"):  # "..., had resigned", "..., also met"
        verb = verb.head
    tok = noun
    for _ in range(12):  # up through the subject's own modifiers ("the decision that I made")
        if tok.dep_ in ("nsubj", "nsubjpass", "csubj") and tok.head.i == verb.i:
            return True
        if tok.head.i == tok.i or tok.head.i == verb.i:
            return False
        tok = tok.head
    return False


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"\s*,(\s*,)+", ",", text).strip(" ,;:\u2014\u2013-")
    text = text.replace(" ,", ",").replace(" ;", ";").replace("( ", "(").replace(" )", ")")
    text = re.sub(r"\s*\(\)", "", text)  # "(R-TX)" left out as a part of its own
    text = re.sub(r"\s+(?:--|[\u2014\u2013-])\s+(?:--|[\u2014\u2013-])(?=\s)", "", text)  # "Emanuel - - on": a role between dashes
    text = re.sub(r" \.(?!\d)", ".", text)  # "to .08" keeps its space
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text


def opinion_reason(unit: Unit, sent: Any, quoted: bool) -> str | None:
    """Why this unit is opinion, prediction or a question rather than a factual claim."""
    if unit.role:
        return None
    toks = unit.tokens
    lows = [t.lower_ for t in toks]
    if sent.text.rstrip(" \"'\u201d").endswith("?") and any(t.dep_ == "ROOT" for t in toks):
        return "question"
    if _asks(toks, sent):
        return "question"
    if _greeting(toks):
        return "greeting"
    judged = _reaction(toks) or _fragment(toks, sent)
    if judged:
        return judged
    ids = {t.i for t in toks}
    for i, t in enumerate(toks):
        reason = _cue(t, i, lows, toks, quoted)
        # "miscalculations that could lead to war": a hedge inside a relative, adverbial or
        # prepositional clause is not the claim's own; the fact around it stays checkable.
        if reason is not None and not _subordinate(t, ids):
            return reason
    return _framing(toks, ids)


def _asks(toks: list[Any], sent: Any) -> bool:
    """'"Why would anyone pay 40 percent more?" Smith said.': the unit's own clause closes with a
    question mark (the sentence goes on with its tag), or the unit is a quoted question with its tag
    ('"Is Trump running against the party?" asked Mr. Manafort, referring to ...')."""
    ids = {t.i for t in toks}
    tops = {t.i for t in toks if t.head.i not in ids or t.head.i == t.i}
    return any(
        t.text == "?" and t.head.i in ids and (
            t.head.i in tops or (t.head.dep_ in ("parataxis", "ccomp") and t.head.head.i in tops)
        )
        for t in sent
    )


_GREETING_VERBS = {"thank", "bless", "congratulate", "greet"}
_COPULA = {"is", "was", "are", "were", "be", "been", "'s", "'m", "'re", "\u2019s", "\u2019m", "\u2019re",
           "am", "feel", "feels", "felt", "seems", "seemed", "sounds", "looks"}
_FEELINGS = {"excited", "thrilled", "delighted", "happy", "glad", "pleased", "proud", "honored",
             "honoured", "grateful", "thankful", "sad", "saddened", "disappointed", "heartbroken",
             "devastated", "shocked", "surprised", "amazed", "stunned", "relieved", "overjoyed",
             "ecstatic", "elated", "upset", "frustrated", "angry", "furious", "worried", "nervous"}
_EVALUATIVE_EXTRA = {"exciting", "thrilling", "amazing", "incredible", "remarkable",
                                  "extraordinary", "fascinating", "interesting", "historic",
                                  "tremendous", "huge", "big", "unbelievable", "stunning", "beautiful",
                                  "tragic", "heartbreaking", "sad", "cool", "awesome", "fun",
                                  "special", "wonderful", "perfect", "nice", "best", "worst"}
_VAGUE_SUBJECTS = {"it", "this", "that", "these", "those", "what", "everything", "which"}


def _reaction(toks: list[Any]) -> str | None:
    """Feelings and verdict-free evaluations are no claims: "I'm super excited", "We are thrilled",
    "This is very exciting news", "It's a good-news bad-news story". A copula whose subject is a
    person pronoun with a feeling ("excited"), or a vague "it/this/that" with an evaluative word,
    and nothing checkable (no number, no name, no clause saying what the feeling is about)."""
    ids = {t.i for t in toks}
    head = next((t for t in toks if t.head.i == t.i or t.head.i not in ids), None)
    if head is None or head.lower_ not in _COPULA:
        return None
    subj = [c for c in head.children if c.dep_ in ("nsubj", "expl")]
    preds = [c for c in head.children if c.dep_ in ("acomp", "attr", "oprd")]
    if len(subj) != 1 or not preds:
        return None
    said = [t for p in preds for t in p.subtree]
    if any(t.dep_ in ("ccomp", "xcomp", "relcl", "acl", "advcl") for t in said):
        return None  # "thrilled to announce that ...", "the news that X won": there is a fact
    if any(t.ent_type_ and t.ent_type_ not in ("ORDINAL",) for t in toks if t.i != subj[0].i):
        return None
    who = subj[0].lower_
    words = {t.lower_ for t in said}
    if who in ("i", "we") and words & _FEELINGS:
        return "reaction"
    if who in _VAGUE_SUBJECTS and words & (_EVALUATIVE | _EVALUATIVE_EXTRA):
        return "evaluation"
    return None


_SUBORDINATORS = {"which", "who", "whom", "whose", "why", "when", "where", "whether", "if",
                  "because", "although", "though", "while", "since", "unless", "how"}


def _fragment(toks: list[Any], sent: Any) -> str | None:
    """A piece of a sentence that says nothing on its own: no verb where its sentence has one
    ("In the Sanders stump speech", "Young Latinos and Asian Americans"), a dependent clause left
    alone ("When you are a worker", "Which he had promoted from his perch", "Why their elders had
    not"), or a bare verb whose rest went elsewhere ("That was")."""
    words = [t for t in toks if not (t.is_punct or t.is_space)]
    if not words:
        return None
    ids = {t.i for t in words}
    tops = [t for t in words if t.head.i == t.i or t.head.i not in ids]
    verbs = [t for t in words if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        numeric = any(t.ent_type_ in NUMERIC_ENTS for t in words)
        whole = all(t.i in ids or t.is_punct or t.is_space for t in sent)
        sentence_has_verb = any(t.pos_ in ("VERB", "AUX") for t in sent)
        if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in words):
            return "fragment"  # "At 30. Or 50. Much less at 70.": a number about nothing named
        if numeric:
            return None
        # a credit or a name alone ("[AP.]", "Donald Trump") says nothing either
        return "fragment" if (sentence_has_verb and not whole) or len(words) <= 3 else None
    top = tops[0]
    first = words[0]
    if len(tops) == 1 and top.dep_ not in ("ROOT",) and first.lower_ in _SUBORDINATORS and (
        first.head.i == top.i and first.dep_ in ("mark", "advmod", "dobj", "nsubj", "nsubjpass", "pobj")
    ) and first.i - sent.start > 0:
        return "fragment"
    last = words[-1]
    if len(words) <= 4 and last.i == top.i and last.pos_ == "AUX" and not any(
        c.dep_ in ("attr", "acomp", "xcomp", "ccomp", "dobj") and c.i in ids for c in top.children
    ):
        return "fragment"
    return None


def _greeting(toks: list[Any]) -> bool:
    """Thanks, blessings and welcomes are speech acts, not claims: "Thank you, and God bless
    our great state", "I want to thank the cabinet secretaries", "Thanks to all of you"."""
    ids = {t.i for t in toks}
    head = next((t for t in toks if t.head.i == t.i or t.head.i not in ids), None)
    if head is None:
        return False
    verbs = [head] + [c for c in head.children if c.dep_ in ("xcomp", "conj") and c.i in ids]
    subj = [c.lower_ for c in head.children if c.dep_ == "nsubj"]
    if any(v.lemma_.lower() in _GREETING_VERBS or v.lower_ in _GREETING_VERBS for v in verbs):
        return not subj or subj[0] in ("i", "we", "god")
    return head.lower_ == "thanks" or (head.lower_ == "welcome" and not subj)


def _framing(toks: list[Any], ids: set[int]) -> str | None:
    """The opinion frame a split-off clause inherits: in "I feel that we must not reverse X,
    that we stand up for Y" the second clause is as much the speaker's feeling as the first."""
    head = next((t for t in toks if t.head.i == t.i or t.head.i not in ids), None)
    tok, steps, via_complement = head, 0, False
    while tok is not None and tok.head.i != tok.i and tok.dep_ in ("conj", "ccomp", "xcomp") and steps < 8:
        via_complement = tok.dep_ in ("ccomp", "xcomp")
        tok = tok.head
        steps += 1
        if tok.i in ids or tok.lower_ in SPEECH_VERBS:
            return None  # inside the unit already checked; a speech verb starts a new voice
        if not via_complement:
            continue
        subj = {c.lower_ for c in tok.children if c.dep_ == "nsubj"}
        if tok.lower_ in _OPINION_VERBS and subj & {"i", "we"}:
            return "belief"
        if any(c.tag_ == "MD" and c.lower_ in _HEDGE_MODALS for c in tok.children):
            return "modal"
        if tok.lower_ in _SPECULATION:
            return "speculation"
    return None


def _cue(t: Any, i: int, lows: list[str], toks: list[Any], quoted: bool) -> str | None:
    """The opinion cue token `t` (at position i of the unit) gives, if any."""
    low = lows[i]
    if low in _OPINION_VERBS and i > 0 and lows[i - 1] in ("i", "we"):
        return "belief"
    if t.tag_ == "MD" and low in _HEDGE_MODALS:
        return "modal"
    if low in ("need", "needs") and i + 1 < len(toks) and lows[i + 1] == "to":
        return "obligation"
    if low in _SPECULATION and not _comparative_odds(low, i, lows):
        return "speculation"
    # "We will cut ..." is a pledge, checkable as an announcement; "they will ..." predicts.
    pledge = i > 0 and lows[i - 1] in ("i", "we")
    if quoted and low in _PREDICTION and t.tag_ == "MD" and not pledge:
        return "prediction"
    # "we're going to ..." pledges like "we will"; "they're going to ..." predicts.
    pledge = any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in t.children)
    if quoted and low == "going" and i + 1 < len(toks) and lows[i + 1] == "to" and not pledge:
        return "prediction"
    if low in ("unclear", "question") and any(w in ("is", "'s") for w in lows[max(0, i - 3) : i + 2]):
        return "uncertain"
    if low == "clear" and i > 0 and lows[i - 1] == "not":
        return "uncertain"
    if low in _EVALUATIVE and t.tag_ in ("JJ", "JJR", "JJS") and _judges_main_verb(t):
        return "evaluation"
    return None


def _comparative_odds(low: str, i: int, lows: list[str]) -> bool:
    """"were 51 percent less likely to develop dementia", "twice as likely": a measured
    comparison of odds, not the writer hedging."""
    return low in ("likely", "unlikely") and i > 0 and lows[i - 1] in ("more", "less", "most", "least", "as")


_SUBORDINATE_DEPS = {"relcl", "acl", "advcl", "pcomp", "pobj", "csubj", "xcomp"}


def _subordinate(tok: Any, ids: set[int]) -> bool:
    """Does `tok` sit inside a relative, adverbial or prepositional clause of the unit (rather
    than on the unit's own main verb)? A fact stays checkable when only such a part hedges."""
    seen = 0
    while tok.head.i != tok.i and tok.head.i in ids and seen < 30:
        if tok.dep_ in _SUBORDINATE_DEPS and tok.pos_ in ("VERB", "AUX"):
            return True
        tok = tok.head
        seen += 1
    return False


_EVALUATIVE = {"good", "bad", "great", "terrible", "excellent", "poor", "wonderful", "awful",
               "horrible", "fantastic", "superb", "lousy", "brilliant", "outstanding", "admirable",
               "disgraceful", "shameful", "impressive", "disappointing", "commendable", "dismal"}


def _judges_main_verb(adj: Any) -> bool:
    """The adjective grades what the clause is about: "has done a pretty good job",
    "the plan is terrible" (not "bad loans rose 4 percent")."""
    head = adj.head
    if adj.dep_ in ("acomp", "attr"):
        return True
    return adj.dep_ == "amod" and head.dep_ in ("dobj", "attr") and head.lower_ in (
        "job", "work", "idea", "thing", "move", "decision", "step", "start", "sign"
    )


_ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth", "last", "next"}


def _is_quantity(t: Any) -> bool:
    """A real quantity: money, a percentage, a measure or a count - not "first", not "one of"."""
    if t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
        return True
    if t.ent_type_ in _DATE_ENTS or t.ent_type_ == "ORDINAL" or t.lower_ in _ORDINAL_WORDS:
        return False
    if not (t.like_num or t.ent_type_ == "CARDINAL"):
        return False
    if t.lower_ == "one" or (t.is_alpha and t.dep_ != "nummod" and t.head.lower_ not in _MULTIPLIERS):
        return False  # "one of those detainees", "the two of them": a pronoun, not a count
    return True


_MULTIPLIERS = {"hundred", "thousand", "million", "billion", "trillion", "dozen"}


_SPECIFIC_ENTS = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE", "ORG", "GPE", "LAW", "FAC",
                  "PERSON", "EVENT", "PRODUCT"}
_PLAN_VERBS = {"propose", "proposes", "proposing", "plan", "plans", "intend", "intends", "pledge",
               "pledges", "budget", "budgets", "recommend", "recommends", "invest", "invests"}


def specific_plan(unit: Unit) -> bool:
    """A stated plan or pledge with specifics: "My budget will invest $40 million in roads",
    "We will open two clinics in Dover next year". What was announced is checkable (and later
    the outcome is), unlike "things will get better"; a quoted forecast about others is not."""
    toks = unit.tokens
    lows = [t.lower_ for t in toks]
    future = any(
        (t.tag_ == "MD" and lows[i] in _PREDICTION_OR_PLAN)
        or (lows[i] == "going" and i + 1 < len(toks) and lows[i + 1] == "to")
        or lows[i] in _PLAN_VERBS
        for i, t in enumerate(toks)
    )
    if not future:
        return False
    return any(
        t.ent_type_ in _SPECIFIC_ENTS and not (t.ent_type_ == "CARDINAL" and t.lower_ == "one")
        for t in toks
    )


_PREDICTION_OR_PLAN = {"will", "'ll", "\u2019ll", "wo", "shall"}


def kind_of(unit: Unit, quoted: bool) -> ClaimKind:
    if unit.role:
        return ClaimKind.ROLE
    toks = unit.tokens
    if any(t.dep_ == "attr" and t.head.lower_ in ("was", "is") for t in toks) and any(
        t.ent_type_ == "PERSON" for t in toks
    ) and len(toks) <= 16:
        return ClaimKind.ROLE
    if quoted:
        return ClaimKind.QUOTE
    years = {t.i for t in toks if t.is_digit and len(t.text) == 4 and t.text[:2] in ("19", "20")}
    if any(t.i not in years and _is_quantity(t) for t in toks):
        return ClaimKind.NUMBER
    if years or any(t.ent_type_ in _DATE_ENTS for t in toks):
        return ClaimKind.DATE_EVENT
    return ClaimKind.STATEMENT


__all__ = ["claim_text", "kind_of", "opinion_reason", "source_parts", "source_span", "span_text", "specific_plan"]


# --- Concrete evidence: a verifiable record or a measured state of the world -------------------

_SPEECH_ACTS = {"thank", "thanks", "congratulate", "welcome", "honor", "honored", "honoured",
                "pleased", "proud", "grateful", "appreciate", "applaud", "salute", "commend",
                "recognize", "acknowledge", "ask", "urge", "invite", "join", "let", "please"}
_NON_FINITE_AUX = _HEDGE_MODALS | _PREDICTION | {"could", "would", "can", "ca", "shall"}


def _forms(bases: set[str], irregular: frozenset[str] | set[str] = frozenset()) -> frozenset[str]:
    """Inflected forms of the given base words (the pipeline runs without a lemmatizer)."""
    out = set(irregular)
    for b in bases:
        stem = b[:-1] if b.endswith("e") else b
        out |= {b, b + "s", b + "es", b + "d", b + "ed", stem + "ing", stem + "ed"}
    return frozenset(out)


_STATIVE = _forms(
    {"be", "have", "know", "need", "want", "think", "believe", "feel", "hope", "see", "look", "get",
     "go", "come", "talk", "say", "tell", "try", "like", "love"},
    {"is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m", "\u2019s", "\u2019re",
     "has", "had", "having", "knew", "known", "thought", "felt", "saw", "seen", "got", "gotten",
     "went", "gone", "came", "said", "told", "tried"},
)


def _unit_head(toks: list[Any]) -> Any | None:
    ids = {t.i for t in toks}
    return next((t for t in toks if t.head.i == t.i or t.head.i not in ids), None)


def _tense(verb: Any) -> str | None:
    """past / perfect / present for a finite main verb; None for modal, future, imperative,
    non-finite."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lower_ in _NON_FINITE_AUX for a in aux):
        return None
    if verb.tag_ == "VBN" and any(a.lower_ in ("has", "have", "had", "'ve") for a in aux):
        return "perfect"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return "progressive"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return "present"
    return None


def _concrete_object(verb: Any) -> bool:
    """A noun (not a pronoun) the act is done to: "cut taxes", "passed the law", "invest in roads"."""
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "oprd", "dative") and c.pos_ in ("NOUN", "PROPN", "NUM"):
            return True
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN", "NUM")
                                    for g in c.children):
            return True
    return False


def _pledge(head: Any, subj: list[Any]) -> bool:
    """'we will fund the pension', 'we're going to fix our foster care system', 'the Secretary
    and I will propose a plan': a first-person commitment to a concrete act (checkable as what
    was announced). 'continue/keep/begin to' pass through to the act itself."""
    if not any(t.lower_ in ("we", "i", "us") for s in subj for t in s.subtree):
        return False
    verb = head
    if head.lower_ == "going":
        verb = next((c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if verb is None:
            return False
    elif not any(c.dep_ == "aux" and c.lower_ in _PREDICTION_OR_PLAN for c in head.children):
        return False
    for _ in range(3):
        if verb.lower_ not in _CONTINUE:
            break
        nxt = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if nxt is None:
            break
        verb = nxt
    if verb.lower_ in _STATIVE:
        return False
    return _concrete_object(verb)


_CONTINUE = _forms({"continue", "keep", "begin", "start"})


def concrete_evidence(unit: Unit) -> str | None:
    """Which kind of checkable content the unit has, if any: "act", "measure" or "pledge".

    act: a first-person-plural actor doing a concrete act now - a progressive action verb with a
    noun object ("we're using CARES Act money to retrain workers", "we are not spending any
    more money building prisons").
    measure: a present-tense statement with a quantity ("unemployment is 4 percent", "we're
    putting 3,000 people through retraining").
    pledge: a first-person commitment to a concrete act ("we're going to fund our pension").
    Never for questions, thanks and other speech acts, imperatives, modals or predictions (the
    opinion rules run first and those units never reach this test), nor for stative verbs
    ("we have a shortage", "we know that ...").
    Past and present-perfect records ("we have cut taxes", "Congress passed the act in 1996")
    were tested too: the scorer keeps nearly all of them already, a lower bar added only errors;
    so were present-tense provisions ("the law requires schools to ..."): +0.001 on the tuning
    half, nothing on the other.
    """
    if unit.role:
        return None
    toks = [t for t in unit.tokens if not (t.is_punct or t.is_space)]
    head = _unit_head(toks)
    if head is None or head.pos_ not in ("VERB", "AUX") or len(toks) < 5:
        return None
    if any(t.lower_ in _SPEECH_ACTS for t in toks if t.i == head.i or t.head.i == head.i):
        return None
    subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subj:
        return None
    if _pledge(head, subj):
        return "pledge"
    tense = _tense(head)
    if tense is None:
        return None
    if tense in ("present", "progressive") and any(_is_quantity(t) for t in toks):
        return "measure"
    if tense != "progressive":
        return None
    we = any(s.lower_ == "we" for s in subj)
    return "act" if we and head.lower_ not in _STATIVE and _concrete_object(head) else None
