"""Styles: Jinja templates found in folders, their metadata, the sandbox that renders them."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import TemplateError
from .models import Caller, Prospect


def _data_dir(name: str) -> Path:
    """Return a packaged data folder; in a source checkout it sits beside the package."""
    packaged = Path(__file__).with_name(name)
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / name


BUILTIN_DIR = _data_dir("templates")
EXAMPLES_DIR = _data_dir("examples")
ENV_VAR = "VOICEMAIL_COACH_TEMPLATES"
META_KEYS = ("description", "use_when", "requires", "checks", "example")
_META = re.compile(r"\A\s*\{#-?(.*?)-?#\}", re.DOTALL)
MAX_OUTPUT = 20_000


@dataclass(frozen=True)
class Style:
    """A voicemail style: a template file and the metadata in its leading comment."""

    name: str
    path: Path
    origin: str
    description: str
    use_when: str | None = None
    requires: tuple[str, ...] = ()
    checks: Mapping[str, Any] = field(default_factory=dict)
    example: Mapping[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "name": self.name,
            "origin": self.origin,
            "path": str(self.path),
            "description": self.description,
            "use_when": self.use_when,
            "requires": list(self.requires),
            "checks": dict(self.checks),
        }


def template_dirs(extra: Iterable[str | Path] = ()) -> tuple[Path, ...]:
    """Return the folders to search, users' first: given folders, then $VOICEMAIL_COACH_TEMPLATES."""
    found: list[Path] = [Path(d).expanduser() for d in extra]
    env = os.environ.get(ENV_VAR, "")
    found += [Path(d).expanduser() for d in env.split(os.pathsep) if d.strip()]
    for d in found:
        if not d.is_dir():
            raise TemplateError("template folder not found; check the path", path=str(d))
    return tuple(dict.fromkeys(found))


def _meta(path: Path, source: str) -> dict[str, Any]:
    """Parse the YAML metadata in a template's leading Jinja comment."""
    match = _META.match(source)
    if not match:
        raise TemplateError(
            "no metadata: start the file with {#- description: what this style is for -#}",
            path=str(path), line=1,
        )
    from . import data

    offset = source.count("\n", 0, match.start(1))
    try:
        root = data.compose(match.group(1), str(path))
        raw = data._Reader(str(path), data.MIN_NODE_BUDGET).free(root) if root else None
    except Exception as exc:  # noqa: BLE001 - re-raised as the library's error with the line
        line = getattr(exc, "line", None)
        raise TemplateError(f"metadata: {getattr(exc, 'message', exc)}", path=str(path),
                            line=(line or 1) + offset) from None
    if not isinstance(raw, dict) or not raw.get("description"):
        raise TemplateError("metadata needs 'description: what this style is for'",
                            path=str(path), line=1 + offset)
    for key in raw:
        if key not in META_KEYS:
            raise TemplateError(f"unknown metadata key '{key}'{data._suggest(key, META_KEYS)}",
                                path=str(path), line=1 + offset)
    return raw


def read_style(path: Path, origin: str) -> Style:
    """Read one template's metadata into a Style."""
    from .config import parse_check_settings

    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"cannot read template: {exc}", path=str(path)) from None
    raw = _meta(path, source)
    requires = raw.get("requires", [])
    if isinstance(requires, str):
        requires = [requires]
    checks = raw.get("checks", {})
    parse_check_settings(dict(checks), str(path),
                         lambda m: TemplateError(f"metadata: {m}", path=str(path), line=1))
    example = raw.get("example")
    return Style(
        name=path.stem,
        path=path,
        origin=origin,
        description=" ".join(str(raw["description"]).split()),
        use_when=raw.get("use_when"),
        requires=tuple(requires),
        checks=checks,
        example=example if isinstance(example, dict) else None,
    )


def styles(templates: Iterable[str | Path] = ()) -> dict[str, Style]:
    """Return every available style by name; a user's file overrides a built-in of that name."""
    found: dict[str, Style] = {}
    folders = [(BUILTIN_DIR, "built-in")]
    folders += [(d, f"folder {d}") for d in reversed(template_dirs(templates))]
    for folder, origin in folders:
        for path in sorted(folder.glob("*.j2")):
            if not path.name.startswith("_"):
                found[path.stem] = read_style(path, origin)
    return dict(sorted(found.items()))


