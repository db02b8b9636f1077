"""The child process of `html_process`: reads a header line (source, fallback title) and an HTML page on stdin,
writes the article as JSON on stdout (or {"error": message})."""

import json
import sys

from workbench.domain import ArticleImportError


def _child() -> None:
    from workbench.text.html_article import parse_html

    raw = sys.stdin.buffer.read().decode("utf-8", "surrogatepass")
    header, _, markup = raw.partition("\n")
    options = json.loads(header)
    try:
        a = parse_html(markup, source=options["source"], fallback_title=options["fallback_title"])
        result = {"title": a.title, "text": a.text, "subtitle": a.subtitle, "authors": list(a.authors),
                  "published": a.published.isoformat() if a.published else None, "source": a.source,
                  "title_span": a.title_span, "subtitle_span": a.subtitle_span}
    except ArticleImportError as exc:
        result = {"error": str(exc)}
    sys.stdout.buffer.write(json.dumps(result, ensure_ascii=True).encode("ascii"))


if __name__ == "__main__":
    _child()
