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

from workbench.claims.attribution import SPEECH_VERBS, content_of  # noqa: E402
from workbench.claims.report_cues import noun_owner, noun_report_shape, object_report_shape  # noqa: E402
from workbench.claims.report_verbs import stem  # noqa: E402
from workbench.claims.nlp import parse_blocks  # noqa: E402
from workbench.claims.segment import split_text  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "claims" / "report_verbs.json"
SOURCE = ("PolNeAR v1.0.0 train split (Newell, Margolin & Ruths, LREC 2018): verb and noun stems its "
          "annotators marked as attribution cues (bench/learn_cues.py); stems and counts [cue, seen] only")
_NOT_THIRD = {"i", "we", "you"}
# Factive and perception verbs ("learned that", "realized that", "sees that"): the article itself
# asserts what follows, so they are never report verbs, however often annotators marked them.
FACTIVE = re.compile(r"^(learn|realiz|realis|know|knew|discover|notic|see|saw|seen|recogni|understand|"
                     r"understood|remember|forg[oe]t|regret)")


def cue_spans(path: str, role: str = "Cue") -> list[tuple[int, int]]:
    """Cue (or Content) spans of the attributions with a source and a content (first annotator's
    file)."""
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
                    if k.startswith(role):
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


# "endorsed Clinton" is an act of support the annotators marked (PolNeAR counts attitudes and acts
# as attributions too), not a report of what the endorser says.
ACTS = frozenset({"endors"})
# A noun reports like its verb: "claim", "suggestion" (suggest), "assertion" (assert), "argument"
# (argu), "statement" (stat), "insistence" (insist), "announcement" (announc).
_NOUN_ENDINGS = ("ation", "ion", "ment", "enc", "ence", "ance")


def verb_of_noun(noun: str) -> list[str]:
    """Candidate verb stems of a noun stem: itself, and without a nominal ending."""
    out = [noun]
    for ending in _NOUN_ENDINGS:
        if noun.endswith(ending) and len(noun) - len(ending) >= 3:
            out.append(stem(noun[: -len(ending)]))
            out.append(noun[: -len(ending)])
    return out


def count(files: list[str], data: Path) -> dict[str, dict[str, list[int]]]:
    """[cue, seen] per stem for the three shapes: a verb with a reported clause, a verb with an
    object, an owned noun with a that-clause."""
    seen, cue = Counter(), Counter()
    seen_obj, cue_obj, seen_noun, cue_noun = Counter(), Counter(), Counter(), Counter()
    for n, f in enumerate(files, 1):
        name = os.path.basename(f)[:-4]
        anns = sorted(glob.glob(str(data / "train" / "attributions" / f"{name}_*.ann")))
        if not anns:
            continue
        spans = cue_spans(anns[0])
        contents = cue_spans(anns[0], "Content")
        text = open(f, encoding="utf-8").read()
        blocks = split_text(text)
        docs = parse_blocks(
            (text[sents[0][0] : p.end], [(s - sents[0][0], e - sents[0][0]) for s, e in sents])
            for p, sents in blocks
        )
        for (_, sents), doc in zip(blocks, docs):
            base = sents[0][0]
            for tok in doc:
                key = stem(tok.lower_)
                if reporting_use(tok):
                    seen[key] += 1
                    cue[key] += inside(spans, base + tok.idx)
                elif (shape := object_report_shape(tok)) is not None:
                    # a cue whose object the annotators took as the content
                    seen_obj[key] += 1
                    cue_obj[key] += inside(spans, base + tok.idx) and inside(contents, base + shape[1].idx)
                if noun_report_shape(tok) is not None and noun_owner(tok):  # "X's claim that ..."
                    seen_noun[key] += 1
                    cue_noun[key] += inside(spans, base + tok.idx)
        if n % 100 == 0:
            print(f"{n} articles", file=sys.stderr)
    return {name: {w: [c[w], s[w]] for w in sorted(s)} for name, c, s in
            (("verbs", cue, seen), ("object_verbs", cue_obj, seen_obj), ("nouns", cue_noun, seen_noun))}


def tables(raw: dict[str, dict[str, list[int]]], min_count: int, min_share: float) -> dict[str, dict[str, list[int]]]:
    def learn(table: dict[str, list[int]]) -> dict[str, list[int]]:
        return {w: [c, s] for w, (c, s) in table.items()
                if c >= min_count and c >= min_share * s and not FACTIVE.match(w)}

    verbs = learn(raw["verbs"])
    # With an object, only verbs that also report a clause (or are hand-listed speech verbs).
    talk = set(verbs) | {stem(w) for w in SPEECH_VERBS}
    objects = {w: n for w, n in learn(raw["object_verbs"]).items() if w in talk and w not in ACTS}
    # Owned report nouns are rare (a few uses each): a noun of a report verb, marked at least
    # once, when such nouns together were marked in at least min_share of their uses.
    nouns = {w: n for w, n in raw["nouns"].items()
             if n[0] >= 1 and any(v in talk for v in verb_of_noun(w)) and not FACTIVE.match(w)}
    pooled = [sum(n[k] for n in nouns.values()) for k in (0, 1)]
    if pooled[0] < min_count or pooled[0] < min_share * pooled[1]:
        nouns = {}
    return {"verbs": verbs, "object_verbs": objects, "nouns": nouns}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA / "polnear")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--min-share", type=float, default=0.6)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--counts", type=Path, default=None,
                    help="also write every stem's [cue, seen] counts per shape here (to choose thresholds)")
    ap.add_argument("--from-counts", type=Path, default=None,
                    help="make the tables from counts written by --counts, without parsing again")
    args = ap.parse_args()
    if args.from_counts:
        raw = json.loads(args.from_counts.read_text(encoding="utf-8"))
    else:
        files = sorted(glob.glob(str(args.data / "train" / "text" / "*.txt")))[: args.limit]
        if not files:
            print(f"skipped: no PolNeAR train split under {args.data}")
            return 0
        raw = count(files, args.data)
        if args.counts:
            args.counts.write_text(json.dumps(raw, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    learned = tables(raw, args.min_count, args.min_share)
    args.out.write_text(
        json.dumps({"source": SOURCE, "min_count": args.min_count, "min_share": args.min_share, **learned},
                   indent=0, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    for title, key in (("report verbs", "verbs"), ("object report verbs", "object_verbs"), ("report nouns", "nouns")):
        table = learned[key]
        print(f"{len(table)} {title} of {len(raw[key])} stems seen")
        print(" ".join(f"{w}({c}/{s})" for w, (c, s) in sorted(table.items(), key=lambda x: -x[1][0])))
    print(f"-> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
