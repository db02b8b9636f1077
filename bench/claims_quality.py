"""Sentence-level quality of the claim engine on external data (never copied into the repo).

    uv run python bench/claims_quality.py [--data ../shared/data] [--split heldout|train|all]
                                          [--set afacta,claimbuster]

afacta: each speech is joined into one text (sentences separated by a space, so the engine
must segment it itself); a gold sentence counts as "factual" when a claim falls in it.
claimbuster: the held-out debates (every 5th by file id, never trained on) by default; each
debate is one text with one paragraph per sentence. Prints per-class and macro F1.
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
from workbench.claims import extract_claims, warm_up  # noqa: E402


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


def label_document(sentences: list[str], sep: str) -> list[int]:
    """Join sentences, extract claims, and mark the sentences claims fall in."""
    spans, parts, pos = [], [], 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        parts.append(s)
        pos += len(s) + len(sep)
    text = sep.join(parts)
    marks = [0] * len(sentences)
    for claim in extract_claims(text):
        length = claim.end - claim.start
        for i, (s, e) in enumerate(spans):
            overlap = min(e, claim.end) - max(s, claim.start)
            if overlap > 0 and overlap >= min(15, length / 2):
                marks[i] = 1
    return marks


def report(name: str, gold: list[int], pred: list[int], seconds: float) -> None:
    t = f1_table(gold, pred)
    print(
        f"{name}: n={len(gold)} macro-F1 {t['macro']:.3f} acc {t['acc']:.3f} | factual P {t['P1']:.3f} "
        f"R {t['R1']:.3f} F {t['F1']:.3f} | non-factual P {t['P0']:.3f} R {t['R0']:.3f} "
        f"F {t['F0']:.3f} | {seconds:.1f}s"
    )


def run_afacta(data: Path) -> None:
    path = data / "afacta" / "policlaim_train_golden.csv"
    if not path.is_file():
        print(f"afacta: skipped, no data at {path}")
        return
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


def run_claimbuster(data: Path, split: str) -> None:
    path = data / "claimbuster" / "crowdsourced.csv"
    if not path.is_file():
        print(f"claimbuster: skipped, no data at {path}")
        return
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", choices=("heldout", "train", "all"), default="heldout")
    ap.add_argument("--set", default="afacta,claimbuster")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"skipped: no data folder at {args.data}")
        return 0
    warm_up()
    sets = args.set.split(",")
    if "afacta" in sets:
        run_afacta(args.data)
    if "claimbuster" in sets:
        run_claimbuster(args.data, args.split)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
