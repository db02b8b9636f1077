"""Paragraphs, page furniture and sentence boundaries, in plain Python (no spaCy).

The boundaries found here are imposed on the parser, so segmentation is deterministic and
testable without the model: abbreviations (U.S., Nov., Dr.) never end a sentence unless the
next word clearly starts one, quotes that close after the full stop stay with their sentence,
and paragraphs (blank lines) always end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.claims.attribution import SPEECH_VERBS
from workbench.claims.quotes import quote_depths

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")

# Bounded pieces: the parser and the claim rules look across a whole parsed block (its entities,
# its quotes, the sentence before), so one 20,000-word paragraph - a transcript pasted without
# blank lines - cost ~4.6x the parse, and over 1,000,000 characters spaCy refuses it (E088).
# A paragraph longer than PIECE_CHARS is parsed in pieces of whole sentences, cut where no
# quotation is open; a "sentence" longer than SENTENCE_CHARS (text without full stops) is cut at
# its last clause mark or space before that length. News paragraphs are far below both.
PIECE_CHARS = 3_000
SENTENCE_CHARS = 1_500

# Titles and month names: a following capitalised word belongs to the same sentence.
_TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "cmdr",
    "adm", "sgt", "maj", "st", "mt", "ft", "rev", "hon", "pres", "supt", "sens", "reps",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "ed", "eds", "dept", "vs", "v", "ave", "blvd", "rd",
}
# Abbreviations before a number ("No. 2", "p. 14"); also plain words that end sentences ("voted no.").
_NUMBERED = {"no", "nos", "vol", "fig", "art", "ch", "p", "pp", "approx", "est"}
# Abbreviations that often end a sentence ("... joined Acme Inc. The deal ...").
_TRAILING_ABBREVIATIONS = {"inc", "corp", "co", "ltd", "jr", "sr", "etc", "al", "bros", "llc"}
# Words that start sentences: after "U.S." or "Inc." they signal a real boundary.
_SENTENCE_STARTERS = {
    "the", "a", "an", "but", "and", "he", "she", "it", "they", "we", "i", "you", "this", "that",
    "these", "those", "in", "on", "at", "for", "as", "if", "when", "while", "there", "his", "her",
    "their", "its", "our", "my", "after", "before", "since", "still", "yet", "so", "however",
    "meanwhile", "instead", "then", "now", "some", "many", "most", "one", "no", "not", "what",
    "why", "how", "who", "during", "despite", "although", "though", "because", "last", "earlier",
    "later", "other", "officials", "both",
}

_CANDIDATE = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)|\u2026[\"'\u201d\u2019)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+([\"'\u201c\u2018(\[]*)(\S+)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]*)$")
# '"Why now?" Clinton asked.': a question or exclamation closing a quote, then a short speech tag
# ending the sentence, is one sentence (the tag names who asked).
_QUOTED_STOP = re.compile(r"[?!]+[\"\u201d']+$")
_TAG_WORDS = SPEECH_VERBS | {"asked", "asks", "wondered", "shouted", "yelled", "exclaimed"}

_BYLINE = re.compile(r"^\s*(by|from|reporting by|written by)\s+[A-Z][^.!?]{0,120}$", re.I)
_DATELINE = re.compile(
    r"^\s*(updated:?\s*|published:?\s*|posted:?\s*)?"
    r"((mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"((jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})"
    r"[\s,|\-\u2013\u2014]*(\d{1,2}:\d{2}\s*(am|pm|a\.m\.|p\.m\.)?\s*([A-Z]{2,4})?)?\s*$",
    re.I,
)
# A dateline opening a story's first paragraph: "LONDON (Reuters) - ", "SPRINGFIELD, Ill. (AP) —",
# "BEIJING, Nov. 21 (Reuters) - ", "RIVERTON - ". Place names in capitals, then an optional
# state or country, date and agency, then a dash.
_DATELINE_LEAD = re.compile(
    r"[A-Z][A-Z'\-]+\.?(?:\s+[A-Z][A-Z'\-]*\.?){0,3}"
    r"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})?"
    r"(?:,?\s*(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2})?"
    r"(?:\s*\([A-Za-z][A-Za-z .&/-]{0,30}\))?"
    r"\s*(?:-{1,2}|\u2013|\u2014)\s+(?=[\"'\u201c\u2018]?[A-Z0-9])"
)
_CREDIT = re.compile(
    r"(contributed (reporting )?to this (report|article|story)|additional reporting by"
    r"|^\s*(editing|edited|reporting|writing) by\b|^\s*copyright\b|^\s*\u00a9|all rights reserved"
    r"|^\s*(related|read more|see also|photo|image|credit)\s*:)",
    re.I,
)


# Picture credits and reference lines: "Clayton Aldern / Grist", "Photograph: Liu Xu/Xinhua via
# Getty Images", "Credit: ...", "Nature 574, 16-17 (2019)", "doi: 10.1038/...", a bare link.
_PICTURE_CREDIT = re.compile(
    r"(^\s*\(?(?-i:[A-Z]{2,5}\s+)?(photo(graph)?s?|image|picture|illustration|video|graphic|caption|credit)s?\b[^.]{0,60}"
    r"(:|/|\bby\b)|\bcredit\s*$|[/(][^/()]{0,40}\b(getty images|shutterstock|alamy|afp|reuters|ap|xinhua)\s*\)?\s*$"
    r"|^\s*[A-Z][\w.'\-]*(\s+[A-Z][\w.'\-]*){0,3}\s*/\s*[A-Z][\w.&'\-]*(\s+[A-Z][\w.&'\-]*){0,3}\s*$)",
    re.I,
)
# "Story by Scott Conroy Video produced by Jon Strauss": a credit roll (short, or naming several
# people), not "Video produced by the ministry showed ...".
_CREDIT_ROLL = re.compile(
    r"^\s*(story|text|words|video|photos?|photography|graphics?|illustrations?|cinematography"
    r"|design|production|animation|interactive)\s+((produced|edited|shot|designed|written|directed)\s+)?"
    r"by\s+(?-i:[A-Z])",
    re.I,
)
_BY_NAME = re.compile(r"\bby\s+[A-Z]")
# A section label in capitals ("ABSTRACT.", "FULL TEXT", "ADVERTISEMENT", "UPDATE:"), not "NATO."
_TIMESTAMP = re.compile(r"\d{1,2}(:\d{2})?\s*([ap]\.?m\.?)?(\s+[A-Z]{2,4})?\.?", re.I)  # "9:42 p.m." in a live blog
_MARKUP = re.compile(r"(\s*<[^<>]{0,300}>)+\s*")  # an embed left as tags: '<tweet tweet-id="..."><tweet/>'
_LABEL = re.compile(r"[A-Z][A-Z'\-]{3,}(?: [A-Z][A-Z'\-]+){0,2}[.:]?")
_REFERENCE = re.compile(
    r"^\s*(doi\s*:|https?://\S+\s*$|[A-Z][\w.&]*(\s+[A-Z][\w.&]*){0,4}\s+\d+\s*,\s*\d+\s*[-\u2013]\s*\d+"
    r"\s*\(\d{4}\)?\s*$)"
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty blocks between blank lines, stripped, with their offsets in `text`."""
    out: list[Paragraph] = []
    pos = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        block = text[pos:end]
        stripped = block.strip()
        if stripped:
            lead = len(block) - len(block.lstrip())
            start = pos + lead
            out.append(Paragraph(start, start + len(stripped), stripped))
        if match:
            pos = match.end()
    return out


