"""A style's metadata: the YAML in its template's leading ``{#- ... -#}`` comment, validated.

Keys (unknown ones are errors): ``description`` (required), ``use_when`` (for people),
``requires`` (dotted fields the prospect must have), ``priority`` and ``recommend_when`` (how the
style takes part in the recommendation: see `voicemail_coach.policy.recommend`), ``checks``
(per-style check settings, as in the config file) and ``example`` (a prospect, or a prospects
file, for ``lint-templates``). Errors name the template file and the line of the offending key.
"""

from __future__ import annotations

import copy
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import TemplateError
from ..models import Book
from .fields import Condition, field_problem, parse_condition

META_KEYS = (
    "description",
    "use_when",
    "requires",
    "recommend_when",
    "priority",
    "checks",
    "example",
)
MAX_TEMPLATE_BYTES = 1_000_000  # a voicemail template is a few hundred bytes
META = re.compile(r"\A\s*\{#-?(.*?)-?#\}", re.DOTALL)


@dataclass(frozen=True)
class Folder:
    """A folder of styles and where it comes from."""

    path: Path
    origin: str  # "folder", "package" or "built-in"
    source: str = ""  # the folder as given, or "dist 1.0 (entry point name)" for a package

    @property
    def label(self) -> str:
        """Return how messages name this folder: 'built-in', 'folder X', 'package X'."""
        return self.origin if self.origin == "built-in" else f"{self.origin} {self.source}"


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
    source: str = ""
    overrides: tuple[str, ...] = ()
    example_book: Book | None = field(default=None, compare=False, repr=False)
    priority: int | None = None  # set: the style takes part in the recommendation
    recommend_when: tuple[Condition, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "name": self.name,
            "origin": self.origin,
            "source": self.source,
            "path": str(self.path),
            "description": self.description,
            "use_when": self.use_when,
            "requires": list(self.requires),
            "priority": self.priority,
            "recommend_when": [c.text for c in self.recommend_when],
            "checks": copy.deepcopy(dict(self.checks)),
            "example": copy.deepcopy(dict(self.example)) if self.example else None,
            "overrides": list(self.overrides),
        }


