"""Calibrate the overlap thresholds on ClaimMatch pairs; measure false flags on FEVER dev claims.

    uv run python bench/calibrate_pairs.py [DATA_DIR] [--fever-sample N] [--vectors CACHE_FILE]

ClaimMatch: 1,000 labelled pairs (tweet vs Snopes fact-check, 500 match / 500 not). Each labelled pair is
scored with matching.overlaps.OverlapScorer built over all the texts (so idf is meaningful); we print
precision/recall/F1 at the two tiers and the best-F1 threshold for three scorers side by side: wording only, wording
with the hand-set meaning bonus (matching.overlap_meaning) and the learned combiner (matching.overlap_combiner).
FEVER: crowd-written claims, many near-identical but contradictory. find_overlaps over them; a flag is a
false flag when the two claims rest on different Wikipedia pages, or when one is SUPPORTED and the other
REFUTED by the same page (a contradiction flagged as DUPLICATE). The three scorers again; encoding time is printed
apart (vectors are cached per text, so the second variant reuses them). Prints the figures; skips without data.
"""

from __future__ import annotations

import argparse
import csv
import json
import pickle
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.domain import OverlapKind  # noqa: E402
from workbench.matching import CERTAIN_THRESHOLD, SUGGEST_THRESHOLD, find_overlaps  # noqa: E402
from workbench.matching import semantic  # noqa: E402
from workbench.matching.overlap_combiner import combiner, use  # noqa: E402
from workbench.matching.overlaps import OverlapScorer  # noqa: E402

csv.field_size_limit(10**8)
SHIPPED = combiner()
_SEEN: list[str] = []  # texts encoded, for --vectors


def variants():
    """(name, meaning, combiner): wording only, the hand-set meaning bonus, the learned combiner."""
    out = [("wording only", False, None), ("meaning bonus (hand-set)", True, None)]
    if SHIPPED is not None:
        out.append(("learned combiner", True, SHIPPED))
    return out
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def load_claimmatch(data: Path):
    path = data / "claimmatch-pairs" / "ClaimMatchData.csv"
    if not path.exists():
        return None
    with open(path, encoding="utf-8", newline="") as fh:
        return [(r["claim1"], r["claim2"], int(r["label"])) for r in csv.DictReader(fh, delimiter="\t")]


def prf(scores_labels, threshold):
    tp = sum(1 for s, y in scores_labels if s >= threshold and y)
    fp = sum(1 for s, y in scores_labels if s >= threshold and not y)
    fn = sum(1 for s, y in scores_labels if s < threshold and y)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def claimmatch(data: Path) -> None:
    pairs = load_claimmatch(data)
    if pairs is None:
        print(f"skip ClaimMatch: not found under {data}")
        return
    texts: dict[str, int] = {}
    for a, b, _ in pairs:
        texts.setdefault(a, len(texts) + 1)
        texts.setdefault(b, len(texts) + 1)
    print(f"ClaimMatch: {len(pairs)} pairs ({sum(y for *_, y in pairs)} match)")
    t0 = time.perf_counter()
    semantic.embed(list(texts))
    _SEEN.extend(texts)
    print(f"  encoder: {semantic.status()}; {len(texts)} texts encoded in {time.perf_counter() - t0:.1f}s")
    for name, meaning, model in variants():
        use(model)
        scorer = OverlapScorer([(i, t) for t, i in texts.items()], meaning=meaning)
        scored = []
        for a, b, y in pairs:
            d = scorer.score(texts[a], texts[b])
            scored.append((d.score if d else 0.0, y))
        print(f" {name}:")
        _claimmatch_figures(scored)
    use(SHIPPED)


