"""Error analysis of the claim engine on the AFaCTA speeches (external data, never copied).

    uv run python bench/claims_errors.py [--data DIR] [--half tune|other|all] [--show N]

Every gold sentence is grouped by why the extractor got it wrong:
  missed factual sentences - "no unit" (segmentation or atomic splitting gave nothing over it),
  "opinion rule: <reason>" (every unit over it was left out by an opinion rule), "low score"
  (some unit passed the opinion rules but stayed under the bar; the best score is printed);
  kept non-factual sentences - the best kept unit's score and whether it was a plan/evidence.
The halves are the ones bench/claims_quality.py reports (TUNE / OTHER speeches).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from claims_quality import OTHER, TUNE, _hits, _spans  # noqa: E402
from train_checkworthiness import DEFAULT_DATA  # noqa: E402
from workbench.claims import engine, extract_claims, warm_up  # noqa: E402
from workbench.claims.scorer import get_scorer  # noqa: E402


FLAGGED: Counter = Counter()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--half", choices=("tune", "other", "all"), default="tune")
    ap.add_argument("--show", type=int, default=25, help="examples per group")
    args = ap.parse_args()
    path = args.data / "afacta" / "policlaim_train_golden.csv"
    if not path.is_file():
        print(f"skipped: no data at {path}")
        return 0
    wanted = {"tune": TUNE, "other": OTHER, "all": TUNE | OTHER}[args.half]
    speeches: dict[str, list[tuple[str, int]]] = defaultdict(list)
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["SPEECH"] in wanted:
                speeches[row["SPEECH"]].append((row["SENTENCES"].strip(), int(row["golden"])))
    warm_up()
    engine.TRACE = []
    groups: dict[str, list[str]] = defaultdict(list)
    for rows in speeches.values():
        text, spans = _spans([s for s, _ in rows], " ")
        engine.TRACE.clear()
        marks = [0] * len(rows)
        for claim in extract_claims(text):
            for i in _hits(spans, claim.start, claim.end):
                marks[i] = 1
        units: list[list[tuple]] = [[] for _ in rows]
        for start, end, reason, factual, plan, evidence in engine.TRACE:
            for i in _hits(spans, start, end):
                units[i].append((reason, factual, plan, evidence))
        for (sent, gold), mark, us in zip(rows, marks, units):
            if not mark:  # left out: which evidence kinds would a lower bar reach, at what score
                for r, f, p, e in us:
                    if r is None and e:
                        FLAGGED[(e, gold, min(int(f * 10), 9))] += 1
            lowered = [(f, e or "plan") for r, f, p, e in us
                       if r is None and (p or e) and f < get_scorer().factual.threshold
                       and engine.decide(r, f, p, get_scorer().factual.threshold, e) is None]
            if mark and lowered and not any(
                r is None and f >= get_scorer().factual.threshold for r, f, *_ in us
            ):
                f, why = lowered[0]
                groups[f"kept only by a lower bar, gold {gold}"].append(f"{f:.2f} {why:10s} {sent[:200]}")
            if gold == mark:
                continue
            if gold:
                if not us:
                    key = "missed: no unit"
                elif all(r is not None for r, *_ in us):
                    key = "missed: opinion rule: " + Counter(r for r, *_ in us).most_common(1)[0][0]
                else:
                    key = "missed: low score"
            else:
                key = "kept non-factual"
            best = max((f for r, f, *_ in us if r is None), default=0.0)
            flags = ",".join(("P" if p else "") + (e or "") for r, f, p, e in us if r is None and (p or e))
            groups[key].append(f"{best:.2f} {flags or '-':10s} {sent[:200]}")
    print("left-out sentences with evidence: kind gold score-decile -> count")
    for kind in sorted({k[0] for k in FLAGGED}):
        row = " ".join(f"{d / 10:.1f}:{FLAGGED[(kind, 1, d)]}/{FLAGGED[(kind, 0, d)]}" for d in range(10))
        print(f"  {kind:10s} (factual/not) {row}")
    for key in sorted(groups, key=lambda k: -len(groups[k])):
        print(f"\n== {key}: {len(groups[key])}")
        for line in sorted(groups[key], reverse=True)[: args.show]:
            print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
