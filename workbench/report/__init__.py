"""Report data -> HTML, PDF (pdf.py, the only Qt import here), JSON, CSV, Markdown, ClaimReview JSON-LD.

Every exporter takes a services.report_data.ReportData and returns text (or writes a PDF); none reads the
database. The records are used by attribute only, so this package imports nothing from services.
"""
