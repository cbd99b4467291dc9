"""Read a call list row by row: the YAML prospects file, or a CSV export from a CRM.

A problem with the file as a whole (missing, not UTF-8 in its header, broken YAML, an unknown
column, no caller section that parses) raises DataError. A problem with one prospect never
does: it travels with that row as an error message naming ``file:line``, so one bad row cannot
stop the others.

CSV: the first line names the columns. Nested fields use dotted names (``referral.by``,
``referral.confirmed``, ``reference.client``, ``reference.result``, ``extra.industry``), and
``slots`` holds ``;``-separated times. Column names are matched without regard to case or
surrounding spaces (CRMs export ``Name``, ``Company``); names under ``extra.`` are kept as
written. An empty cell is an absent field. Each row is checked by the very rules (and with the
very messages) of the YAML loader: it is turned into the YAML nodes the loader would have made,
with the row's line, and handed to ``data._Reader.prospect``.

Rows are read lazily, so a call list of any length is read in bounded memory; a row is small and
picklable, and is validated where it is drafted (in a worker process, not in the parent).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import yaml

from . import data
from .errors import DataError
from .models import Caller, Prospect
from .suggest import did_you_mean

FLAT_COLUMNS = tuple(k for k in data.PROSPECT_KEYS if k not in ("referral", "reference", "extra"))
NESTED_COLUMNS = (
    *(f"referral.{k}" for k in data.REFERRAL_KEYS),
    *(f"reference.{k}" for k in data.REFERENCE_KEYS),
)
COLUMNS = (*FLAT_COLUMNS, *NESTED_COLUMNS)
"""Every column a CSV call list may have, besides free-form ``extra.NAME`` ones."""
SLOT_SEPARATOR = ";"
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MAX_DEPTH = data.MAX_DEPTH  # levels of nesting in a YAML list; a prospect needs three or four
_NOT_UTF8 = "is not UTF-8 text (a bad byte in this row); save the file as UTF-8"


class Row(NamedTuple):
    """One prospect of a call list, as read: validated later, where it is drafted.

    ``payload`` is a validated Prospect (YAML) or the row's cells (CSV); ``error`` is set
    instead when the row is already known to be bad. A tuple: it is cheap to send to a worker.
    """

    number: int
    line: int
    name: str | None
    payload: Any = None
    error: str | None = None


@dataclass(frozen=True)
class Columns:
    """What each CSV column holds: (index, path) pairs, the path a tuple like ('referral', 'by')."""

    source: str
    fields: tuple[tuple[int, tuple[str, ...]], ...]
    unnamed: tuple[int, ...] = ()
    width: int = 0

    @property
    def name_index(self) -> int | None:
        """Return the index of the name column."""
        return next((i for i, path in self.fields if path == ("name",)), None)


class CallList:
    """A call list opened for reading: its kind, its caller (YAML only) and its rows.

    Opening it checks the file as a whole (for YAML: the syntax of the whole file, its top-level
    keys and its caller); the rows are then read one at a time, in bounded memory.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.source = str(path)
        self.kind = "csv" if self.path.suffix.lower() == ".csv" else "yaml"
        self.caller: Caller | None = None
        self.columns: Columns | None = None
        self._yaml: _YamlList | None = None
        if self.kind == "csv":
            self.columns = _read_header(self.path, self.source)
        else:
            self._yaml = _YamlList(self.path, self.source)
            self.caller = self._yaml.caller

    def rows(self) -> Iterator[Row]:
        """Yield every row in order."""
        if self._yaml is not None:
            yield from self._yaml.rows()
            return
        assert self.columns is not None
        yield from _csv_rows(self.path, self.source, self.columns)

    def count(self) -> int:
        """Return the number of rows (for CSV, by reading the file once more)."""
        if self._yaml is not None:
            return self._yaml.count
        return sum(1 for _ in _records(self.path, self.source))


# --- YAML -----------------------------------------------------------------------------------


