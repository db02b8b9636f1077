"""Fit the overlap combiner (matching.overlap_combiner) on CLEF-2020 train; write its weights.

    uv run python bench/learn_overlaps.py [DATA_DIR] [--write] [--hard 5] [--random 3] [--limit N]

Pairs (all from the TRAIN split; tweets that are also in ClaimMatch are left out, so the ClaimMatch figures
of bench/calibrate_pairs.py stay out of sample):
  positive: a tweet and the fact-check that checks it ("title vclaim", as ClaimMatch writes its claim2);
  hard negative: the tweet and the archive's best-ranked fact-checks that do not check it;
  random negative: the tweet and a random fact-check;
  short hard negative: a checked claim and its nearest other fact-checks (different facts on one topic,
  the in-article and FEVER kind of false alarm).
Each pair's signals come from matching.overlaps.OverlapScorer over all texts of the set (so idf is real).
Logistic regression in numpy (standardised inputs, L2), 5 folds grouped by tweet: P_FLAG is the lowest
probability whose out-of-fold precision is >= --precision (0.94, the shipped value), P_CERTAIN >= 0.995. Prints the fold
figures and, with --write, writes resources/matching/overlap_combiner.json. Skips cleanly without data.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from bench.archive_bench import load_clef  # noqa: E402
from workbench.matching import semantic  # noqa: E402
from workbench.matching.archive_index import ArchiveIndex  # noqa: E402
from workbench.matching.overlap_combiner import FEATURES, FILE, Combiner, use  # noqa: E402
from workbench.matching.overlaps import OverlapScorer  # noqa: E402
from workbench.resources import resource  # noqa: E402

csv.field_size_limit(10**8)
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TWIN_COSINE = 0.7


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()[:80]


def claimmatch_keys(data: Path) -> set[str]:
    path = data / "claimmatch-pairs" / "ClaimMatchData.csv"
    if not path.exists():
        return set()
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {_key(r["claim1"]) for r in rows} | {_key(r["claim2"]) for r in rows}


def build_pairs(data: Path, hard: int, n_random: int, limit: int, seed: int = 5):
    """[(text_a, text_b, label, group)] from CLEF train."""
    loaded = load_clef(data, "train")
    if loaded is None:
        return None
    vclaims, queries, qrels = loaded
    held = claimmatch_keys(data)
    text_of = {vid: f"{title} {claim}".strip() for vid, claim, title in vclaims}
    index = ArchiveIndex.build([(vid, claim, title) for vid, claim, title in vclaims])
    rng = random.Random(seed)
    ids = [vid for vid, *_ in vclaims]
    queries = [(q, t) for q, t in queries if q in qrels and _key(t) not in held]
    if limit:
        queries = queries[:limit]
    pairs = []
    for qid, tweet in queries:
        gold = qrels[qid]
        for g in gold:
            if _key(text_of[g]) in held:
                continue
            pairs.append((tweet, text_of[g], 1, qid))
            near = [d for d, _ in index.search(text_of[g], 6) if d not in gold and not _twin(text_of, d, gold)]
            pairs += [(text_of[g], text_of[d], 0, qid) for d in near[:3]]
        wrong = [d for d, _ in index.search(tweet, hard + 5) if d not in gold and not _twin(text_of, d, gold)][:hard]
        pairs += [(tweet, text_of[d], 0, qid) for d in wrong]
        pairs += [(tweet, text_of[d], 0, qid) for d in rng.sample(ids, n_random) if d not in gold]
    return pairs


def _twin(text_of: dict[int, str], doc: int, gold: set[int]) -> bool:
    """The archive checks some claims more than once and CLEF names one: a fact-check this close to the gold
    one (cosine >= TWIN_COSINE) is probably another check of the same claim, not a negative."""
    vectors = semantic.embed([text_of[doc], *(text_of[g] for g in gold)])
    return vectors is not None and float((vectors[1:] @ vectors[0]).max()) >= TWIN_COSINE


def signals(pairs, vectors: Path | None = None):
    texts: dict[str, int] = {}
    for a, b, *_ in pairs:
        texts.setdefault(a, len(texts) + 1)
        texts.setdefault(b, len(texts) + 1)
    t0 = time.perf_counter()
    if vectors is not None and vectors.exists():  # a cache of earlier runs (outside the repository)
        import pickle
        semantic.prime(pickle.loads(vectors.read_bytes()))
    semantic.embed(list(texts))
    if vectors is not None:
        import pickle
        vectors.write_bytes(pickle.dumps({t: semantic.pack(v) for t, v in semantic.known(list(texts)).items()}))
    print(f"{len(texts)} texts encoded in {time.perf_counter() - t0:.0f}s ({semantic.status()})")
    use(None)  # the rule's own score, without any combiner, is a feature
    scorer = OverlapScorer([(i, t) for t, i in texts.items()])
    x, y, groups = [], [], []
    for a, b, label, group in pairs:
        s = scorer.signals(texts[a], texts[b])
        if s is None:
            continue  # nothing shared: never scored, a negative by construction (or a miss)
        x.append(s.vector())
        y.append(label)
        groups.append(group)
    return np.asarray(x), np.asarray(y, dtype=float), np.asarray(groups)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 30):
    """Logistic regression by Newton's method on standardised inputs; (weights, bias, mean, scale)."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2 * len(x))
    reg[-1] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) + reg * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(reg) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1]), mean, scale


