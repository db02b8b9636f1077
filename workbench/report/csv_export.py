"""Report data -> CSV: one row per claim, in reading order, for spreadsheets.

Cells that a spreadsheet would run as a formula (starting with = + - @ or a tab) get a leading apostrophe.
"""

import csv
import io

COLUMNS = [
    "number", "claim_id", "claim", "attribution", "kind", "verdict", "verdict_label", "rationale",
    "evidence_count", "evidence", "overlaps_with", "checked_before",
]


def _cell(value) -> str:
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _evidence(c) -> str:
    parts = []
    for e in c.evidence:
        head = f"[{e.stance}] {e.title or e.url}"
        if e.publisher:
            head += f" ({e.publisher})"
        if e.quote:
            head += f' "{e.quote}"'
        parts.append(f"{head} <{e.url}>")
    return "\n".join(parts)


def render_csv(data) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for c in data.listed_claims:
        overlaps = "; ".join(
            (f"claim {o.other_number}" if o.other_number else f"claim {o.other_id} (other article)") + f" [{o.state}]"
            for o in c.overlaps)
        checked = "\n".join(f"{m.title or m.text} ({m.rating}) <{m.url}>" for m in c.checked_before)
        writer.writerow([_cell(v) for v in (
            c.number, c.id, c.text, c.attribution or "", c.kind, c.verdict.key, c.verdict.label, c.rationale,
            len(c.evidence), _evidence(c), overlaps, checked)])
    return out.getvalue()
