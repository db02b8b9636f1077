"""`workbench settings`: a newsroom changes its verdict scale and organisation."""

import json


def _scale(tmp_path, options):
    path = tmp_path / "scale.json"
    path.write_text(json.dumps(options), encoding="utf-8")
    return path


AAP = [
    {"key": "unverified", "label": "Unverified", "colour": "#9aa0a6", "definition": "Not yet checked."},
    {"key": "true", "label": "True", "colour": "#2e7d32", "definition": "Accurate.", "rating": 3},
    {"key": "misleading", "label": "Misleading", "colour": "#ef6c00", "definition": "Leaves a false impression.",
     "rating": 2},
    {"key": "false", "label": "False", "colour": "#c62828", "definition": "Inaccurate.", "rating": 1},
    {"key": "unproven", "label": "Unproven", "colour": "#6a1b9a", "definition": "Evidence is lacking."},
]


def _workspace_with_claim_1(tmp_path, cli):
    """A new --db workspace starts empty: one small article gives it claim 1."""
    db = tmp_path / "w.factwb"
    page = tmp_path / "buses.md"
    page.write_text("City buys buses\n\nThe city bought 40 electric buses in 2020, the mayor said.\n", encoding="utf-8")
    assert cli("--db", db, "import", page).returncode == 0
    return db


def test_change_scale_and_organisation(tmp_path, cli):
    db = _workspace_with_claim_1(tmp_path, cli)
    result = cli("--db", db, "settings", "--organisation", "Newsroom Verification Desk",
                 "--scale", _scale(tmp_path, AAP), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["organisation"] == "Newsroom Verification Desk"
    assert [o["key"] for o in data["verdict_scale"]] == ["unverified", "true", "misleading", "false", "unproven"]
    assert cli("--db", db, "verdict", "1", "misleading").returncode == 0
    refused = cli("--db", db, "verdict", "1", "mostly-true")
    assert refused.returncode == 2 and "Unknown verdict" in refused.stderr


def test_bad_scale_is_refused_and_nothing_changes(tmp_path, cli):
    db = _workspace_with_claim_1(tmp_path, cli)
    assert cli("--db", db, "verdict", "1", "false").returncode == 0
    before = cli("--db", db, "settings", "--json").stdout
    cases = [
        [o for o in AAP if o["key"] != "unverified"],  # must keep unverified
        [o for o in AAP if o["key"] != "false"],  # claim 1 still carries "false"
        AAP + [{"key": "Bad Key", "label": "x", "colour": "#000000", "definition": "x"}],
        AAP[:1] + [{"key": "true", "label": "True", "colour": "green", "definition": "x"}],
    ]
    for options in cases:
        result = cli("--db", db, "settings", "--organisation", "Changed", "--scale", _scale(tmp_path, options))
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    (tmp_path / "broken.json").write_text("{not json")
    assert cli("--db", db, "settings", "--scale", tmp_path / "broken.json").returncode == 2
    assert cli("--db", db, "settings", "--json").stdout == before


def test_null_label_is_refused(tmp_path, cli):
    options = [dict(AAP[0], label=None), *AAP[1:]]
    result = cli("--db", tmp_path / "w.factwb", "settings", "--scale", _scale(tmp_path, options))
    assert result.returncode == 2 and "needs a label and a definition" in result.stderr
