"""The HTML report: every claim, escaped user text, links only for http/https, the scale defined."""

import re

import pytest

from tests.unit.test_report_fixtures import SENTENCES, build_sample
from workbench.report.html import render_html
from workbench.services.report_data import build_report

from tests.conftest import BOTH_BACKENDS  # noqa: E402

BACKENDS = BOTH_BACKENDS  # tests on a workspace run on a file and on a team workspace


@pytest.fixture
def html(empty_db):
    built = build_sample(empty_db)
    return render_html(build_report(empty_db, built["article_id"], "w.factwb"))


def test_user_markup_shows_as_text(html):
    assert "<script>" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # claim, rationale, quote
    assert "&lt;b&gt;x&lt;/b&gt;" in html  # title, rationale, note, source title
    assert "&lt;i&gt;markup&lt;/i&gt;" in html  # the dek
    assert "Desk &amp; Co &lt;Fact Check&gt;" in html  # organisation


def test_every_claim_and_verdict_is_there(html):
    for number, sentence in enumerate(SENTENCES, start=1):
        escaped = sentence.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
        assert escaped in html
        assert f"Claim {number}" in html
    for label in ("True", "False", "Mostly true", "Unproven", "Unverified"):
        assert f"&nbsp;{label}&nbsp;" in html


def test_only_http_links(html):
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)
    assert "https://www.state.gov/statement-2009" in hrefs
    assert "javascript:alert(1) (not a web link)" in html


def test_article_metadata_summary_and_method(html):
    assert "Colum Lynch and Dan De Luce" in html
    assert "13 December 2017" in html
    assert 'href="https://example.org/story?id=1"' in html
    assert "w.factwb" in html
    assert "Summary" in html and "Confirmed overlaps" in html
    assert "The evidence available neither confirms nor refutes the claim." in html  # scale definitions
    assert "Sources" in html and "Cited for claims 1, 3, 5." in html


def test_print_version_leaves_out_browser_css(empty_db):
    built = build_sample(empty_db)
    data = build_report(empty_db, built["article_id"], "w")
    assert "max-width" in render_html(data)
    assert "max-width" not in render_html(data, for_print=True)


def test_multiline_note_keeps_its_line_breaks_escaped(html):
    assert "note &lt;b&gt;x&lt;/b&gt;, with a comma<br>and a newline" in html


def test_a_local_source_file_shows_by_name_only(empty_db):
    from tests.unit.test_report_fixtures import make_article

    article_id, _ = make_article(empty_db, ["A claim."], source="/home/reporter/private/story.txt")
    html = render_html(build_report(empty_db, article_id, "w"))
    assert "story.txt (local file)" in html and "/home/reporter" not in html
