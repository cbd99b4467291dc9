"""Call lists read row by row: the YAML prospects file, or a CSV export from a CRM.

The interface the batch drafter uses::

    listing = open_list(path, mapping={"Call Attempts": "attempts"}, id_column="Lead ID")
    listing.caller            # the YAML file's caller, or None
    listing.notes             # lines to show the user once (e.g. "read as Windows-1252")
    listing.count()           # the number of rows rows() yields
    for row in listing.rows():   # Row(number, line, name, payload, error, id)
        prospect = to_prospect(row)   # validated here, or DataError naming file:line and key

A problem with the file as a whole (unreadable, broken YAML, an unknown column, a caller that
does not validate) raises DataError from ``open_list``. A problem with one row never does:
``rows()`` yields it, either with ``error`` set (a CSV row that cannot be split) or as plain
data that ``to_prospect`` refuses, so one bad row cannot stop the others. Rows are small and
picklable; validation happens where ``to_prospect`` is called (a worker process).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import DataError
from ..models import Caller, Prospect
from . import schema
from .books import check_top
from .csv_source import CsvList, row_data
from .files import decode_utf8, read_bytes, source_name
from .locations import Locations
from .yaml_source import ListReader, Parsed

_NOT_UTF8 = "is not UTF-8 text (a bad byte in this row); save the file as UTF-8"


class Row(NamedTuple):
    """One prospect of a call list, as read; validated by ``to_prospect``.

    ``number`` counts rows from 1; ``line`` is the row's first line in the file; ``name`` the
    prospect's name when one can be read (for messages); ``payload`` the row's plain data with
    its Locations (a ``Parsed``); ``error`` a ready ``file:line: message`` instead when the row
    could not even be read; ``id`` the CRM id when the row has one.
    """

    number: int
    line: int
    name: str | None
    payload: Parsed | None = None
    error: str | None = None
    id: str | None = None


def to_prospect(row: Row) -> Prospect:
    """Validate a row into a Prospect; DataError names file:line, the key and the prospect."""
    if row.error is not None or row.payload is None:
        raise DataError(row.error or "the row cannot be read", line=row.line, prospect=row.name)
    return schema.prospect(row.payload.data, row.payload.where)


def _name(data: Any) -> str | None:
    """Return a row's name for messages."""
    if isinstance(data, Mapping):
        name = data.get("name")
        if isinstance(name, str) and name.strip():
            return schema.clip(name.strip(), 80)
    return None


def _id(data: Any) -> str | None:
    """Return a row's id when it is plain text."""
    if isinstance(data, Mapping):
        value = data.get("id")
        if isinstance(value, str) and value.strip():
            return schema.clip(value.strip(), 200)
    return None


class CallList:
    """A call list opened for reading (see the module docstring); ``kind`` is yaml or csv."""

    def __init__(
        self,
        path: str | Path,
        mapping: Mapping[str, str] | None = None,
        id_column: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.source = source_name(path)
        self.kind = "csv" if self.path.suffix.lower() in (".csv", ".tsv") else "yaml"
        self.caller: Caller | None = None
        self.notes: list[str] = []
        raw = read_bytes(path)
        self._csv: CsvList | None = None
        self._yaml: ListReader | None = None
        if self.kind == "csv":
            self._csv = CsvList(raw, self.source, mapping, id_column)
            self.notes = self._csv.notes
            return
        if mapping or id_column:
            raise DataError(
                "--map and --id are for CSV exports; a YAML list names its keys itself",
                path=self.source,
            )
        self._yaml = ListReader(decode_utf8(raw, self.source), self.source)
        self.caller = check_top(self._yaml)

    def rows(self) -> Iterator[Row]:
        """Yield every row in order."""
        if self._yaml is not None:
            for item in self._yaml.items():
                data = item.parsed.data
                yield Row(item.number, item.line, _name(data), item.parsed, id=_id(data))
            return
        assert self._csv is not None
        header = self._csv.header
        source = self.source
        for number, record in enumerate(self._csv.records(), start=1):
            name: str | None = None
            if record.cells is None:
                yield Row(
                    number, record.line, None, error=f"{source}:{record.line}: {record.problem}"
                )
                continue
            try:
                data = row_data(record.cells, header, record.line)
            except DataError as exc:
                yield Row(number, record.line, None, error=str(exc))
                continue
            name = _name(data)
            if any("\udc80" <= ch <= "\udcff" for ch in "".join(record.cells)):
                shown = (
                    name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                    if name
                    else None
                )
                yield Row(number, record.line, shown, error=f"{source}:{record.line}: {_NOT_UTF8}")
                continue
            where = Locations(source, line=record.line)
            yield Row(number, record.line, name, Parsed(data, where), id=_id(data))

    def count(self) -> int:
        """Return the number of rows ``rows()`` yields (for CSV, by splitting the rows again)."""
        if self._yaml is not None:
            return self._yaml.count
        assert self._csv is not None
        return sum(1 for _ in self._csv.records())


def open_list(
    path: str | Path,
    mapping: Mapping[str, str] | None = None,
    id_column: str | None = None,
) -> CallList:
    """Open a call list (``.csv``/``.tsv``: CSV, else YAML) and check it as a whole.

    `mapping` ({"HEADER": "field"}, from ``--map``) and `id_column` (from ``--id``) say what a
    CSV export's other columns hold. Raises DataError when the list cannot be read at all.
    """
    return CallList(path, mapping, id_column)
