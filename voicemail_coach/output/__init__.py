"""Writers: text, Markdown, JSON, JSONL, CSV, SARIF and GitHub annotations; safe output files."""
