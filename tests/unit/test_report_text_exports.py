"""CSV and Markdown sanity: one row per claim, user text escaped, links only for http/https."""

import csv
import io
import re

import pytest

from tests.unit.test_report_fixtures import SENTENCES, build_sample
from workbench.report.csv_export import COLUMNS, render_csv
from workbench.report.markdown_export import escape_md, md_link, render_markdown
from workbench.services.report_data import build_report

from tests.conftest import BOTH_BACKENDS  # noqa: E402

BACKENDS = BOTH_BACKENDS  # tests on a workspace run on a file and on a team workspace


@pytest.fixture
def data(empty_db):
    built = build_sample(empty_db)
    return build_report(empty_db, built["article_id"], "w")


def test_csv_has_one_row_per_claim(data):
    rows = list(csv.reader(io.StringIO(render_csv(data))))
    assert rows[0] == COLUMNS
    assert [r[2] for r in rows[1:]] == SENTENCES
    assert [r[5] for r in rows[1:]] == ["true", "false", "mostly-true", "unproven", "true", "unverified"]
    second = dict(zip(COLUMNS, rows[2]))
    assert "<https://example.org/pledge>" in second["evidence"]
    assert second["overlaps_with"] == "claim 4 [flagged]"
    assert second["evidence_count"] == "1"


def test_csv_neutralises_spreadsheet_formulas(empty_db):
    from tests.unit.test_report_fixtures import make_article

    article_id, _ = make_article(empty_db, ["=HYPERLINK(\"http://evil\")", "+1 more", "@SUM(A1)"])
    rows = list(csv.reader(io.StringIO(render_csv(build_report(empty_db, article_id, "w")))))
    assert [r[2] for r in rows[1:]] == ["'=HYPERLINK(\"http://evil\")", "'+1 more", "'@SUM(A1)"]


@pytest.mark.parametrize("raw, expected", [
    ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
    ("*bold* _it_ [a](b) # | ~", r"\*bold\* \_it\_ \[a\](b) \# \| \~"),
    ("- not a list", r"\- not a list"),
    ("12. not a list", r"12\. not a list"),
    ("a &amp; b & c", r"a \&amp; b & c"),
    ("two\nlines", "two lines"),
    ("six-party talks", "six-party talks"),
])
def test_escape_md(raw, expected):
    assert escape_md(raw) == expected


def test_markdown_links_only_http():
    assert md_link("https://example.org/a", "A") == "[A](<https://example.org/a>)"
    assert md_link("javascript:alert(1)", "x") == "javascript:alert(1)"


def test_markdown_report(data):
    md = render_markdown(data)
    assert md.startswith("# Fact-check report: Talks \\<b\\>x\\</b\\> stalled")
    assert "<script>" not in md and "<b>" not in md
    for n in range(1, len(SENTENCES) + 1):
        assert f"### Claim {n}: " in md
    assert "### Claim 2: False" in md
    assert "| Unproven | 1 | 17% |" in md
    assert "(<https://www.state.gov/statement-2009>)" in md
    assert "](<javascript" not in md and "<javascript" not in md
    assert re.search(r"^## Method$", md, re.MULTILINE)