def is_furniture(line: str) -> bool:
    """Bylines, datelines, credit and copyright lines: page furniture, never claims."""
    line = line.strip()
    if not line:
        return True
    if _LABEL.fullmatch(line) or _TIMESTAMP.fullmatch(line) or _MARKUP.fullmatch(line):
        return True
    if _CREDIT.search(line) or _DATELINE.match(line) or _REFERENCE.match(line):
        return True
    if len(line.split()) <= 14 and _PICTURE_CREDIT.search(line):
        return True
    if _CREDIT_ROLL.match(line) and (len(line.split()) <= 10 or len(_BY_NAME.findall(line)) >= 2):
        return True
    return bool(_BYLINE.match(line)) and len(line.split()) <= 14


def _is_abbreviation_stop(text: str, dot: int, next_word: str) -> bool:
    """True when the full stop at `dot` belongs to an abbreviation inside the sentence."""
    m = _WORD_BEFORE.search(text, max(0, dot - 40), dot)  # bounded: no quadratic scan
    if not m:
        return False
    word = m.group(1)
    bare = word.rstrip(".").lower()
    nxt = next_word.lstrip("\"'\u201c\u2018([").lower().rstrip(".,;:!?\"'\u201d\u2019")
    # "then-Cmdr. Jon Burge", "ex-Gov. Perry": a title with a prefix is still a title
    if bare in _TITLES or bare.rsplit("-", 1)[-1] in _TITLES:
        return True
    if bare in _NUMBERED and re.match(r"[\d$#]", next_word.lstrip("\"'\u201c\u2018([")):
        return True
    # Initials and dotted acronyms: "U.S.", "U.N.", "J." — a sentence starter after them
    # is the only sign of a real boundary.
    if "." in word or (len(bare) == 1 and word[0].isupper()):
        return nxt not in _SENTENCE_STARTERS
    if bare in _TRAILING_ABBREVIATIONS:
        return nxt not in _SENTENCE_STARTERS
    if bare in {"a.m", "p.m"}:
        return nxt not in _SENTENCE_STARTERS
    return False


