"""BERT's uncased WordPiece tokenizer (the one all-MiniLM-L6-v2 was trained with), from its vocab.txt.

Basic tokenisation (clean control characters, space out CJK ideographs, lower-case, strip accents, split off
punctuation), then greedy longest-match-first word pieces with "##" continuations; a word that cannot be
covered, or is longer than 100 characters, is [UNK]. Checked token for token against the reference tokenizer
(tests/unit/test_wordpiece.py holds ids it produced).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

MAX_WORD_CHARS = 100


class WordPiece:
    def __init__(self, vocab_path: Path) -> None:
        with open(vocab_path, encoding="utf-8") as fh:
            self.vocab = {line.rstrip("\n"): i for i, line in enumerate(fh)}
        self.cls, self.sep = self.vocab["[CLS]"], self.vocab["[SEP]"]
        self.pad, self.unk = self.vocab["[PAD]"], self.vocab["[UNK]"]
        self._pieces = lru_cache(maxsize=65536)(self._word_pieces)

    def encode(self, text: str, max_tokens: int) -> list[int]:
        """[CLS] pieces [SEP], cut to `max_tokens` in all (as sentence-transformers truncates)."""
        ids: list[int] = []
        limit = max_tokens - 2
        for word in basic_tokens(text):
            ids.extend(self._pieces(word))
            if len(ids) >= limit:
                break
        return [self.cls, *ids[:limit], self.sep]

    def _word_pieces(self, word: str) -> tuple[int, ...]:
        if len(word) > MAX_WORD_CHARS:
            return (self.unk,)
        out: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return (self.unk,)
            out.append(found)
            start = end
        return tuple(out)


def basic_tokens(text: str) -> list[str]:
    """Lower-cased, accent-free words and single punctuation marks, as BERT's BasicTokenizer splits them."""
    chars = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        if _is_whitespace(ch):
            chars.append(" ")
        elif _is_cjk(cp):
            chars.append(f" {ch} ")
        else:
            chars.append(ch)
    out: list[str] = []
    for token in "".join(chars).split():
        token = unicodedata.normalize("NFD", token.lower())
        token = "".join(c for c in token if unicodedata.category(c) != "Mn")
        word = []
        for c in token:
            if _is_punctuation(c):
                if word:
                    out.append("".join(word))
                    word = []
                out.append(c)
            else:
                word.append(c)
        if word:
            out.append("".join(word))
    return out


def _is_whitespace(ch: str) -> bool:
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def _is_control(ch: str) -> bool:
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf")


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True  # ASCII symbols such as $ ^ ` count as punctuation too
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)
