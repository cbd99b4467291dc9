"""Styles: Jinja templates found in folders and packs, their metadata, the sandbox render.

Where a style comes from, first match by name wins: the folders given (``--templates``, then the
config file's ``templates:``), then ``$VOICEMAIL_COACH_TEMPLATES`` (folders joined with the
path separator), then template packs (installed distributions with an entry point in the
``voicemail_coach.templates`` group), then the built-in styles. Entry points are read only when
styles are listed or looked up, once per ``sys.path``.
"""

from __future__ import annotations

import copy
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import TemplateError, VoicemailCoachError
from .models import (
    CALLER_KEYS,
    PROSPECT_KEYS,
    REFERENCE_KEYS,
    REFERRAL_KEYS,
    Book,
    Caller,
    Hours,
    Prospect,
    Reference,
    Referral,
)
from .suggest import did_you_mean


def _data_dir(name: str) -> Path:
    """Return a packaged data folder; in a source checkout it sits beside the package."""
    packaged = Path(__file__).with_name(name)
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / name


BUILTIN_DIR = _data_dir("templates")
EXAMPLES_DIR = _data_dir("examples")
ENV_VAR = "VOICEMAIL_COACH_TEMPLATES"
ENTRY_POINT_GROUP = "voicemail_coach.templates"
META_KEYS = ("description", "use_when", "requires", "checks", "example")
CONTEXT = ("caller", "prospect", "next_step", "now")
MAX_OUTPUT = 20_000
_META = re.compile(r"\A\s*\{#-?(.*?)-?#\}", re.DOTALL)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
_FIELD = re.compile(r"(caller|prospect)(\.[A-Za-z_][A-Za-z0-9_]*)+\Z")

# What a template can read on each model, and the model an attribute leads to.
_MODELS: dict[type, tuple[str, ...]] = {
    Prospect: (*PROSPECT_KEYS, "first_name"),
    Caller: (*CALLER_KEYS, "first_name"),
    Referral: REFERRAL_KEYS,
    Reference: REFERENCE_KEYS,
    Hours: ("days", "start", "end", "text"),
}
_LEADS_TO = {"referral": Referral, "reference": Reference, "hours": Hours}


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
            "checks": copy.deepcopy(dict(self.checks)),
            "example": copy.deepcopy(dict(self.example)) if self.example else None,
            "overrides": list(self.overrides),
        }


# --- where styles come from -------------------------------------------------------------


def template_dirs(extra: Iterable[str | Path] = ()) -> tuple[Path, ...]:
    """Return the user folders to search: the given ones, then $VOICEMAIL_COACH_TEMPLATES."""
    found: list[Path] = [Path(d).expanduser() for d in extra]
    env = os.environ.get(ENV_VAR, "")
    from_env = [Path(d.strip()).expanduser() for d in env.split(os.pathsep) if d.strip()]
    for d in found:
        if not d.is_dir():
            raise TemplateError("template folder not found; check the path", path=str(d))
    for d in from_env:
        if not d.is_dir():
            raise TemplateError(
                f"template folder not found (from ${ENV_VAR}); check the path", path=str(d)
            )
    return tuple(dict.fromkeys(found + from_env))


def pack_dirs() -> tuple[Folder, ...]:
    """Return the folders installed template packs register, read once per sys.path."""
    return _pack_dirs(tuple(sys.path))


@lru_cache(maxsize=8)
def _pack_dirs(path_key: tuple[str, ...]) -> tuple[Folder, ...]:
    """Read the entry points of the voicemail_coach.templates group."""
    from importlib.metadata import entry_points

    points = entry_points(group=ENTRY_POINT_GROUP)
    found: list[Folder] = []
    for ep in sorted(points, key=lambda e: (e.dist.name if e.dist else "", e.name)):
        dist = f"{ep.dist.name} {ep.dist.version}" if ep.dist else "an unknown distribution"
        found.append(Folder(_pack_folder(ep, dist), "package", f"{dist} (entry point {ep.name})"))
    return tuple(found)


