"""Archive and settings files built to break the reader: each is refused with one line naming where, before
anything is stored."""

import os

import pytest

from workbench.domain import InvalidInput, VerdictOption, VerdictScale
from workbench.domain.limits import MAX_SCALE
from workbench.services.archive import import_archive
from workbench.services.archive_files import read_archive
from workbench.services.draining import drain
from workbench.services.settings import scale_problems, update_settings, verdict_scale


def _csv(tmp_path, text: str, name="a.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, line", [
    ('id,text\n1,"Unemployment fell\n2,Crime rose\n3,Taxes went up\n', 2),  # never closed
    ('id,text\n1,Jobs grew\n2,"Crime rose,x\n3,Taxes went up\n4,"Rents fell"\n', 3),  # closed rows later
    ('id,text\n1,"He said "no" twice"\n2,Crime rose\n', 2),  # a quote inside quotes not doubled
])
def test_an_unterminated_quote_is_refused_naming_its_line(tmp_path, text, line):
    with pytest.raises(InvalidInput, match=f"line {line}"):
        read_archive(_csv(tmp_path, text), id_column="id", text_column="text")


def test_quoted_fields_that_are_fine_still_import(tmp_path):
    text = 'id,text\n1,"Prices rose, then fell"\n2,"A ""quoted"" word"\n3,"Two\nlines"\n4,He said "hi"\n'
    rows = read_archive(_csv(tmp_path, text), id_column="id", text_column="text").rows
    assert [r.text for r in rows] == ["Prices rose, then fell", 'A "quoted" word', "Two lines", 'He said "hi"']


def test_a_field_over_16_mb_is_refused_with_its_line(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write('id,text\n1,ok\n2,"')
        f.write("x" * (17 * 1024 * 1024))
        f.write('"\n')
    with pytest.raises(InvalidInput, match=r"line 3: a field is larger than 16 MB"):
        read_archive(path, id_column="id", text_column="text")


def test_a_claimreview_identifier_is_never_a_link(tmp_path):
    path = tmp_path / "reviews.json"
    path.write_text('[{"claimReviewed": "Crime rose", "identifier": "javascript:alert(1)"},'
                    ' {"claimReviewed": "Taxes fell", "identifier": "https://checks.example/1", '
                    '"url": "javascript:alert(2)"},'
                    ' {"claimReviewed": "Rents\\u001b[2J rose", "url": "https://checks.example/3"}]')
    rows = read_archive(path).rows
    assert [r.url for r in rows] == ["", "", "https://checks.example/3"]
    assert rows[0].external_id == "javascript:alert(1)"  # kept as an id, shown only as text
    assert rows[2].text == "Rents rose"


def test_nul_in_an_archive_is_refused(tmp_path):
    path = tmp_path / "a.tsv"
    path.write_bytes(b"id\ttext\n1\tCrime rose\n2\tTax\x00es fell\n")
    with pytest.raises(InvalidInput, match="NUL character at line 3"):
        read_archive(path, id_column="id", text_column="text")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_archive_fifo_is_refused_and_nothing_stored(empty_db, tmp_path):
    fifo = tmp_path / "archive.csv"
    os.mkfifo(fifo)
    with pytest.raises(InvalidInput, match="not a regular file"):
        drain(import_archive(empty_db, fifo, id_column="id", text_column="text"))


def test_a_scale_over_the_limit_is_refused(empty_db):
    options = [VerdictOption("unverified", "Unverified", "#9aa0a6", "Not yet checked.")] + [
        VerdictOption(f"v{i}", f"Verdict {i}", "#9aa0a6", "A definition.") for i in range(MAX_SCALE)]
    problems = scale_problems(VerdictScale(tuple(options)))
    assert any(f"at most {MAX_SCALE}" in p.message for p in problems)
    before = verdict_scale(empty_db)
    with pytest.raises(InvalidInput):
        update_settings(empty_db, scale=VerdictScale(tuple(options)))
    assert verdict_scale(empty_db) == before


def test_scale_labels_and_organisation_lose_their_escapes(empty_db):
    scale = verdict_scale(empty_db)
    first = scale.options[1]
    edited = VerdictScale((scale.options[0], VerdictOption(first.key, "\x1b]0;x\x07True\x1b[2J", first.colour,
                                                           "Accurate.\x07", first.rating), *scale.options[2:]))
    update_settings(empty_db, "\x1b[31mThe Desk\x1b[0m", edited)
    stored = verdict_scale(empty_db).options[1]
    assert (stored.label, stored.definition) == ("True", "Accurate.")
    from workbench.services.settings import organisation
    assert organisation(empty_db) == "The Desk"


def test_evidence_titles_are_capped_and_cleaned(seeded_db):
    from workbench.services.articles import list_articles
    from workbench.services.claims import list_claims
    from workbench.services.evidence import EvidenceInput, add_evidence

    claim = list_claims(seeded_db, list_articles(seeded_db)[0].id)[0]
    with pytest.raises(InvalidInput, match="title is too long"):
        add_evidence(seeded_db, claim.id, EvidenceInput("https://example.org/a", title="Budget " * 1000))
    evidence, _ = add_evidence(seeded_db, claim.id, EvidenceInput(
        "https://example.org/b", title="\x1b]0;x\x07Budget\x1b[2J vote", publisher="The\x07 Desk",
        quote="Line one.\x1b[31m\nLine two."))
    assert (evidence.source.title, evidence.source.publisher) == ("Budget vote", "The Desk")
    assert evidence.quote == "Line one.\nLine two."


def test_pasted_text_is_capped():
    from workbench.domain import ArticleImportError
    from workbench.domain.limits import MAX_ARTICLE_BYTES
    from workbench.text import parse_article

    with pytest.raises(ArticleImportError, match="too long for an article"):
        parse_article("word " * (MAX_ARTICLE_BYTES // 5 + 1), source="pasted text")
