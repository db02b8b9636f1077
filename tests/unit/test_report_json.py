"""The JSON export read back equals the workspace's data."""

import json

from tests.unit.test_report_fixtures import build_sample
from workbench.report.json_export import FORMAT, render_json
from workbench.services.articles import get_article
from workbench.services.claims import list_claims
from workbench.services.evidence import evidence_for_claim
from workbench.services.overlaps import overlaps_for_claim
from workbench.services.report_data import build_report
from workbench.storage import settings as settings_repo

from tests.conftest import BOTH_BACKENDS  # noqa: E402

BACKENDS = BOTH_BACKENDS  # tests on a workspace run on a file and on a team workspace


def test_json_round_trips_the_workspace(empty_db):
    db = empty_db
    built = build_sample(db)
    exported = json.loads(render_json(build_report(db, built["article_id"], "w.factwb")))
    assert exported["format"] == FORMAT and exported["workspace"] == "w.factwb"

    article = get_article(db, built["article_id"])
    assert exported["article"] == {
        "id": article.id, "title": article.title, "subtitle": article.subtitle, "authors": list(article.authors),
        "published": article.published.isoformat(), "source": article.source,
    }
    claims = list_claims(db, built["article_id"])
    assert [c["id"] for c in exported["claims"]] == [c.id for c in claims]
    for number, (claim, out) in enumerate(zip(claims, exported["claims"]), start=1):
        assert out["number"] == number
        assert (out["text"], out["start"], out["end"], out["attribution"], out["kind"], out["verdict"],
                out["rationale"]) == (claim.text, claim.start, claim.end, claim.attribution, str(claim.kind),
                                      claim.verdict, claim.rationale)
        evidence = evidence_for_claim(db, claim.id)
        assert out["evidence"] == [
            {"id": e.id, "source_id": e.source.id, "url": e.source.url, "title": e.source.title,
             "publisher": e.source.publisher, "published": e.source.published, "accessed": e.source.accessed,
             "stance": str(e.stance), "quote": e.quote, "note": e.note}
            for e in evidence
        ]
        expected = {(ov.id, other.id, ov.score, ov.reason, str(ov.kind), str(ov.state))
                    for ov, other in overlaps_for_claim(db, claim.id) if str(ov.state) != "dismissed"}
        assert {(o["id"], o["other_claim_id"], o["score"], o["reason"], o["kind"], o["state"])
                for o in out["overlaps"]} == expected
    used = {e["source_id"] for c in exported["claims"] for e in c["evidence"]}
    assert {s["id"] for s in exported["sources"]} == used
    scale = settings_repo.verdict_scale(db)
    assert [o["key"] for o in exported["scale"]] == scale.keys()
    assert exported["summary"]["verdicts"]["true"] == 2
    assert exported["organisation"] == "Desk & Co <Fact Check>"
