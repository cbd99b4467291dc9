"""YAML text -> plain data and Locations: every scalar stays the text the user wrote.

One reader builds plain data (dicts, lists, strings) straight from libyaml's events, noting the
line of every key and item: no YAML 1.1 resolution (``0412555017``, ``14:30`` and ``off`` stay
text), no node tree. What only a YAML reader can see is noted as a problem of the value it
concerns (a duplicate key, which PyYAML would silently let win; a ``!!python`` tag; a merge key
``<<``), so the validator reports it at the right record; what makes the whole file unreadable
(broken syntax, a NUL byte, nesting past 100 levels, an undefined alias, a second document)
raises DataError at once.

A call list is read in two passes (``ListReader``): the first checks the whole file and reads
the caller, the second hands out one prospect at a time, so memory stays bounded by the
largest prospect rather than the file (figures: benchmarks/sources.py).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import yaml

from ..errors import DataError
from .locations import MIN_BUDGET, START, KeyPath, Locations
from .schema import TOP_KEYS, clip

try:  # libyaml's parser when available: same YAML, several times faster on big call lists
    from yaml import CBaseLoader as Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as Loader  # type: ignore[assignment,unused-ignore]

MAX_DEPTH = 100
"""The deepest nesting read; a prospect needs three or four levels."""
MAX_KEYS = 10_000
"""The most keys one mapping may hold; the rest of a bigger one is skipped, and refused."""
_PLAIN_TAGS = frozenset(
    {None, "!", *(f"tag:yaml.org,2002:{kind}" for kind in ("str", "seq", "map"))}
)  # what the base resolver gives untagged values; !!str, !!seq and !!map say the same
_COLON = "mapping values are not allowed"
TOP = frozenset(TOP_KEYS)


class Parsed(NamedTuple):
    """A YAML value read as plain data, with where each part of it came from."""

    data: Any
    where: Locations


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector while building: plain data has no cycles, and millions of new
    dicts and tuples would otherwise trigger full collections over and over (a third of the
    time on a file of 2 million keys)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _tag(tag: str) -> str:
    """Return a tag as written: '!!python/str' rather than 'tag:yaml.org,2002:python/str'."""
    return clip(tag.replace("tag:yaml.org,2002:", "!!", 1))


def _line(event: Any) -> int:
    """Return the 1-based line an event starts on."""
    mark = event.start_mark
    return int(mark.line) + 1 if mark is not None else 1


def budget_for(text: str) -> int:
    """Return how many values a document of this size may expand to through aliases."""
    return max(MIN_BUDGET, 2 * len(text))


class _Builder:
    """Build plain data from one pass over a YAML text's events."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.text = text
        nul = text.find("\x00")
        if nul >= 0:
            raise DataError(
                "holds binary data (a NUL byte); expected a YAML text file",
                path=source,
                line=text.count("\n", 0, nul) + 1,
            )
        self.loader = Loader(text)
        self.anchors: dict[str, Any] = {}
        self.pending: set[str] = set()  # anchors whose value is being built
        self.sizes: dict[str, int] = {}  # how many values each anchor's value expands to
        self.expanded = 0  # values built so far, aliases counted at their expanded size
        self.budget = budget_for(text)
        self.aliases = False

    def close(self) -> None:
        """Free the parser."""
        self.loader.dispose()

    def _syntax(self, exc: yaml.YAMLError) -> DataError:
        """Return the DataError for a YAML syntax error, with a hint where one helps."""
        if not isinstance(exc, yaml.MarkedYAMLError):
            return DataError(f"YAML error: {exc}", path=self.source)
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "broken YAML"
        if "nesting depth" in problem:
            return DataError(
                f"nested more than {MAX_DEPTH} levels deep; a prospect is a mapping of a few "
                "fields",
                path=self.source,
                line=line,
            )
        hint = ""
        if "tab" in str(exc) and "\t" in self.text:
            hint = "; indent with spaces, not tabs"
        elif problem.startswith(_COLON):
            hint = "; a value that holds ': ' must be quoted, like need: \"HR: fewer escalations\""
        return DataError(f"YAML error: {problem}{hint}", path=self.source, line=line)

    def get(self) -> Any:
        """Return the next event."""
        try:
            return self.loader.get_event()
        except yaml.YAMLError as exc:
            raise self._syntax(exc) from None

    def peek(self) -> Any:
        """Return the next event without taking it."""
        try:
            return self.loader.peek_event()
        except yaml.YAMLError as exc:
            raise self._syntax(exc) from None

    def fail(self, event: Any, message: str) -> DataError:
        """Return a DataError at an event's line."""
        return DataError(message, path=self.source, line=_line(event))

    def value(
        self,
        path: KeyPath,
        lines: dict[KeyPath, int],
        problems: dict[KeyPath, tuple[int, str]],
        depth: int = 0,
        record: bool = True,
        event: Any = None,
    ) -> Any:
        """Build the next value (or the one `event` starts); note its line and problems.

        With `record` False the caller has noted the line (a mapping value: its key's line).
        """
        if event is None:
            event = self.get()
        line = _line(event)
        if record:
            lines[path] = line
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            lines[(*path, START)] = line  # a block value starts below its key
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in self.pending:
                raise self.fail(
                    event,
                    f"YAML error: the alias *{clip(str(event.anchor))} sits inside the value it "
                    "names, which would never end; write the values out",
                )
            if event.anchor not in self.anchors:
                raise self.fail(
                    event,
                    f"YAML error: the alias *{clip(str(event.anchor))} names no anchor before it",
                )
            self.aliases = True
            self.expanded += self.sizes[event.anchor]
            if self.expanded > self.budget:
                raise self.fail(
                    event,
                    "too many nested aliases (&anchor/*alias): the file expands without bound; "
                    "write the values out instead of referencing them",
                )
            return self.anchors[event.anchor]
        if depth > MAX_DEPTH:
            raise self.fail(
                event,
                f"nested more than {MAX_DEPTH} levels deep; a prospect is a mapping of a few "
                "fields",
            )
        if event.tag not in _PLAIN_TAGS:
            problems.setdefault(
                path,
                (
                    line,
                    f"YAML tags like '{_tag(event.tag)}' are not supported; "
                    "remove the !!tag and write the value as text",
                ),
            )
        out: Any
        start = self.expanded
        self.expanded += 1
        if event.anchor is not None:
            self.pending.add(event.anchor)
        if isinstance(event, yaml.ScalarEvent):
            out = event.value
        elif isinstance(event, yaml.SequenceStartEvent):
            out = []
            while not isinstance(self.peek(), yaml.SequenceEndEvent):
                out.append(self.value((*path, len(out)), lines, problems, depth + 1))
            self.get()
        elif isinstance(event, yaml.MappingStartEvent):
            out = {}
            while not isinstance(self.peek(), yaml.MappingEndEvent):
                if len(out) >= MAX_KEYS:
                    problems.setdefault(
                        path,
                        (
                            line,
                            f"a mapping of more than {MAX_KEYS:,} keys; no field needs that "
                            "many (extra holds at most 1,000)",
                        ),
                    )
                    self.skip_to_end()
                    break
                self.entry(out, path, lines, problems, depth)
            self.get()
        else:  # pragma: no cover - libyaml never gives another event here
            raise self.fail(event, "YAML error: unexpected content")
        if event.anchor is not None:
            self.pending.discard(event.anchor)
            self.anchors[event.anchor] = out
            self.sizes[event.anchor] = self.expanded - start
        return out

    def entry(
        self,
        out: dict[str, Any],
        path: KeyPath,
        lines: dict[KeyPath, int],
        problems: dict[KeyPath, tuple[int, str]],
        depth: int,
    ) -> None:
        """Build one key and its value into `out`."""
        head = self.get()
        key_line = _line(head)
        if isinstance(head, yaml.ScalarEvent) and head.tag in _PLAIN_TAGS and not head.anchor:
            key: Any = head.value  # the usual case, without a call
        else:
            key = self.value((*path, "?"), {}, problems, depth + 1, record=False, event=head)
        if not isinstance(key, str):
            problems.setdefault(
                path, (key_line, "has a key that is not plain text; write keys as words")
            )
            self.value((*path, "?"), {}, {}, depth + 1)
            return
        at = (*path, key)
        if key == "<<" and isinstance(head, yaml.ScalarEvent) and not head.style:
            problems.setdefault(
                at, (key_line, "merge keys (<<) are not supported; write the keys out")
            )
        elif key in out:
            problems.setdefault(
                at,
                (
                    key_line,
                    f"duplicate key '{clip(key)}' (first given on line {lines.get(at)}); keep one",
                ),
            )
            self.value(at, {}, problems, depth + 1, record=False)
            return
        lines[at] = key_line
        value = self.peek()
        if type(value) is yaml.ScalarEvent and value.tag in _PLAIN_TAGS and not value.anchor:
            self.get()  # the usual case, a plain text value, without a call
            self.expanded += 1
            out[key] = value.value
            return
        out[key] = self.value(at, lines, problems, depth + 1, record=False)

    def skip_to_end(self) -> None:
        """Pass over the rest of the mapping or list being read, up to its end event."""
        depth = 0
        while True:
            event = self.peek()
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                if depth == 0:
                    return
                depth -= 1
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
            self.get()

    def start(self) -> bool:
        """Read the stream and document start; return False for an empty stream."""
        self.get()
        if isinstance(self.peek(), yaml.StreamEndEvent):
            return False
        self.get()
        return True

    def end(self) -> None:
        """Read the document end, refusing a second document."""
        self.get()
        event = self.peek()
        if not isinstance(event, yaml.StreamEndEvent):
            raise self.fail(
                event,
                "YAML error: a second document (---) in the file; keep one document per file",
            )


