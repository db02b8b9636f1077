"""Article import: shown text, offset map, header metadata, bad input."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain import ArticleImportError
from workbench.text import parse_article, parse_article_file, parse_text
from workbench.text.markup import apply_deletions, markup_deletions, strip_markup

def _local(deleted: set[int], replaced: dict[int, tuple[int, str]], start: int, end: int):
    """The deletions and replacements of the source range [start, end), re-based to start at 0."""
    local_deleted = {i - start for i in deleted if start <= i < end}
    local_replaced = {i - start: (e - start, v) for i, (e, v) in replaced.items() if start <= i and e <= end}
    return local_deleted, local_replaced


SEED_TITLE = "North Korea Had Spurned Talks With U.S. Due to Trump's Latest Sanctions"


def test_seed_metadata(seed_path):
    article = parse_article_file(seed_path)
    assert article.title == SEED_TITLE
    assert article.subtitle.startswith("Despite months of secret contacts")
    assert article.authors == ("Colum Lynch", "Dan De Luce")
    assert article.published == date(2017, 12, 13)


def test_seed_shown_text_has_no_markup_byline_or_dateline(seed_path):
    article = parse_article_file(seed_path)
    text = article.text
    assert "<u>" not in text and "</u>" not in text and "*" not in text
    assert "Tillerson made the administration's most direct overture for talks yet, saying he was open" in text
    assert "The Washington Post previously reported on Yun's proposal." in text
    assert "By Colum Lynch" not in text and "7:03 PM" not in text
    # Title and dek stay in the text (claims can point at them) and are marked as such.
    assert text.startswith(SEED_TITLE + "\n\nDespite months")
    assert text[slice(*article.title_span)] == SEED_TITLE
    assert text[slice(*article.subtitle_span)] == article.subtitle
    assert "\n\n\n" not in text


def test_offset_map_points_every_shown_char_at_its_source():
    raw = "Hi <u>there</u>, *you* &amp; [friends](https://x.org) **now**."
    stripped = strip_markup(raw)
    assert stripped.text == "Hi there, you & friends now."
    for i, ch in enumerate(stripped.text):
        source = raw[stripped.offsets[i]]
        assert source == ch or (ch == "&" and source == "&")


MARKUP = st.sampled_from(["<u>", "</u>", "<a href='x'>", "</a>", "*", "**", "_", "&amp;", "&lt;", "[", "](http://a.b)"])
WORDS = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" .,'\"-"),
                min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(WORDS, MARKUP), min_size=1, max_size=30))
def test_property_spans_of_shown_text_map_back_to_source(pieces):
    raw = "".join(pieces)
    stripped = strip_markup(raw)
    offsets = stripped.offsets
    assert len(offsets) == len(stripped.text) + 1
    assert all(a < b for a, b in zip(offsets, offsets[1:-1]))  # strictly increasing: order kept
    for i, ch in enumerate(stripped.text):
        src = offsets[i]
        assert raw[src] == ch or raw[src] == "&"  # a character, or the entity it came from
    # Any span of the shown text is exactly its source span with the same markup removed.
    deleted, replaced = markup_deletions(raw)
    n = len(stripped.text)
    for start in range(n):
        for end in range(start + 1, n + 1):
            s, e = stripped.source_span(start, end)
            local = apply_deletions(raw[s:e], *_local(deleted, replaced, s, e))
            assert local.text == stripped.text[start:end], (start, end)


@settings(max_examples=100, deadline=None)
@given(st.lists(WORDS.filter(lambda w: w.strip()), min_size=2, max_size=8))
def test_property_plain_paragraphs_survive_intact(paragraphs):
    raw = "\n\n".join(p.strip() + "." for p in paragraphs if p.strip())
    article = parse_text(raw)
    for p in paragraphs:
        if p.strip() and not p.strip().lower().startswith("by "):
            assert p.strip() in article.text


def test_markdown_heading_and_link():
    article = parse_article("# A headline\n\nBy Jane Doe\n\nThe [council](https://c.gov) voted 7 to 2.", kind=".md")
    assert article.title == "A headline"
    assert article.authors == ("Jane Doe",)
    assert article.text == "A headline\n\nThe council voted 7 to 2."


def test_html_through_trafilatura():
    html = """<html><head><title>Budget vote</title><meta name="author" content="Ana Ruiz">
    <meta property="article:published_time" content="2024-03-05"></head><body><article>
    <h1>Budget vote</h1><p>The council approved a budget of 4.2 million euros on Tuesday, the mayor said.</p>
    <p>Spending on roads rose by 12 percent compared with 2023, according to the finance office.</p>
    </article></body></html>"""
    article = parse_article(html, kind=".html")
    assert article.title == "Budget vote"
    assert "4.2 million euros" in article.text and "<p>" not in article.text
    assert article.published == date(2024, 3, 5)
    assert article.authors == ("Ana Ruiz",)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary"),
        ("nul.txt", b"abc\x00def" * 10, "binary"),
        ("only-tags.md", b"<u></u> <b></b>", "no article text"),
        ("empty.html", b"<html><body><nav>Menu</nav></body></html>", "no article text"),
    ],
)
def test_bad_files_get_a_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ArticleImportError, match=message):
        parse_article_file(path)


def test_missing_file(tmp_path):
    with pytest.raises(ArticleImportError, match="no such file"):
        parse_article_file(tmp_path / "nope.txt")


def test_latin1_file_is_detected():
    from workbench.text.decoding import decode_bytes

    text = "Le président a déclaré que la dépense était élevée. " * 4
    assert decode_bytes(text.encode("latin-1"), "x.txt") == text


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_text("Headline\n\nThe river rose 3 metres overnight.", encoding="utf-16")
    assert "3 metres" in parse_article_file(path).text


def test_a_sentence_starting_with_by_is_body_text_not_a_byline():
    article = parse_text("Budget talks\n\nThe council met on Monday.\n\n"
                         "By Friday, Congress must pass the spending bill or the government shuts down.")
    assert article.authors == ()
    assert "By Friday, Congress must pass the spending bill" in article.text


def test_byline_with_suffix_initial():
    assert parse_text("Headline\n\nBy Jane Doe and John Smith Jr.\n\nText here.").authors == ("Jane Doe", "John Smith Jr")