def _pack_folder(ep: Any, dist: str) -> Path:
    """Return the folder an entry point names: a package's own folder, or module:attr's path."""
    import importlib.util

    where = f"template pack '{ep.name} = {ep.value}' from {dist}"
    fix = "fix the entry point, or uninstall the package"
    try:
        if ep.attr is None:
            spec = importlib.util.find_spec(ep.module)
            if spec is None:
                raise ImportError(f"no module named {ep.module!r}")
            if not spec.submodule_search_locations:
                raise TemplateError(
                    f"{where}: {ep.module} is a module, not a package folder; "
                    f"name a package holding the .j2 files, or module:attribute"
                )
            folder = Path(next(iter(spec.submodule_search_locations)))
        else:
            value = ep.load()
            if hasattr(value, "__path__"):  # module:subpackage
                value = next(iter(value.__path__))
            if not isinstance(value, str | os.PathLike):
                raise TemplateError(
                    f"{where}: {ep.attr} is a {type(value).__name__}; it must be "
                    f"a folder path (str or pathlib.Path)"
                )
            folder = Path(value)
            if not folder.is_absolute():
                module = sys.modules[ep.module]
                folder = Path(getattr(module, "__file__", "") or ".").parent / folder
    except TemplateError:
        raise
    except Exception as exc:  # a broken pack is named, not raised
        raise TemplateError(f"{where} cannot be loaded: {exc}; {fix}") from None
    if not folder.is_dir():
        raise TemplateError(f"{where}: folder {folder} not found; {fix}")
    return folder


def search_path(templates: Iterable[str | Path] = ()) -> tuple[Folder, ...]:
    """Return every folder searched for styles and partials, first match wins."""
    user = tuple(Folder(d, "folder", str(d)) for d in template_dirs(templates))
    return (*user, *pack_dirs(), Folder(BUILTIN_DIR, "built-in", str(BUILTIN_DIR)))


# --- metadata -----------------------------------------------------------------------------


def field_problem(dotted: str) -> str | None:
    """Return why a dotted field like 'prospect.referal.by' cannot exist, or None if it can."""

    if not _FIELD.match(dotted):
        return (
            f"'{dotted}' is not a field; write it like prospect.referral.by or prospect.extra.event"
        )
    head, *parts = dotted.split(".")
    model: type | None = Prospect if head == "prospect" else Caller
    for i, part in enumerate(parts):
        if model is None:
            return None
        known = _MODELS[model]
        if part not in known:
            owner = ".".join([head, *parts[:i]])
            return f"{owner} has no field '{part}'{did_you_mean(part, known)}"
        if part == "extra":
            return None  # free-form
        model = _LEADS_TO.get(part)
    return None


def _meta(path: Path, source: str) -> tuple[dict[str, Any], Book | None]:
    """Parse and check the YAML metadata in a template's leading Jinja comment."""
    import yaml

    from . import data
    from .config import parse_check_settings
    from .errors import DataError

    where = str(path)
    match = _META.match(source)
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
        root = data.compose(padded, where)
        if root is None or isinstance(root, yaml.ScalarNode):
            raise TemplateError(
                "the leading comment must hold YAML metadata, starting with "
                "'description: what this style is for'",
                path=where,
                line=first,
            )
        reader = data._Reader(where, data.MIN_NODE_BUDGET)
        nodes = reader.mapping(root, "the metadata", META_KEYS)
        meta: dict[str, Any] = {}
        book: Book | None = None
        for key, node in nodes.items():
            line = node.start_mark.line + 1
            if key in ("description", "use_when"):
                meta[key] = " ".join(reader.text(node, key).split())
            elif key == "requires":
                value = reader.free(node)
                items = value if isinstance(value, list) else [value]
                for item in items:
                    problem = field_problem(item) if isinstance(item, str) else "not a field"
                    if problem:
                        raise TemplateError(f"requires: {problem}", path=where, line=line)
                meta[key] = tuple(items)
            elif key == "checks":
                meta[key] = reader.free(node)
                # One check at a time, so an error names the line of its own key.
                pairs = node.value if isinstance(node, yaml.MappingNode) else [(node, node)]
                for key_node, _ in pairs:
                    at = key_node.start_mark.line + 1
                    one = meta[key]
                    if isinstance(one, dict):
                        one = {key_node.value: copy.deepcopy(one[key_node.value])}
                    parse_check_settings(
                        one,
                        where,
                        lambda m, at=at: TemplateError(
                            f"metadata checks: {m}", path=where, line=at
                        ),
                    )
            elif key == "example":
                meta[key] = reader.free(node)
                book = reader.book(node)
    except DataError as exc:
        raise TemplateError(f"metadata: {exc.message}", path=where, line=exc.line) from None
    if not meta.get("description"):
        raise TemplateError(
            "metadata needs 'description: what this style is for'", path=where, line=first
        )
    return meta, book


