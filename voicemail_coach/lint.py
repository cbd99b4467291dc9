"""Lint a folder of templates: render each against example data and score the draft."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .config import Config
from .errors import TemplateError, VoicemailCoachError
from .models import Book, Draft


@dataclass(frozen=True)
class LintResult:
    """One template's outcome: a scored draft, or the error that stopped it."""

    name: str
    draft: Draft | None = None
    error: str | None = None
    example: str = ""


def _example(style_example: dict | None, path: Path) -> tuple[Book, str]:
    """Return the example data for a template: its own, else the bundled example."""
    from . import data
    from .styles import EXAMPLES_DIR

    if style_example:
        import yaml

        text = yaml.safe_dump(style_example, sort_keys=False)
        return data.parse(text, f"{path} (metadata example)"), "its own"
    bundled = EXAMPLES_DIR / "prospects.yaml"
    return data.load(bundled), "examples/prospects.yaml"


def lint_folder(folder: str | Path, *, config: Config, now: datetime | None = None) -> list[
    LintResult
]:
    """Render and score every style in a folder; template errors are results, not exceptions."""
    from .api import draft
    from .styles import _has, read_style

    root = Path(folder)
    if not root.is_dir():
        raise TemplateError("template folder not found; check the path", path=str(root))
    results = []
    for path in sorted(root.glob("*.j2")):
        if path.name.startswith("_"):
            continue
        try:
            style = read_style(path, f"folder {root}")
            book, origin = _example(dict(style.example) if style.example else None, path)
            caller = book.caller or config.caller
            fits = [p for p in book.prospects
                    if all(_has(f, caller, p) for f in style.requires)] if caller else []
            prospect = fits[0] if fits else book.prospects[0]
            d = draft(prospect, style.name, caller, now, config=config,
                      templates=(root, *config.templates))
            results.append(LintResult(path.stem, draft=d, example=origin))
        except VoicemailCoachError as exc:
            results.append(LintResult(path.stem, error=str(exc)))
    return results