class _Events:
    """One pass over a YAML text's events, composing nodes only where asked.

    libyaml's composer builds every node of the file at once (and slowly, through PyYAML's
    resolver); reading events and composing one prospect at a time keeps memory bounded by
    the largest prospect and is about twice as fast. The nodes are the ones the composer would
    make (BaseLoader: every scalar plain text), so data._Reader checks them the same way.
    """

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.loader = data._Loader(text)
        self.anchors: dict[str, yaml.Node] = {}

    def close(self) -> None:
        self.loader.dispose()

    def get(self) -> Any:
        try:
            return self.loader.get_event()
        except yaml.YAMLError:
            self.fail()

    def peek(self) -> Any:
        try:
            return self.loader.peek_event()
        except yaml.YAMLError:
            self.fail()

    def fail(self) -> NoReturn:
        """Raise the error data.compose gives for this text (it meets the same problem)."""
        data.compose(self.text, self.source)
        raise DataError("YAML error: the file cannot be read", path=self.source)

    def deep(self, event: Any) -> NoReturn:
        """Refuse nesting no prospect needs (and that would exhaust the stack)."""
        raise DataError(
            f"nested more than {_MAX_DEPTH} levels deep; a prospect is a mapping of a few fields",
            path=self.source,
            line=event.start_mark.line + 1,
        )

    def node(self, depth: int = 0) -> yaml.Node:
        """Compose the next node, aliases resolved, tags as the base resolver gives them."""
        event = self.get()
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                self.fail()  # an undefined alias
            return self.anchors[event.anchor]
        if event.anchor is not None and event.anchor in self.anchors:
            self.fail()  # a duplicate anchor
        if depth > _MAX_DEPTH:
            self.deep(event)
        tag = None if event.tag in (None, "!") else event.tag
        node: yaml.Node
        if isinstance(event, yaml.ScalarEvent):
            node = yaml.ScalarNode(
                tag or _STR, event.value, event.start_mark, event.end_mark, style=event.style
            )
        elif isinstance(event, yaml.SequenceStartEvent):
            node = yaml.SequenceNode(
                tag or _SEQ, [], event.start_mark, None, flow_style=event.flow_style
            )
        elif isinstance(event, yaml.MappingStartEvent):
            node = yaml.MappingNode(
                tag or _MAP, [], event.start_mark, None, flow_style=event.flow_style
            )
        else:
            self.fail()
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        if isinstance(node, yaml.SequenceNode):
            while not isinstance(self.peek(), yaml.SequenceEndEvent):
                node.value.append(self.node(depth + 1))
            node.end_mark = self.get().end_mark
        elif isinstance(node, yaml.MappingNode):
            while not isinstance(self.peek(), yaml.MappingEndEvent):
                key = self.node(depth + 1)
                node.value.append((key, self.node(depth + 1)))
            node.end_mark = self.get().end_mark
        return node

    def skip(self) -> yaml.Node:
        """Pass over the next node without keeping it; return a stand-in at its start.

        Anchored nodes inside are composed and kept (a later alias, say in the caller, needs
        them), as the composer would.
        """
        first = self.peek()
        depth = 0
        while True:
            event = self.peek()
            if not isinstance(event, yaml.AliasEvent) and getattr(event, "anchor", None):
                self.node(depth)
                event = None
            else:
                event = self.get()
                if isinstance(event, yaml.AliasEvent) and event.anchor not in self.anchors:
                    self.fail()
                if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                    depth += 1
                    if depth > _MAX_DEPTH:
                        self.deep(event)
                elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                    depth -= 1
            if depth == 0:
                end = event.end_mark if event is not None else first.end_mark
                return yaml.ScalarNode(_STR, "", first.start_mark, end)