def parse(text: str, source: str = "<string>") -> Parsed:
    """Read a whole YAML document into plain data (None when empty) and its Locations."""
    builder = _Builder(text, source)
    lines: dict[KeyPath, int] = {}
    problems: dict[KeyPath, tuple[int, str]] = {}
    try:
        data = None
        with _no_gc():
            if builder.start():
                data = builder.value((), lines, problems)
                builder.end()
    finally:
        builder.close()
    where = Locations(source, lines, problems, budget=budget_for(text), aliases=builder.aliases)
    return Parsed(data, where)


class Item(NamedTuple):
    """One prospect of a YAML call list, as plain data with its own Locations."""

    number: int
    line: int
    parsed: Parsed


class ListReader:
    """A YAML call list read in two passes: the whole file checked first, then item by item.

    After the first pass, ``top`` is the root's plain data (None for an empty file) with the
    prospects list replaced by ``count`` placeholders (None), and ``where`` its Locations;
    ``single`` says the file is one prospect mapping. ``items()`` reads the file again and
    yields each prospect with Locations of its own (key paths relative to the prospect).
    `on_item`, when given, is called with each prospect of a `prospects:` list during the
    first pass (so a whole file can be validated in one pass without keeping its data).
    """

    def __init__(
        self, text: str, source: str, on_item: Callable[[Item], None] | None = None
    ) -> None:
        self.text = text
        self.source = source
        self.on_item = on_item
        self.count = 0
        self.top: Any = None
        lines: dict[KeyPath, int] = {}
        problems: dict[KeyPath, tuple[int, str]] = {}
        builder = _Builder(text, source)
        try:
            with _no_gc():
                if builder.start():
                    self.top = self._scan(builder, lines, problems)
                    builder.end()
        finally:
            builder.close()
        self.where = Locations(
            source, lines, problems, budget=budget_for(text), aliases=builder.aliases
        )
        self.single = isinstance(self.top, dict) and "name" in self.top and not set(self.top) & TOP
        if self.single:
            self.count = 1

    def _item(self, builder: _Builder, number: int) -> Item:
        """Build the next prospect with Locations of its own."""
        lines: dict[KeyPath, int] = {}
        problems: dict[KeyPath, tuple[int, str]] = {}
        with _no_gc():
            data = builder.value((), lines, problems, 1)
        where = Locations(
            self.source, lines, problems, budget=budget_for(self.text), aliases=builder.aliases
        )
        return Item(number, lines[()], Parsed(data, where))

    def _prospects(self, builder: _Builder) -> Iterator[Item]:
        """Yield the items of the `prospects:` value that comes next (a list, or one value)."""
        if isinstance(builder.peek(), yaml.SequenceStartEvent):
            builder.get()
            number = 0
            while not isinstance(builder.peek(), yaml.SequenceEndEvent):
                number += 1
                yield self._item(builder, number)
            builder.get()
        else:
            yield self._item(builder, 1)

    def _scan(
        self,
        builder: _Builder,
        lines: dict[KeyPath, int],
        problems: dict[KeyPath, tuple[int, str]],
    ) -> Any:
        """Build the root, counting the prospects of a `prospects:` list without keeping them."""
        head = builder.peek()
        if not isinstance(head, yaml.MappingStartEvent):
            return builder.value((), lines, problems)
        builder.get()
        lines[()] = _line(head)
        root: dict[str, Any] = {}
        while not isinstance(builder.peek(), yaml.MappingEndEvent):
            key = builder.peek()
            if (
                isinstance(key, yaml.ScalarEvent)
                and key.value == "prospects"
                and "prospects" not in root
            ):
                builder.get()
                lines[("prospects",)] = _line(key)
                if isinstance(builder.peek(), yaml.SequenceStartEvent):
                    for item in self._prospects(builder):
                        self.count += 1
                        if self.on_item is not None:
                            self.on_item(item)
                    root["prospects"] = [None] * self.count
                else:
                    root["prospects"] = builder.value(
                        ("prospects",), lines, problems, 1, record=False
                    )
                    self.count = 1
                continue
            builder.entry(root, (), lines, problems, 0)
        builder.get()
        return root

    def items(self) -> Iterator[Item]:
        """Yield each prospect in order (for a file that is a single prospect: that one)."""
        if self.single:
            parsed = parse(self.text, self.source)
            yield Item(1, parsed.where.line() or 1, parsed)
            return
        builder = _Builder(self.text, self.source)
        try:
            if not builder.start() or not isinstance(builder.peek(), yaml.MappingStartEvent):
                return
            builder.get()
            while not isinstance(builder.peek(), yaml.MappingEndEvent):
                key = builder.peek()
                if isinstance(key, yaml.ScalarEvent) and key.value == "prospects":
                    builder.get()
                    yield from self._prospects(builder)
                    return
                builder.entry({}, (), {}, {}, 0)  # read for its anchors
        finally:
            builder.close()
