"""Speed of the claim engine against the full default spaCy parse of the same text.

    uv run python bench/claims_speed.py [--data ../shared/data] [--words 20000]

The text (~20,000 words) is built from the AFaCTA speeches and ClaimBuster sentences in two
shapes with the same words: five sentences per paragraph, and one single paragraph (a transcript
pasted without blank lines). The baseline is the full default pipeline, `nlp(text)` with every
pipe (lemmatizer included); the engine's own run includes segmentation, parsing, splitting,
attribution and scoring. Prints both ratios and their quotient (cost must follow the length of
the text, not of its paragraphs). Also times the seed article.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from claims_seed import SEED, shown_text  # noqa: E402
from train_checkworthiness import DEFAULT_DATA  # noqa: E402

from workbench.claims import extract_claims, warm_up  # noqa: E402
from workbench.claims.nlp import load_full  # noqa: E402


def corpus(data: Path, words: int, one_paragraph: bool = False) -> str | None:
    sentences: list[str] = []
    afacta = data / "afacta" / "policlaim_train_golden.csv"
    claimbuster = data / "claimbuster" / "crowdsourced.csv"
    for path, column in ((afacta, "SENTENCES"), (claimbuster, "Text")):
        if path.is_file():
            with path.open(newline="", encoding="utf-8") as fh:
                sentences += [" ".join(r[column].split()) for r in csv.DictReader(fh)]
    if not sentences:
        return None
    picked, count = [], 0
    for s in sentences:
        if count >= words:
            break
        picked.append(s)
        count += len(s.split())
    paras = [" ".join(picked[i : i + 5]) for i in range(0, len(picked), 5)]
    return (" " if one_paragraph else "\n\n").join(paras)


def best_of(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--words", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    started = time.perf_counter()
    warm_up()
    print(f"model load (warm_up): {time.perf_counter() - started:.2f}s")
    seed = shown_text(SEED.read_text(encoding="utf-8"))
    extract_claims(seed)
    seed_time = best_of(lambda: extract_claims(seed), 5)
    print(f"seed article ({len(seed.split())} words): {seed_time * 1000:.0f} ms")

    shapes = {"paragraphs": corpus(args.data, args.words), "one paragraph": corpus(args.data, args.words, True)}
    if shapes["paragraphs"] is None:
        print(f"ratio: skipped, no data under {args.data}")
        return 0
    full = load_full()
    full.max_length = max(full.max_length, max(len(t) for t in shapes.values()) + 1)
    full("Warm up.")
    ratios = {}
    for shape, text in shapes.items():
        parse = best_of(lambda: full(text), args.runs)
        claims: list = []
        engine = best_of(lambda: claims.append(extract_claims(text)), args.runs)
        words = len(text.split())
        ratios[shape] = engine / parse
        print(f"{shape}: {words} words, {len(text)} chars")
        print(f"  full default parse nlp(text): {parse:.2f}s ({words / parse:.0f} words/s)")
        print(f"  extract_claims(text):         {engine:.2f}s ({len(claims[-1])} claims)")
        print(f"  ratio extract / parse: {ratios[shape]:.2f}x (target <= 1.3x)")
    quotient = ratios["one paragraph"] / ratios["paragraphs"]
    print(f"one paragraph / paragraphs (same words): {quotient:.2f}x (target ~1.0x: linear in the text)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
