"""Sentence-level quality of the claim engine on external data (never copied into the repo).

    uv run python bench/claims_quality.py [--data ../shared/data] [--split heldout|train|all]
                                          [--set afacta,claimbuster] [--sweep]

afacta: each speech is joined into one text (sentences separated by a space, so the engine
must segment it itself); a gold sentence counts as "factual" when a claim falls in it.
claimbuster: the held-out debates (every 5th by file id, never trained on) by default; each
debate is one text with one paragraph per sentence. Prints per-class and macro F1.

--sweep calibrates the decision rule (engine.decide: the factual threshold and the margin for
specific plans) through the extractor on both sets at once: units are traced once, then every
setting of the grid is replayed, ranked by the mean of the two macro-F1s.
AFaCTA is used only to choose these few numbers, never to train (the data README: tune here,
expect the same numbers on the held-out speeches).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_checkworthiness import DEFAULT_DATA, held_out_files  # noqa: E402
from workbench.claims import engine, extract_claims, warm_up  # noqa: E402
from workbench.claims.scorer import get_scorer  # noqa: E402


def f1_table(gold: list[int], pred: list[int]) -> dict[str, float]:
    out = {}
    for cls in (1, 0):
        tp = sum(1 for g, p in zip(gold, pred) if g == cls and p == cls)
        fp = sum(1 for g, p in zip(gold, pred) if g != cls and p == cls)
        fn = sum(1 for g, p in zip(gold, pred) if g == cls and p != cls)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[f"P{cls}"], out[f"R{cls}"] = prec, rec
        out[f"F{cls}"] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    out["macro"] = (out["F1"] + out["F0"]) / 2
    out["acc"] = sum(1 for g, p in zip(gold, pred) if g == p) / max(len(gold), 1)
    return out


TRACED: list[list[list[tuple]]] = []  # --sweep: per set, per sentence, the units over it


def _spans(sentences: list[str], sep: str) -> tuple[str, list[tuple[int, int]]]:
    spans, pos = [], 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + len(sep)
    return sep.join(sentences), spans


def _hits(spans: list[tuple[int, int]], start: int, end: int) -> list[int]:
    """The sentences a claim falls in (overlap of at least 15 chars or half the claim)."""
    out = []
    for i, (s, e) in enumerate(spans):
        overlap = min(e, end) - max(s, start)
        if overlap > 0 and overlap >= min(15, (end - start) / 2):
            out.append(i)
    return out


def label_document(sentences: list[str], sep: str) -> list[int]:
    """Join sentences, extract claims, and mark the sentences claims fall in."""
    text, spans = _spans(sentences, sep)
    marks = [0] * len(sentences)
    if engine.TRACE is not None:
        engine.TRACE.clear()
    for claim in extract_claims(text):
        for i in _hits(spans, claim.start, claim.end):
            marks[i] = 1
    if engine.TRACE is not None:
        units: list[list[tuple]] = [[] for _ in sentences]
        for start, end, reason, factual, plan in engine.TRACE:
            for i in _hits(spans, start, end):
                units[i].append((reason, factual, plan))
        TRACED[-1].extend(units)
    return marks


def report(name: str, gold: list[int], pred: list[int], seconds: float) -> None:
    t = f1_table(gold, pred)
    print(
        f"{name}: n={len(gold)} macro-F1 {t['macro']:.3f} acc {t['acc']:.3f} | factual P {t['P1']:.3f} "
        f"R {t['R1']:.3f} F {t['F1']:.3f} | non-factual P {t['P0']:.3f} R {t['R0']:.3f} "
        f"F {t['F0']:.3f} | {seconds:.1f}s"
    )


def run_afacta(data: Path) -> list[int]:
    path = data / "afacta" / "policlaim_train_golden.csv"
    if not path.is_file():
        print(f"afacta: skipped, no data at {path}")
        return []
    speeches: dict[str, list[tuple[str, int]]] = defaultdict(list)
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            speeches[row["SPEECH"]].append((row["SENTENCES"].strip(), int(row["golden"])))
    gold, pred = [], []
    started = time.perf_counter()
    for speech, rows in speeches.items():
        marks = label_document([s for s, _ in rows], " ")
        g = [label for _, label in rows]
        t = f1_table(g, marks)
        print(f"  {speech}: n={len(g)} macro-F1 {t['macro']:.3f}")
        gold += g
        pred += marks
    report("afacta (whole speeches)", gold, pred, time.perf_counter() - started)
    return gold


def run_claimbuster(data: Path, split: str) -> list[int]:
    path = data / "claimbuster" / "crowdsourced.csv"
    if not path.is_file():
        print(f"claimbuster: skipped, no data at {path}")
        return []
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    test = held_out_files(rows)
    keep = {
        "heldout": lambda r: r["File_id"] in test,
        "train": lambda r: r["File_id"] not in test,
        "all": lambda r: True,
    }[split]
    debates: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        if keep(r):
            debates[r["File_id"]].append(r)
    gold, pred = [], []
    started = time.perf_counter()
    for debate in sorted(debates):
        rs = debates[debate]
        pred += label_document([" ".join(r["Text"].split()) for r in rs], "\n\n")
        gold += [int(r["Verdict"] != "-1") for r in rs]
    report(f"claimbuster ({split}, {len(debates)} debates)", gold, pred, time.perf_counter() - started)
    return gold


def sweep(golds: list[list[int]]) -> None:
    """Replay the traced units under a grid of decision rules; print the best settings."""
    shipped, shipped_margin = get_scorer().factual.threshold, engine.PLAN_MARGIN
    results = []
    for t in [x / 100 for x in range(30, 71, 5)]:
        for plan in (0.0, -0.1, -0.15, -0.2, -0.3):
            engine.PLAN_MARGIN = plan
            scores = []
            for units, gold in zip(TRACED, golds):
                pred = [int(any(engine.decide(r, p, pl, t) is None for r, p, pl in u)) for u in units]
                scores.append(f1_table(gold, pred))
            mean = sum(sc["macro"] for sc in scores) / len(scores)
            results.append((round(mean, 4), t, plan, scores))
    engine.PLAN_MARGIN = shipped_margin
    results.sort(key=lambda r: (-r[0], abs(r[1] - shipped)))
    print(f"decision rule sweep (shipped: threshold {shipped}, plan margin {shipped_margin}); best first:")
    for mean, t, plan, scores in results[:15]:
        parts = " | ".join(f"macro {sc['macro']:.3f} P {sc['P1']:.2f} R {sc['R1']:.2f}" for sc in scores)
        print(f"  mean {mean:.3f}  threshold {t:.2f} plan margin {plan:+.2f}  {parts}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", choices=("heldout", "train", "all"), default="heldout")
    ap.add_argument("--set", default="afacta,claimbuster")
    ap.add_argument("--sweep", action="store_true", help="calibrate the decision rule (see above)")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"skipped: no data folder at {args.data}")
        return 0
    warm_up()
    sets = args.set.split(",")
    golds: list[list[int]] = []
    if args.sweep:
        engine.TRACE = []
    if "afacta" in sets:
        TRACED.append([])
        golds.append(run_afacta(args.data))
    if "claimbuster" in sets:
        TRACED.append([])
        golds.append(run_claimbuster(args.data, args.split))
    if args.sweep and all(golds):
        sweep(golds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
