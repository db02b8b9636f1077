"""Bytes to text: UTF-8 (a bad byte is named with its offset), a legacy encoding only when the file is clearly
not UTF-8 and the guess is confident, a clear refusal otherwise. NUL anywhere means binary."""

import codecs
import re

from workbench.domain import ArticleImportError

_BINARY_SIGNATURES = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"SQLite format 3")
# Well-formed UTF-8 sequences of two to four bytes: a file holding them was written as UTF-8.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# Legacy encodings newsrooms actually send; an exotic guess (mac_latin2, cp037...) is more likely noise.
_LEGACY_FAMILIES = ("cp125", "latin_1", "iso8859", "koi8", "mac_roman", "shift_jis", "cp932", "euc_", "gb", "big5",
                    "cp949", "cp874", "tis_620", "windows_125")


def decode_bytes(data: bytes, name: str) -> str:
    if not data.strip():
        raise ArticleImportError(f"{name}: the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _no_nul(_strict(data[3:], "utf-8", name, 3), name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _no_nul(_strict(data, "utf-16", name), name)
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise ArticleImportError(f"{name}: this is a binary file, not a text, Markdown or HTML article")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleImportError(f"{name}: a NUL byte at offset {nul}: this is not a text article (binary data "
                                 "inside the text)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc
    if _near_utf8(data):
        raise ArticleImportError(
            f"{name}: not valid UTF-8 (bad byte 0x{data[first_bad.start]:02x} at offset {first_bad.start}); "
            "the rest of the file is UTF-8, so the file is damaged: fix or re-save it as UTF-8")
    return _detected(data, name)


def _strict(data: bytes, encoding: str, name: str, skipped: int = 0) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleImportError(
            f"{name}: not valid {encoding} text ({exc.reason} at byte {exc.start + skipped})") from None


def _no_nul(text: str, name: str) -> str:
    at = text.find("\x00")
    if at >= 0:
        raise ArticleImportError(f"{name}: a NUL character at character {at}: this is not a text article")
    return text


def _near_utf8(data: bytes) -> bool:
    """Written as UTF-8 with a few bad bytes (a damaged file), rather than in a legacy encoding: its well-formed
    multi-byte sequences are not rare next to the bytes that break it."""
    valid = sum(len(m.group(0)) for m in _UTF8_MULTIBYTE.finditer(data))
    high = len(_HIGH_BYTE.findall(data))
    return valid > 0 and valid * 2 >= high  # at least half of the non-ASCII bytes form UTF-8 characters


def _detected(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes  # only needed for the rare non-UTF-8 file

    refusal = ArticleImportError(
        f"{name}: the text is not UTF-8 and its encoding could not be told with confidence; save it as UTF-8 "
        "and import again")
    best = from_bytes(data).best()
    # Accept a detection only when it is confident; a wrong guess would silently garble names.
    # Confident: little mess, a common encoding, and enough text for its language to show (a short snippet
    # decodes as well in cp1250 as in cp1252, "trčs" for "très").
    if (best is None or best.encoding is None or best.chaos > 0.1 or best.coherence < 0.2
            or not best.encoding.startswith(_LEGACY_FAMILIES)):
        raise refusal
    text = str(best)
    if _control_ratio(text) > 0.01:
        raise ArticleImportError(f"{name}: this looks like a binary file, not a text article")
    if _looks_random(data, text):
        raise refusal
    return text


def _looks_random(data: bytes, text: str) -> bool:
    """Stray bytes rather than a language's letters: real accented text repeats a few characters (é, è, à) and
    they are letters; noise uses many different byte values, and many of them decode to symbols."""
    high = _HIGH_BYTE.findall(data)
    if len(high) >= 12 and len(set(high)) > 0.5 * len(high):
        return True
    non_ascii = [ch for ch in text if ord(ch) > 127]
    letters = sum(ch.isalpha() or ch in "«»‹›‘’‚“”„–—…€£¥°§©®™·•¡¿" for ch in non_ascii)
    return bool(non_ascii) and letters < 0.9 * len(non_ascii)


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / max(1, len(sample))