class _YamlList:
    """A YAML prospects file: checked whole on a first pass, its prospects read on a second.

    The first pass reads every event (so a syntax error anywhere stops the run before anything
    is drafted), checks the top-level keys and the caller, and counts the prospects without
    composing them. The second composes and checks one prospect at a time.
    """

    def __init__(self, path: Path, source: str) -> None:
        self.source = source
        self.text = data.read_text(path)
        self.caller: Caller | None = None
        self.count = 0
        self.whole = False  # the file is one prospect mapping, without prospects:
        self.budget = max(data.MIN_NODE_BUDGET, 2 * len(self.text))
        reader = data._Reader(source, self.budget)
        ev = _Events(self.text, source)
        try:
            root = self._scan(ev)
        finally:
            ev.close()
        if root is None:
            raise DataError(
                "the file is empty; run `voicemail-coach init` for an example", path=source
            )
        if not isinstance(root, yaml.MappingNode):
            raise reader.fail(
                root, f"the file must hold a mapping with 'prospects:', not {data._kind(root)}"
            )
        keys = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
        if "name" in keys and not keys & set(data.TOP_KEYS):
            self.whole, self.count = True, 1
            return
        top = reader.mapping(root, "the file", data.TOP_KEYS)
        self.caller = reader.caller(top["caller"]) if "caller" in top else None
        if "prospects" not in top:
            raise reader.fail(root, "no prospects: add a `prospects:` list (or a single prospect)")
        seq = top["prospects"]
        if isinstance(seq, yaml.SequenceNode):
            self.count = len(seq.value)
        elif isinstance(seq, yaml.MappingNode):
            self.count = 1
        else:
            raise reader.fail(
                seq, "prospects must be a list of mappings, each with name and company"
            )
        if not self.count:
            raise reader.fail(seq, "prospects is empty: add at least one with name and company")

    def _scan(self, ev: _Events) -> yaml.Node | None:
        """Read the whole file; return the root with stand-ins for what is read later."""
        ev.get()  # the stream start
        if isinstance(ev.peek(), yaml.StreamEndEvent):
            return None
        ev.get()  # the document start
        if not isinstance(ev.peek(), yaml.MappingStartEvent):
            root = ev.node()
        else:
            start = ev.get()
            root = yaml.MappingNode(_MAP, [], start.start_mark, None)
            while not isinstance(ev.peek(), yaml.MappingEndEvent):
                key = ev.node()
                name = key.value if isinstance(key, yaml.ScalarNode) else None
                if name == "prospects" and isinstance(ev.peek(), yaml.SequenceStartEvent):
                    head = ev.get()
                    items = []
                    while not isinstance(ev.peek(), yaml.SequenceEndEvent):
                        items.append(ev.skip())
                    end = ev.get()
                    value: yaml.Node = yaml.SequenceNode(_SEQ, items, head.start_mark, end.end_mark)
                elif name in ("caller", "prospects", "name"):
                    value = ev.node()
                else:
                    value = ev.skip()
                root.value.append((key, value))
            root.end_mark = ev.get().end_mark
        ev.get()  # the document end
        if not isinstance(ev.peek(), yaml.StreamEndEvent):
            ev.fail()  # a second document
        return root

    def rows(self) -> Iterator[Row]:
        """Compose and check each prospect in turn."""
        reader = data._Reader(self.source, self.budget)
        ev = _Events(self.text, self.source)
        try:
            ev.get()
            ev.get()
            if self.whole:
                yield self._row(reader, 1, ev.node())
                return
            ev.get()  # the root mapping
            while not isinstance(ev.peek(), yaml.MappingEndEvent):
                key = ev.node()
                if not (isinstance(key, yaml.ScalarNode) and key.value == "prospects"):
                    ev.node()  # composed for its anchors
                elif isinstance(ev.peek(), yaml.SequenceStartEvent):
                    ev.get()
                    number = 0
                    while not isinstance(ev.peek(), yaml.SequenceEndEvent):
                        number += 1
                        yield self._row(reader, number, ev.node())
                    ev.get()
                else:
                    yield self._row(reader, 1, ev.node())
        finally:
            ev.close()

    def _row(self, reader: data._Reader, number: int, node: yaml.Node) -> Row:
        """Check one prospect node into a Row (or an error Row)."""
        line = node.start_mark.line + 1
        try:
            prospect = reader.prospect(node, "prospect")
        except DataError as exc:
            return Row(number, line, _node_name(node), error=str(exc))
        return Row(number, line, prospect.name, payload=prospect)


