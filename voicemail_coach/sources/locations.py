"""Where each value of a piece of plain data came from: file, line, and what a reader noted."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import NamedTuple

from ..errors import DataError

KeyPath = tuple[str | int, ...]
"""Where a value sits in the data: ('prospects', 3, 'referral', 'by')."""
START = "\x00start"
"""The last key of a path whose line is where a mapping or list value starts (below its key)."""
MIN_BUDGET = 200_000
"""The fewest values one document may expand to (anchors and aliases can multiply a file)."""


class Location(NamedTuple):
    """Where one value came from: a file (None when built in code) and a 1-based line."""

    path: str | None
    line: int | None


class Locations:
    """Where each value of a piece of plain data came from, and what its reader found wrong.

    ``lines`` maps key paths (tuples of keys and list indexes, relative to the data handed to
    the validator) to 1-based lines; a value without its own entry is placed at its nearest
    ancestor's line (a CSV row gives one line for all its cells: ``Locations(path, line=14)``).
    ``problems`` maps key paths to (line, message) a reader could only note, not act on (a
    duplicate key, a YAML tag): the validator raises the earliest one when it checks the record
    holding it, so one bad prospect never stops the others. ``budget`` bounds how many values the
    data may expand to (aliases can make a small file huge); ``aliases`` says the source can
    share values, for the message.
    """

    def __init__(
        self,
        path: str | None = None,
        lines: Mapping[KeyPath, int] | None = None,
        problems: Mapping[KeyPath, tuple[int, str]] | None = None,
        *,
        line: int | None = None,
        budget: int = MIN_BUDGET,
        aliases: bool = False,
    ) -> None:
        self.path = path
        self.lines: Mapping[KeyPath, int] = lines if lines is not None else {}
        self.problems: Mapping[KeyPath, tuple[int, str]] = problems if problems is not None else {}
        self.default_line = line
        self.budget = budget
        self.aliases = aliases
        self.prefix: KeyPath = ()
        self.spent = [0]  # shared by every scoped view: the budget is the whole data's
        self._index: dict[int, dict[KeyPath, list[tuple[KeyPath, tuple[int, str]]]]] = {}

    @classmethod
    def dotted(
        cls, path: str | None, lines: Mapping[str, int], *, line: int | None = None
    ) -> Locations:
        """Build Locations from dotted key paths: {'referral.by': 12} (list items by index)."""
        keyed: dict[KeyPath, int] = {}
        for key, value in lines.items():
            parts = tuple(int(p) if p.isdigit() else p for p in key.split(".")) if key else ()
            keyed[parts] = value
        return cls(path, keyed, line=line)

    def scoped(self, path: KeyPath) -> Locations:
        """Return the Locations of a value inside this data (paths relative to it)."""
        view = copy.copy(self)  # shares the lines, the problems and the budget spent
        view.prefix = self.prefix + path
        return view

    def line(self, path: KeyPath = ()) -> int | None:
        """Return the line of the value at `path`, or of its nearest located ancestor."""
        full = self.prefix + path
        for end in range(len(full), -1, -1):
            found = self.lines.get(full[:end])
            if found is not None:
                return found
        return self.default_line

    def start(self, path: KeyPath = ()) -> int | None:
        """Return the first line of the value at `path` itself (a block mapping's first key)."""
        found = self.lines.get(self.prefix + path + (START,))
        return found if found is not None else self.line(path)

    def at(self, path: KeyPath = ()) -> Location:
        """Return the Location of the value at `path`."""
        return Location(self.path, self.line(path))

    def fail(
        self, path: KeyPath, message: str, prospect: str | None = None, line: int | None = None
    ) -> DataError:
        """Return a DataError for the value at `path`: file, line, dotted key and message.

        `line` overrides the value's own line (a missing key is placed where its mapping
        starts).
        """
        key = ".".join(str(p) for p in path) or None
        at = line if line is not None else self.line(path)
        return DataError(message, path=self.path, line=at, key=key, prospect=prospect)

    def raise_problem(self, path: KeyPath = (), skip: tuple[KeyPath, ...] = ()) -> None:
        """Raise the earliest problem the reader noted at or inside the value at `path`.

        Problems strictly inside a path of `skip` (relative to `path`) are left for that
        value's own check.
        """
        if not self.problems:
            return
        full = self.prefix + path
        size = len(full)
        found = [
            (line, p, message)
            for p, (line, message) in self._under(full)
            if not any(len(p) > size + len(s) and p[size : size + len(s)] == s for s in skip)
        ]
        if found:
            line, p, message = min(found, key=lambda item: item[0])
            key = ".".join(str(k) for k in p[len(self.prefix) :]) or None
            raise DataError(message, path=self.path, line=line, key=key)

    def _under(self, prefix: KeyPath) -> list[tuple[KeyPath, tuple[int, str]]]:
        """Return the problems at or under `prefix` (indexed once per prefix length)."""
        size = len(prefix)
        index = self._index.get(size)
        if index is None:
            index = {}
            for p, problem in self.problems.items():
                if len(p) >= size:
                    index.setdefault(p[:size], []).append((p, problem))
            self._index[size] = index
        return index.get(prefix, [])

    def spend(self, path: KeyPath, count: int = 1) -> None:
        """Count values visited; refuse data that expands past the budget."""
        self.spent[0] += count
        if self.spent[0] > self.budget:
            if self.aliases:
                message = (
                    "too many nested aliases (&anchor/*alias): the file expands without bound; "
                    "write the values out instead of referencing them"
                )
            else:
                message = f"holds more than {self.budget:,} values; keep free-form data small"
            raise self.fail(path, message)


NOWHERE = Locations()
"""The Locations of data built in code: no file, no lines."""
