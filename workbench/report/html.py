"""Report data -> one self-contained HTML page (Jinja2, autoescaped). The same page feeds the PDF."""

from functools import lru_cache

import jinja2
from markupsafe import Markup, escape

from workbench.domain.urls import display_url
from workbench.report.formatting import (
    STANCE_LABELS, authors_text, human_date, human_datetime, ink, link_url, safe_colour, source_claims,
    source_label,
)
from workbench.resources import resource

TEMPLATE = "report.html.j2"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource("report"))),
        autoescape=True,  # every user string (claim, note, quote, title...) is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        human_date=human_date, human_datetime=human_datetime, source_label=source_label, link_url=link_url,
        colour=safe_colour, ink=ink, shown_url=display_url,
        stance=lambda s: STANCE_LABELS.get(str(s), str(s).capitalize()), lines=_lines,
    )
    return env


def _lines(text: str) -> Markup:
    """Escaped text with its line breaks kept as <br>."""
    return Markup("<br>").join(escape(line) for line in str(text or "").splitlines())


def _css(*names: str) -> str:
    return "\n".join(resource("report", name).read_text(encoding="utf-8") for name in names)


def render_html(data, *, for_print: bool = False) -> str:
    """The report as HTML. for_print leaves out the browser-only CSS (Qt's rich text renders the rest)."""
    css = _css("report.css") if for_print else _css("report.css", "browser.css")
    template = _environment().get_template(TEMPLATE)
    return template.render(
        d=data, a=data.article, authors=authors_text(data.article.authors), used=source_claims(data),
        css=Markup(css),
    )