def _node_name(node: yaml.Node) -> str | None:
    """Return a prospect node's name for messages, when it has a plain one."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if (
                isinstance(key, yaml.ScalarNode)
                and key.value == "name"
                and isinstance(value, yaml.ScalarNode)
                and value.value.strip()
            ):
                return value.value.strip()
    return None


# --- CSV ------------------------------------------------------------------------------------


def _lines(path: Path, source: str, bad: set[int]) -> Iterator[str]:
    """Yield the file's lines decoded as UTF-8 (a BOM dropped); note those with a bad byte."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise DataError("no such file; check the path", path=source) from None
    except IsADirectoryError:
        raise DataError("is a folder; give a .csv or .yaml file", path=source) from None
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", path=source) from None
    with handle:
        first = True
        for number, raw in enumerate(handle, start=1):
            if first:
                first = False
                if raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                bad.add(number)
                yield raw.decode("utf-8", "surrogateescape")


def _records(
    path: Path, source: str, bad: set[int] | None = None
) -> Iterator[tuple[int, int, list[str] | None, str | None]]:
    """Yield (first line, last line, cells, CSV error) of each non-blank row after the header."""
    bad = set() if bad is None else bad
    reader = csv.reader(_lines(path, source, bad))
    header = True
    last = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            first, last = last + 1, reader.line_num
            if header:
                raise DataError(
                    f"the header is not valid CSV: {exc}", path=source, line=first
                ) from None
            yield first, last, None, f"not valid CSV: {exc}"
            continue
        first, last = last + 1, reader.line_num
        if header:
            header = False
            continue
        if cells and any(c.strip() for c in cells):
            yield first, last, cells, None


def _read_header(path: Path, source: str) -> Columns:
    """Read and check the header line: known columns, no duplicates, name and company present."""
    bad: set[int] = set()
    reader = csv.reader(_lines(path, source, bad))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise DataError(f"the header is not valid CSV: {exc}", path=source, line=1) from None
    if header is None or not any(h.strip() for h in header):
        raise DataError(
            "the file is empty; its first line must name the columns, like name,company,phone,need",
            path=source,
            line=1 if header else None,
        )
    if bad:
        raise DataError(
            "is not UTF-8 text (a bad byte in the header); save the file as UTF-8",
            path=source,
            line=1,
        )
    known = (*COLUMNS, "extra.NAME")
    fields: list[tuple[int, tuple[str, ...]]] = []
    unnamed: list[int] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(header):
        title = raw.strip()
        if not title:
            unnamed.append(index)
            continue
        low = title.lower()
        if low.startswith("extra.") and len(title) > len("extra."):
            parts = title.split(".")
            if not all(p.strip() for p in parts[1:]):
                raise DataError(
                    f"column '{title}' has an empty part; write it like extra.industry",
                    path=source,
                    line=1,
                )
            path_parts = ("extra", *(p.strip() for p in parts[1:]))
            key = "extra." + ".".join(path_parts[1:])
        elif low in COLUMNS:
            path_parts = tuple(low.split("."))
            key = low
        else:
            raise DataError(
                f"unknown column '{title}'{did_you_mean(low, known)}", path=source, line=1
            )
        if key in seen:
            raise DataError(
                f"column '{title}' is given twice (columns {seen[key] + 1} and "
                f"{index + 1}); keep one",
                path=source,
                line=1,
            )
        seen[key] = index
        fields.append((index, path_parts))
    paths = [p for _, p in fields]
    for p in paths:
        for q in paths:
            if len(q) > len(p) and q[: len(p)] == p:
                raise DataError(
                    f"columns '{'.'.join(p)}' and '{'.'.join(q)}' cannot both be "
                    "given: one holds text, the other a field inside it",
                    path=source,
                    line=1,
                )
    for required in ("name", "company"):
        if required not in seen:
            raise DataError(
                f"no '{required}' column: the first line must name the columns, "
                "with at least name and company",
                path=source,
                line=1,
            )
    return Columns(source=source, fields=tuple(fields), unnamed=tuple(unnamed), width=len(header))


