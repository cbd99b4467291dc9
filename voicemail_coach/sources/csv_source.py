"""CSV call lists -> plain data per row: our own columns, or a CRM export as it comes.

The file is read once (bytes, bounded) and decoded once: UTF-8 (a BOM dropped), else, for a
file with no UTF-8 text in it at all, Windows-1252 with a note; a UTF-8 file with a few bad
bytes keeps them as errors of their rows. The delimiter (comma, semicolon or tab) is sniffed
from the header line.

Columns: the first line names them; ``columns`` says what each one holds (our own names, the
headers of CRM exports, ``--map`` and ``--id``).

Rows: a quoted value may run over several lines, but one that swallows what looks like other
rows, runs past ``MAX_RECORD_LINES`` lines or ``MAX_RECORD_CHARS`` characters, or never closes
is an error record at the line where its quote opened, and reading starts again on the next
line: no row is ever lost, and every non-blank data line is accounted for.
"""

from __future__ import annotations

import csv
import re
from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple, overload

from ..errors import DataError
from .columns import FIRST_NAME, LAST_NAME, Header, read_header
from .files import decode_utf8
from .schema import clip

MAX_RECORD_LINES = 50
"""The most lines one quoted value may run over."""
MAX_RECORD_CHARS = 20_000
"""The most characters one row may hold."""
DELIMITERS = (",", ";", "\t")

_ISO_PLACE = re.compile(r"(?:[A-Za-z]{2}-)?[A-Za-z0-9]{1,3}")
_LINE_END = re.compile(rb"\r\n|\r|\n")
_UTF8_TEXT = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


class Lines(Sequence[str]):
    """A file's lines with their endings (CR LF, LF or CR alone), decoded one at a time.

    Only the bytes and one offset per line are kept, so a big list costs little more than its
    size in memory.
    """

    def __init__(self, raw: bytes, encoding: str, errors: str = "strict") -> None:
        self.raw = raw
        self.encoding = encoding
        self.errors = errors
        ends = array("q", (m.end() for m in _LINE_END.finditer(raw)))
        if not ends or ends[-1] < len(raw):
            ends.append(len(raw))
        if len(raw) == 0:
            ends = array("q")
        self.ends = ends

    def __len__(self) -> int:
        return len(self.ends)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        start = self.ends[index - 1] if index > 0 else 0
        return self.raw[start : self.ends[index]].decode(self.encoding, self.errors)


