"""Report data -> JSON: the article, its claims with verdicts, rationale, evidence and overlaps, the sources.

Values are the workspace's own (ids, keys, ISO dates), so the file can be read back and compared.
"""

import json

FORMAT = "fact-workbench-report"
VERSION = 1


def report_dict(data) -> dict:
    a = data.article
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": data.generated_at,
        "workspace": data.workspace,
        "organisation": data.organisation,
        "article": {
            "id": a.id, "title": a.title, "subtitle": a.subtitle, "authors": list(a.authors),
            "published": a.published.isoformat() if a.published else None, "source": a.source,
        },
        "scale": [
            {"key": o.key, "label": o.label, "colour": o.colour, "definition": o.definition, "rating": o.rating}
            for o in data.scale.options
        ],
        "summary": {
            "claims": data.total_claims,
            "checked": data.checked_claims,
            "verdicts": {vc.option.key: vc.count for vc in data.verdict_counts},
            "evidence": {
                "links": data.evidence.links, "sources": data.evidence.sources,
                "claims_with_evidence": data.evidence.claims_with_evidence, "supports": data.evidence.supports,
                "refutes": data.evidence.refutes, "context": data.evidence.context,
            },
            "confirmed_overlaps": len(data.confirmed_overlaps),
            "warnings": [{"text": w.text, "claims": list(w.numbers)} for w in data.warnings],
        },
        "repeated_facts": [
            {"number": g.number, "confirmed": g.confirmed, "best_score": g.best_score,
             "claims": [{"number": n, "text": t} for n, t in g.members]}
            for g in data.repeated_facts
        ],
        "only_checked": data.only_checked,
        "claims": [_claim(c) for c in data.listed_claims],
        "first_export": data.first_export or None,
        "corrections": [{"claim": k.number, "before": k.before.key, "after": k.after.key, "at": k.at, "by": k.by}
                        for k in data.corrections],
        "sources": [
            {"id": s.id, "url": s.url, "title": s.title, "publisher": s.publisher, "published": s.published,
             "accessed": s.accessed}
            for s in data.sources
        ],
    }


def _claim(c) -> dict:
    return {
        "number": c.number,
        "id": c.id,
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "attribution": c.attribution,
        "kind": c.kind,
        "verdict": c.verdict.key,
        "verdict_label": c.verdict.label,
        "rationale": c.rationale,
        "article_words": c.article_words or None,
        "warnings": list(c.warnings),
        "evidence": [
            {"id": e.id, "source_id": e.source_id, "url": e.url, "title": e.title, "publisher": e.publisher,
             "published": e.published, "accessed": e.accessed, "stance": e.stance, "quote": e.quote, "note": e.note}
            for e in c.evidence
        ],
        "overlaps": [
            {"id": o.id, "other_claim_id": o.other_id, "other_number": o.other_number, "other_text": o.other_text,
             "other_article": o.other_article, "score": o.score, "reason": o.reason, "kind": o.kind, "state": o.state}
            for o in c.overlaps
        ],
        "checked_before": [
            {"text": m.text, "title": m.title, "rating": m.rating, "url": m.url, "score": m.score}
            for m in c.checked_before
        ],
        "repeated_fact": c.repeated_fact,
    }


def render_json(data) -> str:
    return json.dumps(report_dict(data), ensure_ascii=False, indent=2) + "\n"
