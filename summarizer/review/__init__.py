"""Reviewing results: a terminal view, self-contained HTML pages, and ``validate``.

An edge of the package: it reads ``ArticleSummary`` JSON (or batch records) and the core
schema, and nothing in the core imports it.
"""
