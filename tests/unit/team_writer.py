"""One of several processes editing the same team workspace at once (tests/unit/test_team_workspace.py)."""

import sys

from workbench.services import claims as claims_service
from workbench.services.workspace import open_workspace


def main(url: str, writer: int, edits: int, claim_ids: list[int]) -> None:
    db = open_workspace(url)
    try:
        for n in range(edits):
            claim_id = claim_ids[n % len(claim_ids)]
            claims_service.update_claim(db, claim_id, rationale=f"writer {writer} edit {n}")
    finally:
        db.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), [int(x) for x in sys.argv[4].split(",")])
