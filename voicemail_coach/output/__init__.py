"""Writers: text, Markdown, JSON, JSONL, CSV, SARIF and GitHub annotations; safe output files.

The draft writers (text, markdown, json, jsonl, csv; see `writer`) turn one result at a time
into text, so output streams and batch workers can format in parallel; ``draft``, ``score``,
``lint-templates`` and ``batch`` share them.
"""
