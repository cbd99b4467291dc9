"""CSV call lists -> plain data per row: our own columns, or a CRM export as it comes.

The file is read once (bytes, bounded) and decoded once: UTF-8 (a BOM dropped), else, for a
file with no UTF-8 text in it at all, Windows-1252 with a note; a UTF-8 file with a few bad
bytes keeps them as errors of their rows. The delimiter (comma, semicolon or tab) is sniffed
from the header line.

Columns: the first line names them. Our own names (``name``, ``company``, ``phone``,
``referral.by``, ``extra.industry``, ...; see ``COLUMNS``) are matched without regard to case,
spaces or underscores. The standard headers of HubSpot, Salesforce, Pipedrive, Close and Apollo
exports are recognised as they come (``ALIASES``: "First Name" + "Last Name" give the name,
"Company Name"/"Account Name"/"Organization" the company, "Phone Number"/"Mobile Phone" the
phone, the first valid one winning, "Time Zone", "Record ID"/"Id" the id...). A file that uses
any CRM header is a CRM export: its other columns are kept under ``extra`` (as snake_case keys:
"Lead Status" -> ``extra.lead_status``) instead of being refused; in a file of our own columns
an unknown column is an error naming every unknown column at once, with suggestions.
``mapping`` ({"Call Attempts": "attempts"}) and ``id_column`` say what other columns hold.

Rows: a quoted value may run over several lines, but one that swallows what looks like other
rows, runs past ``MAX_RECORD_LINES`` lines or ``MAX_RECORD_CHARS`` characters, or never closes
is an error record at the line where its quote opened, and reading starts again on the next
line: no row is ever lost, and every non-blank data line is accounted for.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..errors import DataError
from ..models import PROSPECT_KEYS, REFERENCE_KEYS, REFERRAL_KEYS
from ..suggest import did_you_mean
from .files import decode_utf8
from .schema import MAX_ITEMS, KeyPath, clip

FLAT_COLUMNS = tuple(k for k in PROSPECT_KEYS if k not in ("referral", "reference", "extra"))
NESTED_COLUMNS = (
    *(f"referral.{k}" for k in REFERRAL_KEYS),
    *(f"reference.{k}" for k in REFERENCE_KEYS),
)
COLUMNS = (*FLAT_COLUMNS, *NESTED_COLUMNS)
"""Every column of our own a CSV call list may have, besides free-form ``extra.NAME`` ones."""
MAX_RECORD_LINES = 50
"""The most lines one quoted value may run over."""
MAX_RECORD_CHARS = 20_000
"""The most characters one row may hold."""
DELIMITERS = (",", ";", "\t")

_FIRST = ("name", "@first")
_LAST = ("name", "@last")
_ALIAS_TABLE: dict[KeyPath, tuple[str, ...]] = {
    ("name",): (
        "full name",
        "contact name",
        "contact full name",
        "person name",
        "person - name",
        "contact",
        "display name",
        "lead full name",
    ),
    _FIRST: (
        "first name",
        "firstname",
        "given name",
        "contact first name",
        "person - first name",
        "first",
    ),
    _LAST: (
        "last name",
        "lastname",
        "surname",
        "family name",
        "contact last name",
        "person - last name",
        "last",
    ),
    ("company",): (
        "company name",
        "account name",
        "account",
        "organization",
        "organisation",
        "organization name",
        "organisation name",
        "organization - name",
        "lead name",
        "company / account",
        "employer",
    ),
    ("phone",): (
        "phone number",
        "phone",
        "mobile phone",
        "mobile phone number",
        "mobile",
        "work phone",
        "business phone",
        "direct phone",
        "direct dial",
        "corporate phone",
        "work direct phone",
        "primary phone",
        "contact phone",
        "person - phone",
        "person - phone - work",
        "person - phone - mobile",
        "phone 1",
        "home phone",
        "other phone",
        "cell phone",
    ),
    ("timezone",): (
        "time zone",
        "contact time zone",
        "person - time zone",
        "tz",
        "local time zone",
    ),
    ("id",): (
        "record id",
        "contact id",
        "lead id",
        "person id",
        "person - id",
        "contact record id",
        "apollo contact id",
        "salesforce id",
        "crm id",
        "lead_id",
        "contact_id",
    ),
    ("salutation",): ("salutation", "prefix", "title prefix"),
    ("extra", "title"): ("job title", "title", "person - job title", "position"),
    ("extra", "industry"): ("industry", "organization - industry", "company industry"),
}
ALIASES: dict[str, KeyPath] = {name: path for path, names in _ALIAS_TABLE.items() for name in names}
"""CRM export headers (normalized: lower case, single spaces) and the field each one fills."""
_CANDIDATES = frozenset({("phone",), ("company",), ("name",), ("timezone",), ("id",)})
_SEPARATORS = re.compile(r"[\s_]+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_UTF8_TEXT = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_SLUG = re.compile(r"[^0-9a-z]+")
_ISO_PLACE = re.compile(r"(?:[A-Za-z]{2}-)?[A-Za-z0-9]{1,3}")


def normalize(title: str) -> str:
    """Return a header as matched: lower case, underscores as spaces, single spaces."""
    return _SEPARATORS.sub(" ", title.strip()).lower()


_OWN = {normalize(c): tuple(c.split(".")) for c in COLUMNS}


@dataclass(frozen=True)
class Header:
    """What each column holds (picklable; sent to worker processes with the rows).

    ``targets`` pairs column indexes with key paths; several columns may fill one path (a CRM
    export's phone columns), the first non-empty value winning (for the phone: the first valid
    one). ``crm`` says the file was recognised as a CRM export.
    """

    source: str
    targets: tuple[tuple[int, KeyPath], ...]
    width: int
    unnamed: tuple[int, ...] = ()
    crm: bool = False
    delimiter: str = ","


def decode(raw: bytes, source: str) -> tuple[str, str | None]:
    """Decode a CSV file's bytes; return the text and a note when it was not UTF-8.

    Bad bytes in a file that is otherwise UTF-8 are kept (as surrogate escapes) so their rows,
    and only those, are refused.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), None
    try:
        return decode_utf8(raw, source), None
    except DataError as exc:
        if "UTF-16" in exc.message:
            raise
    if _UTF8_TEXT.search(raw):
        return raw.decode("utf-8", "surrogateescape").removeprefix("\ufeff"), None
    note = (
        f"{source}: not UTF-8, read as Windows-1252 (as Excel saves it); "
        "save it as CSV UTF-8 to be sure of every accent"
    )
    return raw.decode("cp1252", "replace"), note


