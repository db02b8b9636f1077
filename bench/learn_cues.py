"""Learn which verbs report what someone says, from PolNeAR train's annotated cues.

    uv run python bench/learn_cues.py [--data ../shared/data/polnear] [--limit N] [--min-count 5]
                                      [--min-share 0.6] [--out resources/claims/report_verbs.json]

Every verb (by stem: "estimates", "estimated" and "estimating" count together) that takes a reported clause (a `ccomp`, or a parenthetical `parataxis` tag) and
has a third-person subject is counted over the train articles, parsed with the engine's own
pipeline and sentence boundaries; it is a cue where the annotators marked it as one of an
attribution with a source and a content. Stems seen at least --min-count times as a cue and
marked in at least --min-share of their occurrences (factive verbs aside: "learned that" is the
article's own assertion) are written out (the words and their counts
only: no text of the articles). attribution.py reads the list: "Trump tweeted that ...", "the
city is demanding that ...", "Politifact ruled that ..." report like "said". Dev is never read.
"""

from __future__ import annotations

import argparse
import bisect
import glob
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_checkworthiness import DEFAULT_DATA  # noqa: E402

from workbench.claims.attribution import content_of  # noqa: E402
from workbench.claims.report_verbs import stem  # noqa: E402
from workbench.claims.nlp import parse_blocks  # noqa: E402
from workbench.claims.segment import split_text  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "claims" / "report_verbs.json"
_NOT_THIRD = {"i", "we", "you"}
# Factive and perception verbs ("learned that", "realized that", "sees that"): the article itself
# asserts what follows, so they are never report verbs, however often annotators marked them.
FACTIVE = re.compile(r"^(learn|realiz|realis|know|knew|discover|notic|see|saw|seen|recogni|understand|"
                     r"understood|remember|forg[oe]t|regret)")


def cue_spans(path: str) -> list[tuple[int, int]]:
    """Cue spans of the attributions with a source and a content (first annotator's file)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    out: list[tuple[int, int]] = []
    for line in open(path, encoding="utf-8").read().split("\n"):
        m = re.match(r"^(T\d+)\t\S+ ([\d ;]+)\t", line)
        if m:
            spans[m.group(1)] = [tuple(map(int, p.split())) for p in m.group(2).split(";")]
            continue
        m = re.match(r"^E\d+\t(.*)$", line)
        if m:
            roles = dict(p.partition(":")[::2] for p in m.group(1).split())
            keys = {re.sub(r"\d+$", "", k) for k in roles}
            if {"Source", "Content", "Cue"} <= keys:
                for k, t in roles.items():
                    if k.startswith("Cue"):
                        out += spans.get(t, [])
    return sorted(out)


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(spans, (pos, 10**12)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def reporting_use(tok) -> bool:
    if tok.pos_ not in ("VERB", "AUX") or not tok.is_alpha:
        return False
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in _NOT_THIRD:
        return False
    return content_of(tok) is not None or tok.dep_ == "parataxis"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA / "polnear")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--min-share", type=float, default=0.6)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    files = sorted(glob.glob(str(args.data / "train" / "text" / "*.txt")))[: args.limit]
    if not files:
        print(f"skipped: no PolNeAR train split under {args.data}")
        return 0
    seen, cue = Counter(), Counter()
    for n, f in enumerate(files, 1):
        name = os.path.basename(f)[:-4]
        anns = sorted(glob.glob(str(args.data / "train" / "attributions" / f"{name}_*.ann")))
        if not anns:
            continue
        spans = cue_spans(anns[0])
        text = open(f, encoding="utf-8").read()
        blocks = split_text(text)
        docs = parse_blocks(
            (text[sents[0][0] : p.end], [(s - sents[0][0], e - sents[0][0]) for s, e in sents])
            for p, sents in blocks
        )
        for (_, sents), doc in zip(blocks, docs):
            base = sents[0][0]
            for tok in doc:
                if reporting_use(tok):
                    seen[stem(tok.lower_)] += 1
                    cue[stem(tok.lower_)] += inside(spans, base + tok.idx)
        if n % 100 == 0:
            print(f"{n} articles", file=sys.stderr)
    learned = {
        w: [cue[w], seen[w]]
        for w in sorted(seen)
        if cue[w] >= args.min_count and cue[w] >= args.min_share * seen[w] and not FACTIVE.match(w)
    }
    args.out.write_text(
        json.dumps({"source": "PolNeAR v1.0.0 train split, annotated cues (bench/learn_cues.py)",
                    "min_count": args.min_count, "min_share": args.min_share,
                    "verbs": learned}, indent=0, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    print(f"{len(learned)} report verbs of {len(seen)} stems seen -> {args.out}")
    print(" ".join(f"{w}({c}/{s})" for w, (c, s) in sorted(learned.items(), key=lambda x: -x[1][0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
