"""`workbench extract FILE --json`: the contract other tools read."""

import json

from tests.cli.conftest import ROOT

SEED = ROOT / "seeds" / "north-korea-spurned-talks.txt"


def test_extract_json_contract(cli):
    result = cli("extract", SEED, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"text", "title", "claims", "overlaps"}
    text = data["text"]
    assert data["title"].startswith("North Korea Had Spurned Talks")
    ids = set()
    for claim in data["claims"]:
        assert set(claim) >= {"id", "text", "start", "end", "attribution", "kind", "checkworthiness"}
        assert 0 <= claim["start"] < claim["end"] <= len(text)
        assert text[claim["start"]:claim["end"]].strip() == text[claim["start"]:claim["end"]]
        assert 0.0 <= claim["checkworthiness"] <= 1.0
        assert claim["attribution"] is None or isinstance(claim["attribution"], str)
        ids.add(claim["id"])
    starts = [c["start"] for c in data["claims"]]
    assert starts == sorted(starts)  # reading order
    for pair in data["overlaps"]:
        assert {"a", "b", "score", "reason"} <= set(pair) and pair["a"] in ids and pair["b"] in ids


def test_extract_needs_no_workspace_and_refuses_bad_files(tmp_path, cli):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = cli("extract", empty, "--json")
    assert result.returncode == 2 and "empty" in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.factwb"))
