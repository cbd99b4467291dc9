"""Where styles come from: folders, ``$VOICEMAIL_COACH_TEMPLATES``, template packs, built-ins.

First match by name wins: the folders given (``--templates``, then the config file's
``templates:``), then ``$VOICEMAIL_COACH_TEMPLATES`` (folders joined with the path separator),
then template packs (installed distributions with an entry point in the
``voicemail_coach.templates`` group), then the built-in styles. Entry points are read only when
styles are listed or looked up, once per ``sys.path``. Files starting with ``_`` are partials,
never styles; a ``*.j2`` that is not a regular file (a FIFO, a directory) is refused.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import TemplateError
from ..suggest import did_you_mean
from .metadata import Folder, Style, not_regular, read_style


def _data_dir(name: str) -> Path:
    """Return a packaged data folder; in a source checkout it sits beside the package."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / name
    return packaged if packaged.is_dir() else package.parent / name


BUILTIN_DIR = _data_dir("templates")
EXAMPLES_DIR = _data_dir("examples")
ENV_VAR = "VOICEMAIL_COACH_TEMPLATES"
ENTRY_POINT_GROUP = "voicemail_coach.templates"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


def template_dirs(extra: Iterable[str | Path] = ()) -> tuple[Path, ...]:
    """Return the user folders to search: the given ones, then $VOICEMAIL_COACH_TEMPLATES.

    Raises TemplateError naming a folder that does not exist.
    """
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


def style_files(folder: Path) -> list[Path]:
    """Return a folder's style files (``*.j2`` not starting with ``_``), sorted by name."""
    return sorted(p for p in folder.glob("*.j2") if not p.name.startswith("_"))


def styles(templates: Iterable[str | Path] = ()) -> dict[str, Style]:
    """Return every available style by name; a user's file overrides a built-in of that name.

    Raises TemplateError for a missing folder, a broken pack, or a style file that is not a
    regular file or whose metadata is wrong (naming the file and line).
    """
    found: dict[str, Style] = {}
    for folder in search_path(templates):
        for path in style_files(folder.path):
            if path.stem in found:
                s = found[path.stem]
                found[path.stem] = replace(s, overrides=(*s.overrides, folder.label))
            else:
                found[path.stem] = read_style(path, folder)
    return dict(sorted(found.items()))


def _hint(name: str, known: tuple[str, ...]) -> str:
    """Return ' (did you mean 'x'?)' for a close or prefix match, else the known styles."""
    starts = [k for k in known if k.startswith(name.lower())] if name else []
    if len(starts) == 1:
        return f" (did you mean '{starts[0]}'?)"
    return did_you_mean(name, known, "styles")


def get_style(name: str, templates: Iterable[str | Path] = ()) -> Style:
    """Return one style by name (reading only its file).

    Raises TemplateError: "unknown style 'warm' (did you mean 'warm-cold-call'?)", or naming a
    file of that name that is not a regular file.
    """
    folders = search_path(templates)
    if NAME.match(name) and not name.startswith("_"):
        for folder in folders:
            path = folder.path / f"{name}.j2"
            if path.is_file():
                return read_style(path, folder)
            if os.path.lexists(path) and path.exists():  # a FIFO, a directory, a device
                raise not_regular(path)
    known = sorted({p.stem for f in folders for p in style_files(f.path)})
    raise TemplateError(f"unknown style '{name}'{_hint(name, tuple(known))}")