def _csv_rows(path: Path, source: str, columns: Columns) -> Iterator[Row]:
    """Yield each CSV record as a Row of cells (or of an error), in order."""
    bad: set[int] = set()
    name_at = columns.name_index
    for number, (first, last, cells, problem) in enumerate(_records(path, source, bad), start=1):
        name = None
        if cells is not None and name_at is not None and name_at < len(cells):
            name = cells[name_at].strip() or None
        if problem is None and any(n in bad for n in range(first, last + 1)):
            problem = _NOT_UTF8
            name = (
                name.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if name else None
            )
        if problem is not None:
            yield Row(number, first, name, error=f"{source}:{first}: {problem}")
        else:
            yield Row(number, first, name, payload=tuple(cells or ()))
        if len(bad) > 10_000:
            bad = {n for n in bad if n > last}


def csv_prospect(row: Row, columns: Columns) -> Prospect:
    """Validate one CSV row with the YAML loader's rules; raise DataError naming file:line."""
    cells: tuple[str, ...] = row.payload
    source = columns.source
    mark = yaml.Mark(source, 0, row.line - 1, 0, None, None)
    if len(cells) > columns.width:
        extra = [c for c in cells[columns.width :] if c.strip()]
        if extra:
            raise DataError(
                f"the row has {len(cells)} values but the header names "
                f"{columns.width} columns; quote values that hold a comma",
                path=source,
                line=row.line,
            )
    for index in columns.unnamed:
        if index < len(cells) and cells[index].strip():
            raise DataError(
                f"a value ('{data._clip(cells[index].strip())}') in column "
                f"{index + 1}, which has no name in the header; name the column",
                path=source,
                line=row.line,
            )
    tree: dict[str, Any] = {}
    for index, path in columns.fields:
        if index >= len(cells):
            continue
        value = cells[index]
        if not value.strip():
            continue
        node = tree
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    if "slots" in tree:
        tree["slots"] = [s.strip() for s in tree["slots"].split(SLOT_SEPARATOR) if s.strip()]
    root = _node(tree, mark)
    reader = data._Reader(source, data.MIN_NODE_BUDGET)
    return reader.prospect(root, "prospect")


def _node(value: Any, mark: yaml.Mark) -> yaml.Node:
    """Return the YAML node the loader would have made for a cell (or a group of cells)."""
    if isinstance(value, dict):
        pairs = [(yaml.ScalarNode(_STR, k, mark, mark), _node(v, mark)) for k, v in value.items()]
        return yaml.MappingNode(_MAP, pairs, mark, mark)
    if isinstance(value, list):
        return yaml.SequenceNode(_SEQ, [_node(v, mark) for v in value], mark, mark)
    return yaml.ScalarNode(_STR, value, mark, mark)


def read_caller(path: str | Path) -> Caller:
    """Read a caller from a YAML file: one with a `caller:` section, or the mapping itself."""
    source = str(path)
    text = data.read_text(path)
    root = data.compose(text, source)
    reader = data._Reader(source, max(data.MIN_NODE_BUDGET, 2 * len(text)))
    if root is None:
        raise DataError(
            "the file is empty; it needs a caller: name, company and phone", path=source
        )
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "caller":
                return reader.caller(value)
    return reader.caller(root)