def _kind(mode: int) -> str:
    """Return what a non-regular file is, for messages."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_regular(path: Path) -> TemplateError:
    """Return the error for a template path that is a FIFO, device, directory or socket."""
    try:
        what = _kind(path.stat().st_mode)
    except OSError:
        what = "not a regular file"
    return TemplateError(
        f"template file is {what}, not a regular file; remove it or replace it with a .j2 file",
        path=str(path),
    )


def check_regular(path: Path) -> os.stat_result:
    """Return a template file's stat, or raise TemplateError if it is missing or not a file.

    A FIFO named ``x.j2`` would block a reader forever: it is refused before anything opens it.
    """
    try:
        st = path.stat()
    except OSError as exc:
        raise TemplateError(f"cannot read template: {exc.strerror}", path=str(path)) from None
    if not stat.S_ISREG(st.st_mode):
        raise not_regular(path)
    return st


def read_template(path: Path) -> str:
    """Return a template file's text; refuse a non-regular file without blocking on it."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise TemplateError(f"cannot read template: {exc.strerror}", path=str(path)) from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise not_regular(path)
        raw = f.read(MAX_TEMPLATE_BYTES + 1)
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise TemplateError(
            f"template is over {MAX_TEMPLATE_BYTES:,} bytes; a voicemail template is a paragraph",
            path=str(path),
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateError(
            f"cannot read template: not UTF-8 (byte {exc.start}); save it as UTF-8",
            path=str(path),
        ) from None


def parse_metadata(path: Path, source: str) -> tuple[dict[str, Any], Book | None]:
    """Parse and check the YAML metadata in a template's leading Jinja comment.

    Returns the metadata by key and the example as a Book (None without ``example:``); raises
    TemplateError with the file and line on anything wrong.
    """
    from ..config import parse_check_settings
    from ..errors import DataError
    from ..sources import schema, yaml_source

    where = str(path)
    match = META.match(source)
    if not match:
        raise TemplateError(
            "no metadata: start the file with {#- description: what this style is for -#}",
            path=where,
            line=1,
        )
    offset = source.count("\n", 0, match.start(1))
    padded = "\n" * offset + match.group(1)  # so YAML line numbers are the file's
    first = offset + 1
    try:
        root, at = yaml_source.parse(padded, where)
        if root is None or isinstance(root, str):
            raise TemplateError(
                "the leading comment must hold YAML metadata, starting with "
                "'description: what this style is for'",
                path=where,
                line=first,
            )
        at.raise_problem()
        nodes = schema.fields(root, at, (), "the metadata", META_KEYS)
        meta: dict[str, Any] = {}
        book: Book | None = None
        for key, node in nodes.items():
            line = at.start((key,)) or first
            if key in ("description", "use_when"):
                meta[key] = " ".join(schema.text(node, at, (key,), key).split())
            elif key == "requires":
                value = schema.free(node, at, (key,), key)
                items = value if isinstance(value, list) else [value]
                for item in items:
                    problem = field_problem(item) if isinstance(item, str) else "not a field"
                    if problem:
                        raise TemplateError(f"requires: {problem}", path=where, line=line)
                meta[key] = tuple(items)
            elif key == "recommend_when":
                value = schema.free(node, at, (key,), key)
                items = value if isinstance(value, list) else [value]
                conditions = []
                for item in items:
                    try:
                        if not isinstance(item, str):
                            raise ValueError("each condition is one line of text")
                        conditions.append(parse_condition(item))
                    except ValueError as exc:
                        raise TemplateError(
                            f"recommend_when: {exc}", path=where, line=line
                        ) from None
                meta[key] = tuple(conditions)
            elif key == "priority":
                value = schema.free(node, at, (key,), key)
                if not (isinstance(value, str) and re.fullmatch(r"-?\d{1,6}", value.strip())):
                    raise TemplateError(
                        f"priority: {str(value)[:40]!r} is not a whole number; write one like "
                        "priority: 35 (the built-ins' are in docs/templates.md)",
                        path=where,
                        line=line,
                    )
                meta[key] = int(value)
            elif key == "checks":
                meta[key] = schema.free(node, at, (key,), key)
                # One check at a time, so an error names the line of its own key.
                whole = meta[key]
                for check_id in whole if isinstance(whole, dict) else [None]:
                    here = at.line((key, check_id)) if check_id is not None else line
                    one = {check_id: copy.deepcopy(whole[check_id])} if check_id else whole
                    parse_check_settings(
                        one,
                        where,
                        lambda m, here=here: TemplateError(
                            f"metadata checks: {m}", path=where, line=here
                        ),
                    )
            elif key == "example":
                meta[key] = schema.free(node, at, (key,), key)
                book = schema.book(node, at.scoped((key,)))
    except DataError as exc:
        raise TemplateError(f"metadata: {exc.message}", path=where, line=exc.line) from None
    if not meta.get("description"):
        raise TemplateError(
            "metadata needs 'description: what this style is for'", path=where, line=first
        )
    if "recommend_when" in meta and "priority" not in meta:
        raise TemplateError(
            "recommend_when needs a priority: add 'priority: N' (the fitting style with the "
            "highest priority is recommended; the built-ins' are in docs/templates.md)",
            path=where,
            line=at.start(("recommend_when",)) or first,
        )
    return meta, book


@lru_cache(maxsize=512)
def _read(path: Path, origin: str, source: str, stamp: tuple[int, int]) -> Style:
    """Read a template's metadata (cached while the file's size and time stay the same)."""
    meta, book = parse_metadata(path, read_template(path))
    example = meta.get("example")
    return Style(
        name=path.stem,
        path=path,
        origin=origin,
        source=source,
        description=meta["description"],
        use_when=meta.get("use_when"),
        requires=meta.get("requires", ()),
        checks=meta.get("checks", {}),
        example=example if isinstance(example, dict) else None,
        example_book=book,
        priority=meta.get("priority"),
        recommend_when=meta.get("recommend_when", ()),
    )


def read_style(path: Path, origin: str | Folder = "folder") -> Style:
    """Read one template's metadata into a Style (cached by the file's time and size).

    Raises TemplateError naming the file (and line) for a file that is not a regular file,
    cannot be read, or whose metadata is wrong.
    """
    folder = origin if isinstance(origin, Folder) else Folder(path.parent, origin, "")
    st = check_regular(path)
    style = _read(
        path, folder.origin, folder.source or str(path.parent), (st.st_mtime_ns, st.st_size)
    )
    # A fresh copy of the mutable metadata: callers may consume it.
    return replace(style, checks=copy.deepcopy(style.checks))