def _speech_tag_follows(text: str, stop: int, end: int) -> bool:
    """A short "Clinton said." / "asked Mr. Smith." right after `stop`, ending its sentence."""
    tail = text[stop : min(end, stop + 80)]
    cut = re.search(r"[.!?]", tail)
    if cut is None and stop + 80 < end:
        return False
    piece = tail[: cut.start()] if cut else tail
    words = [w.strip(",.;:").lower().replace("\u2019", "'") for w in piece.split()]
    if not 1 < len(words) <= 6 or not any(w in _TAG_WORDS for w in words):
        return False
    return True


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets inside text[start:end], stripped, in order."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sent_start = start
    for m in _CANDIDATE.finditer(text, start, end):
        stop = m.end()
        nm = _NEXT_START.match(text, stop, end)
        if not nm:
            continue
        opener, word = nm.group(1), nm.group(2)
        first = word[0]
        # A lower-case continuation ("...?" he asked) or a closing mark keeps the sentence open.
        if not (first.isupper() or first.isdigit() or opener):
            continue
        if text[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation_stop(
            text, m.start(), opener + word
        ):
            continue
        if not opener and _QUOTED_STOP.search(m.group(0)) and _speech_tag_follows(text, stop, end):
            continue
        spans.append((sent_start, stop))
        sent_start = nm.start(1)
    spans.append((sent_start, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def dateline_end(text: str, start: int, end: int) -> int:
    """Where the sentence starts when text[start:end] opens with a dateline ("LONDON (Reuters) -
    Oil prices rose ..."): the dateline is furniture, not part of the first claim."""
    m = _DATELINE_LEAD.match(text, start, end)
    if not m or sum(c.isupper() for c in m.group(0)[:4]) < 3:
        return start
    return m.end()


def _line_blocks(text: str, para: Paragraph) -> list[tuple[int, int]]:
    """Runs of consecutive lines inside a paragraph, with furniture lines left out."""
    blocks: list[tuple[int, int]] = []
    pos = para.start
    cur: tuple[int, int] | None = None
    for line in text[para.start : para.end].split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        if is_furniture(line):
            if cur:
                blocks.append(cur)
            cur = None
        elif line.strip():
            cur = (cur[0], e) if cur else (s, e)
    if cur:
        blocks.append(cur)
    return blocks


def _bounded_sentence(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) cut into parts of at most SENTENCE_CHARS: after the last ";", ",", dash or
    space in the second half of each part, else hard at the limit."""
    out: list[tuple[int, int]] = []
    while end - start > SENTENCE_CHARS:
        limit = start + SENTENCE_CHARS
        half = start + SENTENCE_CHARS // 2
        cut = -1
        for marks in ((";",), (",", "\u2014", "\u2013"), (" ", "\n", "\t")):
            cut = max(text.rfind(m, half, limit) for m in marks)
            if cut >= 0:
                break
        cut = cut + 1 if cut >= 0 else limit
        head = text[start:cut].rstrip()
        if head:
            out.append((start, start + len(head)))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


def _pieces(
    text: str, para: Paragraph, sents: list[tuple[int, int]]
) -> list[tuple[Paragraph, list[tuple[int, int]]]]:
    """The paragraph as pieces of whole sentences of at most PIECE_CHARS (a single longer
    sentence is a piece of its own), cut only between sentences outside quotes unless a piece
    would pass twice the limit."""
    if sents[-1][1] - sents[0][0] <= PIECE_CHARS:
        return [(para, sents)]
    quoted = quote_depths(text[para.start : para.end])
    out: list[tuple[Paragraph, list[tuple[int, int]]]] = []
    cur: list[tuple[int, int]] = []
    for span in sents:
        if cur:
            size = span[1] - cur[0][0]
            gap = cur[-1][1] if cur[-1][1] < span[0] else span[0]  # the space between them
            open_quote = quoted[gap - para.start]
            if size > 2 * PIECE_CHARS or (size > PIECE_CHARS and not open_quote):
                out.append((Paragraph(cur[0][0], cur[-1][1], text[cur[0][0] : cur[-1][1]]), cur))
                cur = []
        cur.append(span)
    out.append((Paragraph(cur[0][0], para.end, text[cur[0][0] : para.end]), cur))
    return out


def split_text(text: str) -> list[tuple[Paragraph, list[tuple[int, int]]]]:
    """Paragraphs that are not page furniture, each with its sentence spans (absolute); a long
    paragraph comes as several pieces (see PIECE_CHARS), so every parsed block is bounded."""
    out = []
    for para in paragraphs(text):
        blocks = _line_blocks(text, para)
        if blocks and blocks[0][0] == para.start:
            blocks[0] = (dateline_end(text, *blocks[0]), blocks[0][1])
        sents = [
            part
            for bs, be in blocks
            for span in sentence_spans(text, bs, be)
            if not is_furniture(text[span[0] : span[1]])
            for part in _bounded_sentence(text, *span)
        ]
        if sents:
            out.extend(_pieces(text, para, sents))
    return out
