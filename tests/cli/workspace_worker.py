"""A second process on a workspace, driven by the durability and concurrency tests.

  hold PATH CLAIM_ID VERDICT   open the workspace as the window does (plus a worker's connection), wait for
                               "go" on stdin, set the verdict, print "saved", then sleep until killed
  mix PATH N SEED              N operations (imports, verdicts, evidence) as fast as possible; prints one
                               JSON line with what it did and every failure
"""

import json
import sys
import time
import traceback
from dataclasses import replace

from workbench.services import articles, claims, evidence
from workbench.services.draining import drain
from workbench.services.workspace import open_workspace
from workbench.text import parse_article


def hold(path: str, claim_id: int, verdict: str) -> None:
    db = open_workspace(path, seed=False)
    worker_db = open_workspace(path, seed=False)  # a background worker's own connection, as the window opens
    print("ready", flush=True)
    sys.stdin.readline()  # another process works on the workspace meanwhile
    claims.set_verdict(db, claim_id, verdict, "checked against the ministry's figures")
    print("saved", flush=True)
    worker_db.execute("SELECT count(*) FROM claims").fetchone()
    time.sleep(600)


def mix(path: str, count: int, seed: int) -> None:
    db = open_workspace(path, seed=False)
    claim_ids = [c.id for a in articles.list_articles(db) for c in claims.list_claims(db, a.id)]
    done: dict[str, list] = {"imports": [], "verdicts": [], "evidence": [], "failures": []}
    for i in range(count):
        op = i % 4
        try:
            if op == 0:
                text = (f"The council of town {seed}-{i} approved a budget of {seed * 1000 + i} dollars on Monday, "
                        f"the mayor said. It hired {i + 3} new teachers.")
                parsed = replace(parse_article(text, source=f"worker {seed}", fallback_title=f"Town {seed}-{i}",
                                               kind=".txt"), title=f"Town {seed}-{i}")
                result = drain(articles.import_parsed(db, parsed))
                done["imports"].append(result.article.id)
            elif op in (1, 2):
                claim_id = claim_ids[(seed * 7 + i) % len(claim_ids)]
                verdict = ("true", "false", "mixed")[(seed + i) % 3]
                claims.set_verdict(db, claim_id, verdict, f"worker {seed} op {i}")
                done["verdicts"].append([claim_id, verdict, f"worker {seed} op {i}"])
            else:
                claim_id = claim_ids[(seed * 3 + i) % len(claim_ids)]
                url = f"https://example.org/{seed}/{i}"
                evidence.add_evidence(db, claim_id, evidence.EvidenceInput(url=url, title=f"Source {seed}-{i}",
                                                                           stance="supports"))
                done["evidence"].append([claim_id, url])
        except Exception as exc:  # noqa: BLE001 - the test reports every failure
            done["failures"].append(f"op {i}: {type(exc).__name__}: {exc} {traceback.format_exc(limit=3)}")
    print(json.dumps(done), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "hold":
        hold(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        mix(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
