"""Bytes to text: UTF-8 first, a detected encoding if it is clear, a clear refusal otherwise."""

import codecs

from workbench.domain import ArticleImportError

_BINARY_SIGNATURES = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"SQLite format 3")


def decode_bytes(data: bytes, name: str) -> str:
    if not data.strip():
        raise ArticleImportError(f"{name}: the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name)
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise ArticleImportError(f"{name}: this is a binary file, not a text, Markdown or HTML article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detected(data, name)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleImportError(f"{name}: not valid {encoding} text ({exc.reason} at byte {exc.start})") from exc


def _detected(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes  # only needed for the rare non-UTF-8 file

    best = from_bytes(data).best()
    # Accept a detection only when it is confident; a wrong guess would silently garble names.
    if best is None or best.chaos > 0.2 or best.encoding is None:
        raise ArticleImportError(
            f"{name}: the text is not UTF-8 and its encoding could not be detected; save it as UTF-8 and import again"
        )
    text = str(best)
    if _control_ratio(text) > 0.01:
        raise ArticleImportError(f"{name}: this looks like a binary file, not a text article")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / max(1, len(sample))
