"""Text that is not what it seems, and text built to freeze the parser: every file and paste either becomes a
clean article or is refused with one line, in time linear in its length."""

import os
import re
import signal
import threading
from contextlib import contextmanager

import pytest
from hypothesis import given, settings, strategies as st

from workbench.domain import ArticleImportError, Cancelled, InvalidInput
from workbench.domain.limits import MAX_TITLE, MAX_URL
from workbench.domain.urls import display_url, normalise_url
from workbench.text import parse_article, parse_article_file, parse_text
from workbench.text.cleaning import terminal_safe
from workbench.text.importer import paragraph_spans
from workbench.text.markup import emphasis_spans

BODY = "The ministry said exports rose by 12 percent in 2019, officials told reporters on Monday. "


@contextmanager
def finishes_within(seconds: int):
    """Fails the test when the block runs longer: a guard against freezing (minutes), not a speed target."""
    def expired(*_):
        raise AssertionError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# --- linear-time parsing ---------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", ["*a ", "_a ", "**a ", " ", " \n \n"])
def test_hostile_markup_is_parsed_in_linear_time(unit):
    # 300 KB of unclosed emphasis markers or of blank space: minutes with the old regexes.
    raw = "A title\n\n" + BODY + unit * (300_000 // len(unit)) + BODY
    with finishes_within(30):
        article = parse_text(raw)
    assert BODY.strip() in article.text


_OLD_EMPHASIS = re.compile(r"(?<![\w*_\\])(\*\*|__|\*|_)(?=\S)([^\n]*?\S)\1(?![\w*_])")
_OLD_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="*_ a\n\\é1.", max_size=40))
def test_emphasis_scanner_finds_what_the_regex_found(raw):
    assert list(emphasis_spans(raw)) == [(m.start(), m.end(), len(m.group(1))) for m in _OLD_EMPHASIS.finditer(raw)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" a\n\t\x0b\u2028.", max_size=40))
def test_paragraph_splitter_finds_what_the_regex_found(raw):
    assert list(paragraph_spans(raw)) == [m.span() for m in _OLD_PARAGRAPH.finditer(raw)]


def test_cancel_stops_a_long_parse_part_way():
    raw = "A title\n\n" + "*a " * 400_000
    calls = []

    class CancelAfter:  # Cancel pressed once the parse is under way
        def is_set(self):
            calls.append(1)
            return len(calls) > 5

    with pytest.raises(Cancelled):
        parse_text(raw, cancel=CancelAfter())
    assert len(calls) == 6


# --- encodings, NUL, control characters -------------------------------------------------------------------

def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_with_one_bad_byte_names_its_offset(tmp_path):
    text = ("São Paulo — a cidade é grande e as exportações cresceram. " * 20).encode()
    bad = text.replace("cidade".encode(), b"cid\xe9de", 1)
    with pytest.raises(ArticleImportError, match=rf"not valid UTF-8 \(bad byte 0xe9 at offset {bad.index(0xe9)}\)"):
        parse_article_file(_write(tmp_path, "a.txt", bad))


def test_a_real_legacy_file_is_read_but_a_guess_is_not(tmp_path):
    french = ("Le ministère a déclaré que les exportations ont augmenté de 12 % en 2019. Les élèves français "
              "étaient à l'école où ils ont appris des choses très intéressantes. ") * 10
    article = parse_article_file(_write(tmp_path, "fr.txt", french.encode("cp1252")))
    assert "Le ministère a déclaré" in article.text
    # Too short to tell cp1252 ("très") from cp1250 ("trčs"): refused, never garbled.
    with pytest.raises(ArticleImportError, match="could not be told with confidence"):
        parse_article_file(_write(tmp_path, "short.txt", "Le café est très bon.".encode("cp1252")))
    # Stray bytes in English text are noise, not an encoding.
    noisy = bytes(b if i % 97 != 3 else 128 + (i * 37) % 128 for i, b in enumerate((BODY * 10).encode()))
    with pytest.raises(ArticleImportError, match="could not be told with confidence"):
        parse_article_file(_write(tmp_path, "noise.txt", noisy))


def test_nul_anywhere_is_refused(tmp_path):
    data = ("A title\n\n" + BODY * 200).encode() + b"\x00" + BODY.encode()
    with pytest.raises(ArticleImportError, match="NUL byte at offset"):
        parse_article_file(_write(tmp_path, "late-nul.txt", data))
    with pytest.raises(ArticleImportError, match="NUL"):
        parse_article(BODY + "\x00" + BODY, source="pasted text")