def predict(model, x: np.ndarray) -> np.ndarray:
    w, b, mean, scale = model
    return 1 / (1 + np.exp(-(((x - mean) / scale) @ w + b)))


def threshold_for(p: np.ndarray, y: np.ndarray, precision: float) -> float:
    """The lowest probability at which everything above has at least `precision`."""
    order = np.argsort(-p)
    prec = np.cumsum(y[order]) / np.arange(1, len(p) + 1)
    ok = np.flatnonzero(prec >= precision)
    return float(p[order][ok.max()]) if len(ok) else 1.0  # the deepest cut that still holds it


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--hard", type=int, default=5)
    ap.add_argument("--random", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="train tweets to use (0: all)")
    ap.add_argument("--precision", type=float, default=0.94)
    ap.add_argument("--l2", type=float, default=1e-2)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--vectors", type=Path, help="a cache file for the sentence vectors between runs")
    args = ap.parse_args(argv)
    if args.vectors is not None and args.vectors.exists():  # a cache of earlier runs (outside the repository)
        import pickle
        semantic.prime(pickle.loads(args.vectors.read_bytes()))
    pairs = build_pairs(args.data, args.hard, args.random, args.limit) if args.data.exists() else None
    if pairs is None:
        print(f"skip: CLEF-2020 train not found under {args.data}")
        return 0
    print(f"{len(pairs)} pairs, {sum(p[2] for p in pairs)} positive, {len({p[3] for p in pairs})} tweets")
    x, y, groups = signals(pairs, args.vectors)
    if not semantic.available():
        print("skip: the sentence encoder is unavailable")
        return 0
    folds = {g: i % 5 for i, g in enumerate(sorted(set(groups.tolist())))}
    fold = np.asarray([folds[g] for g in groups])
    oof = np.zeros(len(y))
    for k in range(5):
        model = fit(x[fold != k], y[fold != k], args.l2)
        oof[fold == k] = predict(model, x[fold == k])
    rule = x[:, FEATURES.index("rule")] * 100
    for name, score, cut in (("wording-only rule", rule, 55.0), ("combiner (out of fold)", oof, None)):
        auc = (score[y == 1][:, None] > score[y == 0][None, :]).mean()
        print(f"  {name}: AUC {auc:.3f}")
        if cut is not None:
            sel = score >= cut
            print(f"    at {cut}: precision {y[sel].mean() if sel.any() else 1:.3f} recall {y[sel].sum() / y.sum():.3f}")
    p_flag = threshold_for(oof, y, args.precision)
    p_certain = max(threshold_for(oof, y, 0.995), p_flag + 1e-3)
    for name, cut in (("flag", p_flag), ("certain", p_certain)):
        sel = oof >= cut
        print(f"  {name}: P >= {cut:.3f}: precision {y[sel].mean() if sel.any() else 1:.3f} "
              f"recall {y[sel].sum() / y.sum():.3f} "
              f"(hard negatives flagged {int(((1 - y) * sel).sum())} of {int((1 - y).sum())})")
    w, b, mean, scale = fit(x, y, args.l2)
    for name, wi in zip(FEATURES, w):
        print(f"    {name:14s} {wi:+.3f}")
    print(f"    bias {b:+.3f}")
    combiner = Combiner(tuple(float(v) for v in w), b, tuple(float(v) for v in mean),
                        tuple(float(v) for v in scale), round(p_flag, 4), round(p_certain, 4))
    if args.write:
        import json
        path = resource(*FILE)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(combiner.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
