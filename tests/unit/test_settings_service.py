"""services.settings: the verdict scale a newsroom edits, validated and stored in one transaction."""

from dataclasses import replace

import pytest

from workbench.domain import DEFAULT_SCALE, InvalidInput, VerdictOption, VerdictScale
from workbench.services import claims as claims_service
from workbench.services import settings
from workbench.services.changes import Changes
from workbench.storage import articles as article_repo
from workbench.storage import history
from workbench.text import parse_text
from workbench.text.importer import content_hash

from tests.conftest import BOTH_BACKENDS

BACKENDS = BOTH_BACKENDS  # every test here runs on a file and on a team workspace

TEXT = "Fares rise\n\nThe city bought 40 electric buses in 2020, the mayor said. Fares rose by 10 percent."


@pytest.fixture
def claims(empty_db):
    """Three claims: two False, one Unverified."""
    parsed = parse_text(TEXT)
    with empty_db.atomic():
        article = article_repo.insert(empty_db, parsed, content_hash(parsed))
    ids = []
    for words in ("The city bought 40 electric buses in 2020", "Fares rose by 10 percent", "the mayor said"):
        start = article.text.index(words)
        ids.append(claims_service.add_claim(empty_db, article.id, start, start + len(words)).added_claims[0])
    claims_service.set_verdict(empty_db, ids[0], "false")
    claims_service.set_verdict(empty_db, ids[1], "false")
    return ids


def with_options(*options):
    return VerdictScale(tuple(options))


def edited(scale, key, **values):
    return VerdictScale(tuple(replace(o, **values) if o.key == key else o for o in scale.options))


def scale_history(db):
    return [e for e in history.entries(db, "settings") if e.action == "verdict_scale"]


def test_new_keys_come_from_the_label_and_never_clash():
    assert settings.new_key("Half true", []) == "half-true"
    assert settings.new_key("Half true", ["half-true", "half-true-2"]) == "half-true-3"
    assert settings.new_key("  Ça  n'est pas vrai! ", []) == "ca-n-est-pas-vrai"
    assert settings.new_key("???", []) == "verdict"
    assert settings.new_key("x" * 80, []) == "x" * 32


def test_the_default_scale_has_no_problems():
    assert settings.scale_problems(DEFAULT_SCALE) == []


@pytest.mark.parametrize("options, index, field, words", [
    ((DEFAULT_SCALE.options[0], VerdictOption("true", " ", "#2e7d32", "Accurate.")), 1, "label", "needs a label"),
    ((DEFAULT_SCALE.options[0], VerdictOption("true", "UNVERIFIED", "#2e7d32", "Accurate.")), 1, "label", "unique"),
    ((DEFAULT_SCALE.options[0], VerdictOption("true", "True", "green", "Accurate.")), 1, "colour", "#rrggbb"),
    ((DEFAULT_SCALE.options[0], VerdictOption("true", "True", "#2e7d32", "")), 1, "definition", "definition"),
    ((DEFAULT_SCALE.options[0], VerdictOption("true", "True", "#2e7d32", "Accurate.", True)), 1, "rating",
     "whole number"),
    ((DEFAULT_SCALE.options[0], VerdictOption("Bad Key", "True", "#2e7d32", "Accurate.")), 1, "key", "key"),
    ((DEFAULT_SCALE.options[0], VerdictOption("unverified", "Again", "#2e7d32", "Accurate.")), 1, "key", "twice"),
    ((VerdictOption("true", "True", "#2e7d32", "Accurate."),), None, "key", "'unverified'"),
])
def test_scale_problems_name_the_verdict_and_field(options, index, field, words):
    problems = settings.scale_problems(with_options(*options))
    assert problems and (problems[0].index, problems[0].field) == (index, field)
    assert words in problems[0].message


def test_renaming_keeps_every_claims_verdict_and_writes_one_history_row(empty_db, claims):
    scale = edited(DEFAULT_SCALE, "false", label="Wrong", colour="#b71c1c")
    changes = settings.set_verdict_scale(empty_db, scale)
    assert changes.settings
    assert settings.verdict_scale(empty_db) == scale
    assert [claims_service.get_claim(empty_db, i).verdict for i in claims] == ["false", "false", "unverified"]
    [row] = scale_history(empty_db)
    assert row.before["options"][5]["label"] == "False" and row.after["options"][5]["label"] == "Wrong"


def test_dropping_a_verdict_claims_have_is_refused_with_their_count(empty_db, claims):
    scale = VerdictScale(tuple(o for o in DEFAULT_SCALE.options if o.key not in ("false", "unproven")))
    with pytest.raises(InvalidInput) as refused:
        settings.set_verdict_scale(empty_db, scale)
    assert "“False” (2 claims)" in str(refused.value)
    assert settings.verdict_scale(empty_db) == DEFAULT_SCALE
    assert scale_history(empty_db) == []
    unused = VerdictScale(tuple(o for o in DEFAULT_SCALE.options if o.key != "unproven"))
    assert settings.set_verdict_scale(empty_db, unused).settings  # no claim has "unproven": it may go


def test_the_same_scale_again_changes_nothing(empty_db, claims):
    assert settings.set_verdict_scale(empty_db, DEFAULT_SCALE) == Changes()
    assert scale_history(empty_db) == []


def test_usage_counts_claims_per_verdict(empty_db, claims):
    assert settings.verdict_usage(empty_db) == {"false": 2, "unverified": 1}


def test_update_settings_is_one_transaction(empty_db, claims):
    bad = edited(DEFAULT_SCALE, "true", colour="#12zz")
    with pytest.raises(InvalidInput):
        settings.update_settings(empty_db, "Example Gazette", bad)
    assert settings.organisation(empty_db) == "" and settings.verdict_scale(empty_db) == DEFAULT_SCALE
    good = edited(DEFAULT_SCALE, "true", label="Correct")
    changes = settings.update_settings(empty_db, "Example Gazette", good)
    assert changes.settings and changes.extra.get("verdict_scale")
    assert settings.organisation(empty_db) == "Example Gazette" and settings.verdict_scale(empty_db) == good
    assert settings.update_settings(empty_db, " Example Gazette ", good) == Changes()  # nothing new
