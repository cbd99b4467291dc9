"""One cached sandbox environment per search path: user folders, packs, then the built-ins.

The environment is jinja2's (imported only when a template is rendered or inspected), made by
`voicemail_coach.sandbox` with the speech filters; its loader refuses a template file that is
not a regular file (a FIFO named ``x.j2`` would otherwise block the render forever).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .discovery import search_path


def new_environment(dirs: Sequence[Path]) -> Any:
    """Return a new sandboxed environment searching these folders in order (not cached).

    For a caller that changes the environment (e.g. ``auto_reload = False`` for a batch run);
    everyone else shares `environment_for`'s.
    """
    from jinja2 import ChoiceLoader

    from .. import filters, sandbox
    from .loader import RegularFileLoader

    env = sandbox.make_environment(dirs, filters.FILTERS)
    env.loader = ChoiceLoader([RegularFileLoader(d, dirs) for d in dirs])
    return env


@lru_cache(maxsize=16)
def environment_for(dirs: tuple[Path, ...]) -> Any:
    """Return the shared sandboxed environment searching these folders in order (cached)."""
    return new_environment(dirs)


def search_dirs(
    templates: Iterable[str | Path] = (), first: Sequence[Path] = ()
) -> tuple[Path, ...]:
    """Return the folders an environment searches: `first`, then the search path, no repeats."""
    return tuple(dict.fromkeys((*first, *(f.path for f in search_path(templates)))))


def environment(templates: Iterable[str | Path] = ()) -> Any:
    """Return the sandboxed Jinja environment: user folders, packs, then the built-ins."""
    return environment_for(search_dirs(templates))
