"""Print the claims of the seed article, as the app would show them.

    uv run python bench/claims_seed.py [path]

The text is built like the import layer does: byline and dateline lines and inline markup
(<u>..</u>, *..*) removed, paragraphs separated by blank lines.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.claims import extract_claims, warm_up  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "seeds" / "north-korea-spurned-talks.txt"


def shown_text(raw: str) -> str:
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    paras = [p for p in paras if not p.startswith("By ")
             and not re.match(r"^[A-Z][a-z]+ \d{1,2}, \d{4}", p)]
    return re.sub(r"</?u>|\*", "", "\n\n".join(paras))


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--all"]
    if "--all" in sys.argv:  # also show what was left out, and why
        from workbench.claims import engine

        engine.KEEP_OPINIONS = engine.DEBUG = True
    path = Path(args[0]) if args else SEED
    text = shown_text(path.read_text(encoding="utf-8"))
    warm_up()
    extract_claims(text)  # first call pays one-off costs
    started = time.perf_counter()
    claims = extract_claims(text)
    elapsed = time.perf_counter() - started
    for i, c in enumerate(claims, 1):
        who = c.attribution or "(article)"
        print(f"{i:2d}. [{c.kind.value}] {c.checkworthiness:.2f} {who}\n    {c.text}")
        if c.text != text[c.start:c.end]:
            print(f"    source: {text[c.start:c.end]}")
    print(f"\n{len(claims)} claims in {elapsed * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
