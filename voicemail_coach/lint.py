"""Lint a folder of templates: render each against example data and score the draft.

The example data is the template's own ``example:`` metadata (a prospect, or a prospects file
with ``caller:`` and ``prospects:``; every prospect in it is drafted), else the bundled
``examples/prospects.yaml`` (the first prospect that has every field the style requires). The
caller is the example's, else the config's, else the bundled one. Partials (``_*.j2``) are
compiled, so a syntax error in one is reported even when no style includes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .config import Config
from .directives import Off
from .errors import TemplateError, VoicemailCoachError
from .models import Book, Caller, Draft, Finding, Prospect
from .output.sarif import Document

BUNDLED = "examples/prospects.yaml"


@dataclass(frozen=True)
class LintResult:
    """One template's outcome: its scored drafts, or the error that stopped it."""

    name: str
    path: Path
    drafts: tuple[Draft, ...] = ()
    error: str | None = None
    example: str = ""
    line: int | None = None
    """The line a broken template's error points at, when known."""
    offs: tuple[Off, ...] = ()
    """Checks switched off by the template's inline comments."""

    @property
    def draft(self) -> Draft | None:
        """Return the first draft (the only one unless the example holds several prospects)."""
        return self.drafts[0] if self.drafts else None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: name, path, example, error, and the drafts (docs/json.md)."""
        return {
            "name": self.name,
            "path": str(self.path),
            "example": self.example or None,
            "error": self.error,
            "switched_off": [{"id": o.id, "path": o.path, "line": o.line} for o in self.offs],
            "drafts": [d.to_dict() for d in self.drafts],
        }

    def documents(self) -> list[Document]:
        """Return the SARIF/GitHub documents: one per draft, or the error at its line.

        A draft's findings point into rendered text, not the template's characters, so they
        carry the file and line 1 (no column); a broken template is one ``template.broken``
        error at the line its error names (1 when unknown).
        """
        if self.error is not None:
            broken = Finding("template", "error", self.error, id="template.broken")
            return [Document(str(self.path), None, (broken,), line=self.line or 1)]
        return [Document(str(self.path), None, d.findings, line=1) for d in self.drafts]


def _bundled() -> Book:
    from . import sources
    from .catalog import EXAMPLES_DIR

    return sources.load(EXAMPLES_DIR / "prospects.yaml")


def _example(
    style_book: Book | None, requires: tuple[str, ...], config: Config, path: Path
) -> tuple[Caller, tuple[Prospect, ...], str]:
    """Return the caller, the prospects to draft, and where they came from."""
    from .catalog import has_field

    bundled = None
    caller = style_book.caller if style_book else None
    if caller is None:
        caller = config.caller
    if caller is None:
        bundled = _bundled()
        caller = bundled.caller
    assert caller is not None  # the bundled example has one
    if style_book is not None:
        return caller, style_book.prospects, "its own example"
    book = bundled or _bundled()
    fits = [p for p in book.prospects if all(has_field(f, caller, p) for f in requires)]
    if not fits:
        raise TemplateError(
            f"no prospect in {BUNDLED} has {', '.join(requires)}; add an 'example:' to the "
            "metadata with a prospect that has them (see docs/templates.md)",
            path=str(path),
        )
    return caller, (fits[0],), BUNDLED


def _check_partials(root: Path, templates: tuple[str, ...]) -> list[LintResult]:
    """Compile each partial in the folder; return the broken ones."""
    from .catalog import environment

    broken = []
    env = environment((root, *templates))
    for path in sorted(root.glob("_*.j2")):
        try:
            env.get_template(path.name)
        except Exception as exc:  # any failure is reported per file
            line = getattr(exc, "lineno", None)
            said = " ".join(str(getattr(exc, "message", None) or exc).split())
            error = TemplateError(
                f"partial {path.stem}: syntax error: {said}", path=str(path), line=line
            )
            broken.append(LintResult(path.stem, path, error=str(error)))
    return broken


def lint_folder(
    folder: str | Path, *, config: Config, now: datetime | None = None
) -> list[LintResult]:
    """Render and score every style in a folder; template errors are results, not exceptions."""
    from .catalog import Folder, read_style
    from .drafting import Drafter

    root = Path(folder)
    if not root.is_dir():
        raise TemplateError("template folder not found; check the path", path=str(root))
    templates = (str(root),)  # then the config's folders, $VOICEMAIL_COACH_TEMPLATES, ...
    results = _check_partials(root, config.templates)
    drafters: dict[int, tuple[Caller, Drafter]] = {}
    for path in sorted(root.glob("*.j2")):
        if path.name.startswith("_"):
            continue
        try:
            style = read_style(path, Folder(root, "folder", str(root)))
            caller, prospects, origin = _example(style.example_book, style.requires, config, path)
            kept = drafters.get(id(caller))
            if kept is None or kept[0] is not caller:
                kept = drafters[id(caller)] = (
                    caller,
                    Drafter(caller, config=config, templates=templates),
                )
            drafts = tuple(kept[1].draft(p, style.name, now) for p in prospects)
            offs = kept[1].style(style.name).offs
            results.append(LintResult(path.stem, path, drafts, example=origin, offs=offs))
        except VoicemailCoachError as exc:
            results.append(LintResult(path.stem, path, error=str(exc), line=exc.line))
    return sorted(results, key=lambda r: r.name)