@lru_cache(maxsize=512)
def _read(path: Path, origin: str, source: str, stamp: tuple[int, int]) -> Style:
    """Read a template's metadata (cached while the file's size and time stay the same)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"cannot read template: {exc}", path=str(path)) from None
    meta, book = _meta(path, text)
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
    )


def read_style(path: Path, origin: str | Folder = "folder") -> Style:
    """Read one template's metadata into a Style."""
    folder = origin if isinstance(origin, Folder) else Folder(path.parent, origin, "")
    try:
        st = path.stat()
    except OSError as exc:
        raise TemplateError(f"cannot read template: {exc.strerror}", path=str(path)) from None
    style = _read(
        path, folder.origin, folder.source or str(path.parent), (st.st_mtime_ns, st.st_size)
    )
    # A fresh copy of the mutable metadata: callers may consume it.
    return replace(style, checks=copy.deepcopy(style.checks))


def styles(templates: Iterable[str | Path] = ()) -> dict[str, Style]:
    """Return every available style by name; a user's file overrides a built-in of that name."""
    found: dict[str, Style] = {}
    for folder in search_path(templates):
        for path in sorted(folder.path.glob("*.j2")):
            if path.name.startswith("_"):
                continue
            if path.stem in found:
                s = found[path.stem]
                found[path.stem] = replace(s, overrides=(*s.overrides, folder.label))
            else:
                found[path.stem] = read_style(path, folder)
    return dict(sorted(found.items()))


def get_style(name: str, templates: Iterable[str | Path] = ()) -> Style:
    """Return one style by name (reading only its file), or a TemplateError naming close ones."""
    folders = search_path(templates)
    if _NAME.match(name) and not name.startswith("_"):
        for folder in folders:
            path = folder.path / f"{name}.j2"
            if path.is_file():
                return read_style(path, folder)

    known = sorted(
        {p.stem for f in folders for p in f.path.glob("*.j2") if not p.name.startswith("_")}
    )
    raise TemplateError(f"unknown style '{name}'{did_you_mean(name, tuple(known))}")


# --- rendering ----------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _environment(dirs: tuple[Path, ...]) -> Any:
    from . import filters, sandbox

    return sandbox.make_environment(dirs, filters.FILTERS)


def environment(templates: Iterable[str | Path] = ()) -> Any:
    """Return the sandboxed Jinja environment: user folders, packs, then the built-ins."""
    return _environment(tuple(f.path for f in search_path(templates)))


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
    from . import sandbox
    from .text import one_paragraph

    missing = [f for f in style.requires if not _has(f, caller, prospect)]
    if missing:
        raise TemplateError(
            f"style {style.name} needs {', '.join(missing)} for {prospect.name}; add it to the "
            "prospect or pick another style",
            path=prospect.source,
            line=prospect.line,
        )
    dirs = tuple(f.path for f in search_path(templates))
    if style.path.parent not in dirs:
        dirs = (style.path.parent, *dirs)
    env = _environment(dirs)
    try:
        with sandbox.budget():
            template = env.get_template(style.path.name)
            chunks = []
            size = 0
            output = template.generate(
                caller=caller, prospect=prospect, next_step=next_step, now=now
            )
            for chunk in output:
                size += len(chunk)
                if size > MAX_OUTPUT:  # raised inside the template, so it names the line
                    output.throw(
                        sandbox.Runaway(
                            f"wrote over {MAX_OUTPUT:,} characters; a voicemail is one paragraph"
                        )
                    )
                chunks.append(chunk)
    except Exception as exc:  # every failure: a located TemplateError
        raise _template_error(exc, style, prospect, env, dirs) from None
    return one_paragraph("".join(chunks))


def _where(exc: BaseException, style: Style) -> tuple[str, int | None]:
    """Return the template file and line an error happened at (innermost template frame)."""
    found: tuple[str, int | None] = (str(style.path), None)
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    filename, lineno = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if isinstance(lineno, int) and found[1] is None:
        found = (filename or found[0], lineno)
    return found


