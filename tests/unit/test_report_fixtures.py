"""Workspaces for the report tests (and bench/report_bench.py), built without the claim engine.

Other report test modules import this one (tests/ui and tests/cli put tests/unit on sys.path).
"""

from datetime import date

from workbench.domain import OverlapDraft, OverlapState, ParsedArticle
from workbench.services.claims import add_claim, set_verdict
from workbench.services.evidence import EvidenceInput, add_evidence
from workbench.services.overlaps import set_overlap_state
from workbench.storage import articles as article_repo
from workbench.storage import evidence as evidence_repo
from workbench.storage import overlaps as overlap_repo
from workbench.storage import settings as settings_repo
from workbench.text.importer import content_hash

from tests.conftest import BOTH_BACKENDS  # noqa: E402

BACKENDS = BOTH_BACKENDS  # tests on a workspace run on a file and on a team workspace

SCRIPT = "<script>alert(1)</script>"
BOLD = "<b>x</b>"

SENTENCES = [
    "North Korea withdrew from the six-party talks in April 2009.",
    f"The pledge covered sixty days without tests {SCRIPT} and more.",
    "Tillerson said he was open to talks \"without preconditions\".",
    "Washington imposed a new round of sanctions in November.",
    "The talks broke down in April 2009 when North Korea withdrew.",
    "Markdown *stars*, _under_scores_, [brackets](x) and # hashes | pipes.",
]


def make_article(db, sentences=SENTENCES, title=f"Talks {BOLD} stalled", source="https://example.org/story?id=1",
                 authors=("Colum Lynch", "Dan De Luce"), published=date(2017, 12, 13)) -> tuple[int, list[int]]:
    """An article whose text is the sentences, one claim per sentence. Returns (article id, claim ids)."""
    text = " ".join(sentences)
    parsed = ParsedArticle(title=title, text=text, subtitle="A dek with <i>markup</i> & an ampersand",
                           authors=tuple(authors), published=published, source=source)
    article = article_repo.insert(db, parsed, content_hash(parsed))
    ids, at = [], 0
    for s in sentences:
        start = text.index(s, at)
        changes = add_claim(db, article.id, start, start + len(s),
                            attribution="Rex Tillerson" if "Tillerson" in s else None)
        ids.extend(changes.added_claims)
        at = start + len(s)
    return article.id, ids


def build_sample(db) -> dict:
    """Six claims with verdicts, evidence (hostile strings included), a confirmed and a flagged overlap."""
    settings_repo.put(db, settings_repo.ORGANISATION_KEY, "Desk & Co <Fact Check>")
    article_id, ids = make_article(db)
    set_verdict(db, ids[0], "true", "Confirmed by the 2009 statement.\nSecond paragraph of reasoning.")
    set_verdict(db, ids[1], "false", f"Rationale with {BOLD} and {SCRIPT}.")
    set_verdict(db, ids[2], "mostly-true", "Quote checked against the transcript.")
    set_verdict(db, ids[3], "unproven", "")
    set_verdict(db, ids[4], "true", "")
    add_evidence(db, ids[0], EvidenceInput(
        url="https://www.state.gov/statement-2009", title="State Department statement", publisher="U.S. State Dept.",
        published="2009-04-14", quote="North Korea announced its withdrawal", stance="supports"))
    add_evidence(db, ids[1], EvidenceInput(
        url="https://example.org/pledge", title=f"Pledge report {BOLD}", publisher="Example, \"News\"",
        quote=f"quote {SCRIPT}", stance="refutes", note=f"note {BOLD}, with a comma\nand a newline"))
    add_evidence(db, ids[2], EvidenceInput(
        url="https://www.state.gov/statement-2009", title="", quote="without preconditions", stance="context"))
    # A stored URL that is not http(s) (an old workspace, a bug elsewhere) must never become a link.
    bad = evidence_repo.insert_source(db, "javascript:alert(1)", "Bad link", "", "", "2026-01-01")
    evidence_repo.insert_evidence(db, ids[3], bad.id, "", "context", "")
    overlap_repo.insert_many(db, [OverlapDraft(ids[0], ids[4], 91.0, "same date and event"),
                                  OverlapDraft(ids[1], ids[3], 55.0, "shared numbers")])
    confirmed = next(o for o in overlap_repo.for_article(db, article_id) if o.claim_a == ids[0])
    set_overlap_state(db, confirmed.id, OverlapState.CONFIRMED)
    return {"article_id": article_id, "claim_ids": ids}


def build_large(db, n: int = 1000) -> int:
    """An article with n claims, most with a verdict and evidence: the benchmark's workload."""
    sentences = [f"Claim number {i} says that {i * 7} officials met on day {i % 28 + 1} of the talks."
                 for i in range(1, n + 1)]
    article_id, ids = make_article(db, sentences, title="A very long article", source="https://example.org/long")
    keys = ["true", "mostly-true", "mixed", "mostly-false", "false", "unproven", "unverified"]
    with db.atomic():
        for i, claim_id in enumerate(ids):
            key = keys[i % len(keys)]
            if key != "unverified":
                set_verdict(db, claim_id, key, f"Rationale for claim {i + 1}: compared with the source.")
            add_evidence(db, claim_id, EvidenceInput(
                url=f"https://example.org/source/{i % 150}", title=f"Source {i % 150}", publisher="Publisher",
                published="2017-12-01", quote=f"Quote for claim {i + 1}", stance=["supports", "refutes", "context"][i % 3]))
    return article_id


def test_build_sample(empty_db):
    built = build_sample(empty_db)
    assert len(built["claim_ids"]) == len(SENTENCES)