def get_style(name: str, templates: Iterable[str | Path] = ()) -> Style:
    """Return one style by name, or a TemplateError listing the known ones."""
    known = styles(templates)
    if name not in known:
        from .data import _suggest

        raise TemplateError(f"unknown style '{name}'{_suggest(name, tuple(known))}")
    return known[name]


@lru_cache(maxsize=16)
def environment(dirs: tuple[Path, ...]) -> Any:
    """Return the sandboxed Jinja environment searching the user folders, then the built-ins."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from . import filters

    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader([str(d) for d in (*dirs, BUILTIN_DIR)])]),
        undefined=StrictUndefined,
        autoescape=False,  # a script is speech, not HTML; whitespace is normalised after render
    )
    env.filters.update(filters.FILTERS)
    return env


def _line_of(exc: BaseException, path: Path) -> int | None:
    """Return the template line where a render error happened, from the traceback."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(path):
            line = tb.tb_lineno
        tb = tb.tb_next
    return getattr(exc, "lineno", None) or line


def render(
    style: Style,
    *,
    caller: Caller,
    prospect: Prospect,
    next_step: str,
    now: Any,
    templates: Iterable[str | Path] = (),
) -> str:
    """Render a style for a prospect as one spoken paragraph."""
    import jinja2

    from .text import one_paragraph

    missing = [f for f in style.requires if not _has(f, caller, prospect)]
    if missing:
        raise TemplateError(
            f"style {style.name} needs {', '.join(missing)} for {prospect.name}; add it to the "
            "prospect or pick another style", path=prospect.source, line=prospect.line,
        )
    env = environment(template_dirs(templates))
    try:
        template = env.get_template(style.path.name)
        chunks = []
        size = 0
        for chunk in template.generate(caller=caller, prospect=prospect, next_step=next_step,
                                       now=now):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateError(f"style {style.name} wrote over {MAX_OUTPUT:,} characters; "
                                    "a voicemail is a paragraph", path=str(style.path))
            chunks.append(chunk)
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"style {style.name}: syntax error: {exc.message}",
                            path=exc.filename or str(style.path), line=exc.lineno) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"style {style.name} reads a missing field: {exc.message}",
                            path=str(style.path), line=_line_of(exc, style.path)) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"style {style.name} includes '{exc.name}', which is not in the "
                            "template folders", path=str(style.path)) from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"style {style.name} did something unsafe: {exc}",
                            path=str(style.path), line=_line_of(exc, style.path)) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise TemplateError(f"style {style.name} failed: {exc}", path=str(style.path),
                            line=_line_of(exc, style.path)) from None
    return one_paragraph("".join(chunks))


def _has(field_path: str, caller: Caller, prospect: Prospect) -> bool:
    """Return True when a dotted field like 'prospect.referral.by' holds a value."""
    head, _, rest = field_path.partition(".")
    value: Any = {"caller": caller, "prospect": prospect}.get(head)
    for part in rest.split(".") if rest else ():
        if value is None:
            return False
        value = value.get(part) if isinstance(value, Mapping) else getattr(value, part, None)
    return value not in (None, "", (), [])


@dataclass(frozen=True)
class Recommendation:
    """The style that fits what is known about a prospect, and why."""

    style: str
    reason: str


STRAIGHT_PITCH_AFTER = 3


def recommend(prospect: Prospect) -> Recommendation:
    """Pick the style the sales guidance gives for what is known about the prospect."""
    r = prospect.referral
    if r and r.confirmed:
        return Recommendation("referral", f"{r.by} suggested the call and agreed to be named")
    unconfirmed = (f"; {r.by}'s referral is not confirmed, so {r.by} is not named"
                   if r else "")
    if prospect.reference:
        return Recommendation(
            "third-party",
            f"a known client, {prospect.reference.client}, is a reference{unconfirmed}",
        )
    if prospect.attempts >= STRAIGHT_PITCH_AFTER:
        return Recommendation(
            "straight-pitch",
            f"{prospect.attempts} voicemails already left this cycle and no referral or reference: "
            f"the last attempt{unconfirmed}",
        )
    return Recommendation(
        "warm-cold-call",
        f"no confirmed referral or client reference, so the default: the warm cold call"
        f"{unconfirmed}",
    )
