"""Reading article files into shown text with metadata and an exact offset map."""

from workbench.text.importer import parse_article, parse_article_file, parse_text

__all__ = ["parse_article", "parse_article_file", "parse_text"]