def decode(raw: bytes, source: str) -> tuple[Lines, str | None]:
    """Return a CSV file's lines, decoded, and a note when the file was not UTF-8.

    UTF-8 (a BOM dropped); a UTF-16 file with a byte-order mark; else, for a file with no UTF-8
    text in it at all, Windows-1252. Bad bytes in a file that is otherwise UTF-8 are kept (as
    surrogate escapes) so their rows, and only those, are refused.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Lines(raw.decode("utf-16").encode("utf-8"), "utf-8"), None
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        decode_utf8(raw, source)
    except DataError as exc:
        if "UTF-16" in exc.message:
            raise
    else:
        return Lines(raw, "utf-8"), None
    if _UTF8_TEXT.search(raw):
        return Lines(raw, "utf-8", "surrogateescape"), None
    note = (
        f"{source}: not UTF-8, read as Windows-1252 (as Excel saves it); "
        "save it as CSV UTF-8 to be sure of every accent"
    )
    return Lines(raw, "cp1252", "replace"), note


def sniff(first_line: str) -> str:
    """Return the delimiter a header line uses: the most common of comma, semicolon, tab."""
    plain = re.sub(r'"[^"]*"', "", first_line)
    counts = [(plain.count(d), -i, d) for i, d in enumerate(DELIMITERS)]
    best = max(counts)
    return best[2] if best[0] else ","


class Record(NamedTuple):
    """One row as split from the file: its first line, its cells, or why it cannot be read."""

    line: int
    cells: list[str] | None
    problem: str | None = None


class _Runaway(Exception):
    """A row ran past the size limits."""


class _Feed:
    """Hand lines to the csv module, counting them, and stop a row that runs away."""

    def __init__(self, lines: Sequence[str], start: int) -> None:
        self.lines = lines
        self.pos = start
        self.row_start = start
        self.chars = 0

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.lines):
            raise StopIteration
        if self.pos - self.row_start >= MAX_RECORD_LINES or self.chars > MAX_RECORD_CHARS:
            raise _Runaway
        line = self.lines[self.pos]
        self.pos += 1
        self.chars += len(line)
        return line


_OPEN_QUOTE = (
    'a quote (") opens a value here that does not close on this line; '
    'close it, or write a quote inside a quoted value as ""'
)


def records(lines: Sequence[str], start: int, width: int, delimiter: str) -> Iterator[Record]:
    """Yield every non-blank row from line index `start` on, each accounted for.

    A row over several lines is kept only when it has `width` values and no line inside its
    quoted value looks like a row of its own; otherwise (and for a row past the size limits or
    a quote never closed) the row is an error at its first line, and reading resumes on the
    line after it.
    """
    feed = _Feed(lines, start)
    reader = csv.reader(feed, delimiter=delimiter)
    while True:
        feed.row_start = first = feed.pos
        feed.chars = 0
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (_Runaway, csv.Error) as exc:
            problem = _OPEN_QUOTE if isinstance(exc, _Runaway) else f"not valid CSV: {exc}"
            yield Record(first + 1, None, problem)
            feed = _Feed(lines, first + 1)
            reader = csv.reader(feed, delimiter=delimiter)
            continue
        unclosed = feed.pos >= len(lines) and bool(cells) and cells[-1].endswith(("\n", "\r"))
        if feed.pos - first > 1 or unclosed:
            inner = lines[first + 1 : feed.pos - 1]  # the lines wholly inside the quoted value
            if (
                unclosed
                or len(cells) != width
                or any(line.count(delimiter) >= max(1, width - 1) for line in inner)
            ):
                yield Record(first + 1, None, _OPEN_QUOTE)
                feed = _Feed(lines, first + 1)
                reader = csv.reader(feed, delimiter=delimiter)
                continue
        if cells and any(c.strip() for c in cells):
            yield Record(first + 1, cells)


def row_data(cells: Sequence[str], header: Header, line: int) -> dict[str, Any]:
    """Return one row's plain data (nested by dotted columns; empty cells left out).

    Raises DataError naming the line for values past the named columns.
    """
    source = header.source
    if len(cells) > header.width:
        extra = [c for c in cells[header.width :] if c.strip()]
        if extra:
            raise DataError(
                f"the row has {len(cells)} values but the header names {header.width} "
                f"columns; quote values that hold a '{header.delimiter}'",
                path=source,
                line=line,
            )
    for index in header.unnamed:
        if index < len(cells) and cells[index].strip():
            raise DataError(
                f"a value ('{clip(cells[index].strip())}') in column {index + 1}, which has "
                "no name in the header; name the column",
                path=source,
                line=line,
            )
    tree: dict[str, Any] = {}
    first = last = ""
    phone_ok = False
    for index, path in header.targets:
        if index >= len(cells):
            continue
        value = cells[index].strip()
        if not value:
            continue
        if path == FIRST_NAME:
            first = first or value
            continue
        if path == LAST_NAME:
            last = last or value
            continue
        if (
            header.crm
            and path in (("country",), ("subdivision",))
            and not _ISO_PLACE.fullmatch(value)
        ):
            path = ("extra", str(path[0]))
        node = tree
        for part in path[:-1]:
            node = node.setdefault(str(part), {})
            if not isinstance(node, dict):  # pragma: no cover - refused by the header check
                break
        key = str(path[-1])
        if key in node:
            if path == ("phone",) and not phone_ok and _valid_phone(value):
                node[key], phone_ok = value, True
            continue
        node[key] = value
        if path == ("phone",):
            phone_ok = _valid_phone(value)
    if "name" not in tree and (first or last):
        tree["name"] = f"{first} {last}".strip()
    return tree


def _valid_phone(value: str) -> bool:
    """Return True when a cell holds a phone number."""
    from ..phones import normalize as phone

    return phone(value) is not None


class CsvList:
    """A CSV call list, read once: its header checked, its rows split on demand.

    ``notes`` holds what a user should hear once (e.g. the file was read as Windows-1252).
    """

    def __init__(
        self,
        raw: bytes,
        source: str,
        mapping: Mapping[str, str] | None = None,
        id_column: str | None = None,
    ) -> None:
        self.source = source
        self.lines, note = decode(raw, source)
        self.notes: list[str] = [note] if note else []
        if not self.lines or not self.lines[0].strip():
            raise DataError(
                "the file is empty; its first line must name the columns, "
                "like name,company,phone,need",
                path=source,
                line=1 if self.lines else None,
            )
        delimiter = sniff(self.lines[0])
        head = next(records(self.lines, 0, 0, delimiter), None)
        if head is None or head.cells is None:
            raise DataError(
                "the header (the first line) is not valid CSV: "
                + (head.problem if head and head.problem else "no columns"),
                path=source,
                line=1,
            )
        if any("\udc80" <= ch <= "\udcff" for ch in "".join(head.cells)):
            raise DataError(
                "is not UTF-8 text (a bad byte in the header); save the file as UTF-8",
                path=source,
                line=1,
            )
        self.header_end = 1  # a header over several lines is refused by `records` above
        self.header = read_header(head.cells, source, delimiter, mapping, id_column)

    def records(self) -> Iterator[Record]:
        """Yield every data row (see `records`)."""
        return records(self.lines, self.header_end, self.header.width, self.header.delimiter)
