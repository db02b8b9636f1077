"""Train the check-worthiness scorer on ClaimBuster (CC BY 4.0) and write resources/claims/.

    uv run python bench/train_checkworthiness.py [DATA_DIR] [--out resources/claims/checkworthiness.json]

Split: by debate (File_id): every 5th debate in sorted order is held out and never trained on;
the figures printed for it are the ones docs/claims.md reports. Needs scikit-learn (dev group).
Only ClaimBuster is used for training; AFaCTA is for measuring (bench/claims_quality.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.claims.nlp import parse_blocks  # noqa: E402
from workbench.claims.scorer import HASH_BUCKETS, features  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
# Calibrated through the extractor on ClaimBuster held-out + AFaCTA (claims_quality.py --sweep).
FACTUAL_THRESHOLD = 0.5
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "resources" / "claims" / "checkworthiness.json"


def load_claimbuster(data_dir: Path) -> list[dict[str, str]]:
    path = data_dir / "claimbuster" / "crowdsourced.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def held_out_files(rows: list[dict[str, str]]) -> set[str]:
    """Every 5th debate (sorted by file id) is the held-out test part."""
    files = sorted({r["File_id"] for r in rows})
    return {f for i, f in enumerate(files) if i % 5 == 2}


def featurise(texts: list[str], cache: Path | None = None) -> list[dict[str, float]]:
    # The cache is only valid for the current features(); delete it after changing them.
    if cache and cache.is_file():
        return pickle.loads(cache.read_bytes())
    out = [features(doc) for doc in parse_blocks((t, [(0, len(t))]) for t in texts)]
    if cache:
        cache.write_bytes(pickle.dumps(out))
    return out


def macro_f1(gold: list[int], pred: list[int]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, average="macro"))


def fit(x, y, c: float):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit(x, y)
    return model


def best_threshold(probs, gold: list[int]) -> float:
    best = (0.0, 0.5)
    for i in range(20, 81):
        t = i / 100
        best = max(best, (macro_f1(gold, [int(p >= t) for p in probs]), t))
    return best[1]


def vector_scaling(feats: list[dict[str, float]]) -> dict[str, tuple[float, float]]:
    """Mean and spread of each tok2vec column ("v0".."v95") over the training rows."""
    import numpy as np

    keys = sorted({k for f in feats for k in f if k.startswith("v")}, key=lambda k: int(k[1:]))
    out = {}
    for k in keys:
        col = np.array([f.get(k, 0.0) for f in feats])
        out[k] = (float(col.mean()), float(col.std()) + 1e-6)
    return out


def scaled(feats: list[dict[str, float]], scale: dict[str, tuple[float, float]]) -> list[dict[str, float]]:
    """Standardise the vector columns (so that one C regularises both kinds of feature)."""
    out = []
    for f in feats:
        g = dict(f)
        for k, (mu, sd) in scale.items():
            if k in g:
                g[k] = (g[k] - mu) / sd
        out.append(g)
    return out


def export(model, vec, threshold: float, scale: dict[str, tuple[float, float]]) -> dict:
    """Weights on the raw features: the standardisation is folded into weights and bias."""
    bias = float(model.intercept_[0])
    weights = {}
    for name, w in zip(vec.get_feature_names_out(), model.coef_[0]):
        w = float(w)
        if name in scale:
            mu, sd = scale[name]
            w /= sd
            bias -= w * mu
        if abs(w) >= 0.002:
            weights[name] = round(w, 5)
    return {"weights": weights, "bias": round(bias, 5), "threshold": threshold}


def noisy_rows(x, y: list[int], groups: list[str], c: float, cut: float) -> set[int]:
    """Training rows whose crowd label the other debates' model contradicts with confidence.

    crowdsourced.csv has no agreement column; dropping rows a 4-fold (by debate) model scores
    below `cut` for their own label removes much of the crowd noise before the final fit.
    """
    from sklearn.model_selection import GroupKFold, cross_val_predict

    probs = cross_val_predict(
        fit(x, y, c), x, y, groups=groups, cv=GroupKFold(4), method="predict_proba"
    )[:, 1]
    return {i for i, (p, label) in enumerate(zip(probs, y)) if (p if label else 1 - p) < cut}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/claimbuster_feats_v2.pkl"))
    ap.add_argument("-C", type=float, default=0.02)
    ap.add_argument("--noise-cut", type=float, default=0.2,
                    help="drop training rows whose cross-validated probability of their own label is below this")
    ap.add_argument("--factual-threshold", type=float, default=FACTUAL_THRESHOLD,
                    help="decision threshold to ship for the factual head (a negative value: the "
                         "one chosen by CV); bench/claims_quality.py --sweep calibrates it")
    args = ap.parse_args()
    try:
        rows = load_claimbuster(args.data_dir)
    except FileNotFoundError:
        print(f"skip: no ClaimBuster data under {args.data_dir}")
        return 0
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.model_selection import cross_val_predict

    started = time.perf_counter()
    feats = featurise([r["Text"] for r in rows], args.cache)
    print(f"features for {len(rows)} sentences in {time.perf_counter() - started:.1f}s")
    test_files = held_out_files(rows)
    train_idx = [i for i, r in enumerate(rows) if r["File_id"] not in test_files]
    test_idx = [i for i, r in enumerate(rows) if r["File_id"] in test_files]
    print(f"train {len(train_idx)} sentences, held-out {len(test_idx)} ({len(test_files)} debates)")

    scale = vector_scaling([feats[i] for i in train_idx])
    feats = scaled(feats, scale)
    vec = DictVectorizer()
    x_train = vec.fit_transform([feats[i] for i in train_idx])
    x_test = vec.transform([feats[i] for i in test_idx])
    groups = [rows[i]["File_id"] for i in train_idx]
    heads = {
        "factual": lambda r: int(r["Verdict"] in ("0", "1")),
        "checkworthy": lambda r: int(r["Verdict"] == "1"),
    }
    out = {"trained_on": "ClaimBuster crowdsourced.csv (CC BY 4.0), debates not held out, "
                         "confidently contradicted crowd labels dropped",
           "hash_buckets": HASH_BUCKETS}
    for head, label in heads.items():
        y_all = [label(rows[i]) for i in train_idx]
        y_test = [label(rows[i]) for i in test_idx]
        keep = list(range(len(train_idx)))
        if args.noise_cut > 0:
            noisy = noisy_rows(x_train, y_all, groups, args.C, args.noise_cut)
            keep = [j for j in keep if j not in noisy]
            print(f"{head}: {len(noisy)} training rows dropped as label noise")
        xk, yk = x_train[keep], [y_all[j] for j in keep]
        # Threshold from cross-validation on the training debates only.
        cv_probs = cross_val_predict(fit(xk, yk, args.C), xk, yk, cv=4, method="predict_proba")[:, 1]
        threshold = best_threshold(cv_probs, yk)
        if head == "factual" and args.factual_threshold >= 0:
            print(f"{head}: CV threshold {threshold:.2f}, shipping the calibrated {args.factual_threshold:.2f}")
            threshold = args.factual_threshold
        model = fit(xk, yk, args.C)
        probs = model.predict_proba(x_test)[:, 1]
        pred = [int(p >= threshold) for p in probs]
        print(f"{head}: threshold {threshold:.2f}  held-out macro-F1 {macro_f1(y_test, pred):.3f}")
        out[head] = export(model, vec, threshold, scale)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
