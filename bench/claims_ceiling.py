"""How far can sentence features carry factual-claim detection on the AFaCTA speeches?

    uv run python bench/claims_ceiling.py [DATA_DIR] [--mlp] [--wordllama]

Measures two numbers side by side, sentence by sentence (no extractor in between):
  transfer - the shipped recipe: a logistic model on workbench.claims.scorer.features, trained
             on ClaimBuster's training debates only, scored on all 8 AFaCTA speeches with the
             best threshold in hindsight (an upper bound for any threshold tuning);
  ceiling  - leave-one-speech-out: the same features trained on the AFaCTA speeches themselves.
             This is never shipped (the issue allows ClaimBuster only for training); it shows what
             the representation can carry even when the label definition is learnt in-domain.
--mlp adds a small neural network on the same features; --wordllama adds the 256-d static
sentence embeddings of the `wordllama` package (weights ship in its wheel; install it for the run
with `uv run --with wordllama ...`). The gap between these and 0.80 is why docs/claims.md says
the AFaCTA target needs a pretrained contextual encoder this workplace cannot download.
Needs scikit-learn (dev group); skips cleanly without the data.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_checkworthiness import (  # noqa: E402
    DEFAULT_DATA,
    featurise,
    held_out_files,
    load_claimbuster,
    scaled,
    vector_scaling,
)


def _wordllama_vectors(texts: list[str]):
    import wordllama
    from wordllama import WordLlama

    # The wheel carries its weights and tokenizer; point the loader at them (no download).
    model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    return model.embed(texts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--mlp", action="store_true", help="also a small neural network (slower)")
    ap.add_argument("--wordllama", action="store_true", help="add wordllama sentence embeddings")
    args = ap.parse_args()
    afacta_path = args.data_dir / "afacta" / "policlaim_train_golden.csv"
    try:
        rows = load_claimbuster(args.data_dir)
        with afacta_path.open(newline="", encoding="utf-8") as fh:
            speeches = list(csv.DictReader(fh))
    except FileNotFoundError as exc:
        print(f"skip: {exc.filename} is missing")
        return 0
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score

    started = time.perf_counter()
    cb_feats = featurise([r["Text"] for r in rows])
    af_feats = featurise([r["SENTENCES"] for r in speeches])
    print(f"features for {len(rows) + len(speeches)} sentences in {time.perf_counter() - started:.0f}s")
    test = held_out_files(rows)
    train = np.array([r["File_id"] not in test for r in rows])
    y_cb = np.array([int(r["Verdict"] in ("0", "1")) for r in rows])
    y_af = np.array([int(r["golden"]) for r in speeches])
    speech = np.array([r["SPEECH"] for r in speeches])
    scale = vector_scaling([f for f, keep in zip(cb_feats, train) if keep])
    vec = DictVectorizer()
    x_cb = vec.fit_transform(scaled(cb_feats, scale))
    x_af = vec.transform(scaled(af_feats, scale))
    sets = {"features": (x_cb, x_af)}
    if args.wordllama:
        e_cb = _wordllama_vectors([r["Text"] for r in rows])
        e_af = _wordllama_vectors([r["SENTENCES"] for r in speeches])
        mu, sd = e_cb[train].mean(0), e_cb[train].std(0) + 1e-6
        e_cb, e_af = csr_matrix((e_cb - mu) / sd), csr_matrix((e_af - mu) / sd)
        sets["wordllama"] = (e_cb, e_af)
        sets["features+wordllama"] = (hstack([x_cb, e_cb]).tocsr(), hstack([x_af, e_af]).tocsr())

    def best(probs) -> tuple[float, float]:
        return max((f1_score(y_af, probs >= t / 100, average="macro"), t / 100) for t in range(10, 91, 2))

    models = {"logistic": lambda: LogisticRegression(C=0.02, max_iter=3000, class_weight="balanced")}
    if args.mlp:
        from sklearn.neural_network import MLPClassifier

        models["mlp"] = lambda: MLPClassifier(
            (64,), alpha=1.0, max_iter=300, early_stopping=True, random_state=0
        )
    for (name, (xc, xa)), (model_name, make) in (
        (s, m) for s in sets.items() for m in models.items()
    ):
        transfer = make().fit(xc[train], y_cb[train]).predict_proba(xa)[:, 1]
        loso = np.zeros(len(speeches))
        for held in sorted(set(speech)):
            fitted = make().fit(xa[speech != held], y_af[speech != held])
            loso[speech == held] = fitted.predict_proba(xa[speech == held])[:, 1]
        (tf1, tt), (cf1, ct) = best(transfer), best(loso)
        print(f"{name:20s} {model_name:8s} transfer (ClaimBuster-trained) {tf1:.3f} @ {tt:.2f}   "
              f"ceiling (leave-one-speech-out) {cf1:.3f} @ {ct:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