def split_lines(text: str) -> list[str]:
    """Return the lines of a text with their endings (CR LF, LF or CR alone)."""
    return _LINE.findall(text)


def sniff(first_line: str) -> str:
    """Return the delimiter a header line uses: the most common of comma, semicolon, tab."""
    plain = re.sub(r'"[^"]*"', "", first_line)
    counts = [(plain.count(d), -i, d) for i, d in enumerate(DELIMITERS)]
    best = max(counts)
    return best[2] if best[0] else ","


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """Return {"HEADER": "field"} from ``--map`` values like "Call Attempts=attempts".

    The header may hold '=' itself: the last '=' separates it from the field. Raises DataError
    for an item without '=' or with an empty side (which field names are known is checked
    against the file's header by ``read_header``).
    """
    out: dict[str, str] = {}
    for item in items:
        header, sep, field = item.rpartition("=")
        if not sep or not header.strip() or not field.strip():
            raise DataError(
                f"--map '{clip(item)}' must be HEADER=field, like --map \"Call Attempts=attempts\""
            )
        out[header.strip()] = field.strip()
    return out


def _slug(title: str) -> str:
    """Return a header as an `extra` key: 'Lead Status' -> 'lead_status'."""
    return _SLUG.sub("_", title.strip().lower()).strip("_") or "column"


def _field_path(field: str, source: str, header: str) -> KeyPath:
    """Return the key path a --map field names, refusing unknown fields."""
    low = field.strip().lower()
    if low.startswith("extra.") and len(low) > len("extra."):
        return ("extra", *(p.strip() for p in field.strip().split(".")[1:]))
    if low in _OWN:
        return _OWN[low]
    raise DataError(
        f"--map '{header}={field}': unknown field '{field}'"
        f"{did_you_mean(low, (*COLUMNS, 'extra.NAME'), 'fields')}",
        path=source,
    )


