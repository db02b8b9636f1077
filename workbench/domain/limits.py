"""Sizes past which input is refused (or, for text shown in one line, shortened) with a clear message.

One place, so the window, the command line and the services agree."""

MAX_TITLE = 300  # article titles, in characters
MAX_AUTHORS = 20  # names taken from a byline
MAX_NAME = 200  # one author, publisher or organisation name
MAX_SUBTITLE = 1_000
MAX_URL = 2_048  # what browsers and servers reliably accept
MAX_SCALE = 50  # verdicts in a scale
MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # an article file (a long book is 2 MB of text)
MAX_ARCHIVE_BYTES = 512 * 1024 * 1024  # an archive file (millions of fact-checks)
MAX_SETTINGS_BYTES = 1024 * 1024  # a verdict-scale file
MAX_JSON_DEPTH = 64  # nesting of archive and settings JSON
