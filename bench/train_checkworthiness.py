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


def export(model, vec, threshold: float) -> dict:
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
        if abs(w) >= 0.002
    }
    return {"weights": weights, "bias": round(float(model.intercept_[0]), 4), "threshold": threshold}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/claimbuster_feats.pkl"))
    ap.add_argument("-C", type=float, default=0.1)
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

    vec = DictVectorizer()
    x_train = vec.fit_transform([feats[i] for i in train_idx])
    x_test = vec.transform([feats[i] for i in test_idx])
    heads = {
        "factual": lambda r: int(r["Verdict"] in ("0", "1")),
        "checkworthy": lambda r: int(r["Verdict"] == "1"),
    }
    out = {"trained_on": "ClaimBuster crowdsourced.csv (CC BY 4.0), debates not held out",
           "hash_buckets": HASH_BUCKETS}
    for head, label in heads.items():
        y_train = [label(rows[i]) for i in train_idx]
        y_test = [label(rows[i]) for i in test_idx]
        # Threshold from cross-validation on the training debates only.
        cv_probs = cross_val_predict(
            fit(x_train, y_train, args.C), x_train, y_train, cv=4, method="predict_proba"
        )[:, 1]
        threshold = best_threshold(cv_probs, y_train)
        model = fit(x_train, y_train, args.C)
        probs = model.predict_proba(x_test)[:, 1]
        pred = [int(p >= threshold) for p in probs]
        print(f"{head}: threshold {threshold:.2f}  held-out macro-F1 {macro_f1(y_test, pred):.3f}")
        out[head] = export(model, vec, threshold)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