def read_header(
    cells: Sequence[str],
    source: str,
    delimiter: str = ",",
    mapping: Mapping[str, str] | None = None,
    id_column: str | None = None,
) -> Header:
    """Check a header row and say what each column holds (linear in the number of columns).

    Raises DataError (at line 1) for an empty header, unknown columns in a file of our own
    columns (all named at once), a column given twice, a column and a field inside it, no
    name or company column, or more than MAX_ITEMS ``extra`` columns.
    """
    if not any(c.strip() for c in cells):
        raise DataError(
            "the file is empty; its first line must name the columns, like name,company,phone,need",
            path=source,
            line=1 if cells else None,
        )
    given = {normalize(k): _field_path(v, source, k) for k, v in (mapping or {}).items()}
    asked = {normalize(k): k.strip() for k in (mapping or {})}
    if id_column is not None:
        given[normalize(id_column)] = ("id",)
        asked[normalize(id_column)] = id_column.strip()
    titles = [normalize(c) for c in cells]
    present = set(titles)
    missing = [asked[k] for k in given if k not in present]
    if missing:
        named = [c.strip() for c in cells if c.strip()]
        raise DataError(
            f"no column named '{clip(missing[0])}' for --map/--id"
            f"{did_you_mean(missing[0], named, 'columns')}",
            path=source,
            line=1,
        )
    crm = any(t in ALIASES and t not in _OWN for t in titles)
    targets: list[tuple[int, KeyPath]] = []
    unnamed: list[int] = []
    unknown: list[str] = []
    seen: dict[KeyPath, int] = {}
    slugs: set[str] = set()
    extras = 0
    for index, (raw, title) in enumerate(zip(cells, titles, strict=True)):
        if not title:
            unnamed.append(index)
            continue
        path: KeyPath | None = given.get(title)
        if path is None and title.startswith("extra.") and len(title) > len("extra."):
            parts = [p.strip() for p in raw.strip().split(".")[1:]]
            if not all(parts):
                raise DataError(
                    f"column '{raw.strip()}' has an empty part; write it like extra.industry",
                    path=source,
                    line=1,
                )
            path = ("extra", *parts)
        if path is None:
            path = _OWN.get(title) or ALIASES.get(title)
        if path is None and crm:
            slug = _slug(raw)
            while slug in slugs:
                slug += "_"
            path = ("extra", slug)
        if path is None:
            unknown.append(raw.strip())
            continue
        if path[0] == "extra":
            extras += 1
            slugs.add(str(path[1]))
        if path in seen and path not in _CANDIDATES and path not in (_FIRST, _LAST):
            raise DataError(
                f"column '{raw.strip()}' is given twice (columns {seen[path] + 1} and "
                f"{index + 1}); keep one",
                path=source,
                line=1,
            )
        seen.setdefault(path, index)
        targets.append((index, path))
    if unknown:
        known = (*COLUMNS, "extra.NAME")
        listed = "; ".join(
            f"'{clip(u)}'{did_you_mean(normalize(u), known, 'columns')}" for u in unknown[:5]
        )
        more = f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""
        raise DataError(
            f"unknown column{'s' if len(unknown) > 1 else ''} {listed}{more}",
            path=source,
            line=1,
        )
    if extras > MAX_ITEMS:
        raise DataError(
            f"has {extras:,} extra columns; keep it under {MAX_ITEMS:,}", path=source, line=1
        )
    _refuse_nesting_clash(seen, source)
    has = {p[0] for p in seen}
    for required in ("name", "company"):
        if required not in has:
            raise DataError(
                f"no '{required}' column: the first line must name the columns, "
                "with at least name and company",
                path=source,
                line=1,
            )
    return Header(source, tuple(targets), len(cells), tuple(unnamed), crm, delimiter)


def _refuse_nesting_clash(seen: Mapping[KeyPath, int], source: str) -> None:
    """Refuse a column that holds text while another holds a field inside it (linear)."""
    leaves = {p for p in seen if p not in (_FIRST, _LAST)}
    for path in leaves:
        for end in range(1, len(path)):
            if path[:end] in leaves:
                raise DataError(
                    f"columns '{'.'.join(map(str, path[:end]))}' and "
                    f"'{'.'.join(map(str, path))}' cannot both be given: one holds text, "
                    "the other a field inside it",
                    path=source,
                    line=1,
                )


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
        if path == _FIRST:
            first = first or value
            continue
        if path == _LAST:
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
        text, note = decode(raw, source)
        self.notes: list[str] = [note] if note else []
        self.lines = split_lines(text)
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