def _claimmatch_figures(scored: list[tuple[float, int]]) -> None:
    for name, t in (("suggest", SUGGEST_THRESHOLD), ("certain", CERTAIN_THRESHOLD)):
        p, r, f = prf(scored, t)
        print(f"  at {name} threshold {t:.0f}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    best = max(((prf(scored, t)[2], t) for t in range(10, 100, 2)))
    p, r, f = prf(scored, best[1])
    print(f"  best F1 threshold {best[1]}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    for t in (20, 30, 40, 50, 60, 70, 80):
        p, r, f = prf(scored, t)
        print(f"    t={t}: P {p:.3f} R {r:.3f} F1 {f:.3f}")


def load_fever(data: Path):
    path = data / "fever-dev-claims" / "paper_dev.jsonl"
    if not path.exists():
        return None
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            pages = {ev[2] for group in rec["evidence"] for ev in group if ev[2]}
            out.append((rec["id"], rec["claim"], rec["label"], frozenset(pages)))
    return out


def fever(data: Path, sample: int) -> None:
    rows = load_fever(data)
    if rows is None:
        print(f"skip FEVER: not found under {data}")
        return
    seen, unique = set(), []
    for r in rows:
        if r[1] not in seen:
            seen.add(r[1])
            unique.append(r)
    rng = random.Random(11)
    rows = unique if sample >= len(unique) else rng.sample(unique, sample)
    t0 = time.perf_counter()
    semantic.embed([r[1] for r in rows])
    _SEEN.extend(r[1] for r in rows)
    print(f"FEVER dev: {len(rows)} claims encoded in {time.perf_counter() - t0:.1f}s ({semantic.status()})")
    for name, meaning, model in variants():
        use(model)
        print(f" {name}:")
        _fever_figures(rows, meaning)
    use(SHIPPED)


def _fever_figures(rows, meaning: bool) -> None:
    by_id = {r[0]: r for r in rows}
    t0 = time.perf_counter()
    flags = find_overlaps([(r[0], r[1]) for r in rows], meaning=meaning)
    elapsed = time.perf_counter() - t0
    n_pairs = len(rows) * (len(rows) - 1) // 2
    kinds = {"different pages": 0, "supports vs refutes (as duplicate)": 0, "supports vs refutes (as inconsistency)": 0,
             "same page, same label": 0, "unknown (not enough info)": 0}
    for d in flags:
        a, b = by_id[d.a], by_id[d.b]
        if not a[3] or not b[3]:
            kinds["unknown (not enough info)"] += 1
        elif not (a[3] & b[3]):
            kinds["different pages"] += 1
        elif {a[2], b[2]} == {"SUPPORTS", "REFUTES"}:
            key = "as inconsistency" if d.kind == OverlapKind.INCONSISTENCY else "as duplicate"
            kinds[f"supports vs refutes ({key})"] += 1
        else:
            kinds["same page, same label"] += 1
    certain = sum(1 for d in flags if d.score >= CERTAIN_THRESHOLD)
    print(f"  {len(rows)} unique claims ({n_pairs:,} pairs): {len(flags)} flags "
          f"({certain} at the certain tier) in {elapsed:.2f}s; {len(flags) / len(rows):.2f} flags per claim")
    for k, v in kinds.items():
        print(f"  {k}: {v}")
    false = kinds["different pages"] + kinds["supports vs refutes (as duplicate)"]
    print(f"  false flags (different pages, or contradiction called duplicate): {false} "
          f"= {false / len(rows):.3f} per claim, {false / n_pairs * 100:.4f}% of all pairs, "
          f"{false / max(1, len(flags)) * 100:.1f}% of flags")
    vs = [(d, by_id[d.a], by_id[d.b]) for d in flags if by_id[d.a][3] and by_id[d.b][3]
          and not (by_id[d.a][3] & by_id[d.b][3])]
    for d, a, b in vs[:5]:
        print(f"    e.g. {d.score:.0f} {d.reason!r}: {a[1]!r} / {b[1]!r}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    p.add_argument("--fever-sample", type=int, default=100_000, help="claims to sample (default: all)")
    p.add_argument("--vectors", type=Path, help="a cache file (outside the repository) for the sentence vectors")
    args = p.parse_args(argv)
    if not args.data.exists():
        print(f"skip: data folder {args.data} not found")
        return 0
    if args.vectors is not None and args.vectors.exists():
        semantic.prime(pickle.loads(args.vectors.read_bytes()))
    claimmatch(args.data)
    fever(args.data, args.fever_sample)
    if args.vectors is not None:
        args.vectors.write_bytes(pickle.dumps({t: semantic.pack(v) for t, v in semantic.known(_SEEN).items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