def _missing(message: str) -> str | None:
    """Return the name an UndefinedError says is missing."""
    m = re.search(r"has no (?:attribute|element) '?([^']+?)'?$", message) or re.search(
        r"^'([^']+)' is undefined", message
    )
    return m.group(1) if m else None


def _field_at(env: Any, filename: str, line: int | None, name: str) -> str:
    """Return the dotted field read at a line whose last part is `name`."""
    from jinja2 import nodes

    from .inspection import dotted

    try:
        ast = env.parse(Path(filename).read_text(encoding="utf-8"))
    except Exception:  # best effort: fall back to the bare name
        return name
    best = name
    for node in ast.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        if line is not None and node.lineno != line:
            continue
        path = dotted(node)
        if path and path.split(".")[-1] == name and len(path) > len(best):
            best = path
    return best


def _template_error(
    exc: Exception, style: Style, prospect: Prospect, env: Any, dirs: tuple[Path, ...]
) -> TemplateError:
    """Turn anything a render raised into a TemplateError naming the style, file and line."""
    import jinja2

    from . import sandbox

    filename, line = _where(exc, style)
    said = " ".join(str(getattr(exc, "message", None) or exc).split())
    head = f"style {style.name}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        m = re.search(r"No (filter|test) named '([^']+)'", said)
        if m:
            known = tuple(env.filters if m.group(1) == "filter" else env.tests)
            said += did_you_mean(m.group(2), tuple(k for k in known if not k.startswith("_vc")))
        text = f"{head}: syntax error: {said}"
    elif isinstance(exc, jinja2.UndefinedError):
        name = _missing(said)
        text = f"{head} reads a missing field: {said}"
        if name:
            dotted = _field_at(env, filename, line, name)
            problem = field_problem(dotted) if dotted.startswith(("prospect.", "caller.")) else None
            if problem:
                text = f"{head} reads {dotted}, but {problem}"
            elif "." not in dotted and dotted not in CONTEXT:
                text = (
                    f"{head} reads '{dotted}', which templates are not given; they see "
                    f"{', '.join(CONTEXT)}"
                )
            else:
                text = (
                    f"{head} reads {dotted}, which {prospect.name} does not have; add it to "
                    f"the data, list it under 'requires:', or write "
                    f"{{{{ {dotted} | default('...') }}}}"
                )
    elif isinstance(exc, sandbox.Runaway | OverflowError | MemoryError):
        text = f"{head} was stopped: {said or type(exc).__name__}"
    elif isinstance(exc, jinja2.exceptions.SecurityError):
        text = f"{head} was refused by the sandbox: {said}"
    elif isinstance(exc, jinja2.TemplateNotFound):
        wanted = str(exc.name)
        if ".." in wanted.split("/") or wanted.startswith(("/", "\\")) or "\\" in wanted:
            text = (
                f"{head} includes '{wanted}': a template may include only files inside "
                "the template folders (no '..', no absolute paths)"
            )
        else:
            names = sorted({p.name for d in dirs for p in d.glob("*.j2")})
            text = (
                f"{head} includes '{wanted}', which is in none of the template folders"
                f"{did_you_mean(wanted, tuple(names))}"
            )
    elif isinstance(exc, RecursionError):
        text = f"{head} recurses without end (a macro or recursive loop that never stops)"
    elif isinstance(exc, VoicemailCoachError):
        text = f"{head}: {' '.join(exc.message.split())}"
    else:
        text = f"{head} failed: {type(exc).__name__}: {said}"
    return TemplateError(text, path=filename, line=line)


def _has(field_path: str, caller: Caller, prospect: Prospect) -> bool:
    """Return True when a dotted field like 'prospect.referral.by' holds a value."""
    head, _, rest = field_path.partition(".")
    value: Any = {"caller": caller, "prospect": prospect}.get(head)
    for part in rest.split(".") if rest else ():
        if value is None:
            return False
        value = value.get(part) if isinstance(value, Mapping) else getattr(value, part, None)
    return value not in (None, "", (), [], {})


# --- recommendation -----------------------------------------------------------------------


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
    unconfirmed = f"; {r.by}'s referral is not confirmed, so {r.by} is not named" if r else ""
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
