"""Report data -> Markdown (CommonMark/GFM). Every user string is escaped so it shows as typed."""

import re

from workbench.domain.urls import display_url
from workbench.report.formatting import (
    STANCE_LABELS, authors_text, human_date, human_datetime, link_url, source_label,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")  # with [ ] escaped, ( ) and ! can no longer form links
_ENTITY = re.compile(r"&(?=#?\w+;)")  # &amp; &#60; would be decoded: escape their ampersand
_LEADING = re.compile(r"^([-+=]|\d+(?=[.)]))")  # would start a list or a heading underline


def escape_md(text: str | None) -> str:
    """One line of user text, safe inside Markdown: specials backslash-escaped, line breaks as spaces."""
    flat = " ".join(str(text or "").split())
    flat = _ENTITY.sub("\\&", _SPECIAL.sub(r"\\\1", flat))
    match = _LEADING.match(flat)
    if match:
        end = match.end()
        flat = flat[:end] + "\\" + flat[end:] if match.group(1)[0].isdigit() else "\\" + flat
    return flat


def escape_block(text: str | None) -> list[str]:
    """Multi-line user text as escaped paragraphs."""
    return [escape_md(p) for p in str(text or "").splitlines() if p.strip()]


def md_link(url: str | None, label: str | None = None) -> str:
    """A link only for http/https URLs; anything else is shown as escaped text."""
    target = link_url(url)
    if target is None or any(ch in target for ch in "<>"):
        return escape_md(url)
    shown = display_url(target)  # a host that mixes scripts is shown as punycode, as browsers do
    if shown != target and (not label or label.strip() == target):
        label = shown
    return f"[{escape_md(label)}](<{target}>)" if label else f"<{target}>"


def render_markdown(data) -> str:
    a = data.article
    out: list[str] = [f"# Fact-check report: {escape_md(a.title)}", ""]
    if a.subtitle:
        out += [f"*{escape_md(a.subtitle)}*", ""]
    meta = []
    if a.authors:
        meta.append(f"- **By:** {escape_md(authors_text(a.authors))}")
    if a.published:
        meta.append(f"- **Published:** {human_date(a.published)}")
    if a.source:
        meta.append(f"- **Source:** {md_link(a.source) if link_url(a.source) else escape_md(source_label(a.source))}")
    if data.organisation:
        meta.append(f"- **Checked by:** {escape_md(data.organisation)}")
    meta.append(f"- **Workspace:** {escape_md(data.workspace)}")
    meta.append(f"- **Generated:** {human_datetime(data.generated_at)}")
    out += meta + ["", "## Summary", ""]
    out.append(f"{data.total_claims} claims; {data.checked_claims} with a verdict, "
               f"{data.total_claims - data.checked_claims} not yet checked.")
    out += ["", "| Verdict | Claims | Share |", "|---|---:|---:|"]
    for vc in data.verdict_counts:
        out.append(f"| {escape_md(vc.option.label)} | {vc.count} | {round(vc.share(data.total_claims) * 100)}% |")
    ev = data.evidence
    out += ["", f"Evidence: {ev.links} links to {ev.sources} sources for {ev.claims_with_evidence} claims "
                f"({ev.supports} supporting, {ev.refutes} refuting, {ev.context} context). "
                f"Confirmed overlaps: {len(data.confirmed_overlaps)}.", ""]
    for o in data.confirmed_overlaps:
        left = f"claim {o.a_number}" if o.a_number else "another article"
        right = f"claim {o.b_number}" if o.b_number else "another article"
        out.append(f"- {left} and {right} ({o.kind}): {escape_md(o.a_text)} / {escape_md(o.b_text)}")
    if data.confirmed_overlaps:
        out.append("")
    if data.repeated_facts:
        out += ["Facts stated several times:", ""]
        for g in data.repeated_facts:
            state = "confirmed" if g.confirmed else "not yet reviewed"
            members = "; ".join(f"{f'claim {n}' if n else 'another article'}: {escape_md(t)}" for n, t in g.members)
            out.append(f"- Repeated fact {g.number} ({len(g.members)} statements, {state}): {members}")
        out.append("")
    if data.warnings:
        out += ["**Before signing off:**", ""]
        out += [f"- {escape_md(w.text)}: claim{'s' if len(w.numbers) > 1 else ''} {', '.join(map(str, w.numbers))}"
                for w in data.warnings]
        out.append("")
    out += ["## Claims", ""]
    if data.only_checked:
        out += [f"Only the {len(data.listed_claims)} claims with a verdict are listed.", ""]
    for c in data.listed_claims:
        out += _claim(c, data)
    out += ["## Sources", ""]
    for i, s in enumerate(data.sources, start=1):
        line = f"{i}. {escape_md(s.title or s.url)}"
        if s.publisher:
            line += f", {escape_md(s.publisher)}"
        if s.published:
            line += f", published {human_date(s.published)}"
        if s.accessed:
            line += f", accessed {human_date(s.accessed)}"
        out.append(f"{line}: {md_link(s.url)}")
    if not data.sources:
        out.append("No sources have been linked yet.")
    out += ["", "## Method", "",
            "Each claim is a single checkable statement from the article, in reading order, rated on this scale:", ""]
    for o in data.scale.options:
        out.append(f"- **{escape_md(o.label)}**: {escape_md(o.definition)}")
    out += ["", "## Corrections", ""]
    if not data.first_export:
        out.append("This is the first version of this report; later versions list every verdict changed after it.")
    elif not data.corrections:
        out.append(f"No verdict has changed since this report was first exported on {human_datetime(data.first_export)}.")
    for k in data.corrections:
        by = f" (by {escape_md(k.by)})" if k.by else ""
        out.append(f"- {human_datetime(k.at)}{by}: claim {k.number}, {escape_md(k.before.label)} → "
                   f"{escape_md(k.after.label)}")
    out.append("")
    return "\n".join(out)


def _claim(c, data) -> list[str]:
    out = [f"### Claim {c.number}: {escape_md(c.verdict.label)}", "", f"> {escape_md(c.text)}", ""]
    if c.edited:
        out += [f"In the article: “{escape_md(c.article_words)}”", ""]
    out += [f"⚠ {escape_md(w)}" + "  " for w in c.warnings] + ([""] if c.warnings else [])
    if c.attribution:
        out += [f"Attributed to: {escape_md(c.attribution)}", ""]
    if c.rationale:
        out += ["**Rationale:** " + "\n\n".join(escape_block(c.rationale)), ""]
    if c.evidence:
        out += ["**Evidence:**", ""]
        for e in c.evidence:
            line = f"- *{STANCE_LABELS.get(e.stance, e.stance)}*: {md_link(e.url, e.title or e.url)}"
            if e.publisher:
                line += f", {escape_md(e.publisher)}"
            if e.published:
                line += f", {human_date(e.published)}"
            if e.quote:
                line += f". Quote: “{escape_md(e.quote)}”"
            if e.note:
                line += f". Note: {escape_md(e.note)}"
            out.append(line)
        out.append("")
    if c.repeated_fact:
        g = data.repeated_facts[c.repeated_fact - 1]
        others = ", ".join(f"claim {n}" if n else "another article" for n in g.numbers_except(c.number))
        out += [f"**Repeated fact {g.number}:** also stated as {others}.", ""]
    if c.overlaps:
        out += ["**Overlaps:**", ""]
        for o in c.overlaps:
            where = f"claim {o.other_number}" if o.other_number else escape_md(o.other_article or "another article")
            out.append(f"- {where} ({o.state} {o.kind}, score {round(o.score)}): {escape_md(o.other_text)}")
        out.append("")
    if c.checked_before:
        out += ["**Checked before:**", ""]
        for m in c.checked_before:
            rating = f" ({escape_md(m.rating)})" if m.rating else ""
            out.append(f"- {md_link(m.url, m.title or m.text) if m.url else escape_md(m.title or m.text)}{rating}")
        out.append("")
    return out