def test_terminal_escapes_and_controls_are_stripped_on_the_way_in(tmp_path):
    raw = "\x1b]0;pwned\x07Budget \x1b[2Jvote\x08\n\nBy Ana\x1b[31m Ruiz\n\n" + BODY + "\x07\x1b[0m" + BODY
    article = parse_article(raw, source="pasted text", fallback_title="x\x1b[2Jy")
    for value in (article.title, article.text, *article.authors):
        assert "\x1b" not in value and not any(ord(ch) < 32 and ch not in "\n\t" for ch in value)
    assert article.title == "Budget vote"
    assert article.authors == ("Ana Ruiz",)
    named = parse_article_file(_write(tmp_path, "report\x1b[2J.txt", BODY.encode()))
    assert named.title == "Report"


def test_a_huge_html_title_is_cleaned_and_capped(tmp_path):
    html = (f"<html><head><title>{'Budget vote ' * 900}\x1b[2J</title></head><body><article><p>{BODY * 3}</p>"
            "</article></body></html>")
    article = parse_article_file(_write(tmp_path, "page.html", html.encode()))
    assert len(article.title) <= MAX_TITLE and article.title.startswith("Budget vote Budget vote")
    assert "\x1b" not in article.title and article.text.startswith(article.title)


def test_terminal_safe_shows_escapes_instead_of_obeying_them():
    assert terminal_safe("a\x1b]0;t\x07b\u202ec\nd") == "a\\x1b]0;t\\x07b\\u202ec\\nd"
    assert terminal_safe("Zoë — “quoted”") == "Zoë — “quoted”"


# --- special files and byte caps --------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_before_reading(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    result = []
    worker = threading.Thread(target=lambda: result.append(_refusal(parse_article_file, fifo)), daemon=True)
    worker.start()
    worker.join(10)
    assert result and "not a regular file" in result[0]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_device_is_refused():
    assert "not a regular file" in _refusal(parse_article_file, "/dev/zero")


def test_a_file_over_the_cap_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(64 * 1024 * 1024)  # sparse: nothing is written or read
    assert "too large" in _refusal(parse_article_file, big)


def _refusal(fn, *args) -> str:
    try:
        fn(*args)
    except ArticleImportError as exc:
        return str(exc)
    return "accepted"


# --- links ----------------------------------------------------------------------------------------------

def test_mixed_script_hosts_are_shown_as_punycode():
    spoof = normalise_url("https://ex\u0430mple.org/news")  # Cyrillic а
    assert display_url(spoof) == "https://xn--exmple-4nf.org/news"
    for honest in ("https://example.org/", "https://münchen.de/", "https://пример.рф/"):
        assert display_url(normalise_url(honest)) == normalise_url(honest)


def test_urls_are_capped():
    with pytest.raises(InvalidInput, match="too long"):
        normalise_url("https://example.org/" + "a" * MAX_URL)


def test_cancel_stops_reading_a_large_html_page(tmp_path):
    # trafilatura cannot be interrupted in a thread (~15 s per MB): a large page is read in a child process
    # that Cancel kills.
    page = "<html><body><article>" + "".join(
        f"<p>The ministry said exports rose {i}% in 2019, officials told reporters.</p>" for i in range(20_000)
    ) + "</article></body></html>"
    path = _write(tmp_path, "big.html", page.encode())
    cancel = threading.Event()
    threading.Timer(1.0, cancel.set).start()
    with finishes_within(8), pytest.raises(Cancelled):
        parse_article_file(path, cancel)


def test_a_large_html_page_read_in_a_child_is_the_same_article(tmp_path):
    from workbench.text.html_article import parse_html
    from workbench.text.html_process import IN_PROCESS_BELOW

    paragraphs = "".join(f"<p>The council met {i} times in 2019, the mayor said on Tuesday.</p>"
                         for i in range(IN_PROCESS_BELOW // 60))
    page = (f"<html><head><title>Council \u0430 report</title><meta name='author' content='Ana Ruiz'></head>"
            f"<body><article>{paragraphs}</article></body></html>")
    child = parse_article_file(_write(tmp_path, "council.html", page.encode()), threading.Event())
    assert child == parse_html(page, source=str(tmp_path / "council.html"), fallback_title="Council")
